;; exn-uncaught.wat - an exception no handler catches leaves the task's
;; call through three calls and a try_table for another tag: the task
;; ends with "uncaught exception" and the backtrace of the throw; the
;; kernel and the other tasks go on.
;; Binary: exn-uncaught.wasm (tests/regress/exn.sh).
;; group: hostile-exn
;; expect-kernel: task exn-uncaught trapped: uncaught exception
(module
  (tag $e (param i32))
  (tag $not-this)
  (func $a (param i32) (throw $e (local.get 0)))
  (func $b (param i32) (call $a (local.get 0)))
  (func $c (param i32)
    (block $h
      (try_table (catch $not-this $h) (call $b (local.get 0)))))
  (func (export "_start") (call $c (i32.const 7))))
