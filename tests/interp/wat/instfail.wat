;; instfail.wat - a module whose instantiation allocates every kind of
;; block the engine makes for an instance (tests/interp/test_inst_fail.c):
;; index spaces, two tables (one with an active element segment), a
;; memory of four pages with data segments, globals, active, passive and
;; declarative element segments, and a start function that calls the host
;; (a kill point), grows a memory and a table (the atomic swap) and calls
;; a host function with 9 results (the exec's result array grows).
(module
  (type $nine (func (result i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "tick" (func $tick))
  (import "env" "nine" (func $nine (type $nine)))
  (table $t0 8 funcref)
  (table $t1 2 16 externref)
  (memory $m0 4 8)
  (global $g (mut i32) (i32.const 7))
  (global $h i64 (i64.const 9))
  (func $f0 (result i32) (i32.const 1))
  (func $f1 (result i32) (i32.const 2))
  (elem (table $t0) (i32.const 0) func $f0 $f1 $f0)
  (elem funcref (ref.func $f1) (ref.null func) (ref.func $f0))
  (elem declare func $f1)
  (data (i32.const 16) "hello, instance")
  (data (i32.const 65536) "\01\02\03\04")
  (data "passive bytes")
  (func $start
    (call $tick)
    (drop (memory.grow (i32.const 2)))
    (call $tick)
    (drop (table.grow $t1 (ref.null extern) (i32.const 4)))
    (call $tick)
    (call $nine)
    (drop) (drop) (drop) (drop) (drop) (drop) (drop) (drop)
    (global.set $g)
    (call $tick))
  (func (export "get") (result i32) (global.get $g))
  ;; compiled lazily, a first call of outer compiles outer, then inner
  (func $inner (result i32) (global.get $g))
  (func (export "outer") (result i32) (call $inner))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (start $start))
