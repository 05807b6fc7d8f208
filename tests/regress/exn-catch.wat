;; exn-catch.wat - Wasm 3.0 exceptions in a kernel task: 20,000 throws
;; through 5 calls caught with their payload (catch), a catch_ref whose
;; exnref is pinned in a global and a table and rethrown (throw_ref) to an
;; outer handler 2,000 times, catch_all_ref of a tag without a handler,
;; and a trap inside a try_table that no handler may catch (a second task,
;; exn-trap). The exceptions are freed as the task runs (checked by the
;; group's heap line, tests/hostile/check.sh) and all of them at its end.
;; Binary: exn-catch.wasm (tests/regress/exn.sh; Debian's wat2wasm cannot
;; read try_table).
;; group: hostile-exn
;; caps: console:w
;; expect: exn: 20000 caught through 5 calls, 2000 rethrown, catch_all_ref ok
;; expect-not: exn: WRONG
;; expect-kernel: task exn-catch exited with code 0
(module
  (import "jericho" "console_write" (func $cw (param i32 i32 i32) (result i32)))
  (memory 1)
  (tag $e (param i32 i64))
  (tag $other (param f64))
  (global $keep (mut exnref) (ref.null exn))
  (table $t 2 exnref)
  (data (i32.const 0) "exn: 20000 caught through 5 calls, 2000 rethrown, catch_all_ref ok\n")
  (data (i32.const 100) "exn: WRONG\n")
  (func $deep (param $n i32) (param $v i32)
    (if (i32.eqz (local.get $n))
      (then (throw $e (local.get $v) (i64.extend_i32_u (local.get $v)))))
    (call $deep (i32.sub (local.get $n) (i32.const 1)) (local.get $v)))
  ;; v + v, the payload's two halves, or -1
  (func $catch1 (param $v i32) (result i32)
    (block $h (result i32 i64)
      (try_table (catch $e $h)
        (call $deep (i32.const 5) (local.get $v)))
      (return (i32.const -1)))
    (i32.wrap_i64)
    (i32.add))
  (func $rethrow (param $v i32) (result i32)
    (block $outer (result i32 i64)
      (try_table (catch $e $outer)
        (block $h (result i32 i64 exnref)
          (try_table (catch_ref $e $h) (call $deep (i32.const 3) (local.get $v)))
          (unreachable))
        (global.set $keep)
        (drop)
        (drop)
        (table.set $t (i32.and (local.get $v) (i32.const 1)) (global.get $keep))
        (throw_ref (table.get $t (i32.and (local.get $v) (i32.const 1)))))
      (unreachable))
    (i32.wrap_i64)
    (i32.add))
  (func $all (result i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $other (f64.const 1.5)))
      (unreachable))
    (ref.is_null))
  (func (export "_start")
    (local $i i32) (local $bad i32)
    (loop $l
      (local.set $bad (i32.or (local.get $bad)
        (i32.ne (call $catch1 (local.get $i)) (i32.shl (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 20000))))
    (local.set $i (i32.const 0))
    (loop $r
      (local.set $bad (i32.or (local.get $bad)
        (i32.ne (call $rethrow (local.get $i)) (i32.shl (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $r (i32.lt_u (local.get $i) (i32.const 2000))))
    (local.set $bad (i32.or (local.get $bad) (call $all)))
    (if (local.get $bad)
      (then (drop (call $cw (i32.const 0) (i32.const 100) (i32.const 11))) (unreachable)))
    (drop (call $cw (i32.const 0) (i32.const 0) (i32.const 67)))))
