;; multi-memory.wat - Wasm 3.0 multi-memory in a kernel task (issue 12):
;; a string in memory 1 copied into memory 0 by memory.copy, memory 1 grown
;; and its new page written and read, a store out of memory 1's bounds
;; trapping. Before the engine took multiple memories (c137f14) the module
;; was rejected: "multiple memories".
;; group: hostile-regress-multi-memory
;; caps: console:w
;; expect: memory 1 says 'hi from memory 1'
;; expect: memory 1 has 2 pages after memory.grow 1
;; expect-kernel: task multi-memory trapped: out of bounds memory access
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (memory $m1 1)
  (data (memory $m1) (i32.const 32) "hi from memory 1'")
  (data (i32.const 0x100) "memory 1 says '")
  (data (i32.const 0x140) "memory 1 has ")
  (data (i32.const 0x160) " pages after memory.grow 1")
  (global $len (mut i32) (i32.const 0))
  ;; append n bytes at s (memory 0) to the line at 0x400
  (func $put (param $s i32) (param $n i32)
    (memory.copy (i32.add (i32.const 0x400) (global.get $len)) (local.get $s) (local.get $n))
    (global.set $len (i32.add (global.get $len) (local.get $n))))
  (func $line
    (i32.store8 (i32.add (i32.const 0x400) (global.get $len)) (i32.const 10))
    (global.set $len (i32.add (global.get $len) (i32.const 1)))
    (drop (call $console_write (i32.const 0) (i32.const 0x400) (global.get $len)))
    (global.set $len (i32.const 0)))
  (func (export "_start")
    (call $put (i32.const 0x100) (i32.const 15))
    (memory.copy 0 $m1 (i32.const 0x300) (i32.const 32) (i32.const 17))
    (call $put (i32.const 0x300) (i32.const 17))
    (call $line)
    (drop (memory.grow $m1 (i32.const 1)))
    (i32.store $m1 (i32.const 70000) (memory.size $m1))   ;; in the new page
    (call $put (i32.const 0x140) (i32.const 13))
    ;; one digit: the page count read back from memory 1
    (i32.store8 (i32.const 0x200) (i32.add (i32.const 48) (i32.load $m1 (i32.const 70000))))
    (call $put (i32.const 0x200) (i32.const 1))
    (call $put (i32.const 0x160) (i32.const 26))
    (call $line)
    ;; past memory 1's two pages: the task traps
    (i32.store8 $m1 (i32.const 131072) (i32.const 1)))
)
