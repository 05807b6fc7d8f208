;; stress-send.wat - one sender of the IPC stress run (docs/hardening.md).
;; Spawned by a stress-recv task with one capability, slot 0: a send-only
;; capability to that receiver's endpoint, whose badge says who this
;; sender is and how much it sends: badge = COUNT << 16 | (ID + 1).
;; (The kernel has no argv; the badge is the one thing the receiver can
;; give us that we can read back, with cap_info.)
;;
;; It sends COUNT messages of 32 bytes, then an end marker saying how many
;; it sent, then exits. Even senders use `send` (blocking; the IPC slow
;; path); odd ones use `call` (the call/reply_recv fast path) and check
;; that the reply is the 4-byte sequence number of the message it answers
;; (else a bad reply). The end marker always goes with `send`. A message is
;;   u32 id, u32 seq, u32 kind (0 data, 1 end), u32 checksum,
;;   u32 w0..w3 (data: pseudo-random words from id and seq; end: w0 = sent,
;;   w1 = bad replies)
;; checksum = FNV-1a over the 7 other words, so the receiver sees any
;; damage to the payload, the id or the sequence number.
;; Slots: 0 endpoint (w, badged). No console: it prints nothing unless a
;; send fails, and then it exits with code 1 (the coordinator's totals
;; show the missing messages).
;; group: stress
;; start: no
(module
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (memory (export "memory") 1 1)
  ;; 0x00: cap_info record (16 bytes); 0x100: the message (32 bytes);
  ;; 0x200: the reply (8 bytes)

  ;; FNV-1a over the words at 0x100 (id, seq, kind) and 0x110..0x11f.
  (func $checksum (result i32)
    (local $h i32) (local $a i32)
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $a (i32.const 0x100))
    (loop $w
      (if (i32.ne (local.get $a) (i32.const 0x10c))
        (then
          (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load (local.get $a)))
                                 (i32.const 0x01000193)))))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br_if $w (i32.lt_u (local.get $a) (i32.const 0x120))))
    (local.get $h))

  (global $bad (mut i32) (i32.const 0))    ;; calls answered wrongly

  ;; Fill the message at 0x100 and send it (a data message of an odd
  ;; sender: call it and check the reply); the call's result.
  (func $send_msg (param $id i32) (param $seq i32) (param $kind i32) (param $w0 i32) (result i32)
    (local $rc i32)
    (local $x i32)
    (i32.store (i32.const 0x100) (local.get $id))
    (i32.store (i32.const 0x104) (local.get $seq))
    (i32.store (i32.const 0x108) (local.get $kind))
    (if (local.get $kind)
      (then
        (i32.store (i32.const 0x110) (local.get $w0))
        (i32.store (i32.const 0x114) (global.get $bad))
        (i64.store (i32.const 0x118) (i64.const 0)))
      (else
        ;; four LCG steps from a seed mixed from id and seq
        (local.set $x (i32.xor (i32.mul (local.get $id) (i32.const 0x9e3779b9))
                               (i32.mul (local.get $seq) (i32.const 0x85ebca6b))))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        (i32.store (i32.const 0x110) (local.get $x))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        (i32.store (i32.const 0x114) (local.get $x))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        (i32.store (i32.const 0x118) (local.get $x))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        (i32.store (i32.const 0x11c) (local.get $x))))
    (i32.store (i32.const 0x10c) (call $checksum))
    (if (i32.or (local.get $kind) (i32.eqz (i32.and (local.get $id) (i32.const 1))))
      (then (return (call $send (i32.const 0) (i32.const 0x100) (i32.const 32) (i32.const -1)))))
    (i32.store (i32.const 0x200) (i32.const -1))
    (local.set $rc (call $call (i32.const 0) (i32.const 0x100) (i32.const 32)
                               (i32.const 0x200) (i32.const 8) (i32.const -1)))
    (if (i32.lt_s (local.get $rc) (i32.const 0))
      (then (return (local.get $rc))))
    (if (i32.or (i32.ne (local.get $rc) (i32.const 4))
                (i32.ne (i32.load (i32.const 0x200)) (local.get $seq)))
      (then (global.set $bad (i32.add (global.get $bad) (i32.const 1)))))
    (i32.const 0))

  (func (export "_start")
    (local $badge i64) (local $id i32) (local $count i32) (local $seq i32)
    (if (i32.ne (call $cap_info (i32.const 0) (i32.const 0)) (i32.const 0))
      (then (call $exit (i32.const 2))))
    (local.set $badge (i64.load (i32.const 8)))
    (local.set $id (i32.sub (i32.wrap_i64 (i64.and (local.get $badge) (i64.const 0xffff)))
                            (i32.const 1)))
    (local.set $count (i32.wrap_i64 (i64.shr_u (local.get $badge) (i64.const 16))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $seq) (local.get $count)))
        (br_if $done (i32.ne (call $send_msg (local.get $id) (local.get $seq) (i32.const 0)
                                             (i32.const 0))
                             (i32.const 0)))
        (local.set $seq (i32.add (local.get $seq) (i32.const 1)))
        (br $next)))
    (drop (call $send_msg (local.get $id) (i32.const -1) (i32.const 1) (local.get $seq)))
    (call $exit (i32.ne (local.get $seq) (local.get $count))))
)
