;; exn-gc.wat - unreachable exceptions are freed while the task runs, and
;; reachable ones never: 400,000 exceptions of 128 bytes of payload nobody
;; keeps (without the collector about 70 MB, far past the group's quota:
;; the task traps "out of memory"), while four are kept the four ways an
;; exnref can live: in a local, in a global, in a table, and only in the
;; payload of another exception. Their payloads are read back after every
;; 20,000; a wrong one is a trap (unreachable), a freed one would be read
;; after its free. Exits with code 0 when all is right.
;; Binary: exn-gc.wasm (tests/regress/exn.sh).
;; group: hostile-exn-gc
;; expect-kernel: task exn-gc exited with code 0
(module
  (tag $e (param i64))
  (tag $box (param exnref i64))
  (tag $big (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64))
  (global $g (mut exnref) (ref.null exn))
  (table $t 1 exnref)
  (func $mk (param $v i64) (result exnref)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $e (local.get $v)))
      (unreachable)))
  (func $val (param $x exnref) (result i64)
    (block $h (result i64)
      (try_table (catch $e $h) (throw_ref (local.get $x)))
      (unreachable)))
  (func $churn (param $n i32)
    (local $v i64)
    (loop $l
      (local.set $v (i64.extend_i32_u (local.get $n)))
      (block $h
        (try_table (catch_all $h)
          (throw $big (local.get $v) (local.get $v) (local.get $v) (local.get $v)
                      (local.get $v) (local.get $v) (local.get $v) (local.get $v)
                      (local.get $v) (local.get $v) (local.get $v) (local.get $v)
                      (local.get $v) (local.get $v) (local.get $v) (local.get $v))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n))))
  (func $check (param $a exnref) (param $b exnref)
    (if (i64.ne (call $val (local.get $a)) (i64.const 111)) (then (unreachable)))
    (if (i64.ne (call $val (global.get $g)) (i64.const 222)) (then (unreachable)))
    (if (i64.ne (call $val (table.get $t (i32.const 0))) (i64.const 333)) (then (unreachable)))
    (block $h (result exnref i64)
      (try_table (catch $box $h) (throw_ref (local.get $b)))
      (unreachable))
    (if (i64.ne (i64.const 5)) (then (unreachable)))
    (if (i64.ne (call $val) (i64.const 444)) (then (unreachable))))
  (func (export "_start")
    (local $a exnref) (local $b exnref) (local $i i32)
    (local.set $a (call $mk (i64.const 111)))
    (global.set $g (call $mk (i64.const 222)))
    (table.set $t (i32.const 0) (call $mk (i64.const 333)))
    (local.set $b
      (block $h (result exnref)
        (try_table (catch_all_ref $h) (throw $box (call $mk (i64.const 444)) (i64.const 5)))
        (unreachable)))
    (loop $l
      (call $churn (i32.const 20000))
      (call $check (local.get $a) (local.get $b))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 20))))))
