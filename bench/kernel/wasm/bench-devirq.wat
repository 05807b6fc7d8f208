;; bench-devirq.wat - an interrupt delivered to a waiting driver task (row
;; dev_irq_wasm): binds virtio-rng's interrupt to a notification and waits
;; on it n + 1 times, acknowledging each (dev_irq_ack); after each of the n
;; timed waits it adds clock_now to sum_wake. The interrupts are raised by
;; the benchmark's kernel thread (src/kbench/bench_dev.c), which adds the
;; time it entered kernel_device_irq to its own sum: the row is the
;; difference per interrupt. (A real virtio request's completion is not
;; counted in guest instructions under -icount: QEMU finishes it in its
;; main loop, which the idle guest only reaches at its next timer tick.)
;; Slots: 0 DEVICE rw (virtio-rng), 1 CLOCK r, 2 notification.
(module
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "dev_irq_bind" (func $dev_irq_bind (param i32 i32 i32) (result i32)))
  (import "jericho" "dev_irq_ack" (func $dev_irq_ack (param i32) (result i32)))
  (memory 1)
  (global $n (export "n") (mut i64) (i64.const 2000))
  (global $sum_wake (export "sum_wake") (mut i64) (i64.const 0))
  (global $ok (export "ok") (mut i32) (i32.const 0))
  (global $bad (mut i32) (i32.const 0))
  (func $take (result i64) (local $t i64)
    (if (i64.ne (call $wait (i32.const 2)) (i64.const 1)) (then (global.set $bad (i32.const 1))))
    (local.set $t (call $clock_now (i32.const 1)))
    (if (call $dev_irq_ack (i32.const 0)) (then (global.set $bad (i32.const 1))))
    (local.get $t))
  (func (export "_start")
    (local $i i32)
    (if (call $dev_irq_bind (i32.const 0) (i32.const 2) (i32.const 1)) (then (return)))
    (drop (call $take))
    (local.set $i (i32.wrap_i64 (global.get $n)))
    (loop $l
      (global.set $sum_wake (i64.add (global.get $sum_wake) (call $take)))
      (br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
    (global.set $ok (i32.eqz (global.get $bad)))))
