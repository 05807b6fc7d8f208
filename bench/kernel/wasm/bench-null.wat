;; bench-null.wat - null system call from wasm (row syscall_null).
;; Slot 0: CLOCK r. clock_now is the cheapest call that decodes a
;; capability (slot range, occupied, type CLOCK, right r) and returns: its
;; only other work is reading the counter. N calls are timed, then the same
;; loop without the call; the kernel reports (t_ops - t_loop) / n.
;; Exports (read by src/kbench/bench_wasm.c after the task ended):
;; n, t_ops, t_loop (guest ns), ok (1 when the run completed).
(module
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (global $n (export "n") (mut i64) (i64.const 20000))
  (global $t_ops (export "t_ops") (mut i64) (i64.const 0))
  (global $t_loop (export "t_loop") (mut i64) (i64.const 0))
  (global $ok (export "ok") (mut i32) (i32.const 0))
  ;; The empty loop: the least of three runs (a plain-TCG host stall
  ;; in one of them must not make it look dearer than the real loop).
  (func $empty_once (result i64) (local $i i32) (local $t i64)
    (local.set $i (i32.wrap_i64 (global.get $n)))
    (local.set $t (call $clock_now (i32.const 0)))
    (loop $l2
      (br_if $l2 (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (i64.sub (call $clock_now (i32.const 0)) (local.get $t)))
  (func $empty (result i64) (local $a i64) (local $b i64)
    (local.set $a (call $empty_once))
    (local.set $b (call $empty_once))
    (if (i64.lt_s (local.get $b) (local.get $a)) (then (local.set $a (local.get $b))))
    (local.set $b (call $empty_once))
    (if (i64.lt_s (local.get $b) (local.get $a)) (then (local.set $a (local.get $b))))
    (local.get $a))
  (func (export "_start")
    (local $i i32) (local $t0 i64) (local $t1 i64) (local $t2 i64)
    (local.set $i (i32.wrap_i64 (global.get $n)))
    (local.set $t0 (call $clock_now (i32.const 0)))
    (loop $l
      (drop (call $clock_now (i32.const 0)))
      (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (local.set $t1 (call $clock_now (i32.const 0)))
    (local.set $t2 (i64.add (local.get $t1) (call $empty)))
    ;; a negative value is an error code: leave ok at 0
    (if (i64.lt_s (local.get $t0) (i64.const 0)) (then (return)))
    (global.set $t_ops (i64.sub (local.get $t1) (local.get $t0)))
    (global.set $t_loop (i64.sub (local.get $t2) (local.get $t1)))
    (global.set $ok (i32.const 1))))
