;; bench-yield-b.wat - the partner of bench-yield-a: yields n + 2 times,
;; counting them (export count). No capabilities.
(module
  (import "jericho" "yield" (func $yield))
  (global $n (export "n") (mut i64) (i64.const 10002))
  (global $count (export "count") (mut i64) (i64.const 0))
  (global $ok (export "ok") (mut i32) (i32.const 0))
  (func (export "_start")
    (local $i i32)
    (local.set $i (i32.wrap_i64 (global.get $n)))
    (loop $l
      (call $yield)
      (global.set $count (i64.add (global.get $count) (i64.const 1)))
      (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (global.set $ok (i32.const 1))))
