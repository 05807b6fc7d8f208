;; hostile-cspace-sender.wat - sends hostile-cspace.wat two messages
;; "ping", each carrying a copy of its own endpoint capability (slot 1,
;; with the grant right).
;; group: hostile-cspace
;; caps: console:w endpoint:box:wg
;; expect: send with a capability to a 64-slot one -> ok 0
;; expect: send with a capability again -> ok 0
;; expect-kernel: task hostile-cspace-sender exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
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
  (data (i32.const 0x1000) "send with a capability to a 64-slot one\00")
  (data (i32.const 0x1028) "send with a capability again\00")
  (data (i32.const 0x100) "ping")
  (func (export "_start")
    (drop (call $report (i32.const 0x1000)
      (call $send (i32.const 1) (i32.const 0x100) (i32.const 4) (i32.const 1))))
    (drop (call $report (i32.const 0x1028)
      (call $send (i32.const 1) (i32.const 0x100) (i32.const 4) (i32.const 1)))))
)
