;; badge-revoke-server.wat - the receiver in badge-revoke.wat's test:
;; waits until the revokes with fewer rights are done, then finds the
;; sender's first message still queued; then revokes a full-rights badge-7
;; capability of its own, which withdraws the sender's second message.
;; Slots: 0 console, 1 clock, 2 endpoint door (rwg), 3 notification go;
;; 4 the full-rights badge-7 capability.
;; group: hostile-regress-badge-revoke
;; prio: 12
;; caps: console:w clock:r endpoint:door:rwg notification:go:r
;; expect: poll: the sender's first message is still queued -> ok 5
;; expect: its badge -> ok 7
;; expect: mint a full-rights badge-7 capability -> ok 0
;; expect: revoke it -> ok 0
;; expect: poll: the second message was withdrawn -> WOULD_BLOCK
;; expect-kernel: task badge-revoke-server exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_revoke" (func $cap_revoke (param i32) (result i32)))
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
  (func $puti (param $v i32)
    (if (i32.lt_s (local.get $v) (i32.const 0))
      (then (call $putc (i32.const 45))
            (local.set $v (i32.sub (i32.const 0) (local.get $v)))))
    (call $putu (i64.extend_i32_u (local.get $v))))
  (func $endl
    (call $putc (i32.const 10))
    (drop (call $console_write (i32.const 0) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))
  ;; "WHAT -> NAME" for rc < 0 (the ABI's error names, 0x600 + 16 code),
  ;; "WHAT -> ok N" otherwise; returns rc.
  (func $report64 (param $what i32) (param $rc i64) (result i64)
    (call $puts (local.get $what))
    (call $putc (i32.const 32)) (call $putc (i32.const 45)) (call $putc (i32.const 62))
    (call $putc (i32.const 32))
    (if (i64.ge_s (local.get $rc) (i64.const 0))
      (then (call $putc (i32.const 111)) (call $putc (i32.const 107)) (call $putc (i32.const 32))
            (call $putu (local.get $rc)))
      (else (if (i64.lt_s (local.get $rc) (i64.const -15))
        (then (call $putc (i32.const 63)))
        (else (call $puts (i32.add (i32.const 0x600)
                (i32.shl (i32.wrap_i64 (i64.sub (i64.const 0) (local.get $rc))) (i32.const 4))))))))
    (call $endl)
    (local.get $rc))
  (func $report (param $what i32) (param $rc i32) (result i32)
    (i32.wrap_i64 (call $report64 (local.get $what) (i64.extend_i32_s (local.get $rc)))))
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
  ;; strings (NUL-terminated), 64 bytes apart from 0x1000
  (data (i32.const 0x1000) "poll: the sender's first message is still queued\00")
  (data (i32.const 0x1040) "its badge\00")
  (data (i32.const 0x1080) "mint a full-rights badge-7 capability\00")
  (data (i32.const 0x10c0) "revoke it\00")
  (data (i32.const 0x1100) "poll: the second message was withdrawn\00")
  (func (export "_start")
    (drop (call $wait (i32.const 3)))
    (drop (call $report (i32.const 0x1000) (call $poll (i32.const 2) (i32.const 0x100) (i32.const 64) (i32.const 0x200))))
    (drop (call $report (i32.const 0x1040) (i32.wrap_i64 (i64.load (i32.const 0x200)))))
    ;; the sender runs and queues its second message
    (drop (call $sleep (i32.const 1) (i64.const 20000000)))
    (drop (call $report (i32.const 0x1080) (call $cap_mint (i32.const 2) (i32.const 4) (i32.const 7) (i64.const 7))))
    (drop (call $report (i32.const 0x10c0) (call $cap_revoke (i32.const 4))))
    (drop (call $report (i32.const 0x1100) (call $poll (i32.const 2) (i32.const 0x100) (i32.const 64) (i32.const 0x200)))))
)
