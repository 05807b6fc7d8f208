;; syscalls.wat - capability-protected system calls that succeed with the
;; right capability and fail cleanly with a wrong one: wrong type, missing
;; right, empty slot, slot outside the CSpace, and the capability
;; operations (copy, mint, move, revoke, delete) with their failures. Each
;; call prints "WHAT -> RESULT" ("ok N" or the error's name, docs/abi.md).
;;
;; Slots: 0 console (w), 1 clock (r), 2 console with no rights,
;; 3 endpoint (r only), 4 notification (rw), 5 clock with no rights.
;; caps: console:w clock:r console:- endpoint:chan:r notification:flag:rw clock:-
;; expect: console_write via slot 0 (console, w) -> ok 20
;; expect: console_write via slot 2 (console, no rights) -> NO_RIGHTS
;; expect: console_write via slot 1 (clock) -> WRONG_TYPE
;; expect: console_write via slot 9 (empty) -> EMPTY_SLOT
;; expect: console_write via slot 32 (outside the CSpace) -> INVALID_SLOT
;; expect: clock_now via slot 1 (clock, r) is positive -> ok 1
;; expect: clock_now via slot 5 (clock, no rights) -> NO_RIGHTS
;; expect: clock_now via slot 0 (console) -> WRONG_TYPE
;; expect: sleep via slot 1 for -1 ns -> BAD_ARGUMENT
;; expect: sleep via slot 1 for 1 ms -> ok 0
;; expect: signal via slot 4 (notification, rw) -> ok 0
;; expect: poll_signal via slot 4 -> ok 1
;; expect: wait via slot 1 (clock) -> WRONG_TYPE
;; expect: nb_send via slot 3 (endpoint, r only) -> NO_RIGHTS
;; expect: poll via slot 3 (endpoint, r) -> WOULD_BLOCK
;; expect: reply with no call pending -> NO_CALLER
;; expect: cap_copy slot 0 -> slot 10 -> ok 0
;; expect: console_write via slot 10 (the copy) -> ok 20
;; expect: cap_copy slot 0 -> slot 10 again -> SLOT_OCCUPIED
;; expect: cap_mint slot 4 -> slot 11 with r, badge 7 -> ok 0
;; expect: signal via slot 11 (minted read-only) -> NO_RIGHTS
;; expect: cap_mint slot 11 -> slot 12 with badge 8 (re-badge) -> BAD_ARGUMENT
;; expect: cap_mint slot 2 -> slot 12 with w (more than held) -> NO_RIGHTS
;; expect: cap_mint slot 0 -> slot 12 with badge 5 (console) -> BAD_ARGUMENT
;; expect: cap_move slot 11 -> slot 12 -> ok 0
;; expect: cap_info slot 11 after the move -> EMPTY_SLOT
;; expect: cap_info slot 12 after the move -> ok 0
;; expect: badge of slot 12 -> ok 7
;; expect: cap_mint slot 10 -> slot 13 (a grandchild of slot 0) -> ok 0
;; expect: cap_revoke slot 0 -> ok 0
;; expect: console_write via slot 10 after revoke -> EMPTY_SLOT
;; expect: console_write via slot 13 after revoke -> EMPTY_SLOT
;; expect: console_write via slot 0 after revoke -> ok 20
;; expect: cap_delete slot 10 (already empty) -> EMPTY_SLOT
;; expect: cap_delete slot 12 -> ok 0
;; expect: signal via slot 4 after deleting the minted copy -> ok 0
;; expect: task_spawn via slot 0 (console) -> WRONG_TYPE
;; expect: hello from syscalls
;; expect: syscalls: done
;; expect-kernel: task syscalls exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "nb_send" (func $nb_send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "reply" (func $reply (param i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "poll_signal" (func $poll_signal (param i32) (result i64)))
  (import "jericho" "cap_copy" (func $cap_copy (param i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_move" (func $cap_move (param i32 i32) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "cap_revoke" (func $cap_revoke (param i32) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))

  ;; Memory map: 0x400..0x4ff the line being built, 0x500..0x51f digit
  ;; scratch, 0x600..0x6ff error names, 0x800.. buffers, 0x1000.. strings.
  (memory (export "memory") 1)
  (global $CONSOLE i32 (i32.const 0))          ;; CSpace slot of the console
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer
  ;; Strings (NUL-terminated): $S_NAME is the address of each.
  (global $S_ERROR i32 (i32.const 0x1000)) (data (i32.const 0x1000) "error \00")
  (global $S_OK i32 (i32.const 0x1007)) (data (i32.const 0x1007) "ok \00")
  (global $S_ARROW i32 (i32.const 0x100b)) (data (i32.const 0x100b) " -> \00")
  (global $S_HELLO i32 (i32.const 0x1010)) (data (i32.const 0x1010) "hello from syscalls\n\00")
  (global $S_DONE i32 (i32.const 0x1025)) (data (i32.const 0x1025) "syscalls: done\00")
  (global $S_L0 i32 (i32.const 0x1034)) (data (i32.const 0x1034) "console_write via slot 0 (console, w)\00")
  (global $S_L1 i32 (i32.const 0x105a)) (data (i32.const 0x105a) "console_write via slot 2 (console, no rights)\00")
  (global $S_L2 i32 (i32.const 0x1088)) (data (i32.const 0x1088) "console_write via slot 1 (clock)\00")
  (global $S_L3 i32 (i32.const 0x10a9)) (data (i32.const 0x10a9) "console_write via slot 9 (empty)\00")
  (global $S_L4 i32 (i32.const 0x10ca)) (data (i32.const 0x10ca) "console_write via slot 32 (outside the CSpace)\00")
  (global $S_L5 i32 (i32.const 0x10f9)) (data (i32.const 0x10f9) "clock_now via slot 1 (clock, r) is positive\00")
  (global $S_L6 i32 (i32.const 0x1125)) (data (i32.const 0x1125) "clock_now via slot 5 (clock, no rights)\00")
  (global $S_L7 i32 (i32.const 0x114d)) (data (i32.const 0x114d) "clock_now via slot 0 (console)\00")
  (global $S_L8 i32 (i32.const 0x116c)) (data (i32.const 0x116c) "sleep via slot 1 for -1 ns\00")
  (global $S_L9 i32 (i32.const 0x1187)) (data (i32.const 0x1187) "sleep via slot 1 for 1 ms\00")
  (global $S_L10 i32 (i32.const 0x11a1)) (data (i32.const 0x11a1) "signal via slot 4 (notification, rw)\00")
  (global $S_L11 i32 (i32.const 0x11c6)) (data (i32.const 0x11c6) "poll_signal via slot 4\00")
  (global $S_L12 i32 (i32.const 0x11dd)) (data (i32.const 0x11dd) "wait via slot 1 (clock)\00")
  (global $S_L13 i32 (i32.const 0x11f5)) (data (i32.const 0x11f5) "nb_send via slot 3 (endpoint, r only)\00")
  (global $S_L14 i32 (i32.const 0x121b)) (data (i32.const 0x121b) "poll via slot 3 (endpoint, r)\00")
  (global $S_L15 i32 (i32.const 0x1239)) (data (i32.const 0x1239) "reply with no call pending\00")
  (global $S_L16 i32 (i32.const 0x1254)) (data (i32.const 0x1254) "cap_copy slot 0 -> slot 10\00")
  (global $S_L17 i32 (i32.const 0x126f)) (data (i32.const 0x126f) "console_write via slot 10 (the copy)\00")
  (global $S_L18 i32 (i32.const 0x1294)) (data (i32.const 0x1294) "cap_copy slot 0 -> slot 10 again\00")
  (global $S_L19 i32 (i32.const 0x12b5)) (data (i32.const 0x12b5) "cap_mint slot 4 -> slot 11 with r, badge 7\00")
  (global $S_L20 i32 (i32.const 0x12e0)) (data (i32.const 0x12e0) "signal via slot 11 (minted read-only)\00")
  (global $S_L21 i32 (i32.const 0x1306)) (data (i32.const 0x1306) "cap_mint slot 11 -> slot 12 with badge 8 (re-badge)\00")
  (global $S_L22 i32 (i32.const 0x133a)) (data (i32.const 0x133a) "cap_mint slot 2 -> slot 12 with w (more than held)\00")
  (global $S_L23 i32 (i32.const 0x136d)) (data (i32.const 0x136d) "cap_mint slot 0 -> slot 12 with badge 5 (console)\00")
  (global $S_L24 i32 (i32.const 0x139f)) (data (i32.const 0x139f) "cap_move slot 11 -> slot 12\00")
  (global $S_L25 i32 (i32.const 0x13bb)) (data (i32.const 0x13bb) "cap_info slot 11 after the move\00")
  (global $S_L26 i32 (i32.const 0x13db)) (data (i32.const 0x13db) "cap_info slot 12 after the move\00")
  (global $S_L27 i32 (i32.const 0x13fb)) (data (i32.const 0x13fb) "badge of slot 12\00")
  (global $S_L28 i32 (i32.const 0x140c)) (data (i32.const 0x140c) "cap_mint slot 10 -> slot 13 (a grandchild of slot 0)\00")
  (global $S_L29 i32 (i32.const 0x1441)) (data (i32.const 0x1441) "cap_revoke slot 0\00")
  (global $S_L30 i32 (i32.const 0x1453)) (data (i32.const 0x1453) "console_write via slot 10 after revoke\00")
  (global $S_L31 i32 (i32.const 0x147a)) (data (i32.const 0x147a) "console_write via slot 13 after revoke\00")
  (global $S_L32 i32 (i32.const 0x14a1)) (data (i32.const 0x14a1) "console_write via slot 0 after revoke\00")
  (global $S_L33 i32 (i32.const 0x14c7)) (data (i32.const 0x14c7) "cap_delete slot 10 (already empty)\00")
  (global $S_L34 i32 (i32.const 0x14ea)) (data (i32.const 0x14ea) "cap_delete slot 12\00")
  (global $S_L35 i32 (i32.const 0x14fd)) (data (i32.const 0x14fd) "signal via slot 4 after deleting the minted copy\00")
  (global $S_L36 i32 (i32.const 0x152e)) (data (i32.const 0x152e) "task_spawn via slot 0 (console)\00")
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

  ;; 1 if the clock reading $t is positive, else $t itself if it is an
  ;; error (negative), so that $report prints either "ok 1" or the error.
  (func $positive (param $t i64) (result i32)
    (if (result i32) (i64.gt_s (local.get $t) (i64.const 0))
      (then (i32.const 1))
      (else (i32.wrap_i64 (local.get $t)))))

  ;; Entry point: every call in turn, in the order of the expect lines.
  ;; Later calls depend on earlier ones (the copy in slot 10 is what
  ;; cap_revoke removes), so the order matters.
  (func (export "_start")
    ;; console_write via slot 0 (console, w): expect ok 20
    (call $report (global.get $S_L0)
      (call $console_write (i32.const 0) (global.get $S_HELLO) (i32.const 20)))
    ;; console_write via slot 2 (console, no rights): expect NO_RIGHTS
    (call $report (global.get $S_L1)
      (call $console_write (i32.const 2) (global.get $S_HELLO) (i32.const 20)))
    ;; console_write via slot 1 (clock): expect WRONG_TYPE
    (call $report (global.get $S_L2)
      (call $console_write (i32.const 1) (global.get $S_HELLO) (i32.const 20)))
    ;; console_write via slot 9 (empty): expect EMPTY_SLOT
    (call $report (global.get $S_L3)
      (call $console_write (i32.const 9) (global.get $S_HELLO) (i32.const 20)))
    ;; console_write via slot 32 (outside the CSpace): expect INVALID_SLOT
    (call $report (global.get $S_L4)
      (call $console_write (i32.const 32) (global.get $S_HELLO) (i32.const 20)))
    ;; clock_now via slot 1 (clock, r) is positive: expect ok 1
    (call $report (global.get $S_L5)
      (call $positive (call $clock_now (i32.const 1))))
    ;; clock_now via slot 5 (clock, no rights): expect NO_RIGHTS
    (call $report (global.get $S_L6)
      (i32.wrap_i64 (call $clock_now (i32.const 5))))
    ;; clock_now via slot 0 (console): expect WRONG_TYPE
    (call $report (global.get $S_L7)
      (i32.wrap_i64 (call $clock_now (i32.const 0))))
    ;; sleep via slot 1 for -1 ns: expect BAD_ARGUMENT
    (call $report (global.get $S_L8)
      (call $sleep (i32.const 1) (i64.const -1)))
    ;; sleep via slot 1 for 1 ms: expect ok 0
    (call $report (global.get $S_L9)
      (call $sleep (i32.const 1) (i64.const 1000000)))
    ;; signal via slot 4 (notification, rw): expect ok 0
    (call $report (global.get $S_L10)
      (call $signal (i32.const 4) (i32.const 1)))
    ;; poll_signal via slot 4: expect ok 1
    (call $report (global.get $S_L11)
      (i32.wrap_i64 (call $poll_signal (i32.const 4))))
    ;; wait via slot 1 (clock): expect WRONG_TYPE
    (call $report (global.get $S_L12)
      (i32.wrap_i64 (call $wait (i32.const 1))))
    ;; nb_send via slot 3 (endpoint, r only): expect NO_RIGHTS
    (call $report (global.get $S_L13)
      (call $nb_send (i32.const 3) (global.get $S_HELLO) (i32.const 5) (i32.const -1)))
    ;; poll via slot 3 (endpoint, r): expect WOULD_BLOCK
    (call $report (global.get $S_L14)
      (call $poll (i32.const 3) (i32.const 0x900) (i32.const 64) (i32.const -1)))
    ;; reply with no call pending: expect NO_CALLER
    (call $report (global.get $S_L15)
      (call $reply (global.get $S_HELLO) (i32.const 5) (i32.const -1)))
    ;; cap_copy slot 0 -> slot 10: expect ok 0
    (call $report (global.get $S_L16)
      (call $cap_copy (i32.const 0) (i32.const 10)))
    ;; console_write via slot 10 (the copy): expect ok 20
    (call $report (global.get $S_L17)
      (call $console_write (i32.const 10) (global.get $S_HELLO) (i32.const 20)))
    ;; cap_copy slot 0 -> slot 10 again: expect SLOT_OCCUPIED
    (call $report (global.get $S_L18)
      (call $cap_copy (i32.const 0) (i32.const 10)))
    ;; cap_mint slot 4 -> slot 11 with r, badge 7: expect ok 0
    (call $report (global.get $S_L19)
      (call $cap_mint (i32.const 4) (i32.const 11) (i32.const 1) (i64.const 7)))
    ;; signal via slot 11 (minted read-only): expect NO_RIGHTS
    (call $report (global.get $S_L20)
      (call $signal (i32.const 11) (i32.const 1)))
    ;; cap_mint slot 11 -> slot 12 with badge 8 (re-badge): expect BAD_ARGUMENT
    (call $report (global.get $S_L21)
      (call $cap_mint (i32.const 11) (i32.const 12) (i32.const 1) (i64.const 8)))
    ;; cap_mint slot 2 -> slot 12 with w (more than held): expect NO_RIGHTS
    (call $report (global.get $S_L22)
      (call $cap_mint (i32.const 2) (i32.const 12) (i32.const 2) (i64.const 0)))
    ;; cap_mint slot 0 -> slot 12 with badge 5 (console): expect BAD_ARGUMENT
    (call $report (global.get $S_L23)
      (call $cap_mint (i32.const 0) (i32.const 12) (i32.const 2) (i64.const 5)))
    ;; cap_move slot 11 -> slot 12: expect ok 0
    (call $report (global.get $S_L24)
      (call $cap_move (i32.const 11) (i32.const 12)))
    ;; cap_info slot 11 after the move: expect EMPTY_SLOT
    (call $report (global.get $S_L25)
      (call $cap_info (i32.const 11) (i32.const 0x800)))
    ;; cap_info slot 12 after the move: expect ok 0
    (call $report (global.get $S_L26)
      (call $cap_info (i32.const 12) (i32.const 0x800)))
    ;; badge of slot 12: expect ok 7
    (call $report (global.get $S_L27)
      (i32.wrap_i64 (i64.load (i32.const 0x808))))
    ;; cap_mint slot 10 -> slot 13 (a grandchild of slot 0): expect ok 0
    (call $report (global.get $S_L28)
      (call $cap_mint (i32.const 10) (i32.const 13) (i32.const 2) (i64.const 0)))
    ;; cap_revoke slot 0: expect ok 0
    (call $report (global.get $S_L29)
      (call $cap_revoke (i32.const 0)))
    ;; console_write via slot 10 after revoke: expect EMPTY_SLOT
    (call $report (global.get $S_L30)
      (call $console_write (i32.const 10) (global.get $S_HELLO) (i32.const 20)))
    ;; console_write via slot 13 after revoke: expect EMPTY_SLOT
    (call $report (global.get $S_L31)
      (call $console_write (i32.const 13) (global.get $S_HELLO) (i32.const 20)))
    ;; console_write via slot 0 after revoke: expect ok 20
    (call $report (global.get $S_L32)
      (call $console_write (i32.const 0) (global.get $S_HELLO) (i32.const 20)))
    ;; cap_delete slot 10 (already empty): expect EMPTY_SLOT
    (call $report (global.get $S_L33)
      (call $cap_delete (i32.const 10)))
    ;; cap_delete slot 12: expect ok 0
    (call $report (global.get $S_L34)
      (call $cap_delete (i32.const 12)))
    ;; signal via slot 4 after deleting the minted copy: expect ok 0
    (call $report (global.get $S_L35)
      (call $signal (i32.const 4) (i32.const 2)))
    ;; task_spawn via slot 0 (console): expect WRONG_TYPE
    (call $report (global.get $S_L36)
      (call $task_spawn (i32.const 0) (global.get $S_HELLO) (i32.const 5) (i32.const 0) (i32.const 0) (i32.const 10)))
    (call $put_str (global.get $S_DONE))
    (call $newline)
    (call $exit (i32.const 0)))
)
