;; hostfn.wat - wasm calling kernel functions and using what they return:
;; the clock (clock_now, sleep), capability introspection (cap_info), a
;; notification signalled and read back, the non-blocking IPC calls, and a
;; capability minted with fewer rights. Every result is printed.
;;
;; caps: console:w clock:r endpoint:loop:rwg:badge=42 notification:bell:rw
;; expect: clock_now > 0: yes
;; expect: clock_now never goes back over 100 reads: yes
;; expect: sleep 2 ms -> ok 0
;; expect: time slept >= 2000000 ns: yes
;; expect: slot 0: console rights -w- badge 0
;; expect: slot 1: clock rights r-- badge 0
;; expect: slot 2: endpoint rights rwg badge 42
;; expect: slot 3: notification rights rw- badge 0
;; expect: cap_info slot 4 -> EMPTY_SLOT
;; expect: signal bell with 0x5 -> ok 0
;; expect: poll_signal bell -> ok 5
;; expect: poll_signal bell again -> ok 0
;; expect: signal bell with 0x30 -> ok 0
;; expect: wait bell -> ok 48
;; expect: nb_send on loop with nobody receiving -> WOULD_BLOCK
;; expect: poll on loop with nothing sent -> WOULD_BLOCK
;; expect: cap_mint slot 2 -> slot 5 read-only -> ok 0
;; expect: slot 5: endpoint rights r-- badge 42
;; expect: yield returned
;; expect-kernel: task hostfn exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "yield" (func $yield))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "nb_send" (func $nb_send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "poll" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "poll_signal" (func $poll_signal (param i32) (result i64)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))

  ;; Memory map: 0x400..0x4ff the line being built, 0x500..0x51f digit
  ;; scratch, 0x600..0x6ff error names, 0x800.. buffers, 0x1000.. strings.
  (memory (export "memory") 1)
  (global $CONSOLE i32 (i32.const 0))          ;; CSpace slot of the console
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer
  ;; Strings (NUL-terminated): $S_NAME is the address of each.
  (global $S_ERROR i32 (i32.const 0x1000)) (data (i32.const 0x1000) "error \00")
  (global $S_OK i32 (i32.const 0x1007)) (data (i32.const 0x1007) "ok \00")
  (global $S_ARROW i32 (i32.const 0x100b)) (data (i32.const 0x100b) " -> \00")
  (global $S_GT0 i32 (i32.const 0x1010)) (data (i32.const 0x1010) "clock_now > 0: \00")
  (global $S_MONO i32 (i32.const 0x1020)) (data (i32.const 0x1020) "clock_now never goes back over 100 reads: \00")
  (global $S_YES i32 (i32.const 0x104b)) (data (i32.const 0x104b) "yes\00")
  (global $S_NO i32 (i32.const 0x104f)) (data (i32.const 0x104f) "no\00")
  (global $S_SLEEP i32 (i32.const 0x1052)) (data (i32.const 0x1052) "sleep 2 ms\00")
  (global $S_SLEPT i32 (i32.const 0x105d)) (data (i32.const 0x105d) "time slept >= 2000000 ns: \00")
  (global $S_SLOT i32 (i32.const 0x1078)) (data (i32.const 0x1078) "slot \00")
  (global $S_RIGHTS i32 (i32.const 0x107e)) (data (i32.const 0x107e) " rights \00")
  (global $S_BADGE i32 (i32.const 0x1087)) (data (i32.const 0x1087) " badge \00")
  (global $S_COLON i32 (i32.const 0x108f)) (data (i32.const 0x108f) ": \00")
  (global $S_INFO4 i32 (i32.const 0x1092)) (data (i32.const 0x1092) "cap_info slot 4\00")
  (global $S_TX i32 (i32.const 0x10a2)) (data (i32.const 0x10a2) "type \00")
  (global $S_SIG5 i32 (i32.const 0x10a8)) (data (i32.const 0x10a8) "signal bell with 0x5\00")
  (global $S_POLL i32 (i32.const 0x10bd)) (data (i32.const 0x10bd) "poll_signal bell\00")
  (global $S_POLL2 i32 (i32.const 0x10ce)) (data (i32.const 0x10ce) "poll_signal bell again\00")
  (global $S_SIG30 i32 (i32.const 0x10e5)) (data (i32.const 0x10e5) "signal bell with 0x30\00")
  (global $S_WAIT i32 (i32.const 0x10fb)) (data (i32.const 0x10fb) "wait bell\00")
  (global $S_NBSEND i32 (i32.const 0x1105)) (data (i32.const 0x1105) "nb_send on loop with nobody receiving\00")
  (global $S_EPPOLL i32 (i32.const 0x112b)) (data (i32.const 0x112b) "poll on loop with nothing sent\00")
  (global $S_MINT i32 (i32.const 0x114a)) (data (i32.const 0x114a) "cap_mint slot 2 -> slot 5 read-only\00")
  (global $S_YIELD i32 (i32.const 0x116e)) (data (i32.const 0x116e) "yield returned\00")
  (global $S_MSG i32 (i32.const 0x117d)) (data (i32.const 0x117d) "ping\00")
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

  ;; Capability slots we were given (see the caps line above).
  (global $CLOCK i32 (i32.const 1))
  (global $LOOP i32 (i32.const 2))
  (global $BELL i32 (i32.const 3))

  ;; Append "yes" or "no".
  (func $put_bool (param $b i32)
    (call $put_str (select (global.get $S_YES) (global.get $S_NO) (local.get $b))))

  ;; Type names of docs/abi.md 3.2 as 16-byte records at 0x700.
  (data (i32.const 0x700) "empty\00")
  (data (i32.const 0x710) "console\00")
  (data (i32.const 0x720) "clock\00")
  (data (i32.const 0x730) "endpoint\00")
  (data (i32.const 0x740) "notification\00")
  (data (i32.const 0x750) "task\00")
  (data (i32.const 0x760) "spawn\00")
  (data (i32.const 0x770) "memory\00")
  (data (i32.const 0x780) "cnode\00")

  ;; Append the name of capability type $t, or "type N" if unknown.
  (func $put_type (param $t i32)
    (if (i32.le_u (local.get $t) (i32.const 8))
      (then (call $put_str (i32.add (i32.const 0x700) (i32.shl (local.get $t) (i32.const 4)))))
      (else
        (call $put_str (global.get $S_TX))
        (call $put_i32 (local.get $t)))))

  ;; Append rights bits as "rwg" with '-' for each right missing.
  (func $put_rights (param $r i32)
    (call $put_char (select (i32.const 114) (i32.const 45) (i32.and (local.get $r) (i32.const 1))))
    (call $put_char (select (i32.const 119) (i32.const 45) (i32.and (local.get $r) (i32.const 2))))
    (call $put_char (select (i32.const 103) (i32.const 45) (i32.and (local.get $r) (i32.const 4)))))

  ;; Print "slot N: TYPE rights RWG badge B" from cap_info, or
  ;; "cap_info slot N -> ERROR" when the call fails.
  (func $show_slot (param $slot i32) (param $label i32)
    (local $r i32)
    (local.set $r (call $cap_info (local.get $slot) (i32.const 0x800)))
    (if (i32.lt_s (local.get $r) (i32.const 0))
      (then (call $report (local.get $label) (local.get $r)) (return)))
    (call $put_str (global.get $S_SLOT))
    (call $put_i32 (local.get $slot))
    (call $put_str (global.get $S_COLON))
    (call $put_type (i32.load (i32.const 0x800)))
    (call $put_str (global.get $S_RIGHTS))
    (call $put_rights (i32.load (i32.const 0x804)))
    (call $put_str (global.get $S_BADGE))
    (call $put_u64 (i64.load (i32.const 0x808)))
    (call $newline))

  ;; The clock: a positive time, monotonic over 100 reads, and a sleep
  ;; that lasts at least what was asked.
  (func $clock_demo
    (local $t0 i64)
    (local $t i64)
    (local $i i32)
    (local $mono i32)
    (local.set $t0 (call $clock_now (global.get $CLOCK)))
    (call $put_str (global.get $S_GT0))
    (call $put_bool (i64.gt_s (local.get $t0) (i64.const 0)))
    (call $newline)
    (local.set $mono (i32.const 1))
    (local.set $t (local.get $t0))
    (loop $again
      (if (i64.lt_s (call $clock_now (global.get $CLOCK)) (local.get $t))
        (then (local.set $mono (i32.const 0))))
      (local.set $t (call $clock_now (global.get $CLOCK)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 100))))
    (call $put_str (global.get $S_MONO))
    (call $put_bool (local.get $mono))
    (call $newline)
    (local.set $t0 (call $clock_now (global.get $CLOCK)))
    (call $report (global.get $S_SLEEP) (call $sleep (global.get $CLOCK) (i64.const 2000000)))
    (local.set $t (call $clock_now (global.get $CLOCK)))
    (call $put_str (global.get $S_SLEPT))
    (call $put_bool (i64.ge_s (i64.sub (local.get $t) (local.get $t0)) (i64.const 2000000)))
    (call $newline))

  ;; Notification bits: signal ORs them in, poll_signal and wait read and
  ;; clear them (wait does not block here since bits are already set).
  (func $bell_demo
    (call $report (global.get $S_SIG5) (call $signal (global.get $BELL) (i32.const 0x5)))
    (call $report64 (global.get $S_POLL) (call $poll_signal (global.get $BELL)))
    (call $report64 (global.get $S_POLL2) (call $poll_signal (global.get $BELL)))
    (call $report (global.get $S_SIG30) (call $signal (global.get $BELL) (i32.const 0x30)))
    (call $report64 (global.get $S_WAIT) (call $wait (global.get $BELL))))

  ;; Entry point.
  (func (export "_start")
    (call $clock_demo)
    (call $show_slot (i32.const 0) (global.get $S_INFO4))
    (call $show_slot (i32.const 1) (global.get $S_INFO4))
    (call $show_slot (i32.const 2) (global.get $S_INFO4))
    (call $show_slot (i32.const 3) (global.get $S_INFO4))
    (call $show_slot (i32.const 4) (global.get $S_INFO4))
    (call $bell_demo)
    ;; We hold the only capabilities to "loop": nobody can be waiting on it.
    (call $report (global.get $S_NBSEND)
      (call $nb_send (global.get $LOOP) (global.get $S_MSG) (i32.const 4) (i32.const -1)))
    (call $report (global.get $S_EPPOLL)
      (call $poll (global.get $LOOP) (i32.const 0x900) (i32.const 64) (i32.const 0x880)))
    (call $report (global.get $S_MINT)
      (call $cap_mint (global.get $LOOP) (i32.const 5) (i32.const 1) (i64.const 0)))
    (call $show_slot (i32.const 5) (global.get $S_INFO4))
    (call $yield)
    (call $put_str (global.get $S_YIELD))
    (call $newline)
    (call $exit (i32.const 0)))
)
