;; relaxed-simd.wat - Wasm 3.0 relaxed SIMD in a kernel task (issue 12), and
;; the engine's one choice per instruction: the spec's deterministic profile
;; (src/interp/simd_relaxed.c, docs/wasm3.md). Each of the 20 instructions
;; gets inputs where the profile's result differs from another result the
;; spec allows (a fused multiply-add, an out-of-range swizzle index taken
;; modulo 16, a laneselect by the top bit only, min/max returning the
;; other operand of a NaN, ...); $check returns bit k set when check k
;; came out as the profile says, and _start prints one digit per check.
;; The same line on x86-64 and arm64 (suites hostile-ARCH) and on the host
;; (test_interp's relaxed_simd, which also loads it with relaxed-simd off).
;; group: hostile-regress-relaxed-simd
;; caps: console:w
;; expect: relaxed-simd: 11111111111111111111
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "relaxed-simd: ")

  (func $eq (param v128 v128) (result i32)
    (i8x16.all_true (i8x16.eq (local.get 0) (local.get 1))))

  (func $check (export "check") (result i32)
    (local $m i32)
    ;; 0: an index >= 16 gives 0 (not lane index mod 16)
    (local.set $m (call $eq
      (i8x16.relaxed_swizzle
        (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
        (v128.const i8x16 0 15 16 17 31 127 128 255 1 2 3 4 5 6 7 8))
      (v128.const i8x16 1 16 0 0 0 0 0 0 2 3 4 5 6 7 8 9)))
    ;; 1-4: NaN 0, out of range saturated (not INT_MIN or UINT_MAX for all)
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i32x4.relaxed_trunc_f32x4_s (v128.const f32x4 nan 3e9 -3e9 -1.5))
      (v128.const i32x4 0 0x7fffffff 0x80000000 -1)) (i32.const 1))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i32x4.relaxed_trunc_f32x4_u (v128.const f32x4 nan -1 5e9 2.5))
      (v128.const i32x4 0 0 0xffffffff 2)) (i32.const 2))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i32x4.relaxed_trunc_f64x2_s_zero (v128.const f64x2 nan -1e10))
      (v128.const i32x4 0 0x80000000 0 0)) (i32.const 3))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i32x4.relaxed_trunc_f64x2_u_zero (v128.const f64x2 1e10 nan))
      (v128.const i32x4 0xffffffff 0 0 0)) (i32.const 4))))
    ;; 5-8: unfused: (1 + 2^-23)^2 rounds to 1 + 2^-22, so a*b + c is 0
    ;; where an fma gives 2^-46 (f64: 2^-104)
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (f32x4.relaxed_madd (v128.const i32x4 0x3f800001 0x3f800001 0x3f800001 0x3f800001)
                          (v128.const i32x4 0x3f800001 0x3f800001 0x3f800001 0x3f800001)
                          (v128.const i32x4 0xbf800002 0xbf800002 0xbf800002 0xbf800002))
      (v128.const i32x4 0 0 0 0)) (i32.const 5))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (f32x4.relaxed_nmadd (v128.const i32x4 0x3f800001 0x3f800001 0x3f800001 0x3f800001)
                           (v128.const i32x4 0x3f800001 0x3f800001 0x3f800001 0x3f800001)
                           (v128.const i32x4 0x3f800002 0x3f800002 0x3f800002 0x3f800002))
      (v128.const i32x4 0 0 0 0)) (i32.const 6))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (f64x2.relaxed_madd (v128.const i64x2 0x3ff0000000000001 0x3ff0000000000001)
                          (v128.const i64x2 0x3ff0000000000001 0x3ff0000000000001)
                          (v128.const i64x2 0xbff0000000000002 0xbff0000000000002))
      (v128.const i64x2 0 0)) (i32.const 7))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (f64x2.relaxed_nmadd (v128.const i64x2 0x3ff0000000000001 0x3ff0000000000001)
                           (v128.const i64x2 0x3ff0000000000001 0x3ff0000000000001)
                           (v128.const i64x2 0x3ff0000000000002 0x3ff0000000000002))
      (v128.const i64x2 0 0)) (i32.const 8))))
    ;; 9-12: every mask bit selects (0x0f: low nibble from a), not the
    ;; lane's top bit alone (which would take all of b)
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i8x16.relaxed_laneselect (v128.const i8x16 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa 0xaa)
                                (v128.const i8x16 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55 0x55)
                                (v128.const i8x16 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f))
      (v128.const i8x16 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a 0x5a)) (i32.const 9))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i16x8.relaxed_laneselect (v128.const i16x8 0xaaaa 0xaaaa 0xaaaa 0xaaaa 0xaaaa 0xaaaa 0xaaaa 0xaaaa)
                                (v128.const i16x8 0x5555 0x5555 0x5555 0x5555 0x5555 0x5555 0x5555 0x5555)
                                (v128.const i16x8 0x0ff0 0x0ff0 0x0ff0 0x0ff0 0x0ff0 0x0ff0 0x0ff0 0x0ff0))
      (v128.const i16x8 0x5aa5 0x5aa5 0x5aa5 0x5aa5 0x5aa5 0x5aa5 0x5aa5 0x5aa5)) (i32.const 10))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i32x4.relaxed_laneselect (v128.const i32x4 0xaaaaaaaa 0xaaaaaaaa 0xaaaaaaaa 0xaaaaaaaa)
                                (v128.const i32x4 0x55555555 0x55555555 0x55555555 0x55555555)
                                (v128.const i32x4 0x0000ffff 0x0000ffff 0x0000ffff 0x0000ffff))
      (v128.const i32x4 0x5555aaaa 0x5555aaaa 0x5555aaaa 0x5555aaaa)) (i32.const 11))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i64x2.relaxed_laneselect (v128.const i64x2 0xaaaaaaaaaaaaaaaa 0xaaaaaaaaaaaaaaaa)
                                (v128.const i64x2 0x5555555555555555 0x5555555555555555)
                                (v128.const i64x2 0x00000000ffffffff 0x00000000ffffffff))
      (v128.const i64x2 0x55555555aaaaaaaa 0x55555555aaaaaaaa)) (i32.const 12))))
    ;; 13-16: NaN in either operand gives NaN, -0 < +0 (as min and max)
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (f32x4.relaxed_min (v128.const f32x4 nan -0 1 0) (v128.const f32x4 1 0 nan -0))
      (v128.const i32x4 0x7fc00000 0x80000000 0x7fc00000 0x80000000)) (i32.const 13))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (f32x4.relaxed_max (v128.const f32x4 nan -0 1 0) (v128.const f32x4 1 0 nan -0))
      (v128.const i32x4 0x7fc00000 0 0x7fc00000 0)) (i32.const 14))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (f64x2.relaxed_min (v128.const f64x2 1 -0) (v128.const f64x2 nan 0))
      (v128.const i64x2 0x7ff8000000000000 0x8000000000000000)) (i32.const 15))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (f64x2.relaxed_max (v128.const f64x2 nan 0) (v128.const f64x2 1 -0))
      (v128.const i64x2 0x7ff8000000000000 0)) (i32.const 16))))
    ;; 17: -1 * -1 in Q15 saturates to 32767 (not -32768)
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i16x8.relaxed_q15mulr_s (v128.const i16x8 -32768 -32768 -32768 -32768 -32768 -32768 -32768 16384)
                               (v128.const i16x8 -32768 -32768 -32768 -32768 -32768 -32768 -32768 16384))
      (v128.const i16x8 32767 32767 32767 32767 32767 32767 32767 8192)) (i32.const 17))))
    ;; 18-19: the second operand signed: -128 * -127 * 2 = 32512 (not
    ;; -32768 or 33024 of an unsigned reading); four of them plus 1: 65025
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i16x8.relaxed_dot_i8x16_i7x16_s
        (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128)
        (v128.const i8x16 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127))
      (v128.const i16x8 32512 32512 32512 32512 32512 32512 32512 32512)) (i32.const 18))))
    (local.set $m (i32.or (local.get $m) (i32.shl (call $eq
      (i32x4.relaxed_dot_i8x16_i7x16_add_s
        (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 1 2 3 4)
        (v128.const i8x16 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 -127 5 6 7 8)
        (v128.const i32x4 1 2 3 -100))
      (v128.const i32x4 65025 65026 65027 -30)) (i32.const 19))))
    (local.get $m))

  ;; "relaxed-simd: " and one digit per check, 1 where it came out right
  (func (export "_start")
    (local $m i32) (local $k i32)
    (local.set $m (call $check))
    (loop $digits
      (i32.store8 (i32.add (i32.const 0x10e) (local.get $k))
        (i32.add (i32.const 48) (i32.and (i32.shr_u (local.get $m) (local.get $k)) (i32.const 1))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $digits (i32.lt_u (local.get $k) (i32.const 20))))
    (i32.store8 (i32.const 0x122) (i32.const 10))
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 35))))
)
