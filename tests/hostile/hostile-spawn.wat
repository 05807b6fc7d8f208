;; hostile-spawn.wat - a task that spawns tasks until its quota ends.
;; Every task it (and its descendants) makes is charged to the group's
;; kernel-memory quota (4 MiB a started module; kernel stack, TCB, CNode).
;; Its CSpace has 32 slots, fewer than the quota allows tasks, so it
;; spawns children (hostile-spawn-child.wat) that each spawn sleeping
;; leaves (hostile-spawn-leaf.wat) until spawn fails, and report how many
;; and why over endpoint `rep`. Once a spawn fails with QUOTA_EXCEEDED it
;; kills its children (their leaves go with them: their last task
;; capabilities were in the children's CSpaces), waits for the kernel to
;; reap them, and spawns once more: the quota must have been given back.
;; A child may also be the one that runs the quota out: its spawn succeeds
;; but its own memory does not fit, so it fails to start and never
;; reports; the parent polls instead of blocking, so it cannot hang on it.
;; Slots: 0 console, 1 clock, 2 spawn, 3 endpoint rep (rw); 4.. children.
;; group: hostile-spawn
;; caps: console:w clock:r spawn:w endpoint:rep:rw
;; expect: the quota ran out -> QUOTA_EXCEEDED
;; expect: killed every child -> ok 0
;; expect: spawn again after the kills -> ok 4
;; expect: kill that one -> ok 0
;; expect-not: FAILED
;; expect-kernel: task hostile-spawn exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "task_kill" (func $task_kill (param i32) (result i32)))
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
  (data (i32.const 0x1000) "FAILED to receive a child's report\00")
  (data (i32.const 0x1023) "tasks spawned in all: \00")
  (data (i32.const 0x103a) " (children: \00")
  (data (i32.const 0x1047) ")\00")
  (data (i32.const 0x1049) "the quota ran out\00")
  (data (i32.const 0x105b) "killed every child\00")
  (data (i32.const 0x106e) "spawn again after the kills\00")
  (data (i32.const 0x108a) "kill that one\00")
  (data (i32.const 0x10a0) "a child did not report in 10 s: it could not start\00")
  (data (i32.const 0x80) "hostile-spawn-child")
  (data (i32.const 0xa0) "hostile-spawn-leaf")
  ;; a child's caps: our 0 console, 1 clock, 2 spawn, 3 rep
  (data (i32.const 0xc0) "\00\00\00\00\01\00\00\00\02\00\00\00\03\00\00\00")
  (func (export "_start")
    (local $rc i32) (local $err i32) (local $total i32) (local $kids i32) (local $i i32)
    (local $bad i32) (local $tries i32)
    (block $out
      (loop $more
        (local.set $rc (call $task_spawn (i32.const 2) (i32.const 0x80) (i32.const 19)
                                         (i32.const 0xc0) (i32.const 4) (i32.const 10)))
        (if (i32.lt_s (local.get $rc) (i32.const 0))
          (then (local.set $err (local.get $rc)) (br $out)))
        (local.set $kids (i32.add (local.get $kids) (i32.const 1)))
        (local.set $total (i32.add (local.get $total) (i32.const 1)))
        ;; the child's report: leaves spawned, then the error that stopped it.
        ;; A child whose own memory did not fit the quota never starts (the
        ;; kernel prints "task hostile-spawn-child failed to start: quota
        ;; exceeded ...") and never reports: poll for 10 s of guest time,
        ;; then count the quota as run out by that child.
        (local.set $tries (i32.const 1000))
        (block $got
          (loop $wait
            (local.set $rc (call $poll (i32.const 3) (i32.const 0x100) (i32.const 8) (i32.const -1)))
            (br_if $got (i32.eq (local.get $rc) (i32.const 8)))
            (if (i32.ne (local.get $rc) (i32.const -7))
              (then (call $say (i32.const 0x1000)) (br $out)))
            (local.set $tries (i32.sub (local.get $tries) (i32.const 1)))
            (if (i32.eqz (local.get $tries))
              (then (call $say (i32.const 0x10a0)) (local.set $err (i32.const -10)) (br $out)))
            (drop (call $sleep (i32.const 1) (i64.const 10000000)))
            (br $wait)))
        (local.set $total (i32.add (local.get $total) (i32.load (i32.const 0x100))))
        (local.set $err (i32.load (i32.const 0x104)))
        (br_if $out (i32.eq (local.get $err) (i32.const -10)))
        (br_if $more (i32.lt_u (local.get $kids) (i32.const 27)))))
    (call $puts (i32.const 0x1023)) (call $putu (i64.extend_i32_u (local.get $total)))
    (call $puts (i32.const 0x103a)) (call $putu (i64.extend_i32_u (local.get $kids)))
    (call $say (i32.const 0x1047))
    (drop (call $report (i32.const 0x1049) (local.get $err)))
    (loop $kill
      (if (i32.lt_u (local.get $i) (local.get $kids))
        (then
          (local.set $bad (i32.or (local.get $bad)
            (call $task_kill (i32.add (i32.const 4) (local.get $i)))))
          (local.set $bad (i32.or (local.get $bad)
            (call $cap_delete (i32.add (i32.const 4) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $kill))))
    (drop (call $report (i32.const 0x105b) (local.get $bad)))
    (drop (call $sleep (i32.const 1) (i64.const 100000000)))
    (local.set $rc (call $report (i32.const 0x106e)
      (call $task_spawn (i32.const 2) (i32.const 0xa0) (i32.const 18) (i32.const 0xc4) (i32.const 1) (i32.const 10))))
    (if (i32.ge_s (local.get $rc) (i32.const 0))
      (then (drop (call $report (i32.const 0x108a) (call $task_kill (local.get $rc)))))))
)
