;; exn-kill-victim.wat - throws forever: an exception through 4 calls,
;; caught with catch_ref, pinned in a global every 64th time, rethrown
;; with throw_ref and caught again; killed by exn-kill.wat.
;; Binary: exn-kill-victim.wasm (tests/regress/exn.sh).
;; group: hostile-exn
;; start: no
;; expect-kernel: task exn-kill-victim killed: by task exn-kill
(module
  (tag $e (param i64))
  (global $keep (mut exnref) (ref.null exn))
  (func $deep (param $n i32) (param $v i64)
    (if (i32.eqz (local.get $n)) (then (throw $e (local.get $v))))
    (call $deep (i32.sub (local.get $n) (i32.const 1)) (local.get $v)))
  (func (export "_start")
    (local $i i64) (local $x exnref)
    (loop $l
      (block $h2 (result i64)
        (try_table (catch $e $h2)
          (block $h (result i64 exnref)
            (try_table (catch_ref $e $h) (call $deep (i32.const 4) (local.get $i)))
            (unreachable))
          (local.set $x)
          (drop)
          (if (i64.eqz (i64.and (local.get $i) (i64.const 63)))
            (then (global.set $keep (local.get $x))))
          (throw_ref (local.get $x)))
        (unreachable))
      (local.set $i (i64.add (i64.const 1)))
      (br $l))))
