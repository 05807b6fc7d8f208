;; harness-overflow-after.wat - an ordinary group run after harness-overflow.wat:
;; its verdict must rest on its own lines, whatever the group before it
;; printed. tests/hostile/harness.sh expects PASS.
;; group: harness-overflow-after
;; caps: console:w
;; expect: after the flood: checked
;; expect-kernel: task harness-overflow-after exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0x200) "after the flood: checked\n")
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x200) (i32.const 25)))))
