;; hostile-kill.wat - a kill storm: 40 times, spawn hostile-kill-victim.wat
;; (priority 10, a loop of system calls that change kernel state: mint,
;; copy, revoke, delete, send with a capability, signal, poll,
;; memory.grow), let it run 1 to 7 ticks, and kill it wherever it is; the
;; timer preempts it at any instruction, inside the interpreter or inside
;; a system call. Afterwards the objects it used must still work and hold
;; nothing from the dead: no queued sender or receiver on the endpoint,
;; and the capabilities derived from ours can be revoked.
;; Slots: 0 console, 1 clock, 2 spawn, 3 endpoint k (rwg), 4 notification
;; n (rw); 5 a victim's task; 10 a fresh mint.
;; group: hostile-kill
;; prio: 20
;; caps: console:w clock:r spawn:w endpoint:k:rwg notification:n:rw
;; expect: kill storm: task_kill results that were not 0 -> ok 0
;; expect: nb_send on the endpoint afterwards -> WOULD_BLOCK
;; expect: poll on the endpoint afterwards -> WOULD_BLOCK
;; expect: cap_mint from the endpoint afterwards -> ok 0
;; expect: cap_revoke of the endpoint afterwards -> ok 0
;; expect: signal the notification afterwards -> ok 0
;; expect: poll_signal afterwards -> ok 2
;; expect-not: FAILED
;; expect-kernel: task hostile-kill exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "nb_send" (func $nb_send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "poll_signal" (func $poll_signal (param i32) (result i64)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "cap_revoke" (func $cap_revoke (param i32) (result i32)))
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
  (data (i32.const 0x1000) "FAILED to spawn a victim\00")
  (data (i32.const 0x1019) "kill storm: 40 victims killed; seen at work before the kill: \00")
  (data (i32.const 0x1057) "kill storm: task_kill results that were not 0\00")
  (data (i32.const 0x1085) "nb_send on the endpoint afterwards\00")
  (data (i32.const 0x10a8) "poll on the endpoint afterwards\00")
  (data (i32.const 0x10c8) "cap_mint from the endpoint afterwards\00")
  (data (i32.const 0x10ee) "cap_revoke of the endpoint afterwards\00")
  (data (i32.const 0x1114) "signal the notification afterwards\00")
  (data (i32.const 0x1137) "poll_signal afterwards\00")
  (data (i32.const 0x80) "hostile-kill-victim")
  ;; the victim's caps: 0 <- endpoint k, 1 <- notification n, 2 <- clock
  (data (i32.const 0xc0) "\03\00\00\00\04\00\00\00\01\00\00\00")
  (func (export "_start")
    (local $i i32) (local $t i32) (local $bad i32) (local $seen i32)
    (loop $storm
      (local.set $t (call $task_spawn (i32.const 2) (i32.const 0x80) (i32.const 19)
                                      (i32.const 0xc0) (i32.const 3) (i32.const 10)))
      (if (i32.lt_s (local.get $t) (i32.const 0))
        (then (drop (call $report (i32.const 0x1000) (local.get $t)))))
      (drop (call $sleep (i32.const 1)
        (i64.mul (i64.extend_i32_u (i32.add (i32.rem_u (local.get $i) (i32.const 7)) (i32.const 1)))
                 (i64.const 10000000))))
      (if (call $task_kill (local.get $t))
        (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
      (drop (call $cap_delete (local.get $t)))
      ;; the victims signal bit 1 on every loop: did this one get to work?
      (if (i64.ne (i64.and (call $poll_signal (i32.const 4)) (i64.const 1)) (i64.const 0))
        (then (local.set $seen (i32.add (local.get $seen) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $storm (i32.lt_u (local.get $i) (i32.const 40))))
    (call $puts (i32.const 0x1019))
    (call $putu (i64.extend_i32_u (local.get $seen)))
    (call $endl)
    (drop (call $report (i32.const 0x1057) (local.get $bad)))
    (drop (call $report (i32.const 0x1085)
      (call $nb_send (i32.const 3) (i32.const 0x100) (i32.const 16) (i32.const -1))))
    (drop (call $report (i32.const 0x10a8)
      (call $poll (i32.const 3) (i32.const 0x100) (i32.const 64) (i32.const -1))))
    (drop (call $report (i32.const 0x10c8)
      (call $cap_mint (i32.const 3) (i32.const 10) (i32.const 3) (i64.const 99))))
    (drop (call $report (i32.const 0x10ee) (call $cap_revoke (i32.const 3))))
    (drop (call $poll_signal (i32.const 4)))
    (drop (call $report (i32.const 0x1114) (call $signal (i32.const 4) (i32.const 2))))
    (drop (call $report (i32.const 0x1137) (i32.wrap_i64 (call $poll_signal (i32.const 4))))))
)
