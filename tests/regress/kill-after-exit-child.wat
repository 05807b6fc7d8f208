;; kill-after-exit-child.wat - spins 200,000 loop turns (alive while
;; kill-after-exit.wat's kills run), then tells its spawner it lived.
;; Slots: 0 endpoint done (w), given by the spawner.
;; group: hostile-regress-kill-after-exit
;; start: no
(module
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (func (export "_start")
    (local $n i32)
    (local.set $n (i32.const 200000))
    (loop $spin
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $spin (local.get $n)))
    (drop (call $send (i32.const 0) (i32.const 0) (i32.const 1) (i32.const -1)))))
