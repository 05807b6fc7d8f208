;; spawner.wat - test_spawn.c's spawner: task_spawn of the boot module
;; kill-after-exit-child (it spins a little, then sends one byte on its
;; slot 0 and exits) with spawn capability slot 0, passing slot 1 (an
;; endpoint) as the child's slot 0; the result goes to the export rc. If
;; the spawn worked it waits on that endpoint for the child's byte (so the
;; child, whose task capability it holds, lives until it has sent) and
;; puts recv's result in the export got.
(module
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 16) "kill-after-exit-child")
  (data (i32.const 64) "\01\00\00\00")
  (global $rc (export "rc") (mut i32) (i32.const 12345))
  (global $got (export "got") (mut i32) (i32.const 12345))
  (func (export "_start")
    (global.set $rc (call $task_spawn (i32.const 0) (i32.const 16) (i32.const 21)
                                      (i32.const 64) (i32.const 1) (i32.const 5)))
    (if (i32.ge_s (global.get $rc) (i32.const 0))
      (then (global.set $got (call $recv (i32.const 1) (i32.const 128) (i32.const 8)
                                         (i32.const -1)))))))
