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
  ;; k - (x & m), then & k2 (the bit select of CRCs); constants of two ops
  ;; in a row merged ((x + k1) + k2 wraps as two adds do)
  (func (export "bitsel") (param i32) (result i32)
    (i32.and (i32.sub (i32.const 0) (i32.and (local.get 0) (i32.const 1))) (i32.const 0xedb88320)))
  (func (export "subi_andi") (param i32) (result i32)
    (i32.sub (i32.const 5) (i32.and (local.get 0) (i32.const 6))))
  (func (export "merge32") (param i32) (result i32)
    (i32.xor (i32.xor
      (i32.add (i32.add (local.get 0) (i32.const 0x7fffffff)) (i32.const 0x7ffffff3))
      (i32.and (i32.and (local.get 0) (i32.const 0xff0)) (i32.const 0x3c)))
      (i32.or (i32.or (local.get 0) (i32.const 0x100)) (i32.const 0x10000))))
  (func (export "merge64") (param i64) (result i64)
    (i64.xor (i64.xor (i64.add (i64.add (local.get 0) (i64.const -1)) (i64.const 3)) (i64.const 0xf0))
             (i64.const 0xff00000000)))
  ;; WCODE_FUSE_RR_RI: (x INNER y) OUTER k, one instruction
  (func (export "xor_then_shr_u") (param i32 i32) (result i32)
    (i32.shr_u (i32.xor (local.get 0) (local.get 1)) (i32.const 33)))
  (func (export "xor_then_mul") (param i32 i32) (result i32)
    (i32.mul (i32.xor (local.get 0) (local.get 1)) (i32.const 16777619)))
  (func (export "add_and_l") (param i32 i32) (result i32) (i32.add (i32.and (local.get 1) (i32.const 0x3ffc)) (local.get 0)))
  (func (export "add_and_r") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.and (local.get 1) (i32.const 0x3ffc))))
  ;; i32.sub of a constant is an add of its negation: folded into an
  ;; address it must wrap as the sub does (0 - 1 is 0xffffffff: past the end)
  (func (export "load8_sub") (param i32) (result i32)
    (i32.load8_u offset=65534 (i32.sub (local.get 0) (i32.const 3))))
  (func (export "sub_k") (param i32) (result i32) (i32.sub (local.get 0) (i32.const 0x80000001)))
  ;; WCODE_ADDI_BR: a counter step, then br_if on a comparison of it (or
  ;; on itself); each returns iterations << 16 | the counter's last value
  (func (export "loop_lt_u") (param $n i32) (result i32) (local $i i32) (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 3)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.or (i32.shl (local.get $c) (i32.const 16)) (local.get $i)))
  (func (export "loop_gt_s_mirror") (param $n i32) (result i32) (local $i i32) (local $c i32)
    (local.set $i (i32.const -7))
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br_if $l (i32.gt_s (local.get $n) (local.get $i))))
    (i32.or (i32.shl (local.get $c) (i32.const 16)) (i32.and (local.get $i) (i32.const 0xffff))))
  (func (export "loop_ne_ri") (param $n i32) (result i32) (local $i i32) (local $c i32)
    (local.set $i (local.get $n))
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $l (i32.ne (local.tee $i (i32.sub (local.get $i) (i32.const 5))) (i32.const 0))))
    (i32.or (i32.shl (local.get $c) (i32.const 16)) (i32.and (local.get $i) (i32.const 0xffff))))
  (func (export "loop_nz") (param $n i32) (result i32) (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.or (i32.shl (local.get $c) (i32.const 16)) (i32.and (local.get $n) (i32.const 0xffff))))
  ;; the compared value is the counter itself (read after it is written),
  ;; and a counter written to another local than it was read from
  (func (export "loop_self") (param $n i32) (result i32) (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $n) (local.get $n))))
    (i32.or (i32.shl (local.get $c) (i32.const 16)) (i32.and (local.get $n) (i32.const 0xffff))))
  (func (export "loop_moved") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (local.set $i (i32.add (local.get $j) (i32.const 4)))
      (local.set $j (i32.add (local.get $i) (i32.const 0)))
      (local.set $j (i32.add (local.get $i) (i32.const 0)))
      (local.set $j (i32.add (local.get $j) (i32.const 0)))
      (local.set $i (i32.add (local.get $j) (i32.const 1)))
      (br_if $l (i32.le_s (local.get $i) (local.get $n))))
    (i32.or (i32.shl (local.get $c) (i32.const 16)) (i32.and (local.get $i) (i32.const 0xffff))))
  ;; a swap through the operand stack: both values read before either move
  (func (export "swap") (param $a i32) (param $b i32) (result i32)
    (local.get $b) (local.get $a) (local.set $b) (local.set $a)
    (i32.sub (i32.mul (local.get $a) (i32.const 10)) (local.get $b))))
