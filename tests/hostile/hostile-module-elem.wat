;; hostile-module-elem.wat - an active element segment that ends past its
;; table (2 entries at 3 of 4): instantiation must fail (out of bounds
;; table access) and nothing runs.
;; group: hostile-module
;; caps: console:w
;; expect-not: started
;; expect-kernel: task hostile-module-elem trapped: out of bounds table access
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory 1 1)
  (table 4 funcref)
  (elem (i32.const 3) $f $f)
  (data (i32.const 0x100) "started\n")
  (func $f)
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 8)))))
