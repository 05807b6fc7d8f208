;; bench-tablegrow.wat - the table.grow of the preempt_latency row
;; (src/kbench/bench_latency.c): _start grows an empty table by 10,000,000
;; entries (80 MB of references, zeroed, then set) and exits with code 0
;; if the grow succeeded (it returns the old size, 0), else traps.
(module
  (table $t 0 funcref)
  (func (export "_start")
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 10000000)) (i32.const 0))
      (then unreachable))))
