;; loops.wat - long-running code for the yield, fuel and stack tests.
(module
  (import "env" "tick" (func $tick (param i32)))
  (memory 1)
  ;; sum of (i * 7 xor i) for i < n, with a store/load each round
  (func (export "sum") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.and (local.get $i) (i32.const 0xfffc))
                   (i32.xor (i32.mul (local.get $i) (i32.const 7)) (local.get $i)))
        (local.set $acc (i64.add (local.get $acc)
          (i64.extend_i32_u (i32.load (i32.and (local.get $i) (i32.const 0xfffc))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    (local.get $acc))
  ;; same loop, calling the host every round
  (func (export "sum_tick") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $tick (local.get $i))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    (local.get $acc))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func $forever (export "forever") (loop $l (br $l)))
  (func $deep (export "deep") (param i32) (result i32)
    (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func $fat (export "fat") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (call $fat (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
)
