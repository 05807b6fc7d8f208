;; hostile-entropy.wat - entropy_add (docs/abi.md 4.6b) under bad input:
;; the wrong rights (a read-only ENTROPY capability, a copy with none, w
;; minted from r), the wrong type and slots, lengths over 4096 and near
;; 2^32, ranges past the end of memory (64-bit sums), zero lengths at and
;; past the end; then a flood of zero bytes (what a hostile contributor
;; would send to flatten the pool): random_get still gives two different,
;; non-zero draws (a pool replaced by the contribution would be constant
;; under the same input; the in-kernel self-test entropy_add_mixes and the
;; host test check that exactly).
;; Slots: 0 console, 1 entropy r, 2 entropy w, 3 clock; 10.. made here.
;; group: hostile-entropy
;; caps: console:w entropy:r entropy:w clock:r
;; expect: entropy_add through the read-only capability -> NO_RIGHTS
;; expect: entropy_add on the console capability -> WRONG_TYPE
;; expect: entropy_add on an empty slot -> EMPTY_SLOT
;; expect: entropy_add on slot 32 -> INVALID_SLOT
;; expect: entropy_add on slot -1 -> INVALID_SLOT
;; expect: mint w from the read-only capability -> NO_RIGHTS
;; expect: mint a copy with no rights -> ok 0
;; expect: entropy_add through it -> NO_RIGHTS
;; expect: entropy_add of 4097 bytes -> TOO_LONG
;; expect: entropy_add of 0xffffffff bytes -> TOO_LONG
;; expect: entropy_add of 4096 bytes at 0xf001 (past the end) -> OUT_OF_BOUNDS
;; expect: entropy_add of 2 bytes at 0xffffffff -> OUT_OF_BOUNDS
;; expect: entropy_add of 0 bytes at the end of memory -> ok 0
;; expect: entropy_add of 0 bytes past the end -> OUT_OF_BOUNDS
;; expect: entropy_add of 4096 bytes -> ok 0
;; expect: entropy_add of the last byte of memory -> ok 0
;; expect: 200 times 4096 zero bytes -> ok 0
;; expect: random_get after the flood -> ok 0
;; expect: random_get again -> ok 0
;; expect: the two draws differ -> ok 1
;; expect: neither draw is all zero -> ok 1
;; expect-not: FAILED
;; expect-kernel: task hostile-entropy exited with code 0
(module
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "entropy_add" (func $entropy_add (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
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
      (else (if (i32.lt_s (local.get $rc) (i32.const -16))
        (then (call $putc (i32.const 63)))
        (else (call $puts (i32.add (i32.const 0x600)
                (i32.shl (i32.sub (i32.const 0) (local.get $rc)) (i32.const 4))))))))
    (call $endl)
    (local.get $rc))
  (func $r (param $what i32) (param $rc i32) (drop (call $report (local.get $what) (local.get $rc))))
  ;; i64 results (dev_read): an error as its name, a value as ok N
  (func $r64 (param $what i32) (param $v i64)
    (if (i64.lt_s (local.get $v) (i64.const 0))
      (then (call $r (local.get $what) (i32.wrap_i64 (local.get $v))))
      (else (call $r (local.get $what) (i32.wrap_i64 (local.get $v))))))
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
  (data (i32.const 0x700) "BUSY\00")
  (data (i32.const 4096) "entropy_add through the read-only capability\00")
  (data (i32.const 4160) "entropy_add on the console capability\00")
  (data (i32.const 4224) "entropy_add on an empty slot\00")
  (data (i32.const 4288) "entropy_add on slot 32\00")
  (data (i32.const 4352) "entropy_add on slot -1\00")
  (data (i32.const 4416) "mint w from the read-only capability\00")
  (data (i32.const 4480) "mint a copy with no rights\00")
  (data (i32.const 4544) "entropy_add through it\00")
  (data (i32.const 4608) "entropy_add of 4097 bytes\00")
  (data (i32.const 4672) "entropy_add of 0xffffffff bytes\00")
  (data (i32.const 4736) "entropy_add of 4096 bytes at 0xf001 (past the end)\00")
  (data (i32.const 4800) "entropy_add of 2 bytes at 0xffffffff\00")
  (data (i32.const 4864) "entropy_add of 0 bytes at the end of memory\00")
  (data (i32.const 4928) "entropy_add of 0 bytes past the end\00")
  (data (i32.const 4992) "entropy_add of 4096 bytes\00")
  (data (i32.const 5056) "entropy_add of the last byte of memory\00")
  (data (i32.const 5120) "200 times 4096 zero bytes\00")
  (data (i32.const 5184) "random_get after the flood\00")
  (data (i32.const 5248) "random_get again\00")
  (data (i32.const 5312) "the two draws differ\00")
  (data (i32.const 5376) "neither draw is all zero\00")

  ;; 200 contributions of 4096 zero bytes (0x8000.. is never written);
  ;; the last result
  (func $flood (result i32)
    (local $i i32) (local $rc i32)
    (loop $l
      (local.set $rc (call $entropy_add (i32.const 2) (i32.const 0x8000) (i32.const 4096)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.and (i32.eqz (local.get $rc)) (i32.lt_u (local.get $i) (i32.const 200)))))
    (local.get $rc))
  (func $differ (result i32)
    (i32.or (i64.ne (i64.load (i32.const 0x3000)) (i64.load (i32.const 0x3020)))
            (i64.ne (i64.load (i32.const 0x3008)) (i64.load (i32.const 0x3028)))))
  (func $nonzero (result i32)
    (i32.and (i64.ne (i64.or (i64.load (i32.const 0x3000)) (i64.load (i32.const 0x3008))) (i64.const 0))
             (i64.ne (i64.or (i64.load (i32.const 0x3020)) (i64.load (i32.const 0x3028))) (i64.const 0))))

  (func (export "_start")
    (i64.store (i32.const 0x2000) (i64.const 0x0123456789abcdef))
    (call $r (i32.const 4096) (call $entropy_add (i32.const 1) (i32.const 0x2000) (i32.const 32)))
    (call $r (i32.const 4160) (call $entropy_add (i32.const 0) (i32.const 0x2000) (i32.const 32)))
    (call $r (i32.const 4224) (call $entropy_add (i32.const 9) (i32.const 0x2000) (i32.const 32)))
    (call $r (i32.const 4288) (call $entropy_add (i32.const 32) (i32.const 0x2000) (i32.const 32)))
    (call $r (i32.const 4352) (call $entropy_add (i32.const -1) (i32.const 0x2000) (i32.const 32)))
    (call $r (i32.const 4416) (call $cap_mint (i32.const 1) (i32.const 10) (i32.const 3) (i64.const 0)))
    (call $r (i32.const 4480) (call $cap_mint (i32.const 2) (i32.const 11) (i32.const 0) (i64.const 0)))
    (call $r (i32.const 4544) (call $entropy_add (i32.const 11) (i32.const 0x2000) (i32.const 32)))
    (call $r (i32.const 4608) (call $entropy_add (i32.const 2) (i32.const 0x2000) (i32.const 4097)))
    (call $r (i32.const 4672) (call $entropy_add (i32.const 2) (i32.const 0x2000) (i32.const 0xffffffff)))
    (call $r (i32.const 4736) (call $entropy_add (i32.const 2) (i32.const 0xf001) (i32.const 4096)))
    (call $r (i32.const 4800) (call $entropy_add (i32.const 2) (i32.const 0xffffffff) (i32.const 2)))
    (call $r (i32.const 4864) (call $entropy_add (i32.const 2) (i32.const 0x10000) (i32.const 0)))
    (call $r (i32.const 4928) (call $entropy_add (i32.const 2) (i32.const 0x10001) (i32.const 0)))
    (call $r (i32.const 4992) (call $entropy_add (i32.const 2) (i32.const 0x2000) (i32.const 4096)))
    (call $r (i32.const 5056) (call $entropy_add (i32.const 2) (i32.const 0xffff) (i32.const 1)))
    (call $r (i32.const 5120) (call $flood))
    (call $r (i32.const 5184) (call $random_get (i32.const 0x3000) (i32.const 32)))
    (call $r (i32.const 5248) (call $random_get (i32.const 0x3020) (i32.const 32)))
    (call $r (i32.const 5312) (call $differ))
    (call $r (i32.const 5376) (call $nonzero))
    (call $exit (i32.const 0))))
