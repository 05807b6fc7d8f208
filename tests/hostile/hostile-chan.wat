;; hostile-chan.wat - the shared-memory channel between two tasks, with
;; checked data (docs/abi.md, "Shared-memory channel"): this task creates
;; a one-page region, passes it over IPC to hostile-chan-consumer.wat
;; (send with the region's slot: a capability like any other), and sends
;; 200 messages of 64 bytes: 100 one at a time, 100 in batches of 10; the
;; ring has 32 slots, so the sender waits for space many times. Then it
;; passes a 1 MiB region that the consumer copies from over and over and
;; revokes it in the middle: the consumer's copies end with EMPTY_SLOT,
;; nothing faults, and every frame comes back (the runner checks). Last it
;; revokes the channel's region: the consumer finds its slot empty.
;; Slots: 0 console, 1 spawn, 2 endpoint chan, 3 notification data,
;; 4 notification space, 5 clock; 6 the ring's region, 7 the big region.
;; group: hostile-chan
;; caps: console:w spawn:w endpoint:chan:rwg notification:data:rw notification:space:rw clock:r
;; expect: create the ring's region -> ok 6
;; expect: pass it to the consumer -> ok 0
;; expect: sent 200 messages
;; expect: create a 1 MiB region -> ok 7
;; expect: pass it to the consumer -> ok 0
;; expect: revoke it while the consumer copies -> ok 0
;; expect: revoke the ring's region -> ok 0
;; expect-not: FAILED
;; expect-kernel: task hostile-chan exited with code 0
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
  (data (i32.const 4096) "create the ring's region\00")
  (data (i32.const 4121) "pass it to the consumer\00")
  (data (i32.const 4145) "sent 200 messages\00")
  (data (i32.const 4163) "create a 1 MiB region\00")
  (data (i32.const 4185) "revoke it while the consumer copies\00")
  (data (i32.const 4221) "revoke the ring's region\00")

  ;; ---- the shared-memory channel (docs/abi.md, "Shared-memory channel"):
  ;; a ring of 32 slots of 64 bytes in a memory region, head (messages
  ;; written, the sender's) at offset 0, tail (messages taken, the
  ;; receiver's) at 64, slots from 128; the notification $D says "data",
  ;; $S says "space". Scratch words at 0xf00. ----
  (global $R (mut i32) (i32.const -1))
  (global $D (mut i32) (i32.const -1))
  (global $S (mut i32) (i32.const -1))
  (global $head (mut i32) (i32.const 0))
  (global $tail (mut i32) (i32.const 0))
  (func $min (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.lt_u (local.get $a) (local.get $b))))
  ;; send k (1..32) messages of 64 bytes from buf: one head update, one signal
  (func $ch_send (param $buf i32) (param $k i32)
    (local $first i32) (local $n1 i32)
    (block $room (loop $full
      (drop (call $mem_read (global.get $R) (i32.const 64) (i32.const 0xf00) (i32.const 4)))
      (br_if $room (i32.le_u (i32.add (i32.sub (global.get $head) (i32.load (i32.const 0xf00))) (local.get $k))
                             (i32.const 32)))
      (drop (call $wait (global.get $S)))
      (br $full)))
    (local.set $first (i32.and (global.get $head) (i32.const 31)))
    (local.set $n1 (call $min (local.get $k) (i32.sub (i32.const 32) (local.get $first))))
    (drop (call $mem_write (global.get $R) (i32.add (i32.const 128) (i32.shl (local.get $first) (i32.const 6)))
      (local.get $buf) (i32.shl (local.get $n1) (i32.const 6))))
    (if (i32.gt_u (local.get $k) (local.get $n1))
      (then (drop (call $mem_write (global.get $R) (i32.const 128)
        (i32.add (local.get $buf) (i32.shl (local.get $n1) (i32.const 6)))
        (i32.shl (i32.sub (local.get $k) (local.get $n1)) (i32.const 6))))))
    (global.set $head (i32.add (global.get $head) (local.get $k)))
    (i32.store (i32.const 0xf04) (global.get $head))
    (drop (call $mem_write (global.get $R) (i32.const 0) (i32.const 0xf04) (i32.const 4)))
    (drop (call $signal (global.get $D) (i32.const 1))))
  ;; take up to max (1..32) messages into buf, waiting for one; returns how many
  (func $ch_recv (param $buf i32) (param $max i32) (result i32)
    (local $n i32) (local $first i32) (local $n1 i32)
    (block $some (loop $empty
      (drop (call $mem_read (global.get $R) (i32.const 0) (i32.const 0xf08) (i32.const 4)))
      (br_if $some (i32.ne (i32.load (i32.const 0xf08)) (global.get $tail)))
      (drop (call $wait (global.get $D)))
      (br $empty)))
    (local.set $n (call $min (i32.sub (i32.load (i32.const 0xf08)) (global.get $tail)) (local.get $max)))
    (local.set $first (i32.and (global.get $tail) (i32.const 31)))
    (local.set $n1 (call $min (local.get $n) (i32.sub (i32.const 32) (local.get $first))))
    (drop (call $mem_read (global.get $R) (i32.add (i32.const 128) (i32.shl (local.get $first) (i32.const 6)))
      (local.get $buf) (i32.shl (local.get $n1) (i32.const 6))))
    (if (i32.gt_u (local.get $n) (local.get $n1))
      (then (drop (call $mem_read (global.get $R) (i32.const 128)
        (i32.add (local.get $buf) (i32.shl (local.get $n1) (i32.const 6)))
        (i32.shl (i32.sub (local.get $n) (local.get $n1)) (i32.const 6))))))
    (global.set $tail (i32.add (global.get $tail) (local.get $n)))
    (i32.store (i32.const 0xf0c) (global.get $tail))
    (drop (call $mem_write (global.get $R) (i32.const 64) (i32.const 0xf0c) (i32.const 4)))
    (drop (call $signal (global.get $S) (i32.const 1)))
    (local.get $n))
  ;; message j: byte i is (7j + 3i) mod 256
  (func $fill (param $buf i32) (param $j i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $buf) (local.get $i))
        (i32.add (i32.mul (local.get $j) (i32.const 7)) (i32.mul (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 64)))))
  (func $intact (param $buf i32) (param $j i32) (result i32)
    (local $i i32)
    (loop $l
      (if (i32.ne (i32.load8_u (i32.add (local.get $buf) (local.get $i)))
            (i32.and (i32.add (i32.mul (local.get $j) (i32.const 7)) (i32.mul (local.get $i) (i32.const 3)))
                     (i32.const 255)))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 64))))
    (i32.const 1))

  (func $wait_bit (param $n i32) (param $bit i64)
    (loop $l (br_if $l (i64.eqz (i64.and (call $wait (local.get $n)) (local.get $bit))))))
  (func (export "_start")
    (local $j i32) (local $b i32)
    (global.set $R (i32.const 6)) (global.set $D (i32.const 3)) (global.set $S (i32.const 4))
    (call $r (i32.const 4096) (call $mem_create (i32.const 1) (i32.const 1)))
    (call $r (i32.const 4121) (call $send (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 6)))
    (loop $one
      (call $fill (i32.const 0x2000) (local.get $j))
      (call $ch_send (i32.const 0x2000) (i32.const 1))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $one (i32.lt_u (local.get $j) (i32.const 100))))
    (loop $batch
      (local.set $b (i32.const 0))
      (loop $f
        (call $fill (i32.add (i32.const 0x2000) (i32.shl (local.get $b) (i32.const 6)))
                    (i32.add (local.get $j) (local.get $b)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $f (i32.lt_u (local.get $b) (i32.const 10))))
      (call $ch_send (i32.const 0x2000) (i32.const 10))
      (local.set $j (i32.add (local.get $j) (i32.const 10)))
      (br_if $batch (i32.lt_u (local.get $j) (i32.const 200))))
    (call $say (i32.const 4145))
    (call $wait_bit (i32.const 4) (i64.const 2))      ;; the consumer has them all
    (call $r (i32.const 4163) (call $mem_create (i32.const 1) (i32.const 256)))
    (call $r (i32.const 4121) (call $send (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 7)))
    (call $wait_bit (i32.const 4) (i64.const 4))      ;; it copies
    (drop (call $sleep (i32.const 5) (i64.const 30000000)))
    (call $r (i32.const 4185) (call $cap_revoke (i32.const 7)))
    (call $wait_bit (i32.const 4) (i64.const 8))      ;; it saw the revoke
    (call $r (i32.const 4221) (call $cap_revoke (i32.const 6)))
    (drop (call $signal (i32.const 3) (i32.const 2)))
    (call $exit (i32.const 0)))
)
