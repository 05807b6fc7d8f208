;; imports.wat - imports of every kind, for the import type checks.
(module
  (import "env" "f" (func (param i32) (result i32)))
  (import "env" "t" (table 2 10 funcref))
  (import "env" "m" (memory 1 2))
  (import "env" "g" (global (mut i32)))
  (func (export "use") (param i32) (result i32)
    (global.set 0 (call 0 (local.get 0)))
    (global.get 0))
)
