;; leaf.wat - calls of leaf host functions (wasm_func_set_leaf), tested by
;; tests/interp/test_leaf.c: a constant first argument folded into the
;; call (CALL_K), a computed one (CALL), the memory view after
;; memory.grow, a trap, and an abort requested inside a leaf taken at the
;; loop's next back-edge.
(module
  (import "h" "leaf" (func $leaf (param i32) (result i64)))
  (import "h" "leaf2" (func $leaf2 (param i32 i32) (result i64)))
  (memory 1)
  (func (export "k") (result i64) (call $leaf (i32.const 7)))
  (func (export "v") (param i32) (result i64) (call $leaf (local.get 0)))
  (func (export "two") (param i32) (result i64) (call $leaf2 (i32.const 5) (local.get 0)))
  (func (export "grown") (result i64)
    (drop (memory.grow (i32.const 2)))
    (call $leaf (i32.const 1)))
  ;; n calls of leaf(i); returns the sum of their results
  (func (export "loop") (param $n i32) (result i64) (local $s i64)
    (loop $l
      (local.set $s (i64.add (local.get $s) (call $leaf (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))
