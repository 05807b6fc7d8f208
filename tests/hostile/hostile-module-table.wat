;; hostile-module-table.wat - a table of 0x7fffffff entries at least:
;; instantiating it would take 16 GiB. It must be refused with a message,
;; not attempted.
;; group: hostile-module
;; caps: console:w
;; expect-not: started
;; expect-kernel: task hostile-module-table failed to start: table size limit exceeded
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory 1)
  (table 0x7fffffff funcref)
  (data (i32.const 0x100) "started\n")
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 8)))))
