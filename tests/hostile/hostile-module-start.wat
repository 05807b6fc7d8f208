;; hostile-module-start.wat - a start function (run during instantiation,
;; before _start) that loops for ever. The budget is counted from before
;; instantiation, so the runner still ends it.
;; group: hostile-module
;; cpu-budget-ms: 200
;; caps: console:w
;; expect-not: started
;; expect-kernel: task hostile-module-start killed: cpu budget exhausted
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory 1 1)
  (data (i32.const 0x100) "started\n")
  (func $forever (loop $l (br $l)))
  (start $forever)
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 8)))))
