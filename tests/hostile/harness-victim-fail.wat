;; harness-victim-fail.wat - a module that honestly fails (run by the
;; runner it prints "victim: honest run" and exits with 0, not what its
;; manifest expects), and that copies spawned by harness-forge.wat and
;; harness-victim-forger.wat try to make PASS: a copy, given only the
;; console (nothing in slot 1), prints the expected "victim: forged" and
;; exits with 7. A runner that judged it by name passed it.
;; tests/hostile/harness.sh expects FAIL (0/2 checks).
;; group: harness-forge-victims
;; caps: console:w clock:r
;; expect: victim: forged
;; expect-kernel: task harness-victim-fail exited with code 7
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
