;; badtype.wat - jwasm test: fd_write imported with the wrong type is a
;; link error (exit 2), not a crash at the first call.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
  (func (export "_start")))
