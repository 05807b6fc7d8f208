;; greedy.wat - grows its memory one page at a time until memory.grow
;; says -1 (its quota, or the 256-page cap), writing each new page, and
;; exits with the number of pages it holds (wtask_quota_bounds_memory).
(module
  (import "jericho" "exit" (func $exit (param i32)))
  (memory 1)
  (func (export "_start")
    (loop $grow
      (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1))
        (then
          (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4))
                     (memory.size))
          (br $grow))))
    (call $exit (memory.size))))
