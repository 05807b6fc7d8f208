;; stress.wat - the coordinator of the IPC stress run (docs/hardening.md).
;; It spawns 8 receivers (stress-recv.wat), each of which spawns 7 senders
;; (stress-send.wat): 64 tasks exchange M messages in total, M being the
;; badge of the `messages` notification capability (1,000,000 as written
;; here; the command line `stress=M` or `messages=M` changes it, see
;; src/runner/hostile.c). Each receiver checks sequence numbers and
;; checksums of its 7 senders (half of them use send, half call; it
;; answers with reply_recv) and reports 9 counters to the results
;; endpoint (its badge says which receiver it is); this task adds them up
;; and prints the round and the totals with the guest time they took.
;; The `seconds` capability's badge (0 unless the command line says
;; `soak=S`) makes it run rounds until S seconds of guest time have passed.
;;
;; Slots: 0 console, 1 clock, 2 spawn, 3 results (rw), 4 messages (badge
;; M), 5 seconds (badge S), 6..13 the receivers' endpoints q0..q7; 31 a
;; scratch slot; the receivers' task capabilities land from 14 on.
;; group: stress
;; caps: console:w clock:r spawn:w endpoint:results:rw notification:messages:r:badge=1000000 notification:seconds:r
;; caps: endpoint:q0:rw endpoint:q1:rw endpoint:q2:rw endpoint:q3:rw endpoint:q4:rw endpoint:q5:rw endpoint:q6:rw endpoint:q7:rw
;; expect: stress: PASS every message arrived once, in order, intact
;; expect-not: FAIL
;; expect-not: failed
;; expect-kernel: task stress exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0x000 message info; 0x020 cap_info record; 0x040 spawn's caps array;
  ;; 0x080 the receivers' task slots; 0x0c0 which receivers reported;
  ;; 0x100 a receiver's results (9 u32); 0x200 this round's sums and
  ;; 0x280 the run's (9 u64 each: assigned, sent, received, lost,
  ;; duplicated, reordered, checksum, misdelivered, bad replies); 0x400
  ;; line; 0x500
  ;; digits; 0x1000 strings.
  (data (i32.const 0x60) "stress-recv")
  (data (i32.const 0x40) "\00\00\00\00\01\00\00\00\02\00\00\00\00\00\00\00\1f\00\00\00\04\00\00\00")
  (data (i32.const 0x1000) "stress: \00")
  (data (i32.const 0x1010) "round \00")
  (data (i32.const 0x1020) "totals: 64 tasks, \00")
  (data (i32.const 0x1040) " rounds\00")
  (data (i32.const 0x1050) ", sent \00")
  (data (i32.const 0x1060) ", received \00")
  (data (i32.const 0x1070) ", lost \00")
  (data (i32.const 0x1080) ", duplicated \00")
  (data (i32.const 0x1090) ", reordered \00")
  (data (i32.const 0x10a0) ", checksum mismatches \00")
  (data (i32.const 0x10c0) ", misdelivered \00")
  (data (i32.const 0x10d0) ", guest time \00")
  (data (i32.const 0x10e0) " ms\00")
  (data (i32.const 0x10f0) " messages/s\00")
  (data (i32.const 0x1100) "PASS every message arrived once, in order, intact\00")
  (data (i32.const 0x1140) "FAIL the totals above are wrong\00")
  (data (i32.const 0x1180) "FAIL cannot spawn receiver, error \00")
  (data (i32.const 0x11c0) "FAIL results recv, error \00")
  (data (i32.const 0x1200) "FAIL results from an unknown or repeated receiver\00")
  (data (i32.const 0x1240) "64 tasks (8 receivers x 7 senders), messages per round \00")
  (data (i32.const 0x1280) ", for at least \00")
  (data (i32.const 0x1290) " s\00")
  (data (i32.const 0x12a0) ", bad replies \00")
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
  (func $fail (param $s i32) (param $err i32)
    (call $puts (i32.const 0x1000))
    (call $puts (local.get $s))
    (if (i32.ge_s (local.get $err) (i32.const 0))
      (then (call $putu (i64.extend_i32_u (local.get $err)))))
    (call $endl)
    (call $exit (i32.const 1)))
  ;; ", sent S, received R, ..." from the 8 sums at $a
  (func $put_counts (param $a i32)
    (call $puts (i32.const 0x1050)) (call $putu (i64.load offset=8 (local.get $a)))
    (call $puts (i32.const 0x1060)) (call $putu (i64.load offset=16 (local.get $a)))
    (call $puts (i32.const 0x1070)) (call $putu (i64.load offset=24 (local.get $a)))
    (call $puts (i32.const 0x1080)) (call $putu (i64.load offset=32 (local.get $a)))
    (call $puts (i32.const 0x1090)) (call $putu (i64.load offset=40 (local.get $a)))
    (call $puts (i32.const 0x10a0)) (call $putu (i64.load offset=48 (local.get $a)))
    (call $puts (i32.const 0x10c0)) (call $putu (i64.load offset=56 (local.get $a)))
    (call $puts (i32.const 0x12a0)) (call $putu (i64.load offset=64 (local.get $a))))

  ;; One round: spawn the receivers, collect their 8 counters into 0x200.
  (func $round
    (local $i i32) (local $rc i32) (local $b i32)
    (memory.fill (i32.const 0x0c0) (i32.const 0) (i32.const 0x40))
    (memory.fill (i32.const 0x200) (i32.const 0) (i32.const 0x48))
    (loop $sp
      (drop (call $cap_mint (i32.const 3) (i32.const 31) (i32.const 2)
                            (i64.extend_i32_u (i32.add (local.get $i) (i32.const 1)))))
      (i32.store (i32.const 0x4c) (i32.add (i32.const 6) (local.get $i)))
      (local.set $rc (call $task_spawn (i32.const 2) (i32.const 0x60) (i32.const 11)
                                       (i32.const 0x40) (i32.const 6) (i32.const 10)))
      (if (i32.lt_s (local.get $rc) (i32.const 0))
        (then (call $fail (i32.const 0x1180) (i32.sub (i32.const 0) (local.get $rc)))))
      (i32.store (i32.add (i32.const 0x80) (i32.shl (local.get $i) (i32.const 2))) (local.get $rc))
      (drop (call $cap_delete (i32.const 31)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $sp (i32.lt_u (local.get $i) (i32.const 8))))
    (local.set $i (i32.const 0))
    (loop $rv
      (local.set $rc (call $recv (i32.const 3) (i32.const 0x100) (i32.const 64) (i32.const 0)))
      (if (i32.lt_s (local.get $rc) (i32.const 0))
        (then (call $fail (i32.const 0x11c0) (i32.sub (i32.const 0) (local.get $rc)))))
      (local.set $b (i32.wrap_i64 (i64.load (i32.const 0))))
      (if (i32.or (i32.or (i32.eqz (local.get $b)) (i32.gt_u (local.get $b) (i32.const 8)))
                  (i32.or (i32.ne (local.get $rc) (i32.const 36))
                          (i32.load8_u (i32.add (i32.const 0xbf) (local.get $b)))))
        (then (call $fail (i32.const 0x1200) (i32.const -1))))
      (i32.store8 (i32.add (i32.const 0xbf) (local.get $b)) (i32.const 1))
      (local.set $b (i32.const 0))
      (loop $add
        (i64.store (i32.add (i32.const 0x200) (i32.shl (local.get $b) (i32.const 3)))
          (i64.add (i64.load (i32.add (i32.const 0x200) (i32.shl (local.get $b) (i32.const 3))))
                   (i64.load32_u (i32.add (i32.const 0x100) (i32.shl (local.get $b) (i32.const 2))))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $add (i32.lt_u (local.get $b) (i32.const 9))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rv (i32.lt_u (local.get $i) (i32.const 8))))
    ;; the receivers exit after a 20 ms sleep: let them, then drop their
    ;; task capabilities (deleting a live task's last one would kill it)
    (drop (call $sleep (i32.const 1) (i64.const 100000000)))
    (local.set $i (i32.const 0))
    (loop $del
      (drop (call $cap_delete (i32.load (i32.add (i32.const 0x80) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $del (i32.lt_u (local.get $i) (i32.const 8)))))

  (func (export "_start")
    (local $m i64) (local $secs i64) (local $t0 i64) (local $t1 i64) (local $r0 i64)
    (local $rounds i64) (local $b i32) (local $ok i32) (local $ns i64)
    (drop (call $cap_info (i32.const 4) (i32.const 0x20)))
    (local.set $m (i64.load (i32.const 0x28)))
    (drop (call $cap_info (i32.const 5) (i32.const 0x20)))
    (local.set $secs (i64.load (i32.const 0x28)))
    (call $puts (i32.const 0x1000)) (call $puts (i32.const 0x1240)) (call $putu (local.get $m))
    (if (i64.ne (local.get $secs) (i64.const 0))
      (then (call $puts (i32.const 0x1280)) (call $putu (local.get $secs)) (call $puts (i32.const 0x1290))))
    (call $endl)
    (local.set $t0 (call $clock_now (i32.const 1)))
    (loop $again
      (local.set $r0 (call $clock_now (i32.const 1)))
      (call $round)
      (local.set $t1 (call $clock_now (i32.const 1)))
      (local.set $rounds (i64.add (local.get $rounds) (i64.const 1)))
      ;; "stress: round R, sent ..., T ms" (the time includes the 100 ms
      ;; wait for the receivers to exit)
      (call $puts (i32.const 0x1000)) (call $puts (i32.const 0x1010)) (call $putu (local.get $rounds))
      (call $put_counts (i32.const 0x200))
      (call $puts (i32.const 0x10d0))
      (call $putu (i64.div_u (i64.sub (local.get $t1) (local.get $r0)) (i64.const 1000000)))
      (call $puts (i32.const 0x10e0))
      (call $endl)
      (local.set $b (i32.const 0))
      (loop $add
        (i64.store (i32.add (i32.const 0x280) (local.get $b))
          (i64.add (i64.load (i32.add (i32.const 0x280) (local.get $b)))
                   (i64.load (i32.add (i32.const 0x200) (local.get $b)))))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br_if $add (i32.lt_u (local.get $b) (i32.const 72))))
      (br_if $again (i64.lt_u (i64.sub (local.get $t1) (local.get $t0))
                              (i64.mul (local.get $secs) (i64.const 1000000000)))))
    (local.set $ns (i64.sub (local.get $t1) (local.get $t0)))
    (call $puts (i32.const 0x1000)) (call $puts (i32.const 0x1020)) (call $putu (local.get $rounds))
    (call $puts (i32.const 0x1040))
    (call $put_counts (i32.const 0x280))
    (call $puts (i32.const 0x10d0))
    (call $putu (i64.div_u (local.get $ns) (i64.const 1000000)))
    (call $puts (i32.const 0x10e0))
    (call $putc (i32.const 44)) (call $putc (i32.const 32))
    (call $putu (i64.div_u (i64.mul (i64.load (i32.const 0x290)) (i64.const 1000))
                           (i64.add (i64.div_u (local.get $ns) (i64.const 1000000)) (i64.const 1))))
    (call $puts (i32.const 0x10f0))
    (call $endl)
    ;; the verdict: every assigned message sent and received exactly once
    (local.set $ok (i32.and
      (i32.and (i64.eq (i64.load (i32.const 0x280)) (i64.mul (local.get $m) (local.get $rounds)))
               (i64.eq (i64.load (i32.const 0x288)) (i64.load (i32.const 0x280))))
      (i64.eq (i64.load (i32.const 0x290)) (i64.load (i32.const 0x280)))))
    (local.set $b (i32.const 0x298))
    (loop $zero
      (local.set $ok (i32.and (local.get $ok) (i64.eqz (i64.load (local.get $b)))))
      (local.set $b (i32.add (local.get $b) (i32.const 8)))
      (br_if $zero (i32.lt_u (local.get $b) (i32.const 0x2c8))))
    (call $puts (i32.const 0x1000))
    (call $puts (select (i32.const 0x1100) (i32.const 0x1140) (local.get $ok)))
    (call $endl)
    (call $exit (i32.eqz (local.get $ok))))
)
