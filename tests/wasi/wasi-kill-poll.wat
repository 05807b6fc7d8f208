;; wasi-kill-poll.wat - started by wasi-kill.wat with console r/w and
;; a clock; says so, then blocks in poll_oneoff on stdin and a one-hour
;; clock (no input is typed) until it is killed.
;; group: wasi-kill
;; start: no
;; expect: blocking in poll_oneoff on stdin and a clock
;; expect-not: poll_oneoff returned
;; expect-kernel: task wasi-kill-poll killed: by task wasi-kill
(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "blocking in poll_oneoff on stdin and a clock\n")
  (data (i32.const 0x200) "poll_oneoff returned\n")
  (func $say (param $p i32) (param $n i32)
    (i32.store (i32.const 0x10) (local.get $p))
    (i32.store (i32.const 0x14) (local.get $n))
    (drop (call $fd_write (i32.const 1) (i32.const 0x10) (i32.const 1) (i32.const 0x20))))
  (func (export "_start")
    (call $say (i32.const 0x100) (i32.const 45))
    ;; subscription 0 at 0x300: clock, monotonic (1), relative, one hour
    (i64.store (i32.const 0x300) (i64.const 1))             ;; userdata
    (i32.store8 (i32.const 0x308) (i32.const 0))            ;; tag: clock
    (i32.store (i32.const 0x310) (i32.const 1))             ;; clock id
    (i64.store (i32.const 0x318) (i64.const 3600000000000)) ;; timeout ns
    ;; subscription 1 at 0x330: fd_read on fd 0
    (i64.store (i32.const 0x330) (i64.const 2))
    (i32.store8 (i32.const 0x338) (i32.const 1))            ;; tag: fd_read
    (i32.store (i32.const 0x340) (i32.const 0))             ;; fd
    (drop (call $poll (i32.const 0x300) (i32.const 0x400) (i32.const 2) (i32.const 0x20)))
    (call $say (i32.const 0x200) (i32.const 21))))
