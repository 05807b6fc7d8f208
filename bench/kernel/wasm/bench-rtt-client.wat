;; bench-rtt-client.wat - IPC call/reply round trip between two wasm tasks
;; (row ipc_rtt_wasm), 16-byte message and 16-byte reply.
;; Slot 0: ENDPOINT w (to bench-rtt-server), slot 1: CLOCK r.
;; One untimed call first (the server is then in its loop), n timed calls,
;; the same loop without the call, then a 4-byte call that stops the
;; server. Every reply must be 16 bytes and echo the sequence number.
(module
  (import "jericho" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (memory 1)
  (global $n (export "n") (mut i64) (i64.const 10000))
  (global $t_ops (export "t_ops") (mut i64) (i64.const 0))
  (global $t_loop (export "t_loop") (mut i64) (i64.const 0))
  (global $ok (export "ok") (mut i32) (i32.const 0))
  (global $bad (export "bad") (mut i32) (i32.const 0))
  ;; message at 0 (16 bytes), reply buffer at 64, info at 128
  (func $one (param $seq i32)
    (i32.store (i32.const 0) (local.get $seq))
    (if (i32.ne (call $call (i32.const 0) (i32.const 0) (i32.const 16)
                            (i32.const 64) (i32.const 16) (i32.const 128))
                (i32.const 16))
      (then (global.set $bad (i32.add (global.get $bad) (i32.const 1)))))
    (if (i32.ne (i32.load (i32.const 64)) (local.get $seq))
      (then (global.set $bad (i32.add (global.get $bad) (i32.const 1))))))
  ;; The empty loop: the least of three runs (a plain-TCG host stall
  ;; in one of them must not make it look dearer than the real loop).
  (func $empty_once (result i64) (local $i i32) (local $t i64)
    (local.set $i (i32.wrap_i64 (global.get $n)))
    (local.set $t (call $clock_now (i32.const 1)))
    (loop $l2
      (br_if $l2 (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (i64.sub (call $clock_now (i32.const 1)) (local.get $t)))
  (func $empty (result i64) (local $a i64) (local $b i64)
    (local.set $a (call $empty_once))
    (local.set $b (call $empty_once))
    (if (i64.lt_s (local.get $b) (local.get $a)) (then (local.set $a (local.get $b))))
    (local.set $b (call $empty_once))
    (if (i64.lt_s (local.get $b) (local.get $a)) (then (local.set $a (local.get $b))))
    (local.get $a))
  (func (export "_start")
    (local $i i32) (local $t0 i64) (local $t1 i64) (local $t2 i64)
    (call $one (i32.const -1))
    (local.set $i (i32.wrap_i64 (global.get $n)))
    (local.set $t0 (call $clock_now (i32.const 1)))
    (loop $l
      (call $one (local.get $i))
      (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $t1 (call $clock_now (i32.const 1)))
    (local.set $t2 (i64.add (local.get $t1) (call $empty)))
    ;; stop: a 4-byte call
    (drop (call $call (i32.const 0) (i32.const 0) (i32.const 4)
                      (i32.const 64) (i32.const 16) (i32.const 128)))
    (global.set $t_ops (i64.sub (local.get $t1) (local.get $t0)))
    (global.set $t_loop (i64.sub (local.get $t2) (local.get $t1)))
    (global.set $ok (i32.and (i64.gt_s (local.get $t0) (i64.const 0))
                             (i32.eqz (global.get $bad))))))
