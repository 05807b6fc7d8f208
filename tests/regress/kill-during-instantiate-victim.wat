;; kill-during-instantiate-victim.wat - 2 MiB of memory from the start, a
;; data segment at its end, a table with an element segment, and a start
;; function that never returns: it writes its memory and sleeps 1 ms now
;; and then, so that all 8 victims of a round get into it. Killed there by
;; kill-during-instantiate.wat; _start is never reached.
;; Slots: 0 clock.
;; group: hostile-regress-kill-inst
;; start: no
;; expect-kernel: task kill-during-instantiate-victim killed: by task kill-during-instantiate
(module
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
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
      (if (i32.eqz (i32.and (local.get $i) (i32.const 0xffff)))
        (then (drop (call $sleep (i32.const 0) (i64.const 1000000)))))
      (br $ever)))
  (start $start)
  (func (export "_start") (unreachable)))
