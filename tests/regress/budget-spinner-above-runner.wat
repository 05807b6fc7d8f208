;; budget-spinner-above-runner.wat - regression test for a kernel hang.
;; Bug: the demo runner (the boot task) ran at priority 31 while images may
;; ask for 1..63, and CPU budgets and the group time limit are enforced by
;; the runner. A spinner above 31 starved the runner, so its budget was
;; never enforced and the kernel hung for good (found by
;; tests/hostile/hostile-spin-high.wat at priority 40: QEMU timed out).
;; Fix: the runner raises itself to TASK_PRIO_MAX (63), so it preempts any
;; spinner, or shares the CPU round robin with one at 63 itself.
;; This is the worst case: a spinner at 63 with a 200 ms budget must be
;; killed, and the run must go on (packed into the hostile table,
;; demos/demos.mk; run by `make test` in suites hostile-ARCH).
;; group: hostile-regress-budget-prio
;; prio: 63
;; cpu-budget-ms: 200
;; caps: console:w
;; expect: spinning at priority 63, the runner's own
;; expect-kernel: task budget-spinner-above-runner killed: cpu budget exhausted
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "spinning at priority 63, the runner's own\n")
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 42)))
    (loop $spin (br $spin)))
)
