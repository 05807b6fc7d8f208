;; security-import.wat - a module that imports a system call that does not
;; exist. Instantiation must fail with a clear message naming the import;
;; the task never starts, nothing of it runs.
;;
;; group: security
;; caps: console:w
;; expect-not: started
;; expect-kernel: task security-import failed to start: unknown import jericho.read_secret_key
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "read_secret_key" (func $read_secret_key (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "started\n")

  ;; Entry point: would print "started" and use the forbidden import.
  (func (export "_start")
    (drop (call $console_write (i32.const 0) (i32.const 0x100) (i32.const 8)))
    (drop (call $read_secret_key (i32.const 0x200))))
)
