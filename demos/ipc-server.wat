;; ipc-server.wat - IPC between two tasks: transferring a capability
;; (which needs the grant right), learning the caller from its badge,
;; call/reply with a binary request, a message longer than the receive
;; buffer (truncated and flagged), and a caller woken with DESTROYED when
;; the server ends without replying. Its peer is ipc-client.wat.
;;
;; Slots: 0 console (w + grant: it can be passed on), 1 endpoint door
;; (send, no grant), 2 endpoint door (send + grant, badge 77), 3 endpoint
;; svc (receive).
;; group: ipc
;; prio: 12
;; caps: console:wg endpoint:door:w endpoint:door:wg:badge=77 endpoint:svc:r
;; expect: send the console through door without grant -> NO_RIGHTS
;; expect: send the console through door with grant -> ok 0
;; expect: add request from badge 5: 2 + 40
;; expect: next request: 16 of 100 bytes copied, truncated: yes, call: yes
;; expect: got "bye", ending without a reply
;; expect-kernel: task ipc-server exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "reply_recv" (func $reply_recv (param i32 i32 i32 i32 i32 i32) (result i32)))

  ;; Memory map: 0x400..0x4ff the line being built, 0x500..0x51f digit
  ;; scratch, 0x600..0x6ff error names, 0x800.. buffers, 0x1000.. strings.
  (memory (export "memory") 1)
  (global $CONSOLE i32 (i32.const 0))          ;; CSpace slot of the console
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer
  ;; Strings (NUL-terminated): $S_NAME is the address of each.
  (global $S_ERROR i32 (i32.const 0x1000)) (data (i32.const 0x1000) "error \00")
  (global $S_OK i32 (i32.const 0x1007)) (data (i32.const 0x1007) "ok \00")
  (global $S_ARROW i32 (i32.const 0x100b)) (data (i32.const 0x100b) " -> \00")
  (global $S_GIFT i32 (i32.const 0x1010)) (data (i32.const 0x1010) "here is a console\00")
  (global $S_NOGRANT i32 (i32.const 0x1022)) (data (i32.const 0x1022) "send the console through door without grant\00")
  (global $S_GRANT i32 (i32.const 0x104e)) (data (i32.const 0x104e) "send the console through door with grant\00")
  (global $S_ADD i32 (i32.const 0x1077)) (data (i32.const 0x1077) "add request from badge \00")
  (global $S_COLON i32 (i32.const 0x108f)) (data (i32.const 0x108f) ": \00")
  (global $S_PLUS i32 (i32.const 0x1092)) (data (i32.const 0x1092) " + \00")
  (global $S_NEXT i32 (i32.const 0x1096)) (data (i32.const 0x1096) "next request: \00")
  (global $S_OF i32 (i32.const 0x10a5)) (data (i32.const 0x10a5) " of \00")
  (global $S_COPIED i32 (i32.const 0x10aa)) (data (i32.const 0x10aa) " bytes copied, truncated: \00")
  (global $S_CALL i32 (i32.const 0x10c5)) (data (i32.const 0x10c5) ", call: \00")
  (global $S_YES i32 (i32.const 0x10ce)) (data (i32.const 0x10ce) "yes\00")
  (global $S_NO i32 (i32.const 0x10d2)) (data (i32.const 0x10d2) "no\00")
  (global $S_TOOLONG i32 (i32.const 0x10d5)) (data (i32.const 0x10d5) "too long: I read 16 of 100 bytes\00")
  (global $S_BYE i32 (i32.const 0x10f6)) (data (i32.const 0x10f6) "got \"bye\", ending without a reply\00")
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

  ;; Append "yes" if $b is non-zero, else "no".
  (func $put_bool (param $b i32)
    (call $put_str (select (global.get $S_YES) (global.get $S_NO) (local.get $b))))

  ;; Entry point.
  (func (export "_start")
    (local $r i32)
    (local $flags i32)
    ;; 1. give the client our console, first without the right to do so
    (call $report (global.get $S_NOGRANT)
      (call $send (i32.const 1) (global.get $S_GIFT) (call $strlen (global.get $S_GIFT)) (i32.const 0)))
    (call $report (global.get $S_GRANT)
      (call $send (i32.const 2) (global.get $S_GIFT) (call $strlen (global.get $S_GIFT)) (i32.const 0)))
    ;; 2. a call: two little-endian i32 to add; the badge says who asks
    (local.set $r (call $recv (i32.const 3) (i32.const 0x800) (i32.const 16) (i32.const 0x880)))
    (if (i32.ne (local.get $r) (i32.const 8)) (then (call $exit (i32.const 2))))
    (call $put_str (global.get $S_ADD))
    (call $put_u64 (i64.load (i32.const 0x880)))
    (call $put_str (global.get $S_COLON))
    (call $put_i32 (i32.load (i32.const 0x800)))
    (call $put_str (global.get $S_PLUS))
    (call $put_i32 (i32.load (i32.const 0x804)))
    (call $newline)
    (i32.store (i32.const 0x900) (i32.add (i32.load (i32.const 0x800)) (i32.load (i32.const 0x804))))
    ;; 3. reply with the sum and take the next request into a 16-byte buffer
    (local.set $r (call $reply_recv (i32.const 3) (i32.const 0x900) (i32.const 4)
                                    (i32.const 0x800) (i32.const 16) (i32.const 0x880)))
    (local.set $flags (i32.load (i32.const 0x890)))
    (call $put_str (global.get $S_NEXT))
    (call $put_i32 (local.get $r))
    (call $put_str (global.get $S_OF))
    (call $put_i32 (i32.load (i32.const 0x888)))
    (call $put_str (global.get $S_COPIED))
    (call $put_bool (i32.and (local.get $flags) (i32.const 1)))   ;; MSG_TRUNCATED
    (call $put_str (global.get $S_CALL))
    (call $put_bool (i32.and (local.get $flags) (i32.const 4)))   ;; MSG_CALL
    (call $newline)
    ;; 4. answer it in words, take the last request, and leave it unanswered
    (drop (call $reply_recv (i32.const 3) (global.get $S_TOOLONG) (call $strlen (global.get $S_TOOLONG))
                            (i32.const 0x800) (i32.const 16) (i32.const 0x880)))
    (call $put_str (global.get $S_BYE))
    (call $newline)
    (call $exit (i32.const 0)))

  ;; Length of the NUL-terminated string at $s.
  (func $strlen (param $s i32) (result i32)
    (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))
)
