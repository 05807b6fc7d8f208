;; hostile-flood-sender.wat - spawned by hostile-flood.wat with one
;; capability, slot 0: a badged send capability to endpoint `flood`. Sends
;; 300 messages of 4096 bytes with `send` and exits with the number of
;; sends that failed (0 expected).
;; group: hostile-flood
;; start: no
;; expect-kernel: task hostile-flood-sender exited with code 0
(module
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (local $i i32) (local $bad i32)
    (loop $s
      (if (call $send (i32.const 0) (i32.const 0x1000) (i32.const 4096) (i32.const -1))
        (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $s (i32.lt_u (local.get $i) (i32.const 300))))
    (call $exit (local.get $bad))))
