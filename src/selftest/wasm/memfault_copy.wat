(module
  ;; guest_fault self-test: memory.copy of one half onto the other, forever
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $forever
      (memory.copy (i32.const 32768) (i32.const 0) (i32.const 32768))
      (memory.copy (i32.const 0) (i32.const 32768) (i32.const 32768))
      (br $forever))))
