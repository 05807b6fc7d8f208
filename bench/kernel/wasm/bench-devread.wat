;; bench-devread.wat - a device register read from wasm (row dev_read_wasm):
;; dev_read of virtio-rng's first 32-bit register (x86-64: legacy
;; virtio-pci host features, an I/O port; arm64: the virtio-mmio magic),
;; through its DEVICE capability. Slot 0: DEVICE rw (virtio-rng), slot 1:
;; CLOCK r. n timed reads, the same loop without the read.
(module
  (import "jericho" "dev_read" (func $dev_read (param i32 i32 i32 i32) (result i64)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (memory 1)
  (global $n (export "n") (mut i64) (i64.const 10000))
  (global $t_ops (export "t_ops") (mut i64) (i64.const 0))
  (global $t_loop (export "t_loop") (mut i64) (i64.const 0))
  (global $ok (export "ok") (mut i32) (i32.const 0))
  (global $bad (export "bad") (mut i32) (i32.const 0))
  (func $one
    (if (i64.lt_s (call $dev_read (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 4)) (i64.const 0))
      (then (global.set $bad (i32.add (global.get $bad) (i32.const 1))))))
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
