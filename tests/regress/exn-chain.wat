;; exn-chain.wat - exceptions are charged to the task's quota: each new
;; exception holds the previous one in its payload, so none is ever
;; unreachable and the collector frees nothing; the allocation that
;; exceeds the quota ends the task with a trap, never a kernel fault, and
;; every block is given back when the task ends (the group's heap check).
;; Binary: exn-chain.wasm (tests/regress/exn.sh).
;; group: hostile-exn-quota
;; expect-kernel: task exn-chain trapped: out of memory
(module
  (tag $link (param exnref))
  (func (export "_start")
    (local $prev exnref)
    (loop $l
      (block $h (result exnref)
        (try_table (catch_all_ref $h) (throw $link (local.get $prev)))
        (unreachable))
      (local.set $prev)
      (br $l))))
