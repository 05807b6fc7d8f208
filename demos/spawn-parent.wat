;; spawn-parent.wat - starting tasks with task_spawn: a child gets copies
;; of the capabilities we choose (never more rights than ours: we mint a
;; write-only endpoint for it), spawning fails cleanly for an unknown
;; module, a priority above ours, an empty slot or the wrong capability,
;; and a task capability lets us kill what we started.
;;
;; Slots: 0 console, 1 spawn, 2 endpoint back (rw: the children report on
;; it), 3 endpoint nap (r: nobody ever sends on it).
;; group: spawn
;; caps: console:w spawn:w endpoint:back:rw endpoint:nap:r
;; expect: cap_mint back -> slot 4 write-only -> ok 0
;; expect: task_spawn nosuch -> NOT_FOUND
;; expect: task_spawn spawn-child at prio 63 (above ours) -> NO_RIGHTS
;; expect: task_spawn spawn-child passing empty slot 20 -> EMPTY_SLOT
;; expect: task_spawn through the console -> WRONG_TYPE
;; expect: task_spawn spawn-child -> ok 5
;; expect: from the child: hello parent
;; expect: task_spawn spawn-sleeper -> ok 6
;; expect: from the sleeper: sleeper ready
;; expect: task_kill spawn-sleeper -> ok 0
;; expect-kernel: task spawn-sleeper killed: by task spawn-parent
;; expect-kernel: task spawn-parent exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "task_kill" (func $task_kill (param i32) (result i32)))

  ;; Memory map: 0x400..0x4ff the line being built, 0x500..0x51f digit
  ;; scratch, 0x600..0x6ff error names, 0x800.. buffers, 0x1000.. strings.
  (memory (export "memory") 1)
  (global $CONSOLE i32 (i32.const 0))          ;; CSpace slot of the console
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer
  ;; Strings (NUL-terminated): $S_NAME is the address of each.
  (global $S_ERROR i32 (i32.const 0x1000)) (data (i32.const 0x1000) "error \00")
  (global $S_OK i32 (i32.const 0x1007)) (data (i32.const 0x1007) "ok \00")
  (global $S_ARROW i32 (i32.const 0x100b)) (data (i32.const 0x100b) " -> \00")
  (global $S_NOSUCH i32 (i32.const 0x1010)) (data (i32.const 0x1010) "nosuch\00")
  (global $S_CHILD i32 (i32.const 0x1017)) (data (i32.const 0x1017) "spawn-child\00")
  (global $S_SLEEPER i32 (i32.const 0x1023)) (data (i32.const 0x1023) "spawn-sleeper\00")
  (global $S_L_NOSUCH i32 (i32.const 0x1031)) (data (i32.const 0x1031) "task_spawn nosuch\00")
  (global $S_L_MINT i32 (i32.const 0x1043)) (data (i32.const 0x1043) "cap_mint back -> slot 4 write-only\00")
  (global $S_L_PRIO i32 (i32.const 0x1066)) (data (i32.const 0x1066) "task_spawn spawn-child at prio 63 (above ours)\00")
  (global $S_L_EMPTY i32 (i32.const 0x1095)) (data (i32.const 0x1095) "task_spawn spawn-child passing empty slot 20\00")
  (global $S_L_TYPE i32 (i32.const 0x10c2)) (data (i32.const 0x10c2) "task_spawn through the console\00")
  (global $S_L_CHILD i32 (i32.const 0x10e1)) (data (i32.const 0x10e1) "task_spawn spawn-child\00")
  (global $S_L_SLEEPER i32 (i32.const 0x10f8)) (data (i32.const 0x10f8) "task_spawn spawn-sleeper\00")
  (global $S_L_KILL i32 (i32.const 0x1111)) (data (i32.const 0x1111) "task_kill spawn-sleeper\00")
  (global $S_FROM_CHILD i32 (i32.const 0x1129)) (data (i32.const 0x1129) "from the child: \00")
  (global $S_FROM_SLEEPER i32 (i32.const 0x113a)) (data (i32.const 0x113a) "from the sleeper: \00")
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

  ;; The child's CSpace, as our slots: [0] console, [1] back (write-only,
  ;; slot 4). The sleeper's: console, back (write-only), nap.
  (data (i32.const 0x900) "\00\00\00\00\04\00\00\00")
  (data (i32.const 0x920) "\00\00\00\00\04\00\00\00\03\00\00\00")
  ;; The same with an empty slot 20 in the middle.
  (data (i32.const 0x940) "\00\00\00\00\14\00\00\00")

  ;; Receive one report on back and print it after $label.
  (func $show_report (param $label i32)
    (local $r i32)
    (local $i i32)
    (local.set $r (call $recv (i32.const 2) (i32.const 0x800) (i32.const 64) (i32.const -1)))
    (call $put_str (local.get $label))
    (if (i32.ge_s (local.get $r) (i32.const 0))
      (then
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $r)))
            (call $put_char (i32.load8_u (i32.add (i32.const 0x800) (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next))))
      (else (call $put_result (i64.extend_i32_s (local.get $r)))))
    (call $newline))

  ;; Entry point.
  (func (export "_start")
    (local $child i32)
    (local $sleeper i32)
    (call $report (global.get $S_L_MINT)
      (call $cap_mint (i32.const 2) (i32.const 4) (i32.const 2) (i64.const 0)))
    (call $report (global.get $S_L_NOSUCH)
      (call $task_spawn (i32.const 1) (global.get $S_NOSUCH) (i32.const 6) (i32.const 0x900) (i32.const 2) (i32.const 10)))
    (call $report (global.get $S_L_PRIO)
      (call $task_spawn (i32.const 1) (global.get $S_CHILD) (i32.const 11) (i32.const 0x900) (i32.const 2) (i32.const 63)))
    (call $report (global.get $S_L_EMPTY)
      (call $task_spawn (i32.const 1) (global.get $S_CHILD) (i32.const 11) (i32.const 0x940) (i32.const 2) (i32.const 10)))
    (call $report (global.get $S_L_TYPE)
      (call $task_spawn (i32.const 0) (global.get $S_CHILD) (i32.const 11) (i32.const 0x900) (i32.const 2) (i32.const 10)))
    (local.set $child
      (call $task_spawn (i32.const 1) (global.get $S_CHILD) (i32.const 11) (i32.const 0x900) (i32.const 2) (i32.const 10)))
    (call $report (global.get $S_L_CHILD) (local.get $child))
    (call $show_report (global.get $S_FROM_CHILD))
    (local.set $sleeper
      (call $task_spawn (i32.const 1) (global.get $S_SLEEPER) (i32.const 13) (i32.const 0x920) (i32.const 3) (i32.const 10)))
    (call $report (global.get $S_L_SLEEPER) (local.get $sleeper))
    (call $show_report (global.get $S_FROM_SLEEPER))
    (call $report (global.get $S_L_KILL) (call $task_kill (local.get $sleeper)))
    (call $exit (i32.const 0)))
)
