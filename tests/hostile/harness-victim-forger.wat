;; harness-victim-forger.wat - the same forger inside group harness-forge-victims:
;; copies of its neighbours, spawned while they run, print under their
;; names. Clearing the log per group is not enough against it: a runner
;; must judge each module by the task it started (runner/check.c).
;; tests/hostile/harness.sh expects PASS here, and the victims' honest
;; verdicts.
;; group: harness-forge-victims
;; caps: console:w spawn:w
;; expect: forger: copies spawned: 2
;; expect-kernel: task harness-victim-forger exited with code 0
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
