;; steady.wat - grows its memory to 64 pages (4 MiB) one page at a time,
;; checking each page it wrote, while a greedy task beside it exhausts its
;; own quota; exits with the pages it holds (64), or 0 on a wrong value
;; (wtask_quota_bounds_memory).
(module
  (import "jericho" "exit" (func $exit (param i32)))
  (memory 1)
  (func (export "_start")
    (local $p i32)
    (loop $grow
      (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
        (then (call $exit (memory.size))))
      (local.set $p (memory.size))
      (i32.store (i32.sub (i32.mul (local.get $p) (i32.const 65536)) (i32.const 4)) (local.get $p))
      (if (i32.ne (i32.load (i32.sub (i32.mul (local.get $p) (i32.const 65536)) (i32.const 4)))
                  (local.get $p))
        (then (call $exit (i32.const 0))))
      (br_if $grow (i32.lt_u (local.get $p) (i32.const 64))))
    (call $exit (memory.size))))
