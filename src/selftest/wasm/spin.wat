(module
  (import "jericho" "exit" (func $exit (param i32)))
  ;; count to 3,000,000 summing i; exit 42 if the sum is right (preemption
  ;; must resume exactly where it stopped), else 1
  (func (export "_start") (local $i i32) (local $s i64)
    (loop $l
      (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 3000000))))
    (call $exit (select (i32.const 42) (i32.const 1)
      (i64.eq (local.get $s) (i64.const 4499998500000))))))
