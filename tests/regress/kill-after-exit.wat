;; kill-after-exit.wat - regression test for a use-after-free in
;; task_kill (issue 10, defect 2). Bug: sys_task_kill looked the victim's
;; wtask up, then formatted "by task NAME" with interrupts on before using
;; it; if the victim had already exited, the runner's reaper could free
;; the wtask in that window (and another task's allocations reuse it),
;; and wtask_kill then followed a freed pointer (a wrong task killed, or
;; the kernel corrupted). Fix: a kill is a task-level operation, decoded
;; and posted in one critical section through the capability (which keeps
;; the task object); nothing of the wasm side is looked up (commit in
;; docs/hardening.md). This module hits the old window over and over: 40
;; times it spawns a victim that exits at once, then kills it through its
;; capability in a loop for 25 ms of guest time (so a timer tick, after
;; which the runner reaps the victim, lands inside a kill), while
;; kill-after-exit-spawner.wat spawns tasks at every tick (allocations
;; that reuse what the reaper freed) that must all live to report back.
;; Slots: 0 console, 1 clock, 2 spawn; 3 the victim.
;; group: hostile-regress-kill-after-exit
;; prio: 5
;; caps: console:w clock:r spawn:w
;; expect: kills of 40 exited tasks, each for 25 ms; failures -> ok 0
;; expect-kernel: task kill-after-exit exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "task_kill" (func $task_kill (param i32) (result i32)))
  (memory (export "memory") 1)
  ;; ---- printing: a line is built at 0x400 and written with one
  ;; console_write on slot 0 (the kernel prints it as "[name] text") ----
  (global $line_len (mut i32) (i32.const 0))
  (func $putc (param $c i32)
    (if (i32.lt_u (global.get $line_len) (i32.const 250))
      (then
        (i32.store8 (i32.add (i32.const 0x400) (global.get $line_len)) (local.get $c))
        (global.set $line_len (i32.add (global.get $line_len) (i32.const 1))))))
  (func $puts (param $s i32)
    (block $d (loop $l
      (br_if $d (i32.eqz (i32.load8_u (local.get $s))))
      (call $putc (i32.load8_u (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $l))))
  (func $putu (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 0x520))
    (loop $dg
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $dg (i64.ne (local.get $v) (i64.const 0))))
    (loop $o
      (call $putc (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $o (i32.lt_u (local.get $p) (i32.const 0x520)))))
  (func $endl
    (call $putc (i32.const 10))
    (drop (call $console_write (i32.const 0) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))
  (func $say (param $s i32) (call $puts (local.get $s)) (call $endl))
  ;; "WHAT -> NAME" for rc < 0 (the ABI's error names, 0x600 + 16 code),
  ;; "WHAT -> ok N" otherwise; returns rc.
  (func $report (param $what i32) (param $rc i32) (result i32)
    (call $puts (local.get $what))
    (call $putc (i32.const 32)) (call $putc (i32.const 45)) (call $putc (i32.const 62))
    (call $putc (i32.const 32))
    (if (i32.ge_s (local.get $rc) (i32.const 0))
      (then (call $putc (i32.const 111)) (call $putc (i32.const 107)) (call $putc (i32.const 32))
            (call $putu (i64.extend_i32_u (local.get $rc))))
      (else (if (i32.lt_s (local.get $rc) (i32.const -15))
        (then (call $putc (i32.const 63)))
        (else (call $puts (i32.add (i32.const 0x600)
                (i32.shl (i32.sub (i32.const 0) (local.get $rc)) (i32.const 4))))))))
    (call $endl)
    (local.get $rc))
  (data (i32.const 0x600) "OK\00")
  (data (i32.const 0x610) "INVALID_SLOT\00")
  (data (i32.const 0x620) "EMPTY_SLOT\00")
  (data (i32.const 0x630) "WRONG_TYPE\00")
  (data (i32.const 0x640) "NO_RIGHTS\00")
  (data (i32.const 0x650) "BAD_ARGUMENT\00")
  (data (i32.const 0x660) "OUT_OF_BOUNDS\00")
  (data (i32.const 0x670) "WOULD_BLOCK\00")
  (data (i32.const 0x680) "SLOT_OCCUPIED\00")
  (data (i32.const 0x690) "NO_MEMORY\00")
  (data (i32.const 0x6a0) "QUOTA_EXCEEDED\00")
  (data (i32.const 0x6b0) "DESTROYED\00")
  (data (i32.const 0x6c0) "NOT_FOUND\00")
  (data (i32.const 0x6d0) "NO_CALLER\00")
  (data (i32.const 0x6e0) "TOO_LONG\00")
  (data (i32.const 0x6f0) "BAD_MODULE\00")
  ;; strings (NUL-terminated) from 0x1000
  (data (i32.const 0x1000) "kills of 40 exited tasks, each for 25 ms; failures\00")
  (data (i32.const 0x80) "kill-after-exit-victim")
  (func (export "_start")
    (local $r i32) (local $bad i32) (local $until i64)
    (loop $round
      (if (i32.ne (call $task_spawn (i32.const 2) (i32.const 0x80) (i32.const 22)
                                     (i32.const 0) (i32.const 0) (i32.const 5)) (i32.const 3))
        (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
      (drop (call $sleep (i32.const 1) (i64.const 0)))     ;; yield: the victim runs and exits
      (local.set $until (i64.add (call $clock_now (i32.const 1)) (i64.const 25000000)))
      (loop $kill
        (local.set $bad (i32.add (local.get $bad)
          (i32.ne (call $task_kill (i32.const 3)) (i32.const 0))))
        (br_if $kill (i64.lt_s (call $clock_now (i32.const 1)) (local.get $until))))
      (drop (call $cap_delete (i32.const 3)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (i32.const 40))))
    (drop (call $report (i32.const 0x1000) (local.get $bad))))
)
