;; ipc-client.wat - the other side of ipc-server.wat. It starts without
;; a console and can print only once the server has sent it one, so every
;; line it prints shows that the capability arrived (in its lowest free
;; slot, as the message info says).
;;
;; Slots: 0 endpoint door (receive), 1 endpoint svc (send, badge 5).
;; group: ipc
;; caps: endpoint:door:r endpoint:svc:w:badge=5
;; expect: got a console in slot 2 from badge 77: here is a console
;; expect: cap_info slot 2 -> ok 0
;; expect: call add(2, 40) -> 42
;; expect: server says: too long: I read 16 of 100 bytes
;; expect: call after the server ended -> DESTROYED
;; expect-kernel: task ipc-client exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_info" (func $cap_info (param i32 i32) (result i32)))

  ;; Memory map: 0x400..0x4ff the line being built, 0x500..0x51f digit
  ;; scratch, 0x600..0x6ff error names, 0x800.. buffers, 0x1000.. strings.
  (memory (export "memory") 1)
  (global $CONSOLE (mut i32) (i32.const -1))  ;; slot of the console: none until the server sends one
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer
  ;; Strings (NUL-terminated): $S_NAME is the address of each.
  (global $S_ERROR i32 (i32.const 0x1000)) (data (i32.const 0x1000) "error \00")
  (global $S_OK i32 (i32.const 0x1007)) (data (i32.const 0x1007) "ok \00")
  (global $S_ARROW i32 (i32.const 0x100b)) (data (i32.const 0x100b) " -> \00")
  (global $S_GOT i32 (i32.const 0x1010)) (data (i32.const 0x1010) "got a console in slot \00")
  (global $S_FROM i32 (i32.const 0x1027)) (data (i32.const 0x1027) " from badge \00")
  (global $S_COLON i32 (i32.const 0x1034)) (data (i32.const 0x1034) ": \00")
  (global $S_INFO i32 (i32.const 0x1037)) (data (i32.const 0x1037) "cap_info slot 2\00")
  (global $S_ADD i32 (i32.const 0x1047)) (data (i32.const 0x1047) "call add(2, 40) -> \00")
  (global $S_SAYS i32 (i32.const 0x105b)) (data (i32.const 0x105b) "server says: \00")
  (global $S_BYEMSG i32 (i32.const 0x1069)) (data (i32.const 0x1069) "bye\00")
  (global $S_AFTER i32 (i32.const 0x106d)) (data (i32.const 0x106d) "call after the server ended\00")
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

  ;; Append $len bytes at $p.
  (func $put_bytes (param $p i32) (param $len i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (call $put_char (i32.load8_u (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next))))

  ;; Entry point.
  (func (export "_start")
    (local $r i32)
    (local $slot i32)
    ;; 1. wait for the console; without it there is nobody to tell
    (local.set $r (call $recv (i32.const 0) (i32.const 0x800) (i32.const 64) (i32.const 0x880)))
    (if (i32.lt_s (local.get $r) (i32.const 0)) (then (call $exit (i32.const 2))))
    (local.set $slot (i32.load (i32.const 0x88c)))
    (if (i32.lt_s (local.get $slot) (i32.const 0)) (then (call $exit (i32.const 3))))
    (global.set $CONSOLE (local.get $slot))
    (call $put_str (global.get $S_GOT))
    (call $put_i32 (local.get $slot))
    (call $put_str (global.get $S_FROM))
    (call $put_u64 (i64.load (i32.const 0x880)))
    (call $put_str (global.get $S_COLON))
    (call $put_bytes (i32.const 0x800) (local.get $r))
    (call $newline)
    (call $report (global.get $S_INFO) (call $cap_info (local.get $slot) (i32.const 0x8c0)))
    ;; 2. a call with a binary request: 2 + 40
    (i32.store (i32.const 0x900) (i32.const 2))
    (i32.store (i32.const 0x904) (i32.const 40))
    (local.set $r (call $call (i32.const 1) (i32.const 0x900) (i32.const 8)
                              (i32.const 0x800) (i32.const 64) (i32.const 0x880)))
    (call $put_str (global.get $S_ADD))
    (if (i32.eq (local.get $r) (i32.const 4))
      (then (call $put_i32 (i32.load (i32.const 0x800))))
      (else (call $put_result (i64.extend_i32_s (local.get $r)))))
    (call $newline)
    ;; 3. a 100-byte request to a server that reads 16
    (memory.fill (i32.const 0x900) (i32.const 120) (i32.const 100))
    (local.set $r (call $call (i32.const 1) (i32.const 0x900) (i32.const 100)
                              (i32.const 0x800) (i32.const 64) (i32.const 0x880)))
    (call $put_str (global.get $S_SAYS))
    (if (i32.ge_s (local.get $r) (i32.const 0))
      (then (call $put_bytes (i32.const 0x800) (local.get $r)))
      (else (call $put_result (i64.extend_i32_s (local.get $r)))))
    (call $newline)
    ;; 4. the server takes this call and ends without replying
    (call $report (global.get $S_AFTER)
      (call $call (i32.const 1) (global.get $S_BYEMSG) (i32.const 3)
                  (i32.const 0x800) (i32.const 64) (i32.const 0x880)))
    (call $exit (i32.const 0)))
)
