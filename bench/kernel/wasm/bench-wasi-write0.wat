;; bench-wasi-write0.wat - WASI fd_write from wasm (row wasi_fd_write0):
;; one iovec of 0 bytes, the system call with its capability and iovec
;; checks and no console work; wasi_fd_write16 minus this row is what the
;; console costs.
;; Slot 0: CONSOLE w (fd 1), slot 1: CLOCK r. One untimed write, n timed
;; ones, the same loop without the write; every write must return errno 0
;; with nwritten = 0.
;; Exports: n, t_ops, t_loop (guest ns), ok (1 when the run completed).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (memory (export "memory") 1)
  (global $n (export "n") (mut i64) (i64.const 20000))
  (global $t_ops (export "t_ops") (mut i64) (i64.const 0))
  (global $t_loop (export "t_loop") (mut i64) (i64.const 0))
  (global $ok (export "ok") (mut i32) (i32.const 0))
  (global $bad (export "bad") (mut i32) (i32.const 0))
  (func $one
    ;; one iovec at 0x10: 0 bytes at 0x100; nwritten at 0x20
    (i32.store (i32.const 0x10) (i32.const 0x100))
    (i32.store (i32.const 0x14) (i32.const 0))
    (if (i32.or (call $fd_write (i32.const 1) (i32.const 0x10) (i32.const 1) (i32.const 0x20))
                (i32.ne (i32.load (i32.const 0x20)) (i32.const 0)))
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
    (call $one)
    (local.set $i (i32.wrap_i64 (global.get $n)))
    (local.set $t0 (call $clock_now (i32.const 1)))
    (loop $l
      (call $one)
      (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $t1 (call $clock_now (i32.const 1)))
    (local.set $t2 (i64.add (local.get $t1) (call $empty)))
    (global.set $t_ops (i64.sub (local.get $t1) (local.get $t0)))
    (global.set $t_loop (i64.sub (local.get $t2) (local.get $t1)))
    (global.set $ok (i32.and (i64.gt_s (local.get $t0) (i64.const 0))
                             (i32.eqz (global.get $bad))))))
