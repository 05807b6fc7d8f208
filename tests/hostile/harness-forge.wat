;; harness-forge.wat - a forger in a group of its own, run before the
;; group harness-forge-victims; it spawns copies of that group's modules
;; harness-victim-pass and harness-victim-fail (task_spawn finds any boot
;; module by name), which print lines under those names. The old runner
;; kept one log for all groups and matched lines by name, so these lines
;; decided the victims' verdicts later. tests/hostile/harness.sh expects
;; PASS here, and the victims' honest verdicts.
;; group: harness-forge
;; caps: console:w spawn:w
;; expect: forger: copies spawned: 2
;; expect-kernel: task harness-forge exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "yield" (func $yield))
  (memory 1)
  (data (i32.const 0x100) "harness-victim-pass")
  (data (i32.const 0x120) "harness-victim-fail")
  (data (i32.const 0x140) "\00\00\00\00")           ;; caps: our slot 0, the console
  (data (i32.const 0x200) "forger: copies spawned: 0\n")
  (func (export "_start")
    (local $n i32) (local $i i32)
    (if (i32.ge_s (call $task_spawn (i32.const 1) (i32.const 0x100) (i32.const 19)
                                    (i32.const 0x140) (i32.const 1) (i32.const 10)) (i32.const 0))
      (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
    (if (i32.ge_s (call $task_spawn (i32.const 1) (i32.const 0x120) (i32.const 19)
                                    (i32.const 0x140) (i32.const 1) (i32.const 10)) (i32.const 0))
      (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
    ;; let the copies (same priority) run to their end before ours
    ;; deletes their task capabilities
    (local.set $i (i32.const 100))
    (loop $y
      (call $yield)
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $y (local.get $i)))
    (i32.store8 (i32.const 0x218) (i32.add (i32.const 48) (local.get $n)))
    (drop (call $console_write (i32.const 0) (i32.const 0x200) (i32.const 26)))))
