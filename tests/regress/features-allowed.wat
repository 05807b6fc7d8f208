;; features-allowed.wat - a task whose manifest allows SIMD alone
;; (`features: simd`) and whose module uses it: it loads and runs, beside
;; features-refused (its group-mate, refused for using SIMD with
;; `features: -simd`).
;; group: hostile-regress-features
;; caps: console:w
;; features: simd
;; expect: simd allowed: 7 = 3 + 4 in lane 2
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "simd allowed: ? = 3 + 4 in lane 2\n")
  (func (export "_start")
    ;; lane 2 of (1 2 3 4) + (2 3 4 5), as a digit
    (i32.store8 (i32.const 14)
      (i32.add (i32.const 48)
        (i32x4.extract_lane 2 (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 2 3 4 5)))))
    (drop (call $console_write (i32.const 0) (i32.const 0) (i32.const 34))))
)
