;; fold.wat - instructions the compiler merges (test_interp.c, t_fold): an
;; i32.add of two values folded into a load's address (the _X loads), which
;; must wrap at 2^32 before the offset is added and trap past the end, and
;; runs of local-to-local moves that become COPY2 (in order: each move sees
;; the one before), and two i32 ops in a row fused into one (ADD3, XOR3,
;; MULADD), the first's result on either side of the second, wrapping.
(module
  (memory 1 1)
  (data (i32.const 65535) "\5a")
  (data (i32.const 100) "\01\02\03\04\05\06\07\08")
  (func (export "load8_x") (param i32 i32) (result i32)
    (i32.load8_u offset=65535 (i32.add (local.get 0) (local.get 1))))
  (func (export "load32_x") (param i32 i32) (result i32)
    (i32.load offset=100 (i32.add (local.get 0) (local.get 1))))
  (func (export "load64_x") (param i32 i32) (result i64)
    (i64.load offset=100 (i32.add (local.get 0) (local.get 1))))
  ;; (a, b, c) rotated n times: a <- b <- c <- a; returns a*100 + b*10 + c
  (func (export "rotate") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $t i32)
    (local.set $a (i32.const 1)) (local.set $b (i32.const 2)) (local.set $c (i32.const 3))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (local.get $a))
        (local.set $a (local.get $b))
        (local.set $b (local.get $c))
        (local.set $c (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i32.add (i32.add (i32.mul (local.get $a) (i32.const 100))
                      (i32.mul (local.get $b) (i32.const 10))) (local.get $c)))
  (func (export "add3l") (param i32 i32 i32) (result i32)
    (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "add3r") (param i32 i32 i32) (result i32)
    (i32.add (local.get 2) (i32.add (local.get 0) (local.get 1))))
  (func (export "xor3") (param i32 i32 i32) (result i32)
    (i32.xor (local.get 2) (i32.xor (local.get 0) (local.get 1))))
  (func (export "muladd_l") (param i32 i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "muladd_r") (param i32 i32 i32) (result i32)
    (i32.add (local.get 2) (i32.mul (local.get 0) (local.get 1))))
  ;; a sum of four: (a + b) + (c + d), then + the first sum again
  (func (export "sum4") (param i32 i32 i32 i32) (result i32) (local i32)
    (local.set 4 (i32.add (local.get 0) (local.get 1)))
    (i32.add (i32.add (local.get 4) (i32.add (local.get 2) (local.get 3))) (local.get 4)))
  ;; an op with a constant whose result the next op takes (WCODE_FUSE_RI)
  (func (export "xor_rotl_l") (param i32 i32) (result i32) (i32.xor (i32.rotl (local.get 1) (i32.const 7)) (local.get 0)))
  (func (export "xor_rotl_r") (param i32 i32) (result i32) (i32.xor (local.get 0) (i32.rotl (local.get 1) (i32.const 7))))
  (func (export "xor_shr_u_l") (param i32 i32) (result i32) (i32.xor (i32.shr_u (local.get 1) (i32.const 3)) (local.get 0)))
  (func (export "xor_shr_u_r") (param i32 i32) (result i32) (i32.xor (local.get 0) (i32.shr_u (local.get 1) (i32.const 3))))
  (func (export "xor_shl_l") (param i32 i32) (result i32) (i32.xor (i32.shl (local.get 1) (i32.const 37)) (local.get 0)))
  (func (export "xor_shl_r") (param i32 i32) (result i32) (i32.xor (local.get 0) (i32.shl (local.get 1) (i32.const 37))))
  (func (export "xor_and_l") (param i32 i32) (result i32) (i32.xor (i32.and (local.get 1) (i32.const -306674912)) (local.get 0)))
  (func (export "xor_and_r") (param i32 i32) (result i32) (i32.xor (local.get 0) (i32.and (local.get 1) (i32.const -306674912))))
  (func (export "add_shl_l") (param i32 i32) (result i32) (i32.add (i32.shl (local.get 1) (i32.const 2)) (local.get 0)))
  (func (export "add_shl_r") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
  (func (export "or_shl_l") (param i32 i32) (result i32) (i32.or (i32.shl (local.get 1) (i32.const 8)) (local.get 0)))
  (func (export "or_shl_r") (param i32 i32) (result i32) (i32.or (local.get 0) (i32.shl (local.get 1) (i32.const 8))))
  (func (export "or_shr_u_l") (param i32 i32) (result i32) (i32.or (i32.shr_u (local.get 1) (i32.const 24)) (local.get 0)))
  (func (export "or_shr_u_r") (param i32 i32) (result i32) (i32.or (local.get 0) (i32.shr_u (local.get 1) (i32.const 24))))
  ;; a swap through the operand stack: both values read before either move
  (func (export "swap") (param $a i32) (param $b i32) (result i32)
    (local.get $b) (local.get $a) (local.set $b) (local.set $a)
    (i32.sub (i32.mul (local.get $a) (i32.const 10)) (local.get $b))))
