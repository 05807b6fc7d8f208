;; harness-victim-pass.wat - a module that honestly passes, and that copies
;; spawned by harness-forge.wat (another group) and harness-victim-forger.wat
;; (its own group) try to make FAIL: run by the runner it holds its clock
;; in slot 1 and prints "victim: honest run"; a copy, given only the
;; console, prints its expect-not text "victim: forged" and exits with 7.
;; A runner that judged it by name (or by a log never cleared) failed it.
;; tests/hostile/harness.sh expects PASS.
;; group: harness-forge-victims
;; caps: console:w clock:r
;; expect: victim: honest run
;; expect-not: victim: forged
;; expect-kernel: task harness-victim-pass exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (memory 1)
  (data (i32.const 0x100) "victim: honest run\n")
  (data (i32.const 0x200) "victim: forged\n")
  (func (export "_start")
    (if (i32.ge_s (call $cap_info (i32.const 1) (i32.const 0x300)) (i32.const 0))
      (then (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 19))))
      (else (drop (call $console_write (i32.const 0) (i32.const 0x200) (i32.const 15)))
            (call $exit (i32.const 7))))))
