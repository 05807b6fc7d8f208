;; harness-many-17.wat - one of 17 modules of group harness-many, one more
;; than a group may have (GROUP_MAX, src/runner/run.c). The old runner ran
;; and checked the first 16 and passed the group, the 17th silently left
;; out; now the group fails, not run, with a line that says why.
;; tests/hostile/harness.sh expects FAIL for all 17.
;; group: harness-many
;; caps: console:w
;; expect: many 17
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0x200) "many 17\n")
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x200) (i32.const 8)))))
