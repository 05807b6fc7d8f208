;; simd.wat - 128-bit SIMD in a task: a dot product of i32 lanes over memory,
;; a byte shuffle, float lanes through sqrt and a saturating truncation, a
;; lane comparison turned into a bitmask, saturating byte addition. Every
;; value is printed in decimal by the module's own formatting; the only
;; system calls are console_write and exit.
;;
;; caps: console:w
;; expect: simd: dot product of 1..16 and 16..1 = 816
;; expect: simd: reversed by i8x16.shuffle: fedcba9876543210
;; expect: simd: f32x4.sqrt of 1 4 9 16, truncated, summed = 10
;; expect: simd: f64x2 (1.5 2.5) * (2 4) = 3 10
;; expect: simd: letters found by i8x16.gt_u, bitmask = 63
;; expect: simd: i8x16.add_sat_u(200, 100) = 255
;; expect-kernel: task simd exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))

  ;; Memory map: 0x000 the vectors a and b (16 i32 each), 0x100.. strings,
  ;; 0x400..0x4ff the line being built, 0x500..0x51f scratch for digits.
  (memory (export "memory") 1)
  (data (i32.const 0x100) "simd: dot product of 1..16 and 16..1 = \00")
  (data (i32.const 0x140) "simd: reversed by i8x16.shuffle: \00")
  (data (i32.const 0x180) "simd: f32x4.sqrt of 1 4 9 16, truncated, summed = \00")
  (data (i32.const 0x1c0) "simd: f64x2 (1.5 2.5) * (2 4) = \00")
  (data (i32.const 0x200) "simd: letters found by i8x16.gt_u, bitmask = \00")
  (data (i32.const 0x240) "simd: i8x16.add_sat_u(200, 100) = \00")
  (data (i32.const 0x280) "0123456789abcdef\00")

  (global $CONSOLE i32 (i32.const 0))
  (global $line_len (mut i32) (i32.const 0))

  (func $put_char (param $c i32)
    (if (i32.lt_u (global.get $line_len) (i32.const 255))
      (then
        (i32.store8 (i32.add (i32.const 0x400) (global.get $line_len)) (local.get $c))
        (global.set $line_len (i32.add (global.get $line_len) (i32.const 1))))))

  (func $put_str (param $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (local.get $s))))
        (call $put_char (i32.load8_u (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next))))

  (func $put_u32 (param $v i32)
    (local $p i32)
    (local.set $p (i32.const 0x520))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $digit (local.get $v)))
    (block $done
      (loop $out
        (br_if $done (i32.ge_u (local.get $p) (i32.const 0x520)))
        (call $put_char (i32.load8_u (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $out))))

  (func $newline
    (call $put_char (i32.const 10))
    (drop (call $console_write (global.get $CONSOLE) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))

  ;; the sum of the four i32 lanes
  (func $hsum (param $v v128) (result i32)
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
             (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))

  ;; a[i] = i + 1 and b[i] = 16 - i at 0x00 and 0x40, built four lanes at a
  ;; time; then sum a[i] * b[i] four lanes at a time
  (func $dot (result i32)
    (local $i i32) (local $a v128) (local $b v128) (local $acc v128)
    (local.set $a (v128.const i32x4 1 2 3 4))
    (local.set $b (v128.const i32x4 16 15 14 13))
    (loop $fill
      (v128.store (i32.shl (local.get $i) (i32.const 4)) (local.get $a))
      (v128.store offset=0x40 (i32.shl (local.get $i) (i32.const 4)) (local.get $b))
      (local.set $a (i32x4.add (local.get $a) (i32x4.splat (i32.const 4))))
      (local.set $b (i32x4.sub (local.get $b) (i32x4.splat (i32.const 4))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 4))))
    (local.set $i (i32.const 0))
    (loop $sum
      (local.set $acc
        (i32x4.add (local.get $acc)
          (i32x4.mul (v128.load (i32.shl (local.get $i) (i32.const 4)))
                     (v128.load offset=0x40 (i32.shl (local.get $i) (i32.const 4))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $sum (i32.lt_u (local.get $i) (i32.const 4))))
    (call $hsum (local.get $acc)))

  (func (export "_start")
    (local $v v128)
    (call $put_str (i32.const 0x100))
    (call $put_u32 (call $dot))
    (call $newline)

    ;; reverse the 16 digits in place at 0x280 (its NUL at 0x290 stays)
    (v128.store (i32.const 0x280)
      (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0
        (v128.load (i32.const 0x280)) (v128.const i64x2 0 0)))
    (call $put_str (i32.const 0x140))
    (call $put_str (i32.const 0x280))
    (call $newline)

    (call $put_str (i32.const 0x180))
    (call $put_u32 (call $hsum (i32x4.trunc_sat_f32x4_s
      (f32x4.sqrt (v128.const f32x4 1 4 9 16)))))
    (call $newline)

    (call $put_str (i32.const 0x1c0))
    (local.set $v (i32x4.trunc_sat_f64x2_s_zero
      (f64x2.mul (v128.const f64x2 1.5 2.5) (v128.const f64x2 2 4))))
    (call $put_u32 (i32x4.extract_lane 0 (local.get $v)))
    (call $put_char (i32.const 32))
    (call $put_u32 (i32x4.extract_lane 1 (local.get $v)))
    (call $newline)

    ;; the letters of the reversed digits are its lanes 0..5
    (call $put_str (i32.const 0x200))
    (call $put_u32 (i8x16.bitmask
      (i8x16.gt_u (v128.load (i32.const 0x280)) (i8x16.splat (i32.const 57)))))
    (call $newline)

    (call $put_str (i32.const 0x240))
    (call $put_u32 (i8x16.extract_lane_u 7
      (i8x16.add_sat_u (i8x16.splat (i32.const 200)) (i8x16.splat (i32.const 100)))))
    (call $newline)
    (call $exit (i32.const 0)))
)
