;; hostile-revoke.wat - revoking a capability while another task is
;; blocked using it. Three times, this task mints a child of one of its
;; capabilities, spawns hostile-revoke-victim.wat with it, lets the victim
;; block through it (recv on the endpoint, send on it, wait on the
;; notification), and revokes. The victim must wake with DESTROYED (the
;; kernel cancels an IPC whose capability is deleted, abi.md 1), find its
;; slot empty, and this task must see that nothing was left behind: no
;; receiver still waiting, no message still queued, no waiter that would
;; swallow a signal.
;; The victim signals `ready` just before it blocks; this task waits for
;; that, then sleeps 50 ms, so the victim is surely blocked when the
;; revoke comes.
;; Slots: 0 console, 1 clock, 2 spawn, 3 endpoint door (rwg), 4
;; notification bell (rw), 5 notification ready (rw); 6 the victim's
;; capability (minted, badge 1..3 tells it what to do); 7.. the victims'
;; task capabilities.
;; group: hostile-revoke
;; caps: console:w clock:r spawn:w endpoint:door:rwg notification:bell:rw notification:ready:rw
;; expect: revoke the door while the victim is blocked in recv on it -> ok 0
;; expect: nb_send on the door: no receiver may be left -> WOULD_BLOCK
;; expect: revoke the door while the victim is blocked in send on it -> ok 0
;; expect: poll the door: the blocked message was withdrawn -> WOULD_BLOCK
;; expect: revoke the bell while the victim waits on it -> ok 0
;; expect: signal the bell -> ok 0
;; expect: poll_signal: the bit stayed, no waiter took it -> ok 1
;; expect-not: FAILED
;; expect-kernel: task hostile-revoke exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "nb_send" (func $nb_send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "poll_signal" (func $poll_signal (param i32) (result i64)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_revoke" (func $cap_revoke (param i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
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
  (data (i32.const 0x1000) "FAILED to mint the victim's capability\00")
  (data (i32.const 0x1027) "FAILED to spawn the victim\00")
  (data (i32.const 0x1042) "revoke the door while the victim is blocked in recv on it\00")
  (data (i32.const 0x107c) "nb_send on the door: no receiver may be left\00")
  (data (i32.const 0x10a9) "revoke the door while the victim is blocked in send on it\00")
  (data (i32.const 0x10e3) "poll the door: the blocked message was withdrawn\00")
  (data (i32.const 0x1114) "revoke the bell while the victim waits on it\00")
  (data (i32.const 0x1141) "signal the bell\00")
  (data (i32.const 0x1151) "poll_signal: the bit stayed, no waiter took it\00")
  (data (i32.const 0x80) "hostile-revoke-victim")
  ;; the victim's caps: its slot 0 <- our console, 1 <- our slot 6, 2 <- ready
  (data (i32.const 0xc0) "\00\00\00\00\06\00\00\00\05\00\00\00")
  ;; Mint slot src into 6 with badge b, start a victim with it, let it block.
  (func $victim (param $src i32) (param $b i64)
    (if (i32.ne (call $cap_mint (local.get $src) (i32.const 6) (i32.const 3) (local.get $b)) (i32.const 0))
      (then (call $say (i32.const 0x1000))))
    (if (i32.lt_s (call $task_spawn (i32.const 2) (i32.const 0x80) (i32.const 21) (i32.const 0xc0)
                                    (i32.const 3) (i32.const 10)) (i32.const 0))
      (then (call $say (i32.const 0x1027))))
    (drop (call $wait (i32.const 5)))
    (drop (call $sleep (i32.const 1) (i64.const 50000000))))
  (func (export "_start")
    (call $victim (i32.const 3) (i64.const 1))
    (drop (call $report (i32.const 0x1042)
      (call $cap_revoke (i32.const 3))))
    (drop (call $report (i32.const 0x107c)
      (call $nb_send (i32.const 3) (i32.const 0x100) (i32.const 4) (i32.const -1))))
    (drop (call $sleep (i32.const 1) (i64.const 20000000)))
    (call $victim (i32.const 3) (i64.const 2))
    (drop (call $report (i32.const 0x10a9)
      (call $cap_revoke (i32.const 3))))
    (drop (call $report (i32.const 0x10e3)
      (call $poll (i32.const 3) (i32.const 0x100) (i32.const 64) (i32.const -1))))
    (drop (call $sleep (i32.const 1) (i64.const 20000000)))
    (call $victim (i32.const 4) (i64.const 3))
    (drop (call $report (i32.const 0x1114)
      (call $cap_revoke (i32.const 4))))
    (drop (call $report (i32.const 0x1141) (call $signal (i32.const 4) (i32.const 1))))
    (drop (call $report (i32.const 0x1151)
      (i32.wrap_i64 (call $poll_signal (i32.const 4)))))
    (drop (call $sleep (i32.const 1) (i64.const 20000000))))
)
