;; exn-kill.wat - kills tasks while they throw: 160 victims
;; (exn-kill-victim.wat), 8 at a time, 1 to 4 ticks after they start, in
;; the middle of throwing, unwinding, catching and collecting exceptions
;; (some pinned in a global, some live in locals, one in flight). Every
;; kill must end its task cleanly and the group's heap check
;; (tests/hostile/check.sh) finds nothing left behind.
;; Slots: 0 console, 1 clock, 2 spawn; 3..10 the victims.
;; Binary: exn-kill.wasm (tests/regress/exn.sh).
;; group: hostile-exn
;; prio: 20
;; caps: console:w clock:r spawn:w
;; expect: exn-kill: killed 160 tasks while they threw
;; expect-not: exn-kill: FAILED
;; expect-kernel: task exn-kill exited with code 0
(module
  (import "jericho" "console_write" (func $cw (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "task_kill" (func $task_kill (param i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "exn-kill: killed 160 tasks while they threw\n")
  (data (i32.const 64) "exn-kill: FAILED\n")
  (data (i32.const 128) "exn-kill-victim")
  (func (export "_start")
    (local $r i32) (local $i i32) (local $bad i32)
    (loop $round
      (local.set $i (i32.const 0))
      (loop $spawn
        (local.set $bad (i32.or (local.get $bad)
          (i32.ne (call $task_spawn (i32.const 2) (i32.const 128) (i32.const 15)
                                    (i32.const 0) (i32.const 0) (i32.const 10))
                  (i32.add (i32.const 3) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $spawn (i32.lt_u (local.get $i) (i32.const 8))))
      (drop (call $sleep (i32.const 1)
        (i64.mul (i64.extend_i32_u (i32.add (i32.and (local.get $r) (i32.const 3)) (i32.const 1)))
                 (i64.const 10000000))))
      (local.set $i (i32.const 0))
      (loop $kill
        (local.set $bad (i32.or (local.get $bad)
          (i32.ne (call $task_kill (i32.add (i32.const 3) (local.get $i))) (i32.const 0))))
        (drop (call $cap_delete (i32.add (i32.const 3) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $kill (i32.lt_u (local.get $i) (i32.const 8))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (i32.const 20))))
    (if (local.get $bad)
      (then (drop (call $cw (i32.const 0) (i32.const 64) (i32.const 17))))
      (else (drop (call $cw (i32.const 0) (i32.const 0) (i32.const 44)))))))
