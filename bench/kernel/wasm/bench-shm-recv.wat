;; bench-shm-recv.wat - the shared-memory channel, receiving side (rows
;; shm_chan_*): takes the region from the run's endpoint and receives
;; 1 + 2n messages (n from bench-shm-send), up to 32 per ch_recv, checking
;; that they arrive numbered 0, 1, 2, ... Slots: 0 ENDPOINT r,
;; 1 notification data, 2 notification space; 3 the region.
(module
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "mem_create" (func $mem_create (param i32 i32) (result i32)))
  (import "jericho" "mem_read" (func $mem_read (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "mem_write" (func $mem_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (global $want (mut i32) (i32.const 8193))
  (global $got (export "got") (mut i32) (i32.const 0))
  (global $bad (export "bad") (mut i32) (i32.const 0))
  (global $ok (export "ok") (mut i32) (i32.const 0))

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

  (func (export "_start")
    (local $n i32) (local $k i32)
    (global.set $R (i32.const 3)) (global.set $D (i32.const 1)) (global.set $S (i32.const 2))
    (if (i32.lt_s (call $recv (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0x100)) (i32.const 0))
      (then (return)))
    (if (i32.ne (i32.load (i32.const 0x10c)) (i32.const 3)) (then (return)))
    (loop $more
      (local.set $n (call $ch_recv (i32.const 0x2000) (i32.const 32)))
      (local.set $k (i32.const 0))
      (loop $chk
        (if (i32.ne (i32.load (i32.add (i32.const 0x2000) (i32.shl (local.get $k) (i32.const 6))))
                    (i32.add (global.get $got) (local.get $k)))
          (then (global.set $bad (i32.add (global.get $bad) (i32.const 1)))))
        (br_if $chk (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
      (global.set $got (i32.add (global.get $got) (local.get $n)))
      (br_if $more (i32.lt_u (global.get $got) (global.get $want))))
    (global.set $ok (i32.and (i32.eqz (global.get $bad)) (i32.eq (global.get $got) (global.get $want))))))
