;; wasi-kill.wat - a reader blocked on console input is killable and the
;; kernel goes on (docs/wasi.md, "Console input"). Starts two readers that
;; block with no input waiting: wasi-kill-read in fd_read on stdin,
;; wasi-kill-poll in poll_oneoff on stdin with a one-hour clock; kills both
;; after 200 ms. If a kill did not end such a wait, the reader would stay
;; until the group's time limit (its expect-kernel line fails). Runs in
;; the wasi-ARCH suite (tests/wasi/check.sh) before any input is typed.
;; Slots: 0 console, 1 clock, 2 spawn; 3, 4 the readers.
;; group: wasi-kill
;; caps: console:rw clock:r spawn:w
;; expect: readers spawned
;; expect: readers killed; the kernel goes on
;; expect-kernel: task wasi-kill exited with code 0
(module
  (import "jericho" "console_write" (func $cw (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "task_spawn" (func $spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "task_kill" (func $kill (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x80) "wasi-kill-read")
  (data (i32.const 0xa0) "wasi-kill-poll")
  (data (i32.const 0xc0) "\00\00\00\00\01\00\00\00")      ;; their caps: slots 0, 1
  (data (i32.const 0x100) "spawn failed\n")
  (data (i32.const 0x120) "kill failed\n")
  (data (i32.const 0x140) "readers spawned\n")
  (data (i32.const 0x160) "readers killed; the kernel goes on\n")
  (func (export "_start")
    (local $a i32) (local $b i32)
    (local.set $a (call $spawn (i32.const 2) (i32.const 0x80) (i32.const 14)
                               (i32.const 0xc0) (i32.const 1) (i32.const 10)))
    (local.set $b (call $spawn (i32.const 2) (i32.const 0xa0) (i32.const 14)
                               (i32.const 0xc0) (i32.const 2) (i32.const 10)))
    (if (i32.or (i32.lt_s (local.get $a) (i32.const 0)) (i32.lt_s (local.get $b) (i32.const 0)))
      (then (drop (call $cw (i32.const 0) (i32.const 0x100) (i32.const 13))) (return)))
    (drop (call $cw (i32.const 0) (i32.const 0x140) (i32.const 16)))
    ;; both are blocked long before this (they print, then wait)
    (drop (call $sleep (i32.const 1) (i64.const 200000000)))
    (if (i32.or (call $kill (local.get $a)) (call $kill (local.get $b)))
      (then (drop (call $cw (i32.const 0) (i32.const 0x120) (i32.const 12))) (return)))
    (drop (call $sleep (i32.const 1) (i64.const 20000000)))
    (drop (call $cw (i32.const 0) (i32.const 0x160) (i32.const 35)))))
