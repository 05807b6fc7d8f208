;; wasm3.wat - Wasm 3.0 features in a task: tail calls (a count to one
;; million through return_call, and a mutual recursion even/odd through
;; return_call_indirect, both in constant stack: as plain calls they would
;; end in "call stack exhausted") and extended constant expressions (a
;; global and a data segment offset computed with i32.add/i32.mul).
;; Multiple memories are shown in the kernel by tests/regress/multi-memory.wat
;; (node 20's V8, which runs the demos on the model kernel, has none).
;;
;; caps: console:w
;; expect: return_call: counted to 1000000
;; expect: return_call_indirect: 999999 is odd
;; expect: extended-const: global 4096 + 3 * 16 = 4144, data at 4144 holds 'J'
;; expect-kernel: task wasm3 exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (type $pred (func (param i64) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $even $odd)

  ;; extended-const: both computed when the module is instantiated
  (global $addr i32 (i32.add (i32.const 4096) (i32.mul (i32.const 3) (i32.const 16))))
  (data (i32.add (i32.const 4096) (i32.mul (i32.const 3) (i32.const 16))) "J")

  (data (i32.const 0x100) "return_call: counted to \00")
  (data (i32.const 0x140) "return_call_indirect: 999999 is \00")
  (data (i32.const 0x180) "extended-const: global 4096 + 3 * 16 = \00")
  (data (i32.const 0x1c0) ", data at \00")
  (data (i32.const 0x1e0) " holds '\00")
  (data (i32.const 0x200) "odd\00")
  (data (i32.const 0x210) "even\00")

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
  (func $newline
    (call $put_char (i32.const 10))
    (drop (call $console_write (i32.const 0) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))

  ;; count(n, acc): acc + n by n tail calls
  (func $count (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $count (i64.sub (local.get $n) (i64.const 1))
                                (i64.add (local.get $acc) (i64.const 1))))))
  ;; even/odd through the table: each calls the other with n - 1
  (func $even (type $pred)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call_indirect (type $pred)
              (i64.sub (local.get 0) (i64.const 1)) (i32.const 1)))))
  (func $odd (type $pred)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call_indirect (type $pred)
              (i64.sub (local.get 0) (i64.const 1)) (i32.const 0)))))

  (func (export "_start")
    (call $put_str (i32.const 0x100))
    (call $put_u64 (call $count (i64.const 1000000) (i64.const 0)))
    (call $newline)
    (call $put_str (i32.const 0x140))
    (call $put_str (select (i32.const 0x200) (i32.const 0x210)
                     (call $odd (i64.const 999999))))
    (call $newline)
    (call $put_str (i32.const 0x180))
    (call $put_u64 (i64.extend_i32_u (global.get $addr)))
    (call $put_str (i32.const 0x1c0))
    (call $put_u64 (i64.extend_i32_u (global.get $addr)))
    (call $put_str (i32.const 0x1e0))
    (call $put_char (i32.load8_u (global.get $addr)))
    (call $put_char (i32.const 39))
    (call $newline))
)
