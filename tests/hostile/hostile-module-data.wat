;; hostile-module-data.wat - an active data segment that ends past its
;; memory (10 bytes at 65530 of 65536): instantiation must fail (the spec
;; says it traps with out of bounds memory access) and nothing runs.
;; group: hostile-module
;; caps: console:w
;; expect-not: started
;; expect-kernel: task hostile-module-data trapped: out of bounds memory access
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory 1 1)
  (data (i32.const 0x100) "started\n")
  (data (i32.const 65530) "0123456789")
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 8)))))
