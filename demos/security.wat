;; security.wat - a hostile module that tries what it must not be able to
;; do and prints what it tried and the error it got: calls with no
;; capability, slots it never got, minting more rights than it holds,
;; writing through read-only capabilities, sending a capability without
;; the grant right, pointers and lengths outside its memory (and ones that
;; wrap around), growing its memory past its limit. The attacks that end a
;; task (traps, an endless loop, a forbidden import) are the other modules
;; of the group, security-*.wat; this task outlives them and says so.
;;
;; Slots: 0 console (w), 1 clock (r), 2 endpoint vault (r), 3 notification
;; alarm (r), 4 endpoint vault (w, no grant); 5 and up are empty.
;; group: security
;; caps: console:w clock:r endpoint:vault:r notification:alarm:r endpoint:vault:w
;; expect: clock_now with no capability (slot 5 is empty) -> EMPTY_SLOT
;; expect: clock_now with slot 31 (never given) -> EMPTY_SLOT
;; expect: clock_now with slot 32 (past the CSpace) -> INVALID_SLOT
;; expect: clock_now with slot -1 -> INVALID_SLOT
;; expect: clock_now with slot 0x7fffffff -> INVALID_SLOT
;; expect: clock_now with slot 0x80000000 -> INVALID_SLOT
;; expect: cap_copy from slot 1000 -> INVALID_SLOT
;; expect: cap_copy into slot 5000 -> INVALID_SLOT
;; expect: cap_mint the read-only alarm as rw -> NO_RIGHTS
;; expect: cap_mint the console (w) as rwg -> NO_RIGHTS
;; expect: cap_mint the clock with rights 0x100 -> BAD_ARGUMENT
;; expect: signal through the read-only alarm -> NO_RIGHTS
;; expect: send through the read-only vault endpoint -> NO_RIGHTS
;; expect: call through the read-only vault endpoint -> NO_RIGHTS
;; expect: nb_send a capability without the grant right -> NO_RIGHTS
;; expect: console_write 16 bytes at 65528 (crosses the end) -> OUT_OF_BOUNDS
;; expect: console_write 2 bytes at 0xffffffff (wraps) -> OUT_OF_BOUNDS
;; expect: console_write 2000 bytes at 0xfffffc00 (wraps in 32 bits) -> OUT_OF_BOUNDS
;; expect: console_write 0xffffffff bytes -> TOO_LONG
;; expect: poll into a buffer past the end -> OUT_OF_BOUNDS
;; expect: poll with the info record past the end -> OUT_OF_BOUNDS
;; expect: cap_info into the last 8 bytes of memory -> OUT_OF_BOUNDS
;; expect: sleep for -5 ns -> BAD_ARGUMENT
;; expect: reply to a call never received -> NO_CALLER
;; expect: task_spawn through the console capability -> WRONG_TYPE
;; expect: task_kill through the clock capability -> WRONG_TYPE
;; expect: memory.grow by 1 page (max is 2) -> 1
;; expect: memory.grow by 1 more page (past the max) -> -1
;; expect: memory.grow by 65536 pages -> -1
;; expect: memory.size -> 2
;; expect: grown!!
;; expect: console_write 8 bytes at 65528 after growing -> ok 8
;; expect: security: every hostile call was refused
;; expect: security: alive after the other attackers were stopped
;; expect-kernel: task security exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "nb_send" (func $nb_send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "reply" (func $reply (param i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "cap_copy" (func $cap_copy (param i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "task_kill" (func $task_kill (param i32) (result i32)))

  ;; Memory map: 0x400..0x4ff the line being built, 0x500..0x51f digit
  ;; scratch, 0x600..0x6ff error names, 0x800.. buffers, 0x1000.. strings.
  (memory (export "memory") 1 2)   ;; at most 2 pages: growing past must fail
  (global $CONSOLE i32 (i32.const 0))          ;; CSpace slot of the console
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer
  ;; Strings (NUL-terminated): $S_NAME is the address of each.
  (global $S_ERROR i32 (i32.const 0x1000)) (data (i32.const 0x1000) "error \00")
  (global $S_OK i32 (i32.const 0x1007)) (data (i32.const 0x1007) "ok \00")
  (global $S_ARROW i32 (i32.const 0x100b)) (data (i32.const 0x100b) " -> \00")
  (global $S_STOLEN i32 (i32.const 0x1010)) (data (i32.const 0x1010) "stolen\00")
  (global $S_REFUSED i32 (i32.const 0x1017)) (data (i32.const 0x1017) "security: every hostile call was refused\00")
  (global $S_ALIVE i32 (i32.const 0x1040)) (data (i32.const 0x1040) "security: alive after the other attackers were stopped\00")
  (global $S_GROWN i32 (i32.const 0x1077)) (data (i32.const 0x1077) "console_write 8 bytes at 65528 after growing\00")
  (global $S_L0 i32 (i32.const 0x10a4)) (data (i32.const 0x10a4) "clock_now with no capability (slot 5 is empty)\00")
  (global $S_L1 i32 (i32.const 0x10d3)) (data (i32.const 0x10d3) "clock_now with slot 31 (never given)\00")
  (global $S_L2 i32 (i32.const 0x10f8)) (data (i32.const 0x10f8) "clock_now with slot 32 (past the CSpace)\00")
  (global $S_L3 i32 (i32.const 0x1121)) (data (i32.const 0x1121) "clock_now with slot -1\00")
  (global $S_L4 i32 (i32.const 0x1138)) (data (i32.const 0x1138) "clock_now with slot 0x7fffffff\00")
  (global $S_L5 i32 (i32.const 0x1157)) (data (i32.const 0x1157) "clock_now with slot 0x80000000\00")
  (global $S_L6 i32 (i32.const 0x1176)) (data (i32.const 0x1176) "cap_copy from slot 1000\00")
  (global $S_L7 i32 (i32.const 0x118e)) (data (i32.const 0x118e) "cap_copy into slot 5000\00")
  (global $S_L8 i32 (i32.const 0x11a6)) (data (i32.const 0x11a6) "cap_mint the read-only alarm as rw\00")
  (global $S_L9 i32 (i32.const 0x11c9)) (data (i32.const 0x11c9) "cap_mint the console (w) as rwg\00")
  (global $S_L10 i32 (i32.const 0x11e9)) (data (i32.const 0x11e9) "cap_mint the clock with rights 0x100\00")
  (global $S_L11 i32 (i32.const 0x120e)) (data (i32.const 0x120e) "signal through the read-only alarm\00")
  (global $S_L12 i32 (i32.const 0x1231)) (data (i32.const 0x1231) "send through the read-only vault endpoint\00")
  (global $S_L13 i32 (i32.const 0x125b)) (data (i32.const 0x125b) "call through the read-only vault endpoint\00")
  (global $S_L14 i32 (i32.const 0x1285)) (data (i32.const 0x1285) "nb_send a capability without the grant right\00")
  (global $S_L15 i32 (i32.const 0x12b2)) (data (i32.const 0x12b2) "console_write 16 bytes at 65528 (crosses the end)\00")
  (global $S_L16 i32 (i32.const 0x12e4)) (data (i32.const 0x12e4) "console_write 2 bytes at 0xffffffff (wraps)\00")
  (global $S_L17 i32 (i32.const 0x1310)) (data (i32.const 0x1310) "console_write 2000 bytes at 0xfffffc00 (wraps in 32 bits)\00")
  (global $S_L18 i32 (i32.const 0x134a)) (data (i32.const 0x134a) "console_write 0xffffffff bytes\00")
  (global $S_L19 i32 (i32.const 0x1369)) (data (i32.const 0x1369) "poll into a buffer past the end\00")
  (global $S_L20 i32 (i32.const 0x1389)) (data (i32.const 0x1389) "poll with the info record past the end\00")
  (global $S_L21 i32 (i32.const 0x13b0)) (data (i32.const 0x13b0) "cap_info into the last 8 bytes of memory\00")
  (global $S_L22 i32 (i32.const 0x13d9)) (data (i32.const 0x13d9) "sleep for -5 ns\00")
  (global $S_L23 i32 (i32.const 0x13e9)) (data (i32.const 0x13e9) "reply to a call never received\00")
  (global $S_L24 i32 (i32.const 0x1408)) (data (i32.const 0x1408) "task_spawn through the console capability\00")
  (global $S_L25 i32 (i32.const 0x1432)) (data (i32.const 0x1432) "task_kill through the clock capability\00")
  (global $S_M0 i32 (i32.const 0x1459)) (data (i32.const 0x1459) "memory.grow by 1 page (max is 2)\00")
  (global $S_M1 i32 (i32.const 0x147a)) (data (i32.const 0x147a) "memory.grow by 1 more page (past the max)\00")
  (global $S_M2 i32 (i32.const 0x14a4)) (data (i32.const 0x14a4) "memory.grow by 65536 pages\00")
  (global $S_M3 i32 (i32.const 0x14bf)) (data (i32.const 0x14bf) "memory.size\00")
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

  ;; ---- output helpers: a line is built at 0x400 and written with one
  ;; console_write; the kernel prints it as "[name] text" ----------------

  ;; Append byte $c to the line (a full line silently drops the rest).
  (func $put_char (param $c i32)
    (if (i32.lt_u (global.get $line_len) (i32.const 255))
      (then
        (i32.store8 (i32.add (i32.const 0x400) (global.get $line_len)) (local.get $c))
        (global.set $line_len (i32.add (global.get $line_len) (i32.const 1))))))

  ;; Append the NUL-terminated string at $s.
  (func $put_str (param $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (local.get $s))))
        (call $put_char (i32.load8_u (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next))))

  ;; Append $v as an unsigned decimal (digits built backwards from 0x520).
  (func $put_u64 (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 0x520))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (block $done
      (loop $out
        (br_if $done (i32.ge_u (local.get $p) (i32.const 0x520)))
        (call $put_char (i32.load8_u (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $out))))

  ;; Append $v as a signed decimal.
  (func $put_i64 (param $v i64)
    (if (i64.lt_s (local.get $v) (i64.const 0))
      (then
        (call $put_char (i32.const 45))
        (local.set $v (i64.sub (i64.const 0) (local.get $v)))))
    (call $put_u64 (local.get $v)))

  ;; Append $v (an i32) as a signed decimal.
  (func $put_i32 (param $v i32)
    (call $put_i64 (i64.extend_i32_s (local.get $v))))

  ;; End the line with '\n' and write it with one console_write.
  (func $newline
    (call $put_char (i32.const 10))
    (drop (call $console_write (global.get $CONSOLE) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))

  ;; Append the name of error $code (docs/abi.md section 5; names are
  ;; 16-byte records at 0x600), or "error N" for a code we do not know.
  (func $put_err (param $code i32)
    (if (i32.lt_u (local.get $code) (i32.const 16))
      (then (call $put_str (i32.add (i32.const 0x600) (i32.shl (local.get $code) (i32.const 4)))))
      (else
        (call $put_str (global.get $S_ERROR))
        (call $put_i32 (local.get $code)))))

  ;; Append a system call's result: "ok N" for N >= 0, the error's name
  ;; for -code.
  (func $put_result (param $r i64)
    (if (i64.ge_s (local.get $r) (i64.const 0))
      (then
        (call $put_str (global.get $S_OK))
        (call $put_u64 (local.get $r)))
      (else (call $put_err (i32.wrap_i64 (i64.sub (i64.const 0) (local.get $r)))))))

  ;; Print the line "LABEL -> RESULT" for the i32 result of a call.
  (func $report (param $label i32) (param $r i32)
    (call $put_str (local.get $label))
    (call $put_str (global.get $S_ARROW))
    (call $put_result (i64.extend_i32_s (local.get $r)))
    (call $newline))

  ;; The same for an i64 result (clock_now, wait, poll_signal).
  (func $report64 (param $label i32) (param $r i64)
    (call $put_str (local.get $label))
    (call $put_str (global.get $S_ARROW))
    (call $put_result (local.get $r))
    (call $newline))

  ;; Print "LABEL -> N" with N as a plain signed number (memory.grow's -1
  ;; is not an error code).
  (func $report_raw (param $label i32) (param $v i32)
    (call $put_str (local.get $label))
    (call $put_str (global.get $S_ARROW))
    (call $put_i32 (local.get $v))
    (call $newline))

  ;; The system calls: every one must fail without effect.
  (func $hostile_calls
    ;; clock_now with no capability (slot 5 is empty): expect EMPTY_SLOT
    (call $report (global.get $S_L0)
      (i32.wrap_i64 (call $clock_now (i32.const 5))))
    ;; clock_now with slot 31 (never given): expect EMPTY_SLOT
    (call $report (global.get $S_L1)
      (i32.wrap_i64 (call $clock_now (i32.const 31))))
    ;; clock_now with slot 32 (past the CSpace): expect INVALID_SLOT
    (call $report (global.get $S_L2)
      (i32.wrap_i64 (call $clock_now (i32.const 32))))
    ;; clock_now with slot -1: expect INVALID_SLOT
    (call $report (global.get $S_L3)
      (i32.wrap_i64 (call $clock_now (i32.const -1))))
    ;; clock_now with slot 0x7fffffff: expect INVALID_SLOT
    (call $report (global.get $S_L4)
      (i32.wrap_i64 (call $clock_now (i32.const 0x7fffffff))))
    ;; clock_now with slot 0x80000000: expect INVALID_SLOT
    (call $report (global.get $S_L5)
      (i32.wrap_i64 (call $clock_now (i32.const 0x80000000))))
    ;; cap_copy from slot 1000: expect INVALID_SLOT
    (call $report (global.get $S_L6)
      (call $cap_copy (i32.const 1000) (i32.const 6)))
    ;; cap_copy into slot 5000: expect INVALID_SLOT
    (call $report (global.get $S_L7)
      (call $cap_copy (i32.const 1) (i32.const 5000)))
    ;; cap_mint the read-only alarm as rw: expect NO_RIGHTS
    (call $report (global.get $S_L8)
      (call $cap_mint (i32.const 3) (i32.const 6) (i32.const 3) (i64.const 0)))
    ;; cap_mint the console (w) as rwg: expect NO_RIGHTS
    (call $report (global.get $S_L9)
      (call $cap_mint (i32.const 0) (i32.const 6) (i32.const 7) (i64.const 0)))
    ;; cap_mint the clock with rights 0x100: expect BAD_ARGUMENT
    (call $report (global.get $S_L10)
      (call $cap_mint (i32.const 1) (i32.const 6) (i32.const 0x100) (i64.const 0)))
    ;; signal through the read-only alarm: expect NO_RIGHTS
    (call $report (global.get $S_L11)
      (call $signal (i32.const 3) (i32.const 1)))
    ;; send through the read-only vault endpoint: expect NO_RIGHTS
    (call $report (global.get $S_L12)
      (call $send (i32.const 2) (global.get $S_STOLEN) (i32.const 6) (i32.const -1)))
    ;; call through the read-only vault endpoint: expect NO_RIGHTS
    (call $report (global.get $S_L13)
      (call $call (i32.const 2) (global.get $S_STOLEN) (i32.const 6) (i32.const 0x900) (i32.const 64) (i32.const -1)))
    ;; nb_send a capability without the grant right: expect NO_RIGHTS
    (call $report (global.get $S_L14)
      (call $nb_send (i32.const 4) (global.get $S_STOLEN) (i32.const 6) (i32.const 0)))
    ;; console_write 16 bytes at 65528 (crosses the end): expect OUT_OF_BOUNDS
    (call $report (global.get $S_L15)
      (call $console_write (i32.const 0) (i32.const 65528) (i32.const 16)))
    ;; console_write 2 bytes at 0xffffffff (wraps): expect OUT_OF_BOUNDS
    (call $report (global.get $S_L16)
      (call $console_write (i32.const 0) (i32.const 0xffffffff) (i32.const 2)))
    ;; console_write 2000 bytes at 0xfffffc00 (wraps in 32 bits): expect OUT_OF_BOUNDS
    (call $report (global.get $S_L17)
      (call $console_write (i32.const 0) (i32.const 0xfffffc00) (i32.const 2000)))
    ;; console_write 0xffffffff bytes: expect TOO_LONG
    (call $report (global.get $S_L18)
      (call $console_write (i32.const 0) (i32.const 16) (i32.const 0xffffffff)))
    ;; poll into a buffer past the end: expect OUT_OF_BOUNDS
    (call $report (global.get $S_L19)
      (call $poll (i32.const 2) (i32.const 65000) (i32.const 1000) (i32.const -1)))
    ;; poll with the info record past the end: expect OUT_OF_BOUNDS
    (call $report (global.get $S_L20)
      (call $poll (i32.const 2) (i32.const 0x900) (i32.const 64) (i32.const 65530)))
    ;; cap_info into the last 8 bytes of memory: expect OUT_OF_BOUNDS
    (call $report (global.get $S_L21)
      (call $cap_info (i32.const 0) (i32.const 65528)))
    ;; sleep for -5 ns: expect BAD_ARGUMENT
    (call $report (global.get $S_L22)
      (call $sleep (i32.const 1) (i64.const -5)))
    ;; reply to a call never received: expect NO_CALLER
    (call $report (global.get $S_L23)
      (call $reply (global.get $S_STOLEN) (i32.const 6) (i32.const -1)))
    ;; task_spawn through the console capability: expect WRONG_TYPE
    (call $report (global.get $S_L24)
      (call $task_spawn (i32.const 0) (global.get $S_STOLEN) (i32.const 6) (i32.const 0) (i32.const 0) (i32.const 63)))
    ;; task_kill through the clock capability: expect WRONG_TYPE
    (call $report (global.get $S_L25)
      (call $task_kill (i32.const 1)))
  )

  ;; Memory: growing up to the declared maximum works, past it returns -1;
  ;; the new page is usable by the kernel too (the bounds check follows
  ;; the current size).
  (func $memory_limits
    ;; memory.grow by 1 page (max is 2): expect 1
    (call $report_raw (global.get $S_M0) (memory.grow (i32.const 1)))
    ;; memory.grow by 1 more page (past the max): expect -1
    (call $report_raw (global.get $S_M1) (memory.grow (i32.const 1)))
    ;; memory.grow by 65536 pages: expect -1
    (call $report_raw (global.get $S_M2) (memory.grow (i32.const 65536)))
    ;; memory.size: expect 2
    (call $report_raw (global.get $S_M3) (memory.size))
    ;; "grown!!\n" stored as one little-endian i64 across the old end.
    (i64.store (i32.const 65528) (i64.const 0x0a21216e776f7267))
    (call $report (global.get $S_GROWN)
      (call $console_write (i32.const 0) (i32.const 65528) (i32.const 8))))

  ;; Entry point: attack, then sleep long enough for the group's looping
  ;; task to be stopped (its budget is 300 ms) and show we still run.
  (func (export "_start")
    (call $hostile_calls)
    (call $memory_limits)
    (call $put_str (global.get $S_REFUSED))
    (call $newline)
    (drop (call $sleep (i32.const 1) (i64.const 600000000)))
    (call $put_str (global.get $S_ALIVE))
    (call $newline)
    (call $exit (i32.const 0)))
)
