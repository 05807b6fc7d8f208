;; hostile-spin-worker.wat - the task that must finish while spinners run
;; below, beside and above it (hostile-spin-{low,equal,high}.wat): 20 units
;; of xorshift32 work (50,000 steps each), a 10 ms sleep after each unit,
;; then the final value, which only a correct, uncorrupted run gives
;; (computed independently in Python, docs/hardening.md), and
;; the guest time it took. The high spinner holds the CPU until its budget
;; ends; the equal one shares it (round robin); the low one never delays it.
;; group: hostile-spin
;; caps: console:w clock:r
;; expect: worker: started at priority 10
;; expect: worker: finished 20 units, xorshift32 = 868636661
;; expect-kernel: task hostile-spin-worker exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "clock_now" (func $clock_now (param i32) (result i64)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x1000) "worker: started at priority 10\00")
  (data (i32.const 0x1040) "worker: finished 20 units, xorshift32 = \00")
  (data (i32.const 0x1080) "worker: took \00")
  (data (i32.const 0x10c0) " ms of guest time\00")
  (global $line_len (mut i32) (i32.const 0))
  (func $putc (param $c i32)
    (if (i32.lt_u (global.get $line_len) (i32.const 250))
      (then
        (i32.store8 (i32.add (i32.const 0x400) (global.get $line_len)) (local.get $c))
        (global.set $line_len (i32.add (global.get $line_len) (i32.const 1))))))
  (func $puts (param $s i32)
    (block $d (loop $l
      (br_if $d (i32.eqz (i32.load8_u (local.get $s))))
      (call $putc (i32.load8_u (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $l))))
  (func $putu (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 0x520))
    (loop $dg
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $dg (i64.ne (local.get $v) (i64.const 0))))
    (loop $o
      (call $putc (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $o (i32.lt_u (local.get $p) (i32.const 0x520)))))
  (func $endl
    (call $putc (i32.const 10))
    (drop (call $console_write (i32.const 0) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))
  (func (export "_start")
    (local $x i32) (local $u i32) (local $i i32) (local $t0 i64)
    (local.set $t0 (call $clock_now (i32.const 1)))
    (call $puts (i32.const 0x1000)) (call $endl)
    (local.set $x (i32.const 0x12345678))
    (loop $unit
      (local.set $i (i32.const 0))
      (loop $step
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
        (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $step (i32.lt_u (local.get $i) (i32.const 50000))))
      (drop (call $sleep (i32.const 1) (i64.const 10000000)))
      (local.set $u (i32.add (local.get $u) (i32.const 1)))
      (br_if $unit (i32.lt_u (local.get $u) (i32.const 20))))
    (call $puts (i32.const 0x1040)) (call $putu (i64.extend_i32_u (local.get $x))) (call $endl)
    (call $puts (i32.const 0x1080))
    (call $putu (i64.div_u (i64.sub (call $clock_now (i32.const 1)) (local.get $t0)) (i64.const 1000000)))
    (call $puts (i32.const 0x10c0)) (call $endl))
)
