;; hostile-grow-min.wat - a module whose memory starts larger than the
;; kernel allows (257 pages > the 256-page cap, abi.md 2): instantiation
;; must fail with a message, nothing is allocated for it, and the rest of
;; the group runs on.
;; group: hostile-grow
;; caps: console:w
;; expect-not: started
;; expect-kernel: task hostile-grow-min failed to start: memory size limit exceeded
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 257)
  (data (i32.const 0x100) "started\n")
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 8)))))
