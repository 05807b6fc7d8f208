;; hostile-module-entry.wat - exports _start with a parameter and a
;; result, so the kernel cannot call it as [] -> []: refused with a
;; message, nothing run.
;; group: hostile-module
;; caps: console:w
;; expect-not: started
;; expect-kernel: task hostile-module-entry failed to start: _start is not a function of type [] -> []
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory 1 1)
  (data (i32.const 0x100) "started\n")
  (func (export "_start") (param i32) (result i32)
    (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 8))))
