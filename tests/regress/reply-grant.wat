;; reply-grant.wat - regression test for issue 10, defect 7 (the
;; server side). Bug: a reply carrying a capability to a caller whose
;; endpoint capability lacked GRANT failed with NO_RIGHTS and delivered
;; nothing (the kernel checked the caller's GRANT), although the server's
;; capability had GRANT; so the server also learnt a property of the
;; caller's capability. Rule now (abi.md 4.2, reply): a reply may carry a
;; capability iff the server's endpoint capability had GRANT when it took
;; the call; the caller's GRANT only governs what the caller sends. The
;; caller is reply-grant-caller.wat.
;; Slots: 0 console, 1 endpoint door (rg), 2 endpoint plain (r), 3
;; notification gift (the capability the replies carry).
;; group: hostile-regress-reply-grant
;; prio: 12
;; caps: console:w endpoint:door:rg endpoint:plain:r notification:gift:rw
;; expect: take a call on the door (READ+GRANT) -> ok 2
;; expect: reply with a capability to a caller without GRANT -> ok 0
;; expect: take a call on plain (READ only) -> ok 2
;; expect: reply with a capability on a call taken without GRANT -> NO_RIGHTS
;; expect: reply without it -> ok 0
;; expect: take a call on the door with reply_recv -> ok 2
;; expect: reply with a capability to a caller with a full CSpace -> ok 0
;; expect-kernel: task reply-grant exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "reply" (func $reply (param i32 i32 i32) (result i32)))
  (import "jericho" "reply_recv" (func $reply_recv (param i32 i32 i32 i32 i32 i32) (result i32)))
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
  (data (i32.const 0x1000) "take a call on the door (READ+GRANT)\00")
  (data (i32.const 0x1040) "reply with a capability to a caller without GRANT\00")
  (data (i32.const 0x1080) "take a call on plain (READ only)\00")
  (data (i32.const 0x10c0) "reply with a capability on a call taken without GRANT\00")
  (data (i32.const 0x1100) "reply without it\00")
  (data (i32.const 0x1140) "take a call on the door with reply_recv\00")
  (data (i32.const 0x1180) "reply with a capability to a caller with a full CSpace\00")
  (data (i32.const 0x11c0) "ok\00")
  ;; reply "ok" with the gift (slot 3); if that fails, without it (the
  ;; caller must not wait for ever)
  (func $reply_gift (param $what i32)
    (if (i32.lt_s (call $report (local.get $what) (call $reply (i32.const 0x11c0) (i32.const 2) (i32.const 3)))
                  (i32.const 0))
      (then (drop (call $reply (i32.const 0x11c0) (i32.const 2) (i32.const -1))))))
  (func (export "_start")
    (drop (call $report (i32.const 0x1000) (call $recv (i32.const 1) (i32.const 0x100) (i32.const 64) (i32.const -1))))
    (call $reply_gift (i32.const 0x1040))
    (drop (call $report (i32.const 0x1080) (call $recv (i32.const 2) (i32.const 0x100) (i32.const 64) (i32.const -1))))
    (drop (call $report (i32.const 0x10c0) (call $reply (i32.const 0x11c0) (i32.const 2) (i32.const 3))))
    (drop (call $report (i32.const 0x1100) (call $reply (i32.const 0x11c0) (i32.const 2) (i32.const -1))))
    ;; no call pending: reply_recv only receives
    (drop (call $report (i32.const 0x1140) (call $reply_recv (i32.const 1) (i32.const 0x11c0) (i32.const 0)
                                         (i32.const 0x100) (i32.const 64) (i32.const -1))))
    (call $reply_gift (i32.const 0x1180)))
)
