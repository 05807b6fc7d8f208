;; hostile-kill-victim.wat - spawned by hostile-kill.wat with 0 endpoint
;; k (rwg), 1 notification n (rw), 2 clock. Loops for ever through system
;; calls that change kernel state, so that the kill lands inside one of
;; them as often as not: mint a badged child of 0 into 5, copy it to 6,
;; nb_send 4096 bytes carrying 6 (nobody receives: WOULD_BLOCK), poll,
;; revoke 0 (deleting 5 and 6), signal bit 1, read the clock, and grow
;; memory by a page now and then (up to 64 pages).
;; group: hostile-kill
;; start: no
;; expect-kernel: task hostile-kill-victim killed: by task hostile-kill
(module
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "nb_send" (func $nb_send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_copy" (func $cap_copy (param i32 i32) (result i32)))
  (import "jericho" "cap_revoke" (func $cap_revoke (param i32) (result i32)))
  (memory (export "memory") 1 64)
  (func (export "_start")
    (local $i i64)
    (loop $work
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (drop (call $cap_mint (i32.const 0) (i32.const 5) (i32.const 7)
                            (i64.and (local.get $i) (i64.const 0xffffffff))))
      (drop (call $cap_copy (i32.const 5) (i32.const 6)))
      (drop (call $nb_send (i32.const 5) (i32.const 0) (i32.const 4096) (i32.const 6)))
      (drop (call $poll (i32.const 0) (i32.const 0x1000) (i32.const 64) (i32.const 0)))
      (drop (call $cap_revoke (i32.const 0)))
      (drop (call $signal (i32.const 1) (i32.const 1)))
      (drop (call $clock_now (i32.const 2)))
      (if (i64.eqz (i64.and (local.get $i) (i64.const 63)))
        (then (drop (memory.grow (i32.const 1)))))
      (br $work))))
