(module
  ;; guest_fault self-test: writes one word of every page, forever
  (memory (export "memory") 1)
  (func (export "_start") (local $a i32)
    (loop $forever
      (local.set $a (i32.const 0))
      (loop $pages
        (i64.store (local.get $a) (i64.const 7))
        (local.set $a (i32.add (local.get $a) (i32.const 4096)))
        (br_if $pages (i32.lt_u (local.get $a) (i32.const 65536))))
      (br $forever))))
