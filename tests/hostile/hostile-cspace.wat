;; hostile-cspace.wat - a CSpace larger than the default 32 slots, from the
;; manifest (`cspace: 64`, docs/demos.md): slots 32..63 are the task's to
;; use, 64 and negative slots are not; a capability received over IPC
;; lands in the lowest free slot of the whole CSpace, beyond 32
;; (hostile-cspace-sender.wat sends two messages, each carrying its
;; endpoint capability). Slots: 0 console, 1 endpoint box (r).
;; group: hostile-cspace
;; cspace: 64
;; caps: console:w endpoint:box:r
;; expect: cap_copy to slot 63 of 64 -> ok 0
;; expect: cap_copy to slot 64 -> INVALID_SLOT
;; expect: cap_info of slot 64 -> INVALID_SLOT
;; expect: cap_copy to slot -1 -> INVALID_SLOT
;; expect: slot 63 holds a console copy (type 1) -> ok 1
;; expect: fill slots 2-47 with copies -> ok 46
;; expect: receive a capability -> ok 4
;; expect: it landed in slot -> ok 48
;; expect: its type (3 = endpoint) -> ok 3
;; expect: receive another -> ok 4
;; expect: it landed in slot -> ok 49
;; expect-kernel: task hostile-cspace exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_copy" (func $cap_copy (param i32 i32) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
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
  (data (i32.const 0x1000) "cap_copy to slot 63 of 64\00")
  (data (i32.const 0x101a) "cap_copy to slot 64\00")
  (data (i32.const 0x102e) "cap_info of slot 64\00")
  (data (i32.const 0x1042) "cap_copy to slot -1\00")
  (data (i32.const 0x1056) "slot 63 holds a console copy (type 1)\00")
  (data (i32.const 0x107c) "fill slots 2-47 with copies\00")
  (data (i32.const 0x1098) "receive a capability\00")
  (data (i32.const 0x10ad) "it landed in slot\00")
  (data (i32.const 0x10bf) "its type (3 = endpoint)\00")
  (data (i32.const 0x10d7) "receive another\00")
  (data (i32.const 0x10e7) "it landed in slot\00")
  (func (export "_start")
    (local $i i32) (local $n i32)
    (drop (call $report (i32.const 0x1000) (call $cap_copy (i32.const 0) (i32.const 63))))
    (drop (call $report (i32.const 0x101a) (call $cap_copy (i32.const 0) (i32.const 64))))
    (drop (call $report (i32.const 0x102e) (call $cap_info (i32.const 64) (i32.const 0x40))))
    (drop (call $report (i32.const 0x1042) (call $cap_copy (i32.const 0) (i32.const -1))))
    (drop (call $cap_info (i32.const 63) (i32.const 0x40)))
    (drop (call $report (i32.const 0x1056) (i32.load (i32.const 0x40))))
    (local.set $i (i32.const 2))
    (loop $fill
      (if (i32.eqz (call $cap_copy (i32.const 0) (local.get $i)))
        (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 48))))
    (drop (call $report (i32.const 0x107c) (local.get $n)))
    (drop (call $report (i32.const 0x1098)
      (call $recv (i32.const 1) (i32.const 0x100) (i32.const 64) (i32.const 0))))
    (drop (call $report (i32.const 0x10ad) (i32.load (i32.const 12))))
    (drop (call $cap_info (i32.load (i32.const 12)) (i32.const 0x40)))
    (drop (call $report (i32.const 0x10bf) (i32.load (i32.const 0x40))))
    (drop (call $report (i32.const 0x10d7)
      (call $recv (i32.const 1) (i32.const 0x100) (i32.const 64) (i32.const 0))))
    (drop (call $report (i32.const 0x10e7) (i32.load (i32.const 12)))))
)
