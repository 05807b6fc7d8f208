;; backtrace.wat - where traps happen (tests/interp/test_backtrace.c): one
;; function per kind of trap, and calls between them for a call stack.
;; The test finds each trapping instruction (or call) by its bytes, the
;; last match in the function's body; built with --debug-names.
(module
  (type $v_i (func (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $div)
  (func $div (type $i_i) (i32.div_s (i32.const 1) (local.get 0)))
  (func $mid (param i32) (result i32) (call $div (local.get 0)))
  (func $outer (export "chain") (param i32) (result i32) (call $mid (local.get 0)))
  (func $load (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
  (func $store (export "store") (param i32) (i64.store (local.get 0) (i64.const -1)))
  (func $unreach (export "unreach") (nop) (unreachable))
  (func $ind (export "indirect") (param i32) (result i32)
    (call_indirect (type $v_i) (local.get 0)))
  (func $rec (export "recurse") (call $rec))
  ;; a load folded into the add after it (one instruction, I32_ADD_RM)
  (func $addload (export "addload") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.load (local.get 1))))
  ;; the same into a division: either may trap, each at its own offset
  (func $divload (export "divload") (param i32 i32) (result i32)
    (i32.div_u (local.get 0) (i32.load (local.get 1))))
  (func $conv (export "conv") (result i32) (i32.trunc_f32_s (f32.const nan)))
  ;; a division fused into the br_if after it (BRIF_I32_DIV_U_RR)
  (func $brdiv (export "brdiv") (param i32) (result i32)
    (block (br_if 0 (i32.div_u (local.get 0) (local.get 0))))
    (i32.const 5))
)
