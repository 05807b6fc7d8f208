(module
  ;; guest_fault self-test: reads one word of every page of its memory,
  ;; forever, until the test unmaps one of them (the load then faults)
  (memory (export "memory") 1)
  (func (export "_start") (local $a i32) (local $s i32)
    (loop $forever
      (local.set $a (i32.const 0))
      (loop $pages
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 4096)))
        (br_if $pages (i32.lt_u (local.get $a) (i32.const 65536))))
      (br $forever))))
