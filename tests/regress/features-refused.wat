;; features-refused.wat - a task whose manifest turns SIMD off (`features:
;; -simd`) and whose module uses it: refused at load with the validator's
;; reason, before any of it runs; its group-mate features-allowed (SIMD
;; only, `features: simd`) runs, and the kernel goes on. Without the
;; directive the module loads (every feature: the kernel's default).
;; group: hostile-regress-features
;; caps: console:w
;; features: -simd
;; expect-not: simd ran although the manifest turned it off
;; expect-kernel: task features-refused failed to start: feature simd disabled
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "simd ran although the manifest turned it off\n")
  (func (export "_start")
    (drop (i8x16.extract_lane_u 0 (i8x16.splat (i32.const 1))))
    (drop (call $console_write (i32.const 0) (i32.const 0) (i32.const 45))))
)
