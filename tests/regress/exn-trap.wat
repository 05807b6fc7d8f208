;; exn-trap.wat - a trap is not an exception: an integer division by zero
;; inside a try_table with a catch_all ends the task (exn-catch.wat).
;; Binary: exn-trap.wasm (tests/regress/exn.sh).
;; group: hostile-exn
;; expect-kernel: task exn-trap trapped: integer divide by zero
(module
  (func $div (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "_start")
    (block $h
      (try_table (catch_all $h)
        (drop (call $div (i32.const 1) (i32.const 0)))))))
