;; v128.wat - v128 values where the compiler lays out frames (test_interp.c,
;; v128_frames): a v128 is two slots, so every slot count the compiler keeps
;; (locals after a v128 one, block arities, branch copies, call arguments
;; and results, tail calls, drop, select, local.tee, pending local
;; references) must
;; count it twice. Each t_* export returns 1 when its values came out right
;; (vectors compared with i8x16.eq + all_true).
(module
  (memory 1)
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  (table 2 funcref)
  (elem (i32.const 0) $swap $tail_target)
  (type $swap_t (func (param i32 v128 i64) (result v128 i64 i32)))
  (type $tail_t (func (param i32 v128 i64) (result v128 i64)))

  (func $eq (param v128 v128) (result i32)
    (i8x16.all_true (i8x16.eq (local.get 0) (local.get 1))))

  ;; scalar locals after v128 params and locals keep their own slots
  (func (export "t_locals") (param $a i32) (param $v v128) (param $b i64) (result i32)
    (local $f f64) (local $w v128) (local $c i32)
    (local.set $f (f64.const 2.5))
    (local.set $w (i32x4.splat (i32.const 7)))
    (local.set $c (i32.const 9))
    (i32.and
      (i32.and
        (i32.and (i32.eq (local.get $a) (i32.const 5)) (i64.eq (local.get $b) (i64.const -1)))
        (i32.and (f64.eq (local.get $f) (f64.const 2.5)) (i32.eq (local.get $c) (i32.const 9))))
      (i32.and
        (call $eq (local.get $v) (v128.const i32x4 10 20 30 40))
        (call $eq (local.get $w) (v128.const i32x4 7 7 7 7)))))

  ;; drop of a v128 leaves the i32 below it
  (func (export "t_drop") (result i32)
    (i32.const 42) (v128.const i64x2 -1 -1) (drop)
    (i32.eq (i32.const 42)))

  ;; select of v128s, untyped and typed, both ways
  (func (export "t_select") (param $c i32) (result i32)
    (local $x v128) (local $y v128)
    (local.set $x (v128.const i32x4 1 1 1 1))
    (local.set $y (v128.const i32x4 2 2 2 2))
    (i32.and
      (call $eq (select (local.get $x) (local.get $y) (local.get $c))
                (if (result v128) (local.get $c) (then (local.get $x)) (else (local.get $y))))
      (call $eq (select (result v128) (local.get $y) (local.get $x) (local.get $c))
                (if (result v128) (local.get $c) (then (local.get $y)) (else (local.get $x))))))

  ;; blocks with v128 params and results, and branches carrying them
  (func $blocks (param $k i32) (result i32 v128)
    (i32.const 3) (v128.const i32x4 5 6 7 8)
    (block $b (param i32 v128) (result i32 v128)
      (br_if $b (i32.eq (local.get $k) (i32.const 1)))
      (drop) (drop)
      (i32.const 4) (v128.const i32x4 9 9 9 9)
      (block $c (param i32 v128) (result i32 v128)
        (br_table $c $b (i32.sub (local.get $k) (i32.const 10)))))
    (loop $l (param i32 v128) (result i32 v128)))
  (func (export "t_blocks") (result i32)
    (local $v v128)
    (call $blocks (i32.const 1))
    (local.set $v)
    (i32.eq (i32.const 3))
    (call $eq (local.get $v) (v128.const i32x4 5 6 7 8))
    (i32.and)
    (call $blocks (i32.const 0))
    (local.set $v)
    (i32.eq (i32.const 4))
    (call $eq (local.get $v) (v128.const i32x4 9 9 9 9))
    (i32.and)
    (i32.and)
    (call $blocks (i32.const 10))
    (local.set $v)
    (i32.eq (i32.const 4))
    (call $eq (local.get $v) (v128.const i32x4 9 9 9 9))
    (i32.and)
    (i32.and))

  ;; calls: mixed arguments and results, direct and indirect
  (func $swap (param $a i32) (param $v v128) (param $b i64) (result v128 i64 i32)
    (i32x4.add (local.get $v) (i32x4.splat (local.get $a)))
    (i64.add (local.get $b) (i64.const 1))
    (i32.wrap_i64 (local.get $b)))
  (func (export "t_calls") (result i32)
    (local $v v128) (local $x i64) (local $y i32) (local $ok i32)
    (call $swap (i32.const 1) (v128.const i32x4 1 2 3 4) (i64.const 41))
    (local.set $y) (local.set $x) (local.set $v)
    (local.set $ok (i32.and (call $eq (local.get $v) (v128.const i32x4 2 3 4 5))
                            (i32.and (i64.eq (local.get $x) (i64.const 42))
                                     (i32.eq (local.get $y) (i32.const 41)))))
    (call_indirect (type $swap_t) (i32.const 2) (local.get $v) (i64.const 7) (i32.const 0))
    (local.set $y) (local.set $x) (local.set $v)
    (i32.and (local.get $ok)
      (i32.and (call $eq (local.get $v) (v128.const i32x4 4 5 6 7))
               (i32.and (i64.eq (local.get $x) (i64.const 8)) (i32.eq (local.get $y) (i32.const 7))))))

  ;; local.tee, a pending local.get kept across a set of the same local,
  ;; a result written straight into a local, globals
  (func (export "t_moves") (result i32)
    (local $v v128) (local $w v128)
    (local.set $v (v128.const i32x4 1 2 3 4))
    (local.get $v)                                      ;; pending: the old $v
    (local.set $v (i32x4.mul (local.get $v) (local.get $v)))
    (local.set $w)                                      ;; old value
    (call $eq (local.get $w) (v128.const i32x4 1 2 3 4))
    (call $eq (local.tee $w (local.get $v)) (v128.const i32x4 1 4 9 16))
    (i32.and)
    (call $eq (local.get $w) (v128.const i32x4 1 4 9 16))
    (i32.and)
    (global.set $g (i32x4.add (global.get $g) (local.get $w)))
    (call $eq (global.get $g) (v128.const i32x4 2 6 12 20))
    (i32.and)
    ;; memory round trip through a lane store and a load
    (v128.store (i32.const 16) (global.get $g))
    (v128.store32_lane 2 (i32.const 0) (global.get $g))
    (i32.and (i32.eq (i32.load (i32.const 0)) (i32.const 12)))
    (call $eq (v128.load (i32.const 16)) (v128.const i32x4 2 6 12 20))
    (i32.and))

  ;; tail calls: the arguments moved into the frame are counted in slots
  (func $tail_target (param $a i32) (param $v v128) (param $b i64) (result v128 i64)
    (i32x4.add (local.get $v) (i32x4.splat (local.get $a)))
    (i64.add (local.get $b) (i64.const 1)))
  (func $tail (param $v v128) (param $ind i32) (result v128 i64)
    (if (local.get $ind)
      (then (return_call_indirect (type $tail_t)
              (i32.const 3) (local.get $v) (i64.const 9) (i32.const 1))))
    (return_call $tail_target (i32.const 3) (local.get $v) (i64.const 9)))
  (func (export "t_tail") (param $ind i32) (result i32)
    (local $v v128) (local $x i64)
    (call $tail (v128.const i32x4 1 2 3 4) (local.get $ind))
    (local.set $x)
    (local.set $v)
    (i32.and (call $eq (local.get $v) (v128.const i32x4 4 5 6 7))
             (i64.eq (local.get $x) (i64.const 10))))
)
