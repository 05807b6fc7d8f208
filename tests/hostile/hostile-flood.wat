;; hostile-flood.wat - IPC floods to one endpoint. This task mints six
;; badged send capabilities (badges 2..7) to endpoint `flood` and spawns
;; six hostile-flood-sender.wat tasks that each send 300 messages of 4096
;; bytes (the largest allowed) as fast as `send` lets them, so the
;; endpoint's send queue is always full; then it floods the endpoint
;; itself with 20,000 nb_send calls (badge 8) that must each either be
;; delivered or fail with WOULD_BLOCK, never block or fail otherwise.
;; Meanwhile hostile-flood-client.wat makes 20 calls to the server
;; (hostile-flood-server.wat), which must all be answered: a flood slows a
;; client down (FIFO order) but cannot lock it out.
;; It waits for the server's `done` signal before it exits: its CSpace
;; holds the flooders' task capabilities, and they must finish first.
;; Slots: 0 console, 1 spawn, 2 endpoint flood (w, unbadged), 3
;; notification done (r), 4 clock; 5..10 the flooders' minted
;; capabilities, 11..16 their tasks, 20 our own badge-8 one.
;; group: hostile-flood
;; caps: console:w spawn:w endpoint:flood:w notification:done:r clock:r
;; expect: spawned 6 flooders -> ok 6
;; expect: send 4097 bytes -> TOO_LONG
;; expect: nb_send flood: 20000 tries, results other than 0 or WOULD_BLOCK -> ok 0
;; expect: wait for the server to finish -> ok 1
;; expect-kernel: task hostile-flood exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "nb_send" (func $nb_send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
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
  (data (i32.const 0x1000) "spawned 6 flooders\00")
  (data (i32.const 0x1013) "send 4097 bytes\00")
  (data (i32.const 0x1023) "nb_send flood: delivered \00")
  (data (i32.const 0x103d) " of 20000\00")
  (data (i32.const 0x1047) "nb_send flood: 20000 tries, results other than 0 or WOULD_BLOCK\00")
  (data (i32.const 0x1087) "wait for the server to finish\00")
  (data (i32.const 0x80) "hostile-flood-sender")
  (func (export "_start")
    (local $i i32) (local $n i32) (local $rc i32) (local $other i32) (local $ok i32)
    (loop $mint
      (drop (call $cap_mint (i32.const 2) (i32.add (i32.const 5) (local.get $i)) (i32.const 2)
                            (i64.extend_i32_u (i32.add (i32.const 2) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $mint (i32.lt_u (local.get $i) (i32.const 6))))
    (local.set $i (i32.const 0))
    (loop $sp
      (i32.store (i32.const 0xc0) (i32.add (i32.const 5) (local.get $i)))
      (if (i32.ge_s (call $task_spawn (i32.const 1) (i32.const 0x80) (i32.const 20)
                                      (i32.const 0xc0) (i32.const 1) (i32.const 10)) (i32.const 0))
        (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $sp (i32.lt_u (local.get $i) (i32.const 6))))
    (drop (call $report (i32.const 0x1000) (local.get $n)))
    (drop (call $cap_mint (i32.const 2) (i32.const 20) (i32.const 2) (i64.const 8)))
    (drop (call $report (i32.const 0x1013)
      (call $send (i32.const 20) (i32.const 0x1000) (i32.const 4097) (i32.const -1))))
    (local.set $i (i32.const 0))
    (loop $nb
      (local.set $rc (call $nb_send (i32.const 20) (i32.const 0x1000) (i32.const 4096) (i32.const -1)))
      (if (i32.eqz (local.get $rc)) (then (local.set $ok (i32.add (local.get $ok) (i32.const 1)))))
      (if (i32.and (i32.ne (local.get $rc) (i32.const 0)) (i32.ne (local.get $rc) (i32.const -7)))
        (then (local.set $other (i32.add (local.get $other) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $nb (i32.lt_u (local.get $i) (i32.const 20000))))
    (call $puts (i32.const 0x1023)) (call $putu (i64.extend_i32_u (local.get $ok)))
    (call $say (i32.const 0x103d))
    (drop (call $report (i32.const 0x1047)
      (local.get $other)))
    (drop (call $report (i32.const 0x1087) (i32.wrap_i64 (call $wait (i32.const 3)))))
    (drop (call $sleep (i32.const 4) (i64.const 50000000))))
)
