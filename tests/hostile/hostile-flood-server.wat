;; hostile-flood-server.wat - the server that endpoint `flood` is aimed
;; at. It receives into a 64-byte buffer: flood messages (badges 2..7)
;; must arrive as 4096 bytes truncated to 64 (MSG_TRUNCATED, len 4096);
;; calls (MSG_CALL, badge 1, "ping N") are answered "pong N". It ends when
;; the client's 20 calls and all 6 x 300 flood messages have come;
;; delivered nb_send messages (badge 8) are counted on the way.
;; Slots: 0 console, 1 endpoint flood (r), 2 notification done (w):
;; signalled at the end, for hostile-flood.wat.
;; group: hostile-flood
;; caps: console:w endpoint:flood:r notification:done:w
;; expect: server: 1800 flood messages of 4096 bytes, truncated to 64 as they should be -> ok 1800
;; expect: server: malformed or misattributed messages -> ok 0
;; expect: server: 20 calls answered
;; expect-kernel: task hostile-flood-server exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "reply" (func $reply (param i32 i32 i32) (result i32)))
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
  (data (i32.const 0x1000) "server: 1800 flood messages of 4096 bytes, truncated to 64 as they should be\00")
  (data (i32.const 0x104d) "server: malformed or misattributed messages\00")
  (data (i32.const 0x1079) "server: delivered nb_send messages: \00")
  (data (i32.const 0x109e) "server: \00")
  (data (i32.const 0x10a7) " calls answered\00")
  (data (i32.const 0x300) "pong")
  (global $good (mut i32) (i32.const 0))
  (global $bad (mut i32) (i32.const 0))
  (global $calls (mut i32) (i32.const 0))
  (global $nb (mut i32) (i32.const 0))
  ;; Classify one received message (rc bytes, info at 0).
  (func $take (param $rc i32)
    (local $b i64) (local $fl i32)
    (local.set $b (i64.load (i32.const 0)))
    (local.set $fl (i32.load (i32.const 16)))
    (if (i32.lt_s (local.get $rc) (i32.const 0))
      (then (global.set $bad (i32.add (global.get $bad) (i32.const 1))) (return)))
    (if (i32.and (local.get $fl) (i32.const 4))
      (then
        (if (i32.and (i64.eq (local.get $b) (i64.const 1)) (i32.eq (local.get $rc) (i32.const 5)))
          (then
            (i32.store8 (i32.const 0x304) (i32.load8_u (i32.const 0x104)))
            (if (i32.eqz (call $reply (i32.const 0x300) (i32.const 5) (i32.const -1)))
              (then (global.set $calls (i32.add (global.get $calls) (i32.const 1)))))
            (return)))
        (global.set $bad (i32.add (global.get $bad) (i32.const 1)))
        (return)))
    (if (i64.eq (local.get $b) (i64.const 8))
      (then (global.set $nb (i32.add (global.get $nb) (i32.const 1))) (return)))
    (if (i32.and (i32.and (i64.ge_u (local.get $b) (i64.const 2)) (i64.le_u (local.get $b) (i64.const 7)))
                 (i32.and (i32.eq (local.get $rc) (i32.const 64))
                          (i32.and (i32.eq (i32.load (i32.const 8)) (i32.const 4096))
                                   (i32.eq (local.get $fl) (i32.const 1)))))
      (then (global.set $good (i32.add (global.get $good) (i32.const 1))))
      (else (global.set $bad (i32.add (global.get $bad) (i32.const 1))))))
  (func (export "_start")
    (loop $r
      (call $take (call $recv (i32.const 1) (i32.const 0x100) (i32.const 64) (i32.const 0)))
      (br_if $r (i32.or (i32.lt_u (global.get $calls) (i32.const 20))
                        (i32.lt_u (i32.add (global.get $good) (global.get $bad)) (i32.const 1800)))))
    (drop (call $report (i32.const 0x1000)
      (global.get $good)))
    (drop (call $report (i32.const 0x104d) (global.get $bad)))
    (call $puts (i32.const 0x1079)) (call $putu (i64.extend_i32_u (global.get $nb)))
    (call $endl)
    (call $puts (i32.const 0x109e)) (call $putu (i64.extend_i32_u (global.get $calls)))
    (call $say (i32.const 0x10a7))
    (drop (call $signal (i32.const 2) (i32.const 1))))
)
