;; bench-first.wat - boot to the first wasm instruction (row
;; boot_first_wasm). Slot 0: CLOCK r. The first thing _start does is read
;; the clock (guest ns since the kernel's first instruction); the kernel
;; reads the export t_first.
(module
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (global $t_first (export "t_first") (mut i64) (i64.const 0))
  (global $ok (export "ok") (mut i32) (i32.const 0))
  (func (export "_start")
    (global.set $t_first (call $clock_now (i32.const 0)))
    (global.set $ok (i64.gt_s (global.get $t_first) (i64.const 0)))))
