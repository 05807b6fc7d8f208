;; instkill.wat - a module whose instantiation never ends: 2 MiB of memory
;; from the start, a data segment at its end, a table, and a start function
;; that loops for ever, writing its memory (wtask_kill_during_instantiate
;; kills it there; the reaper must free the half-made instance).
(module
  (memory 32)
  (table 64 funcref)
  (func $f)
  (elem (i32.const 0) $f $f $f $f)
  (data (i32.const 2097000) "the last bytes of 2 MiB")
  (func $start
    (local $i i32)
    (loop $ever
      (i32.store (i32.and (local.get $i) (i32.const 0x1ffffc)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 4100)))
      (br $ever)))
  (start $start)
  (func (export "_start")))
