;; hostile-args.wat - huge, negative and wrapping values in every argument
;; of every system call (docs/abi.md): slots -1, 0x80000000, 0x7fffffff, 32,
;; 1000; lengths 0xffffffff, 0x80000000, 4097; pointers 0xffffffff and
;; pointer+length pairs that wrap around 2^32 or cross the end of memory by
;; a few bytes (and the exact end, which is allowed); negative and
;; INT64_MIN sleeps; all-ones rights and bits; badges of 2^64-1, 2^48
;; and 2^48-1 (the kernel keeps 48 bits, abi.md 3.2); priorities -1, 0, 64
;; and above its own; task_spawn counts whose byte size wraps in 32 bits;
;; names with a NUL inside. Each line says what it tried and what it got;
;; the expected answer for each is the one abi.md gives (written here from
;; the ABI, not from a run). Last it exits with code INT32_MIN.
;; The blocking calls (send, call, reply_recv, recv) are only made with an
;; argument that is wrong, so they return at once.
;; Slots: 0 console (w), 1 clock (r), 2 endpoint ep (rwg), 3 notification
;; n (rw), 4 spawn (w); 10 a minted copy of 2.
;; group: hostile-args
;; caps: console:w clock:r endpoint:ep:rwg notification:n:rw spawn:w
;; expect: console_write slot -1 -> INVALID_SLOT
;; expect: console_write slot 0x80000000 -> INVALID_SLOT
;; expect: console_write ptr 0xffffffff len 1 -> OUT_OF_BOUNDS
;; expect: console_write len 0xffffffff -> TOO_LONG
;; expect: console_write len 0x80000000 at 0x80000000 -> TOO_LONG
;; expect: console_write 4096 bytes at 0xfffff000 (wraps to 0) -> OUT_OF_BOUNDS
;; expect: console_write 0 bytes at 65536 (the end) -> ok 0
;; expect: console_write 0 bytes at 65537 -> OUT_OF_BOUNDS
;; expect: clock_now slot 0x80000000 -> INVALID_SLOT
;; expect: sleep -1 ns -> BAD_ARGUMENT
;; expect: sleep INT64_MIN ns -> BAD_ARGUMENT
;; expect: send 4096 bytes at 0xffffffff -> OUT_OF_BOUNDS
;; expect: send 4097 bytes -> TOO_LONG
;; expect: send 0xffffffff bytes -> TOO_LONG
;; expect: send with cap slot -2 -> INVALID_SLOT
;; expect: send with cap slot 0x7fffffff -> INVALID_SLOT
;; expect: send with cap slot 31 (empty) -> EMPTY_SLOT
;; expect: nb_send 0xffffffff bytes at 0xffffffff -> TOO_LONG
;; expect: nb_send with no receiver -> WOULD_BLOCK
;; expect: poll buffer 0xffffffff len 0xffffffff -> OUT_OF_BOUNDS
;; expect: poll buffer = all 65536 bytes -> WOULD_BLOCK
;; expect: poll buffer 65537 bytes -> OUT_OF_BOUNDS
;; expect: poll info at 65520 (24 bytes cross the end) -> OUT_OF_BOUNDS
;; expect: poll info at 0xfffffff0 (wraps) -> OUT_OF_BOUNDS
;; expect: recv buffer 16 bytes at 65530 -> OUT_OF_BOUNDS
;; expect: call 4097 bytes -> TOO_LONG
;; expect: call reply buffer 2 bytes at 0xffffffff -> OUT_OF_BOUNDS
;; expect: call reply buffer 0x80000000 bytes -> OUT_OF_BOUNDS
;; expect: call info at 65530 -> OUT_OF_BOUNDS
;; expect: reply 1 byte at 0xffffffff -> OUT_OF_BOUNDS
;; expect: reply 0xffffffff bytes -> TOO_LONG
;; expect: reply with cap slot 0x80000000 -> INVALID_SLOT
;; expect: reply with no call pending -> NO_CALLER
;; expect: reply_recv 4097 bytes -> TOO_LONG
;; expect: reply_recv buffer 256 bytes at 0xffffff00 -> OUT_OF_BOUNDS
;; expect: signal bits 0 (unbadged) -> BAD_ARGUMENT
;; expect: signal bits 0xffffffff -> ok 0
;; expect: poll_signal minus 0xffffffff (all 32 bits came back) -> ok 0
;; expect: poll_signal again -> ok 0
;; expect: cap_copy to slot -1 -> INVALID_SLOT
;; expect: cap_copy from slot 0x80000000 -> INVALID_SLOT
;; expect: cap_copy to slot 32 -> INVALID_SLOT
;; expect: cap_mint rights 0xffffffff -> BAD_ARGUMENT
;; expect: cap_mint badge 0xffffffffffffffff -> BAD_ARGUMENT
;; expect: cap_mint badge 2^48 (badges keep 48 bits) -> BAD_ARGUMENT
;; expect: cap_mint badge 2^48-1 -> ok 0
;; expect: cap_info of it -> ok 0
;; expect: its badge reads back as 2^48-1 (1 if not) -> ok 0
;; expect: cap_mint re-badging it -> BAD_ARGUMENT
;; expect: cap_mint a badge on the console -> BAD_ARGUMENT
;; expect: cap_move from -1 -> INVALID_SLOT
;; expect: cap_move to 1000 -> INVALID_SLOT
;; expect: cap_move slot 10 onto itself -> ok 0
;; expect: cap_delete slot -7 -> INVALID_SLOT
;; expect: cap_revoke slot 0x7fffffff -> INVALID_SLOT
;; expect: cap_info into 0xfffffff8 -> OUT_OF_BOUNDS
;; expect: cap_info into 65521 (crosses the end) -> OUT_OF_BOUNDS
;; expect: cap_info into 65520 (the last 16 bytes) -> ok 0
;; expect: task_spawn name_len 0xffffffff -> BAD_ARGUMENT
;; expect: task_spawn name_len 0 -> BAD_ARGUMENT
;; expect: task_spawn name at 0xfffffffe -> OUT_OF_BOUNDS
;; expect: task_spawn ncaps 0xffffffff -> BAD_ARGUMENT
;; expect: task_spawn ncaps 0x40000001 (x4 wraps to 4) -> BAD_ARGUMENT
;; expect: task_spawn caps array at 0xfffffffc -> OUT_OF_BOUNDS
;; expect: task_spawn a caps entry of -5 -> INVALID_SLOT
;; expect: task_spawn prio -1 -> BAD_ARGUMENT
;; expect: task_spawn prio 0 -> BAD_ARGUMENT
;; expect: task_spawn prio 64 -> BAD_ARGUMENT
;; expect: task_spawn prio 63 (above its own 10) -> NO_RIGHTS
;; expect: task_spawn a name with a NUL inside -> NOT_FOUND
;; expect: task_spawn a name of 31 bytes no module has -> NOT_FOUND
;; expect: task_kill slot -1 -> INVALID_SLOT
;; expect: task_kill through the spawn capability -> WRONG_TYPE
;; expect-kernel: task hostile-args exited with code -2147483648
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "nb_send" (func $nb_send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "reply" (func $reply (param i32 i32 i32) (result i32)))
  (import "jericho" "reply_recv" (func $reply_recv (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "poll_signal" (func $poll_signal (param i32) (result i64)))
  (import "jericho" "cap_copy" (func $cap_copy (param i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_move" (func $cap_move (param i32 i32) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "cap_revoke" (func $cap_revoke (param i32) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "task_kill" (func $task_kill (param i32) (result i32)))
  (memory (export "memory") 1 1)
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
  (data (i32.const 0x1000) "console_write slot -1\00")
  (data (i32.const 0x1016) "console_write slot 0x80000000\00")
  (data (i32.const 0x1034) "console_write ptr 0xffffffff len 1\00")
  (data (i32.const 0x1057) "console_write len 0xffffffff\00")
  (data (i32.const 0x1074) "console_write len 0x80000000 at 0x80000000\00")
  (data (i32.const 0x109f) "console_write 4096 bytes at 0xfffff000 (wraps to 0)\00")
  (data (i32.const 0x10d3) "console_write 0 bytes at 65536 (the end)\00")
  (data (i32.const 0x10fc) "console_write 0 bytes at 65537\00")
  (data (i32.const 0x111b) "clock_now slot 0x80000000\00")
  (data (i32.const 0x1135) "sleep -1 ns\00")
  (data (i32.const 0x1141) "sleep INT64_MIN ns\00")
  (data (i32.const 0x1154) "send 4096 bytes at 0xffffffff\00")
  (data (i32.const 0x1172) "send 4097 bytes\00")
  (data (i32.const 0x1182) "send 0xffffffff bytes\00")
  (data (i32.const 0x1198) "send with cap slot -2\00")
  (data (i32.const 0x11ae) "send with cap slot 0x7fffffff\00")
  (data (i32.const 0x11cc) "send with cap slot 31 (empty)\00")
  (data (i32.const 0x11ea) "nb_send 0xffffffff bytes at 0xffffffff\00")
  (data (i32.const 0x1211) "nb_send with no receiver\00")
  (data (i32.const 0x122a) "poll buffer 0xffffffff len 0xffffffff\00")
  (data (i32.const 0x1250) "poll buffer = all 65536 bytes\00")
  (data (i32.const 0x126e) "poll buffer 65537 bytes\00")
  (data (i32.const 0x1286) "poll info at 65520 (24 bytes cross the end)\00")
  (data (i32.const 0x12b2) "poll info at 0xfffffff0 (wraps)\00")
  (data (i32.const 0x12d2) "recv buffer 16 bytes at 65530\00")
  (data (i32.const 0x12f0) "call 4097 bytes\00")
  (data (i32.const 0x1300) "call reply buffer 2 bytes at 0xffffffff\00")
  (data (i32.const 0x1328) "call reply buffer 0x80000000 bytes\00")
  (data (i32.const 0x134b) "call info at 65530\00")
  (data (i32.const 0x135e) "reply 1 byte at 0xffffffff\00")
  (data (i32.const 0x1379) "reply 0xffffffff bytes\00")
  (data (i32.const 0x1390) "reply with cap slot 0x80000000\00")
  (data (i32.const 0x13af) "reply with no call pending\00")
  (data (i32.const 0x13ca) "reply_recv 4097 bytes\00")
  (data (i32.const 0x13e0) "reply_recv buffer 256 bytes at 0xffffff00\00")
  (data (i32.const 0x140a) "signal bits 0 (unbadged)\00")
  (data (i32.const 0x1423) "signal bits 0xffffffff\00")
  (data (i32.const 0x143a) "poll_signal minus 0xffffffff (all 32 bits came back)\00")
  (data (i32.const 0x146f) "poll_signal again\00")
  (data (i32.const 0x1481) "cap_copy to slot -1\00")
  (data (i32.const 0x1495) "cap_copy from slot 0x80000000\00")
  (data (i32.const 0x14b3) "cap_copy to slot 32\00")
  (data (i32.const 0x14c7) "cap_mint rights 0xffffffff\00")
  (data (i32.const 0x14e2) "cap_mint badge 0xffffffffffffffff\00")
  (data (i32.const 0x1504) "cap_mint badge 2^48 (badges keep 48 bits)\00")
  (data (i32.const 0x152e) "cap_mint badge 2^48-1\00")
  (data (i32.const 0x1544) "cap_info of it\00")
  (data (i32.const 0x1553) "its badge reads back as 2^48-1 (1 if not)\00")
  (data (i32.const 0x157d) "cap_mint re-badging it\00")
  (data (i32.const 0x1594) "cap_mint a badge on the console\00")
  (data (i32.const 0x15b4) "cap_move from -1\00")
  (data (i32.const 0x15c5) "cap_move to 1000\00")
  (data (i32.const 0x15d6) "cap_move slot 10 onto itself\00")
  (data (i32.const 0x15f3) "cap_delete slot -7\00")
  (data (i32.const 0x1606) "cap_revoke slot 0x7fffffff\00")
  (data (i32.const 0x1621) "cap_info into 0xfffffff8\00")
  (data (i32.const 0x163a) "cap_info into 65521 (crosses the end)\00")
  (data (i32.const 0x1660) "cap_info into 65520 (the last 16 bytes)\00")
  (data (i32.const 0x1688) "task_spawn name_len 0xffffffff\00")
  (data (i32.const 0x16a7) "task_spawn name_len 0\00")
  (data (i32.const 0x16bd) "task_spawn name at 0xfffffffe\00")
  (data (i32.const 0x16db) "task_spawn ncaps 0xffffffff\00")
  (data (i32.const 0x16f7) "task_spawn ncaps 0x40000001 (x4 wraps to 4)\00")
  (data (i32.const 0x1723) "task_spawn caps array at 0xfffffffc\00")
  (data (i32.const 0x1747) "task_spawn a caps entry of -5\00")
  (data (i32.const 0x1765) "task_spawn prio -1\00")
  (data (i32.const 0x1778) "task_spawn prio 0\00")
  (data (i32.const 0x178a) "task_spawn prio 64\00")
  (data (i32.const 0x179d) "task_spawn prio 63 (above its own 10)\00")
  (data (i32.const 0x17c3) "task_spawn a name with a NUL inside\00")
  (data (i32.const 0x17e7) "task_spawn a name of 31 bytes no module has\00")
  (data (i32.const 0x1813) "task_kill slot -1\00")
  (data (i32.const 0x1825) "task_kill through the spawn capability\00")
  (data (i32.const 0x80) "hostile-args")
  (data (i32.const 0xa0) "hos\00ile")
  (data (i32.const 0xc0) "\fb\ff\ff\ff")
  (data (i32.const 0xe0) "no-such-module-of-thirty-one-by")
  (func (export "_start")
    (drop (call $report (i32.const 0x1000)
      (call $console_write (i32.const -1) (i32.const 0) (i32.const 1))))
    (drop (call $report (i32.const 0x1016)
      (call $console_write (i32.const 0x80000000) (i32.const 0) (i32.const 1))))
    (drop (call $report (i32.const 0x1034)
      (call $console_write (i32.const 0) (i32.const -1) (i32.const 1))))
    (drop (call $report (i32.const 0x1057)
      (call $console_write (i32.const 0) (i32.const 0) (i32.const -1))))
    (drop (call $report (i32.const 0x1074)
      (call $console_write (i32.const 0) (i32.const 0x80000000) (i32.const 0x80000000))))
    (drop (call $report (i32.const 0x109f)
      (call $console_write (i32.const 0) (i32.const 0xfffff000) (i32.const 4096))))
    (drop (call $report (i32.const 0x10d3)
      (call $console_write (i32.const 0) (i32.const 65536) (i32.const 0))))
    (drop (call $report (i32.const 0x10fc)
      (call $console_write (i32.const 0) (i32.const 65537) (i32.const 0))))
    (drop (call $report (i32.const 0x111b)
      (i32.wrap_i64 (call $clock_now (i32.const 0x80000000)))))
    (drop (call $report (i32.const 0x1135)
      (call $sleep (i32.const 1) (i64.const -1))))
    (drop (call $report (i32.const 0x1141)
      (call $sleep (i32.const 1) (i64.const 0x8000000000000000))))
    (drop (call $report (i32.const 0x1154)
      (call $send (i32.const 2) (i32.const -1) (i32.const 4096) (i32.const -1))))
    (drop (call $report (i32.const 0x1172)
      (call $send (i32.const 2) (i32.const 0) (i32.const 4097) (i32.const -1))))
    (drop (call $report (i32.const 0x1182)
      (call $send (i32.const 2) (i32.const 0) (i32.const -1) (i32.const -1))))
    (drop (call $report (i32.const 0x1198)
      (call $send (i32.const 2) (i32.const 0) (i32.const 0) (i32.const -2))))
    (drop (call $report (i32.const 0x11ae)
      (call $send (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 0x7fffffff))))
    (drop (call $report (i32.const 0x11cc)
      (call $send (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 31))))
    (drop (call $report (i32.const 0x11ea)
      (call $nb_send (i32.const 2) (i32.const -1) (i32.const -1) (i32.const -1))))
    (drop (call $report (i32.const 0x1211)
      (call $nb_send (i32.const 2) (i32.const 0) (i32.const 16) (i32.const -1))))
    (drop (call $report (i32.const 0x122a)
      (call $poll (i32.const 2) (i32.const -1) (i32.const -1) (i32.const -1))))
    (drop (call $report (i32.const 0x1250)
      (call $poll (i32.const 2) (i32.const 0) (i32.const 65536) (i32.const -1))))
    (drop (call $report (i32.const 0x126e)
      (call $poll (i32.const 2) (i32.const 0) (i32.const 65537) (i32.const -1))))
    (drop (call $report (i32.const 0x1286)
      (call $poll (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 65520))))
    (drop (call $report (i32.const 0x12b2)
      (call $poll (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 0xfffffff0))))
    (drop (call $report (i32.const 0x12d2)
      (call $recv (i32.const 2) (i32.const 65530) (i32.const 16) (i32.const -1))))
    (drop (call $report (i32.const 0x12f0)
      (call $call (i32.const 2) (i32.const 0) (i32.const 4097) (i32.const 0) (i32.const 0) (i32.const -1))))
    (drop (call $report (i32.const 0x1300)
      (call $call (i32.const 2) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 2) (i32.const -1))))
    (drop (call $report (i32.const 0x1328)
      (call $call (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0x80000000) (i32.const -1))))
    (drop (call $report (i32.const 0x134b)
      (call $call (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 65530))))
    (drop (call $report (i32.const 0x135e)
      (call $reply (i32.const -1) (i32.const 1) (i32.const -1))))
    (drop (call $report (i32.const 0x1379)
      (call $reply (i32.const 0) (i32.const -1) (i32.const -1))))
    (drop (call $report (i32.const 0x1390)
      (call $reply (i32.const 0) (i32.const 0) (i32.const 0x80000000))))
    (drop (call $report (i32.const 0x13af)
      (call $reply (i32.const 0) (i32.const 0) (i32.const -1))))
    (drop (call $report (i32.const 0x13ca)
      (call $reply_recv (i32.const 2) (i32.const 0) (i32.const 4097) (i32.const 0) (i32.const 0) (i32.const -1))))
    (drop (call $report (i32.const 0x13e0)
      (call $reply_recv (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 0xffffff00) (i32.const 256) (i32.const -1))))
    (drop (call $report (i32.const 0x140a)
      (call $signal (i32.const 3) (i32.const 0))))
    (drop (call $report (i32.const 0x1423)
      (call $signal (i32.const 3) (i32.const -1))))
    (drop (call $report (i32.const 0x143a)
      (i32.wrap_i64 (i64.sub (call $poll_signal (i32.const 3)) (i64.const 0xffffffff)))))
    (drop (call $report (i32.const 0x146f)
      (i32.wrap_i64 (call $poll_signal (i32.const 3)))))
    (drop (call $report (i32.const 0x1481)
      (call $cap_copy (i32.const 0) (i32.const -1))))
    (drop (call $report (i32.const 0x1495)
      (call $cap_copy (i32.const 0x80000000) (i32.const 9))))
    (drop (call $report (i32.const 0x14b3)
      (call $cap_copy (i32.const 0) (i32.const 32))))
    (drop (call $report (i32.const 0x14c7)
      (call $cap_mint (i32.const 2) (i32.const 10) (i32.const -1) (i64.const 0))))
    (drop (call $report (i32.const 0x14e2)
      (call $cap_mint (i32.const 2) (i32.const 10) (i32.const 7) (i64.const -1))))
    (drop (call $report (i32.const 0x1504)
      (call $cap_mint (i32.const 2) (i32.const 10) (i32.const 7) (i64.const 0x1000000000000))))
    (drop (call $report (i32.const 0x152e)
      (call $cap_mint (i32.const 2) (i32.const 10) (i32.const 7) (i64.const 0xffffffffffff))))
    (drop (call $report (i32.const 0x1544)
      (call $cap_info (i32.const 10) (i32.const 0x20))))
    (drop (call $report (i32.const 0x1553)
      (i64.ne (i64.load (i32.const 0x28)) (i64.const 0xffffffffffff))))
    (drop (call $report (i32.const 0x157d)
      (call $cap_mint (i32.const 10) (i32.const 11) (i32.const 7) (i64.const 5))))
    (drop (call $report (i32.const 0x1594)
      (call $cap_mint (i32.const 0) (i32.const 11) (i32.const 2) (i64.const 0x8000000000000000))))
    (drop (call $report (i32.const 0x15b4)
      (call $cap_move (i32.const -1) (i32.const 12))))
    (drop (call $report (i32.const 0x15c5)
      (call $cap_move (i32.const 0) (i32.const 1000))))
    (drop (call $report (i32.const 0x15d6)
      (call $cap_move (i32.const 10) (i32.const 10))))
    (drop (call $report (i32.const 0x15f3)
      (call $cap_delete (i32.const -7))))
    (drop (call $report (i32.const 0x1606)
      (call $cap_revoke (i32.const 0x7fffffff))))
    (drop (call $report (i32.const 0x1621)
      (call $cap_info (i32.const 0) (i32.const 0xfffffff8))))
    (drop (call $report (i32.const 0x163a)
      (call $cap_info (i32.const 0) (i32.const 65521))))
    (drop (call $report (i32.const 0x1660)
      (call $cap_info (i32.const 0) (i32.const 65520))))
    (drop (call $report (i32.const 0x1688)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const -1) (i32.const 0) (i32.const 0) (i32.const 5))))
    (drop (call $report (i32.const 0x16a7)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 5))))
    (drop (call $report (i32.const 0x16bd)
      (call $task_spawn (i32.const 4) (i32.const 0xfffffffe) (i32.const 5) (i32.const 0) (i32.const 0) (i32.const 5))))
    (drop (call $report (i32.const 0x16db)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 12) (i32.const 0) (i32.const -1) (i32.const 5))))
    (drop (call $report (i32.const 0x16f7)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 12) (i32.const 0) (i32.const 0x40000001) (i32.const 5))))
    (drop (call $report (i32.const 0x1723)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 12) (i32.const 0xfffffffc) (i32.const 2) (i32.const 5))))
    (drop (call $report (i32.const 0x1747)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 12) (i32.const 0xc0) (i32.const 1) (i32.const 5))))
    (drop (call $report (i32.const 0x1765)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 12) (i32.const 0) (i32.const 0) (i32.const -1))))
    (drop (call $report (i32.const 0x1778)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 12) (i32.const 0) (i32.const 0) (i32.const 0))))
    (drop (call $report (i32.const 0x178a)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 12) (i32.const 0) (i32.const 0) (i32.const 64))))
    (drop (call $report (i32.const 0x179d)
      (call $task_spawn (i32.const 4) (i32.const 0x80) (i32.const 12) (i32.const 0) (i32.const 0) (i32.const 63))))
    (drop (call $report (i32.const 0x17c3)
      (call $task_spawn (i32.const 4) (i32.const 0xa0) (i32.const 7) (i32.const 0) (i32.const 0) (i32.const 5))))
    (drop (call $report (i32.const 0x17e7)
      (call $task_spawn (i32.const 4) (i32.const 0xe0) (i32.const 31) (i32.const 0) (i32.const 0) (i32.const 5))))
    (drop (call $report (i32.const 0x1813)
      (call $task_kill (i32.const -1))))
    (drop (call $report (i32.const 0x1825)
      (call $task_kill (i32.const 4))))
    (call $exit (i32.const 0x80000000)))
)
