(module
  ;; guest_fault self-test: memory.fill over all of its memory, forever
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $forever
      (memory.fill (i32.const 0) (i32.const 0x5a) (i32.const 65536))
      (br $forever))))
