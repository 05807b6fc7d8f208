;; trap-wat.wat - a task that divides by zero three calls deep, to show
;; what a trap tells a developer: after "task NAME trapped: MESSAGE" the
;; kernel prints the wasm call stack, innermost first: each function's
;; name (from the name section, which the build keeps: wat2wasm
;; --debug-names), its index, the offset of the instruction in the
;; function's code entry and in the code section (as `wasm-objdump -d`
;; and wasm DWARF count them; the numbers below are those of this file).
;;
;; caps: console:w
;; expect: dividing 7 by 0
;; expect-not: returned
;; expect-kernel: task trap-wat trapped: integer divide by zero
;; expect-kernel:     at divide (func 1) +0x5, code offset 0x7
;; expect-kernel:     from average (func 2) +0x5, code offset 0xf
;; expect-kernel:     from _start (func 3) +0xf, code offset 0x22
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "dividing 7 by 0\n")
  (data (i32.const 0x110) "returned\n")
  (func $divide (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))
  (func $average (param $sum i32) (param $n i32) (result i32)
    (call $divide (local.get $sum) (local.get $n)))
  (func $_start (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 16)))
    (drop (call $average (i32.const 7) (i32.const 0)))
    (drop (call $console_write (i32.const 0) (i32.const 0x110) (i32.const 9))))
)
