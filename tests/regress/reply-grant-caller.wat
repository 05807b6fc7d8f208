;; reply-grant-caller.wat - the caller in reply-grant.wat's test
;; (issue 10, defect 7). Calls through a door capability without GRANT:
;; the reply's capability must land (before the fix the server got
;; NO_RIGHTS and this task got no capability); through a plain capability
;; WITH GRANT to a server whose capability has none: no capability may
;; come; and through the door again with its CSpace full: the capability
;; is dropped (MSG_CAP_DROPPED, flags 2), the server is not told.
;; Slots: 0 console, 1 endpoint door (w), 2 endpoint plain (wg); 3 the
;; reply's capability; 4..31 filled with console copies for the last call.
;; group: hostile-regress-reply-grant
;; prio: 11
;; caps: console:w endpoint:door:w endpoint:plain:wg
;; expect: call on the door (WRITE only) -> ok 2
;; expect: reply info: cap_slot 3, flags 0
;; expect: cap_info of slot 3 -> ok 0
;; expect: its type (4: notification) -> ok 4
;; expect: call on plain (WRITE+GRANT) -> ok 2
;; expect: reply info: cap_slot -1, flags 0
;; expect: call on the door with a full CSpace -> ok 2
;; expect: reply info: cap_slot -1, flags 2
;; expect-kernel: task reply-grant-caller exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_copy" (func $cap_copy (param i32 i32) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
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
  (data (i32.const 0x1000) "call on the door (WRITE only)\00")
  (data (i32.const 0x1040) "reply info: cap_slot \00")
  (data (i32.const 0x1080) ", flags \00")
  (data (i32.const 0x10c0) "cap_info of slot 3\00")
  (data (i32.const 0x1100) "its type (4: notification)\00")
  (data (i32.const 0x1140) "call on plain (WRITE+GRANT)\00")
  (data (i32.const 0x1180) "call on the door with a full CSpace\00")
  (data (i32.const 0x11c0) "hi\00")
  ;; call through slot $ep, report, then the info record at 0x200
  (func $call_info (param $ep i32) (param $what i32)
    (i64.store (i32.const 0x20c) (i64.const 0))
    (drop (call $report (local.get $what)
      (call $call (local.get $ep) (i32.const 0x11c0) (i32.const 2) (i32.const 0x100) (i32.const 64) (i32.const 0x200))))
    (call $puts (i32.const 0x1040)) (call $puti (i32.load (i32.const 0x20c)))
    (call $puts (i32.const 0x1080)) (call $puti (i32.load (i32.const 0x210)))
    (call $endl))
  (func (export "_start")
    (local $i i32)
    (call $call_info (i32.const 1) (i32.const 0x1000))
    (drop (call $report (i32.const 0x10c0) (call $cap_info (i32.const 3) (i32.const 0x300))))
    (drop (call $report (i32.const 0x1100) (i32.load (i32.const 0x300))))
    (call $call_info (i32.const 2) (i32.const 0x1140))
    ;; fill every free slot
    (local.set $i (i32.const 3))
    (loop $fill
      (drop (call $cap_copy (i32.const 0) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 32))))
    (call $call_info (i32.const 1) (i32.const 0x1180)))
)
