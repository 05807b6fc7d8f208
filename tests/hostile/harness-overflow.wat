;; harness-overflow.wat - prints 2,600 lines of 240 bytes (about 676 KB
;; with the "[harness-overflow] " prefix), more than the runner's output
;; log holds (WTASK_LOG_MAX, 512 KiB), then 300 short lines that fill what
;; room is left. The old runner kept one log for every group and dropped
;; the lines that no longer fit: this group lost its last line and failed
;; quietly, and the next group (harness-overflow-after.wat) failed too,
;; its lines never checked. Now the log is cleared per group and an
;; overflow voids this group's verdicts, loudly. tests/hostile/harness.sh
;; expects FAIL here with the overflow line, and PASS for the next group.
;; group: harness-overflow
;; caps: console:w
;; expect: overflow: done
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0x200) "overflow: done\n")
  (data (i32.const 0x220) "x\n")
  (func (export "_start")
    (local $i i32)
    (memory.fill (i32.const 0x400) (i32.const 0x46) (i32.const 239))   ;; 'F'
    (i32.store8 (i32.const 0x4ef) (i32.const 10))
    (loop $l
      (drop (call $console_write (i32.const 0) (i32.const 0x400) (i32.const 240)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 2600))))
    (local.set $i (i32.const 0))
    (loop $s
      (drop (call $console_write (i32.const 0) (i32.const 0x220) (i32.const 2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $s (i32.lt_u (local.get $i) (i32.const 300))))
    (drop (call $console_write (i32.const 0) (i32.const 0x200) (i32.const 15)))))
