;; bench-rtt-server.wat - the server of bench-rtt-client: echoes every
;; 16-byte call with reply_recv; a call of another length is answered and
;; ends the loop. Slot 0: ENDPOINT r.
(module
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "reply_recv" (func $reply_recv (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "reply" (func $reply (param i32 i32 i32) (result i32)))
  (memory 1)
  (global $ok (export "ok") (mut i32) (i32.const 0))
  (global $served (export "served") (mut i64) (i64.const 0))
  ;; buffer at 0, info at 128 (len at 136)
  (func (export "_start")
    (local $r i32)
    (local.set $r (call $recv (i32.const 0) (i32.const 0) (i32.const 16) (i32.const 128)))
    (block $done
      (loop $l
        (br_if $done (i32.ne (local.get $r) (i32.const 16)))
        (global.set $served (i64.add (global.get $served) (i64.const 1)))
        (local.set $r (call $reply_recv (i32.const 0) (i32.const 0) (i32.const 16)
                                        (i32.const 0) (i32.const 16) (i32.const 128)))
        (br $l)))
    ;; the stop call (4 bytes) gets its answer; anything else is an error
    (if (i32.eq (local.get $r) (i32.const 4))
      (then (global.set $ok (i32.eqz (call $reply (i32.const 0) (i32.const 16) (i32.const -1))))))))
