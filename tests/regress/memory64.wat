;; memory64.wat - Wasm 3.0 memory64 in a kernel task (issue 12): memory 0
;; has i64 addresses; the task grows it 15 pages at a time (1, 16, ...,
;; 256: few grows, each a copy, for arm64's TCG) until memory.grow says -1
;; (an i64), bounded by the task's memory cap (16 MiB: 256 pages, as for a
;; 32-bit memory), prints how far it got, then stores at 2^32 + 0x400,
;; which must trap rather than wrap onto 0x400. Before the engine
;; took memory64 the module was rejected ("integer too large": the limits
;; flag 0x04).
;; group: hostile-regress-memory64
;; caps: console:w
;; expect: memory64 grew to 256 pages, then memory.grow said -1
;; expect-kernel: task memory64 trapped: out of bounds memory access
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") i64 1)
  (data (i64.const 0x100) "memory64 grew to ")
  (data (i64.const 0x140) " pages, then memory.grow said -1\n")
  (global $len (mut i32) (i32.const 0))
  ;; append n bytes at s to the line at 0x400
  (func $put (param $s i64) (param $n i64)
    (memory.copy (i64.add (i64.const 0x400) (i64.extend_i32_u (global.get $len)))
                 (local.get $s) (local.get $n))
    (global.set $len (i32.add (global.get $len) (i32.wrap_i64 (local.get $n)))))
  ;; v in decimal, built backwards below 0x320
  (func $putu (param $v i64)
    (local $p i64)
    (local.set $p (i64.const 0x320))
    (loop $dg
      (local.set $p (i64.sub (local.get $p) (i64.const 1)))
      (i64.store8 (local.get $p) (i64.add (i64.const 48) (i64.rem_u (local.get $v) (i64.const 10))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $dg (i64.ne (local.get $v) (i64.const 0))))
    (call $put (local.get $p) (i64.sub (i64.const 0x320) (local.get $p))))
  (func (export "_start")
    (block $full (loop $more
      (br_if $full (i64.eq (memory.grow (i64.const 15)) (i64.const -1)))
      ;; the new page is there: its last byte written and read back
      (i64.store8 (i64.sub (i64.mul (memory.size) (i64.const 65536)) (i64.const 1)) (i64.const 7))
      (br_if $more (i64.eq (i64.load8_u (i64.sub (i64.mul (memory.size) (i64.const 65536))
                                                  (i64.const 1))) (i64.const 7)))))
    (call $put (i64.const 0x100) (i64.const 17))
    (call $putu (memory.size))
    (call $put (i64.const 0x140) (i64.const 33))
    (drop (call $console_write (i32.const 0) (i32.const 0x400) (global.get $len)))
    ;; 2^32 + 0x400: beyond the memory, whatever its low 32 bits say
    (i32.store8 (i64.const 0x100000400) (i32.const 1)))
)
