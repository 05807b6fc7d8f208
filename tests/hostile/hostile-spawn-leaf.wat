;; hostile-spawn-leaf.wat - a task that only sleeps (slot 0: the clock),
;; so that spawned tasks pile up; killed with its parent.
;; group: hostile-spawn
;; start: no
(module
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (func (export "_start")
    (drop (call $sleep (i32.const 0) (i64.const 0x7fffffffffffffff)))))
