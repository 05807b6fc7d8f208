;; wasi-kill-read.wat - started by wasi-kill.wat with console r/w: says so,
;; then blocks in fd_read on stdin (no input is typed) until it is killed.
;; group: wasi-kill
;; start: no
;; expect: blocking in fd_read on stdin
;; expect-not: fd_read returned
;; expect-kernel: task wasi-kill-read killed: by task wasi-kill
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "blocking in fd_read on stdin\n")
  (data (i32.const 0x200) "fd_read returned\n")
  (func $say (param $p i32) (param $n i32)
    (i32.store (i32.const 0x10) (local.get $p))
    (i32.store (i32.const 0x14) (local.get $n))
    (drop (call $fd_write (i32.const 1) (i32.const 0x10) (i32.const 1) (i32.const 0x20))))
  (func (export "_start")
    (call $say (i32.const 0x100) (i32.const 29))
    (i32.store (i32.const 0x30) (i32.const 0x400))  ;; one iovec: 64 bytes at 0x400
    (i32.store (i32.const 0x34) (i32.const 64))
    (drop (call $fd_read (i32.const 0) (i32.const 0x30) (i32.const 1) (i32.const 0x20)))
    (call $say (i32.const 0x200) (i32.const 17))))
