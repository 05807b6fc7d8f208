;; hostile-module-sig.wat - imports jericho.console_write with the wrong
;; signature (i64 pointer, no result): the kernel must refuse to bind it
;; rather than call it with the wrong argument types.
;; group: hostile-module
;; caps: console:w
;; expect-not: started
;; expect-kernel: task hostile-module-sig failed to start: incompatible import type jericho.console_write
(module
  (import "jericho" "console_write" (func $console_write (param i32 i64 i32)))
  (memory 1 1)
  (func (export "_start")
    (call $console_write (i32.const 0) (i64.const 0x100) (i32.const 8))))
