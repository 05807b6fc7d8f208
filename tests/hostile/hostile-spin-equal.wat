;; hostile-spin-equal.wat - an endless loop with no calls at priority 10
;; (equal compared with hostile-spin-worker's 10), under a CPU budget of
;; 400 ms that the runner enforces (docs/hardening.md, "Spinners"). The
;; worker and the other spinners' kills must not depend on this one giving
;; up the CPU: it never does.
;; group: hostile-spin
;; prio: 10
;; cpu-budget-ms: 400
;; caps: console:w
;; expect: spinning at priority 10 with no calls, forever
;; expect-not: stopped spinning
;; expect-kernel: task hostile-spin-equal killed: cpu budget exhausted
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "spinning at priority 10 with no calls, forever\n")
  (data (i32.const 0x200) "stopped spinning\n")
  (func (export "_start")
    (local $n i64)
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 47)))
    (loop $spin
      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (br_if $spin (i64.ne (local.get $n) (i64.const 0))))
    (drop (call $console_write (i32.const 0) (i32.const 0x200) (i32.const 17))))
)
