;; hostile-mem.wat - memory-region capabilities under bad input
;; (docs/abi.md 4.7): sizes of 0 and ones that wrap, a size the quota
;; cannot hold, copies past the region's end and past the memory's end
;; (64-bit sums: offsets and lengths near 2^32), the wrong capability
;; type, rights missing (a read-only copy cannot write, a copy without the
;; DMA right sees bus address 0 and cannot mint the right back), a revoked
;; region. What is written reads back the same. The runner checks after
;; the group that every frame came back (the region's included).
;; Slots: 0 console, 1 spawn; 2.. regions and copies made here.
;; group: hostile-mem
;; caps: console:w spawn:w
;; expect: region of 0 pages -> BAD_ARGUMENT
;; expect: region of 0xffffffff pages -> BAD_ARGUMENT
;; expect: region of 65537 pages -> BAD_ARGUMENT
;; expect: region of 65536 pages (256 MiB, over the quota) -> QUOTA_EXCEEDED
;; expect: mem_create on the console capability -> WRONG_TYPE
;; expect: mem_create on an empty slot -> EMPTY_SLOT
;; expect: create a 2-page region -> ok 2
;; expect: write 16 bytes at 8176 -> ok 0
;; expect: read them back -> ok 0
;; expect: they match -> ok 1
;; expect: a fresh region reads as zeros -> ok 1
;; expect: write 1 byte at the region's end -> OUT_OF_BOUNDS
;; expect: write 2 bytes at offset 0xffffffff -> OUT_OF_BOUNDS
;; expect: read 0xfffffff8 bytes at offset 16 -> OUT_OF_BOUNDS
;; expect: read 32 bytes into memory at 0xfff0 -> OUT_OF_BOUNDS
;; expect: read 16 bytes into memory at 0xfffffff8 -> OUT_OF_BOUNDS
;; expect: read 0 bytes at the region's end -> ok 0
;; expect: mem_read on the spawn capability -> WRONG_TYPE
;; expect: mem_info into memory past its end -> OUT_OF_BOUNDS
;; expect: mem_info: size -> ok 8192
;; expect: mint a read-only copy without DMA -> ok 0
;; expect: write through the read-only copy -> NO_RIGHTS
;; expect: read through the read-only copy -> ok 0
;; expect: its bus address without DMA -> ok 0
;; expect: mint DMA back from the copy -> NO_RIGHTS
;; expect: revoke the region's copies -> ok 0
;; expect: read through the revoked copy -> EMPTY_SLOT
;; expect: regions until the quota says no -> QUOTA_EXCEEDED
;; expect: delete the region -> ok 0
;; expect: read through the deleted region -> EMPTY_SLOT
;; expect-not: FAILED
;; expect-kernel: task hostile-mem exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "poll_signal" (func $poll_signal (param i32) (result i64)))
  (import "jericho" "cap_copy" (func $cap_copy (param i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "cap_revoke" (func $cap_revoke (param i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "dev_info" (func $dev_info (param i32 i32) (result i32)))
  (import "jericho" "dev_read" (func $dev_read (param i32 i32 i32 i32) (result i64)))
  (import "jericho" "dev_read64" (func $dev_read64 (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "dev_write" (func $dev_write (param i32 i32 i32 i32 i64) (result i32)))
  (import "jericho" "dev_irq_bind" (func $dev_irq_bind (param i32 i32 i32) (result i32)))
  (import "jericho" "dev_irq_ack" (func $dev_irq_ack (param i32) (result i32)))
  (import "jericho" "mem_create" (func $mem_create (param i32 i32) (result i32)))
  (import "jericho" "mem_read" (func $mem_read (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "mem_write" (func $mem_write (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "mem_info" (func $mem_info (param i32 i32) (result i32)))
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
  (data (i32.const 4096) "region of 0 pages\00")
  (data (i32.const 4114) "region of 0xffffffff pages\00")
  (data (i32.const 4141) "region of 65537 pages\00")
  (data (i32.const 4163) "region of 65536 pages (256 MiB, over the quota)\00")
  (data (i32.const 4211) "mem_create on the console capability\00")
  (data (i32.const 4248) "mem_create on an empty slot\00")
  (data (i32.const 4276) "create a 2-page region\00")
  (data (i32.const 4299) "write 16 bytes at 8176\00")
  (data (i32.const 4322) "read them back\00")
  (data (i32.const 4337) "they match\00")
  (data (i32.const 4348) "a fresh region reads as zeros\00")
  (data (i32.const 4378) "write 1 byte at the region's end\00")
  (data (i32.const 4411) "write 2 bytes at offset 0xffffffff\00")
  (data (i32.const 4446) "read 0xfffffff8 bytes at offset 16\00")
  (data (i32.const 4481) "read 32 bytes into memory at 0xfff0\00")
  (data (i32.const 4517) "read 16 bytes into memory at 0xfffffff8\00")
  (data (i32.const 4557) "read 0 bytes at the region's end\00")
  (data (i32.const 4590) "mem_read on the spawn capability\00")
  (data (i32.const 4623) "mem_info into memory past its end\00")
  (data (i32.const 4657) "mem_info: size\00")
  (data (i32.const 4672) "FAILED: no bus address with DMA\00")
  (data (i32.const 4704) "mint a read-only copy without DMA\00")
  (data (i32.const 4738) "write through the read-only copy\00")
  (data (i32.const 4771) "read through the read-only copy\00")
  (data (i32.const 4803) "its bus address without DMA\00")
  (data (i32.const 4831) "mint DMA back from the copy\00")
  (data (i32.const 4859) "revoke the region's copies\00")
  (data (i32.const 4886) "read through the revoked copy\00")
  (data (i32.const 4916) "regions until the quota says no\00")
  (data (i32.const 4948) "delete the region\00")
  (data (i32.const 4966) "read through the deleted region\00")

  (func (export "_start")
    (local $i i32) (local $rc i32)
    (call $r (i32.const 4096) (call $mem_create (i32.const 1) (i32.const 0)))
    (call $r (i32.const 4114) (call $mem_create (i32.const 1) (i32.const 0xffffffff)))
    (call $r (i32.const 4141) (call $mem_create (i32.const 1) (i32.const 65537)))
    (call $r (i32.const 4163) (call $mem_create (i32.const 1) (i32.const 65536)))
    (call $r (i32.const 4211) (call $mem_create (i32.const 0) (i32.const 1)))
    (call $r (i32.const 4248) (call $mem_create (i32.const 20) (i32.const 1)))
    (call $r (i32.const 4276) (call $mem_create (i32.const 1) (i32.const 2)))
    (i64.store (i32.const 0x2000) (i64.const 0x0123456789abcdef))
    (i64.store (i32.const 0x2008) (i64.const 0x7766554433221100))
    (call $r (i32.const 4299) (call $mem_write (i32.const 2) (i32.const 8176) (i32.const 0x2000) (i32.const 16)))
    (call $r (i32.const 4322) (call $mem_read (i32.const 2) (i32.const 8176) (i32.const 0x2100) (i32.const 16)))
    (call $r (i32.const 4337) (i32.and
      (i64.eq (i64.load (i32.const 0x2100)) (i64.const 0x0123456789abcdef))
      (i64.eq (i64.load (i32.const 0x2108)) (i64.const 0x7766554433221100))))
    (i64.store (i32.const 0x2100) (i64.const -1))
    (drop (call $mem_read (i32.const 2) (i32.const 0) (i32.const 0x2100) (i32.const 8)))
    (call $r (i32.const 4348) (i64.eqz (i64.load (i32.const 0x2100))))
    (call $r (i32.const 4378) (call $mem_write (i32.const 2) (i32.const 8192) (i32.const 0x2000) (i32.const 1)))
    (call $r (i32.const 4411) (call $mem_write (i32.const 2) (i32.const 0xffffffff) (i32.const 0x2000) (i32.const 2)))
    (call $r (i32.const 4446) (call $mem_read (i32.const 2) (i32.const 16) (i32.const 0) (i32.const 0xfffffff8)))
    (call $r (i32.const 4481) (call $mem_read (i32.const 2) (i32.const 0) (i32.const 0xfff0) (i32.const 32)))
    (call $r (i32.const 4517) (call $mem_read (i32.const 2) (i32.const 0) (i32.const 0xfffffff8) (i32.const 16)))
    (call $r (i32.const 4557) (call $mem_read (i32.const 2) (i32.const 8192) (i32.const 0x2000) (i32.const 0)))
    (call $r (i32.const 4590) (call $mem_read (i32.const 1) (i32.const 0) (i32.const 0x2000) (i32.const 1)))
    (call $r (i32.const 4623) (call $mem_info (i32.const 2) (i32.const 0xfff8)))
    (drop (call $mem_info (i32.const 2) (i32.const 0x2200)))
    (call $r (i32.const 4657) (i32.wrap_i64 (i64.load (i32.const 0x2200))))
    (if (i64.eqz (i64.load (i32.const 0x2208))) (then (call $say (i32.const 4672))))
    (call $r (i32.const 4704) (call $cap_mint (i32.const 2) (i32.const 3) (i32.const 1) (i64.const 0)))
    (call $r (i32.const 4738) (call $mem_write (i32.const 3) (i32.const 0) (i32.const 0x2000) (i32.const 1)))
    (call $r (i32.const 4771) (call $mem_read (i32.const 3) (i32.const 0) (i32.const 0x2000) (i32.const 1)))
    (i64.store (i32.const 0x2208) (i64.const -1))
    (drop (call $mem_info (i32.const 3) (i32.const 0x2200)))
    (call $r (i32.const 4803) (i32.wrap_i64 (i64.load (i32.const 0x2208))))
    (call $r (i32.const 4831) (call $cap_mint (i32.const 3) (i32.const 4) (i32.const 9) (i64.const 0)))
    (call $r (i32.const 4859) (call $cap_revoke (i32.const 2)))
    (call $r (i32.const 4886) (call $mem_read (i32.const 3) (i32.const 0) (i32.const 0x2000) (i32.const 1)))
    ;; 4 MiB regions until the quota (37 MiB for a group of one) refuses one;
    ;; then delete them all
    (local.set $i (i32.const 3))
    (block $full (loop $more
      (local.set $rc (call $mem_create (i32.const 1) (i32.const 1024)))
      (br_if $full (i32.lt_s (local.get $rc) (i32.const 0)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $i) (i32.const 31)))))
    (call $r (i32.const 4916) (local.get $rc))
    (local.set $i (i32.const 3))
    (loop $del
      (drop (call $cap_delete (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $del (i32.lt_u (local.get $i) (i32.const 32))))
    (call $r (i32.const 4948) (call $cap_delete (i32.const 2)))
    (call $r (i32.const 4966) (call $mem_read (i32.const 2) (i32.const 0) (i32.const 0x2000) (i32.const 1)))
    (call $exit (i32.const 0)))
)
