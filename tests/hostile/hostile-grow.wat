;; hostile-grow.wat - memory.grow to the limit. The module declares no
;; maximum; the kernel caps every task at 256 pages (16 MiB, abi.md 2).
;; It grows one page at a time until memory.grow says -1, then asks for
;; 0, 0xffffffff, 0x10000 and 0x7fffffff pages at once, fills its last
;; word and reads it back, checks that the kernel's pointer checks follow
;; the new size (a write ending exactly at 16 MiB is fine, one byte more
;; is not), and last loads the word just past the end, which must trap.
;; group: hostile-grow
;; caps: console:w
;; expect: memory.grow by 1 page until it fails: stopped at 256 pages
;; expect: memory.grow by 0 pages -> 256
;; expect: memory.grow by 0xffffffff pages -> -1
;; expect: memory.grow by 0x10000 pages -> -1
;; expect: memory.grow by 0x7fffffff pages -> -1
;; expect: the last word of 16 MiB reads back 1515870810
;; expect: console_write 0 bytes at 16 MiB -> ok 0
;; expect: console_write 1 byte at 16 MiB -> OUT_OF_BOUNDS
;; expect: console_write 2 bytes at 16 MiB - 1 -> OUT_OF_BOUNDS
;; expect: loading the word at 16 MiB
;; expect-not: loaded
;; expect-kernel: task hostile-grow trapped: out of bounds memory access
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
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
  (data (i32.const 0x1000) "memory.grow by 1 page until it fails: stopped at \00")
  (data (i32.const 0x1032) " pages\00")
  (data (i32.const 0x1039) "memory.grow by 0 pages -> \00")
  (data (i32.const 0x1054) "memory.grow by 0xffffffff pages -> \00")
  (data (i32.const 0x1078) "memory.grow by 0x10000 pages -> \00")
  (data (i32.const 0x1099) "memory.grow by 0x7fffffff pages -> \00")
  (data (i32.const 0x10bd) "the last word of 16 MiB reads back \00")
  (data (i32.const 0x10e1) "console_write 0 bytes at 16 MiB\00")
  (data (i32.const 0x1101) "console_write 1 byte at 16 MiB\00")
  (data (i32.const 0x1120) "console_write 2 bytes at 16 MiB - 1\00")
  (data (i32.const 0x1144) "loading the word at 16 MiB\00")
  (data (i32.const 0x115f) "loaded\00")
  (func $puti (param $v i32)
    (if (i32.lt_s (local.get $v) (i32.const 0))
      (then (call $putc (i32.const 45))
            (local.set $v (i32.sub (i32.const 0) (local.get $v)))))
    (call $putu (i64.extend_i32_u (local.get $v))))
  (func $grow (param $what i32) (param $n i32)
    (call $puts (local.get $what))
    (call $puti (memory.grow (local.get $n)))
    (call $endl))
  (func (export "_start")
    (local $pages i32)
    (block $full
      (loop $more
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br_if $more (i32.lt_u (memory.size) (i32.const 70000)))))
    (call $puts (i32.const 0x1000))
    (call $putu (i64.extend_i32_u (memory.size)))
    (call $say (i32.const 0x1032))
    (call $grow (i32.const 0x1039) (i32.const 0))
    (call $grow (i32.const 0x1054) (i32.const -1))
    (call $grow (i32.const 0x1078) (i32.const 0x10000))
    (call $grow (i32.const 0x1099) (i32.const 0x7fffffff))
    (i32.store (i32.const 0xfffffc) (i32.const 0x5a5a5a5a))
    (call $puts (i32.const 0x10bd))
    (call $putu (i64.load32_u (i32.const 0xfffffc)))
    (call $endl)
    (drop (call $report (i32.const 0x10e1)
      (call $console_write (i32.const 0) (i32.const 0x1000000) (i32.const 0))))
    (drop (call $report (i32.const 0x1101)
      (call $console_write (i32.const 0) (i32.const 0x1000000) (i32.const 1))))
    (drop (call $report (i32.const 0x1120)
      (call $console_write (i32.const 0) (i32.const 0xffffff) (i32.const 2))))
    (call $say (i32.const 0x1144))
    (drop (call $report (i32.const 0x115f) (i32.load (i32.const 0x1000000)))))
)
