;; security-import-wasi.wat - a module that imports a WASI function outside
;; preview 1 (sock_open is not one of its 46 names: docs/wasi.md). The
;; kernel binds every preview-1 name, so this one must fail to start with
;; its name, not run and get ENOSYS.
;;
;; group: security
;; caps: console:w
;; expect-not: started
;; expect-kernel: task security-import-wasi failed to start: unknown import wasi_snapshot_preview1.sock_open
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_open" (func $sock_open (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "started\n")
  (data (i32.const 0x200) "\00\01\00\00\08\00\00\00")   ;; iovec {0x100, 8}

  ;; Entry point: would print "started" and open a socket.
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x300)))
    (drop (call $sock_open (i32.const 0) (i32.const 0) (i32.const 0x300))))
)
