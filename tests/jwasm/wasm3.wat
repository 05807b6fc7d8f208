;; wasm3.wat - jwasm test: Wasm 3.0 features (tail calls, extended-const,
;; multi-memory) and --disable rejecting a module that uses one.
(module
  ;; multi-memory: "hi" in memory $b, a byte stored there, both copied or
  ;; read across memories: 'i' (105) + 7
  (memory $a 1)
  (memory $b 1)
  (data (memory $b) (i32.const 16) "hi")
  (func (export "mm") (result i32)
    (i32.store8 $b (i32.const 100) (i32.const 7))
    (memory.copy $a $b (i32.const 0) (i32.const 16) (i32.const 2))
    (i32.add (i32.load8_u $a (i32.const 1)) (i32.load8_u $b (i32.const 100))))
  ;; extended-const: 40 + 1 * 2
  (global $g i32 (i32.add (i32.const 40) (i32.mul (i32.const 1) (i32.const 2))))
  ;; counts n down by tail calls: constant stack however large n is
  (func $count (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else (return_call $count (i64.sub (local.get 0) (i64.const 1))
                                (i64.add (local.get 1) (i64.const 1))))))
  (func (export "count") (param i64) (result i64)
    (return_call $count (local.get 0) (i64.const 0)))
  (func (export "konst") (result i32) (global.get $g))
)
