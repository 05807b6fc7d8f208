;; stress-recv.wat - one receiver of the IPC stress run (docs/hardening.md).
;; Spawned by the coordinator (stress.wat) with:
;;   0 console (w), 1 clock (r), 2 spawn (w), 3 its own endpoint (rw),
;;   4 the results endpoint (w, badge = I + 1: who this receiver is),
;;   5 notification `messages` (r, badge = M: messages in the whole run).
;; Receiver I spawns the senders 7I .. 7I+6 (stress-send.wat), giving each a
;; send-only capability to its endpoint minted with badge COUNT << 16 | K+1,
;; where sender K's share is M / 56, plus one for K < M % 56 (8 receivers
;; x 7 senders = 56 senders; with the receivers, 64 tasks exchange
;; messages). It then receives until all 7 end markers have come, checking
;; every message:
;;   - the badge names one of its senders and the id inside agrees
;;     (else: misdelivered);
;;   - 32 bytes, kind 0 or 1, FNV-1a checksum right (else: checksum);
;;   - per sender, a bitmap of sequence numbers: a number seen before or
;;     past the sender's share is duplicated; one below the highest seen so
;;     far arrived late (reordered); lost = share - distinct received.
;; It receives with reply_recv: the reply half answers the previous
;; message if it was a call (odd senders call), with its 4-byte sequence
;; number, and is skipped after a plain send. The end markers carry each
;; sender's count of wrong replies.
;; It sends its 9 counters to the results endpoint, waits a tick so that
;; its senders (woken by their last send) have exited before its CSpace,
;; holding their task capabilities, goes away; then exits.
;; Slots 6..12: the senders' endpoint capabilities; 13..19: their tasks.
;; group: stress
;; start: no
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "reply_recv" (func $reply_recv (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0x000 message info (24 bytes); 0x020 cap_info record; 0x040 spawn's
  ;; caps array; 0x100 receive buffer (64 bytes); 0x200 + 32 J: sender J's
  ;; state (share, highest+1, received, duplicated, reordered, claimed,
  ;; ended, bitmap address); 0x180 the reply (4 bytes); 0x300 results (9
  ;; u32); 0x400 line; 0x500
  ;; digits; 0x1000 strings; 0x10000.. the bitmaps.
  (data (i32.const 0x60) "stress-send")
  (data (i32.const 0x1000) "receiver \00")
  (data (i32.const 0x1040) ": recv failed with error \00")
  (data (i32.const 0x1080) ": cannot grow memory for the bitmaps\00")
  (data (i32.const 0x10c0) ": cannot start sender, error \00")
  (global $line_len (mut i32) (i32.const 0))
  (global $me (mut i32) (i32.const 0))         ;; I

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
  ;; "receiver I<what>[N]" and exit(1)
  (func $fail (param $what i32) (param $n i32)
    (call $puts (i32.const 0x1000))
    (call $putu (i64.extend_i32_u (global.get $me)))
    (call $puts (local.get $what))
    (if (i32.ge_s (local.get $n) (i32.const 0))
      (then (call $putu (i64.extend_i32_u (local.get $n)))))
    (call $endl)
    (call $exit (i32.const 1)))

  ;; FNV-1a over the received words id, seq, kind, w0..w3 (as the sender).
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

  ;; Increment the u32 at address a.
  (func $inc (param $a i32)
    (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1))))

  ;; Check one received message of rc bytes; returns 1 for an end marker.
  (func $take (param $rc i32) (result i32)
    (local $k i32) (local $j i32) (local $st i32) (local $seq i32)
    (local $byte i32) (local $mask i32)
    (local.set $k (i32.sub (i32.wrap_i64 (i64.and (i64.load (i32.const 0)) (i64.const 0xffff)))
                           (i32.const 1)))
    (local.set $j (i32.sub (local.get $k) (i32.mul (global.get $me) (i32.const 7))))
    (if (i32.ge_u (local.get $j) (i32.const 7))
      (then (call $inc (i32.const 0x31c)) (return (i32.const 0))))     ;; misdelivered
    (local.set $st (i32.add (i32.const 0x200) (i32.shl (local.get $j) (i32.const 5))))
    (if (i32.or (i32.ne (local.get $rc) (i32.const 32))
                (i32.ne (i32.load (i32.const 8)) (i32.const 32)))
      (then (call $inc (i32.const 0x318)) (return (i32.const 0))))     ;; damaged
    (if (i32.ne (i32.load (i32.const 0x100)) (local.get $k))
      (then (call $inc (i32.const 0x31c)) (return (i32.const 0))))     ;; misdelivered
    (if (i32.ne (call $checksum) (i32.load (i32.const 0x10c)))
      (then (call $inc (i32.const 0x318)) (return (i32.const 0))))     ;; checksum
    (local.set $seq (i32.load (i32.const 0x104)))
    (if (i32.eq (i32.load (i32.const 0x108)) (i32.const 1))
      (then
        (if (i32.load offset=24 (local.get $st))
          (then (call $inc (i32.const 0x310)) (return (i32.const 0)))) ;; a second end
        (i32.store offset=24 (local.get $st) (i32.const 1))
        (i32.store offset=20 (local.get $st) (i32.load (i32.const 0x110)))
        (i32.store (i32.const 0x320) (i32.add (i32.load (i32.const 0x320)) (i32.load (i32.const 0x114))))
        (return (i32.const 1))))
    (if (i32.load (i32.const 0x108))
      (then (call $inc (i32.const 0x318)) (return (i32.const 0))))     ;; bad kind
    (if (i32.ge_u (local.get $seq) (i32.load (local.get $st)))
      (then (call $inc (i32.const 0x310)) (return (i32.const 0))))     ;; past the share
    (local.set $byte (i32.add (i32.load offset=28 (local.get $st))
                              (i32.shr_u (local.get $seq) (i32.const 3))))
    (local.set $mask (i32.shl (i32.const 1) (i32.and (local.get $seq) (i32.const 7))))
    (if (i32.and (i32.load8_u (local.get $byte)) (local.get $mask))
      (then (call $inc (i32.const 0x310)) (return (i32.const 0))))     ;; duplicated
    (i32.store8 (local.get $byte) (i32.or (i32.load8_u (local.get $byte)) (local.get $mask)))
    (call $inc (i32.add (local.get $st) (i32.const 8)))                ;; received
    (if (i32.lt_u (local.get $seq) (i32.load offset=4 (local.get $st)))
      (then (call $inc (i32.add (local.get $st) (i32.const 16))))      ;; late
      (else (i32.store offset=4 (local.get $st) (i32.add (local.get $seq) (i32.const 1)))))
    (i32.const 0))

  (func (export "_start")
    (local $m i64) (local $j i32) (local $k i32) (local $share i32) (local $bm i32)
    (local $bytes i32) (local $rc i32) (local $ends i32) (local $st i32)
    (drop (call $cap_info (i32.const 4) (i32.const 0x20)))
    (global.set $me (i32.sub (i32.load (i32.const 0x28)) (i32.const 1)))
    (drop (call $cap_info (i32.const 5) (i32.const 0x20)))
    (local.set $m (i64.load (i32.const 0x28)))
    ;; shares and bitmaps
    (local.set $bm (i32.const 0x10000))
    (loop $s
      (local.set $k (i32.add (i32.mul (global.get $me) (i32.const 7)) (local.get $j)))
      (local.set $share (i32.wrap_i64 (i64.add (i64.div_u (local.get $m) (i64.const 56))
        (i64.extend_i32_u (i64.lt_u (i64.extend_i32_u (local.get $k))
                                    (i64.rem_u (local.get $m) (i64.const 56)))))))
      (local.set $st (i32.add (i32.const 0x200) (i32.shl (local.get $j) (i32.const 5))))
      (i32.store (local.get $st) (local.get $share))
      (i32.store offset=28 (local.get $st) (local.get $bm))
      (local.set $bm (i32.add (local.get $bm)
        (i32.and (i32.add (i32.shr_u (local.get $share) (i32.const 3)) (i32.const 8))
                 (i32.const -8))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $s (i32.lt_u (local.get $j) (i32.const 7))))
    (local.set $bytes (i32.sub (local.get $bm) (i32.const 0x10000)))
    (if (i32.eq (memory.grow (i32.add (i32.shr_u (local.get $bytes) (i32.const 16)) (i32.const 1)))
                (i32.const -1))
      (then (call $fail (i32.const 0x1080) (i32.const -1))))
    ;; the senders: mint a badged send capability for each (slots 6..12),
    ;; then spawn them (their task capabilities land in 13..19)
    (local.set $j (i32.const 0))
    (loop $sp
      (local.set $k (i32.add (i32.mul (global.get $me) (i32.const 7)) (local.get $j)))
      (local.set $st (i32.add (i32.const 0x200) (i32.shl (local.get $j) (i32.const 5))))
      (local.set $rc (call $cap_mint (i32.const 3) (i32.add (i32.const 6) (local.get $j)) (i32.const 2)
        (i64.or (i64.shl (i64.extend_i32_u (i32.load (local.get $st))) (i64.const 16))
                (i64.extend_i32_u (i32.add (local.get $k) (i32.const 1))))))
      (if (i32.lt_s (local.get $rc) (i32.const 0))
        (then (call $fail (i32.const 0x10c0) (i32.sub (i32.const 0) (local.get $rc)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $sp (i32.lt_u (local.get $j) (i32.const 7))))
    (local.set $j (i32.const 0))
    (loop $sp2
      (i32.store (i32.const 0x40) (i32.add (i32.const 6) (local.get $j)))
      (local.set $rc (call $task_spawn (i32.const 2) (i32.const 0x60) (i32.const 11)
                                       (i32.const 0x40) (i32.const 1) (i32.const 10)))
      (if (i32.lt_s (local.get $rc) (i32.const 0))
        (then (call $fail (i32.const 0x10c0) (i32.sub (i32.const 0) (local.get $rc)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $sp2 (i32.lt_u (local.get $j) (i32.const 7))))
    ;; receive until every sender's end marker has come
    (loop $r
      (local.set $rc (call $reply_recv (i32.const 3) (i32.const 0x180) (i32.const 4)
                                       (i32.const 0x100) (i32.const 64) (i32.const 0)))
      (if (i32.lt_s (local.get $rc) (i32.const 0))
        (then (call $fail (i32.const 0x1040) (i32.sub (i32.const 0) (local.get $rc)))))
      (local.set $ends (i32.add (local.get $ends) (call $take (local.get $rc))))
      (i32.store (i32.const 0x180) (i32.load (i32.const 0x104)))   ;; the next reply
      (br_if $r (i32.lt_u (local.get $ends) (i32.const 7))))
    ;; results: share, claimed sent, received, lost, duplicated, reordered,
    ;; checksum, misdelivered, bad replies (duplicated, checksum,
    ;; misdelivered, bad replies already counted at 0x310, 0x318, 0x31c, 0x320)
    (local.set $j (i32.const 0))
    (loop $t
      (local.set $st (i32.add (i32.const 0x200) (i32.shl (local.get $j) (i32.const 5))))
      (i32.store (i32.const 0x300) (i32.add (i32.load (i32.const 0x300)) (i32.load (local.get $st))))
      (i32.store (i32.const 0x304) (i32.add (i32.load (i32.const 0x304)) (i32.load offset=20 (local.get $st))))
      (i32.store (i32.const 0x308) (i32.add (i32.load (i32.const 0x308)) (i32.load offset=8 (local.get $st))))
      (i32.store (i32.const 0x30c) (i32.add (i32.load (i32.const 0x30c))
        (i32.sub (i32.load (local.get $st)) (i32.load offset=8 (local.get $st)))))
      (i32.store (i32.const 0x314) (i32.add (i32.load (i32.const 0x314)) (i32.load offset=16 (local.get $st))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $t (i32.lt_u (local.get $j) (i32.const 7))))
    (local.set $rc (call $send (i32.const 4) (i32.const 0x300) (i32.const 36) (i32.const -1)))
    (drop (call $sleep (i32.const 1) (i64.const 20000000)))
    (call $exit (local.get $rc)))
)
