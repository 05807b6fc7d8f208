;; factorial.wat - pure computation: n! in i64, computed two ways (recursion
;; and a loop), checked against each other and printed in decimal by our own
;; integer-to-text code. The only system calls are console_write and exit.
;;
;; caps: console:w
;; expect: factorial(0) = 1
;; expect: factorial(1) = 1
;; expect: factorial(5) = 120
;; expect: factorial(10) = 3628800
;; expect: factorial(15) = 1307674368000
;; expect: factorial(20) = 2432902008176640000
;; expect: recursive and iterative agree for n = 0..20
;; expect: factorial(21) wraps in i64: -4249290049419214848
;; expect-not: MISMATCH
;; expect-kernel: task factorial exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))

  ;; Memory map: 0x100.. strings (one per 0x40), 0x400..0x4ff the line being
  ;; built, 0x500..0x51f scratch for digits.
  (memory (export "memory") 1)
  (data (i32.const 0x100) "factorial(\00")
  (data (i32.const 0x140) ") = \00")
  (data (i32.const 0x180) "recursive and iterative agree for n = 0..20\00")
  (data (i32.const 0x1c0) "MISMATCH at n = \00")
  (data (i32.const 0x200) "factorial(21) wraps in i64: \00")

  (global $CONSOLE i32 (i32.const 0))          ;; CSpace slot of the console
  (global $line_len (mut i32) (i32.const 0))   ;; bytes in the line buffer

  ;; ---- output helpers ---------------------------------------------------

  ;; Append byte $c to the line (a full line silently drops the rest).
  (func $put_char (param $c i32)
    (if (i32.lt_u (global.get $line_len) (i32.const 255))
      (then
        (i32.store8 (i32.add (i32.const 0x400) (global.get $line_len)) (local.get $c))
        (global.set $line_len (i32.add (global.get $line_len) (i32.const 1))))))

  ;; Append the NUL-terminated string at $s.
  (func $put_str (param $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (local.get $s))))
        (call $put_char (i32.load8_u (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next))))

  ;; Append $v as an unsigned decimal: digits are produced least significant
  ;; first, backwards from 0x520, then copied out in order.
  (func $put_u64 (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 0x520))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (block $done
      (loop $out
        (br_if $done (i32.ge_u (local.get $p) (i32.const 0x520)))
        (call $put_char (i32.load8_u (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $out))))

  ;; Append $v as a signed decimal (INT64_MIN works: 0 - v is 2^63 unsigned).
  (func $put_i64 (param $v i64)
    (if (i64.lt_s (local.get $v) (i64.const 0))
      (then
        (call $put_char (i32.const 45))
        (local.set $v (i64.sub (i64.const 0) (local.get $v)))))
    (call $put_u64 (local.get $v)))

  ;; End the line with '\n' and write it with one console_write.
  (func $newline
    (call $put_char (i32.const 10))
    (drop (call $console_write (global.get $CONSOLE) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))

  ;; ---- the computation ----------------------------------------------------

  ;; n! by recursion: fact(n) = n * fact(n - 1), fact(0) = 1 (wraps mod 2^64).
  (func $fact_rec (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else (i64.mul (local.get $n)
                     (call $fact_rec (i64.sub (local.get $n) (i64.const 1)))))))

  ;; n! by a loop: multiply 2..n into an accumulator (wraps mod 2^64).
  (func $fact_iter (param $n i64) (result i64)
    (local $acc i64)
    (local $i i64)
    (local.set $acc (i64.const 1))
    (local.set $i (i64.const 2))
    (block $done
      (loop $next
        (br_if $done (i64.gt_u (local.get $i) (local.get $n)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $i)))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $next)))
    (local.get $acc))

  ;; Print "factorial(N) = N!" from the recursive version.
  (func $show (param $n i64)
    (call $put_str (i32.const 0x100))
    (call $put_u64 (local.get $n))
    (call $put_str (i32.const 0x140))
    (call $put_i64 (call $fact_rec (local.get $n)))
    (call $newline))

  ;; Compare both versions for n = 0..20; print every mismatch, return their count.
  (func $check_all (result i32)
    (local $n i64)
    (local $bad i32)
    (block $done
      (loop $next
        (br_if $done (i64.gt_u (local.get $n) (i64.const 20)))
        (if (i64.ne (call $fact_rec (local.get $n)) (call $fact_iter (local.get $n)))
          (then
            (local.set $bad (i32.add (local.get $bad) (i32.const 1)))
            (call $put_str (i32.const 0x1c0))
            (call $put_u64 (local.get $n))
            (call $newline)))
        (local.set $n (i64.add (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $bad))

  ;; Entry point: print a few values, the cross-check, and the first overflow.
  (func (export "_start")
    (call $show (i64.const 0))
    (call $show (i64.const 1))
    (call $show (i64.const 5))
    (call $show (i64.const 10))
    (call $show (i64.const 15))
    (call $show (i64.const 20))
    (if (i32.eqz (call $check_all))
      (then
        (call $put_str (i32.const 0x180))
        (call $newline)))
    (call $put_str (i32.const 0x200))
    (call $put_i64 (call $fact_iter (i64.const 21)))
    (call $newline)
    (call $exit (i32.const 0)))
)
