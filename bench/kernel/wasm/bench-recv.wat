;; bench-recv.wat - the receiver of bench-send: takes exactly n + 1
;; messages of 16 bytes (n is bench-send's), checking each sequence number
;; (n + 1 messages: 0, then n down to 1). Slot 0: ENDPOINT r.
(module
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (global $n (export "n") (mut i64) (i64.const 10000))
  (global $ok (export "ok") (mut i32) (i32.const 0))
  (global $bad (export "bad") (mut i32) (i32.const 0))
  (func $one (param $seq i32)
    (if (i32.ne (call $recv (i32.const 0) (i32.const 0) (i32.const 16) (i32.const 128))
                (i32.const 16))
      (then (global.set $bad (i32.add (global.get $bad) (i32.const 1)))))
    (if (i32.ne (i32.load (i32.const 0)) (local.get $seq))
      (then (global.set $bad (i32.add (global.get $bad) (i32.const 1))))))
  (func (export "_start")
    (local $i i32)
    (call $one (i32.const 0))
    (local.set $i (i32.wrap_i64 (global.get $n)))
    (loop $l
      (call $one (local.get $i))
      (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (global.set $ok (i32.eqz (global.get $bad)))))
