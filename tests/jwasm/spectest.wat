;; spectest.wat - jwasm test: imports from the spec tests' `spectest` module.
(module
  (import "spectest" "print_i32" (func $print_i32 (param i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "memory" (memory 1))
  (func (export "run") (result i32)
    (call $print_i32 (i32.const 42))
    (i32.add (global.get $g) (i32.const 1))))
