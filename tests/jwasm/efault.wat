;; efault.wat - jwasm test: WASI calls with hostile pointers must return
;; EFAULT (21), never crash the host; unknown WASI names return ENOSYS (52).
;; Each export returns the errno it got (called with --invoke).
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get"
    (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  ;; iovec at 0: {buf 16, len 3}; at 8: {buf 65534, len 16} (runs off the end)
  (func $setup
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (i32.store (i32.const 8) (i32.const 65534))
    (i32.store (i32.const 12) (i32.const 16)))
  (func (export "good") (result i32)
    (call $setup)
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 100)))
  (func (export "bad_iovs") (result i32)
    (call $setup)
    (call $fd_write (i32.const 1) (i32.const -8) (i32.const 1) (i32.const 100)))
  (func (export "bad_buf") (result i32)
    (call $setup)
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 100)))
  (func (export "huge_count") (result i32)
    (call $setup)
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0x7fffffff) (i32.const 100)))
  (func (export "bad_result_ptr") (result i32)
    (call $setup)
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 65533)))
  (func (export "bad_argv") (result i32)
    (call $args_get (i32.const -1) (i32.const 200)))
  (func (export "enosys") (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0)
                     (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0)))
)
