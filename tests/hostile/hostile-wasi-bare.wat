;; hostile-wasi-bare.wat - the WASI calls without their capabilities: a
;; console with w only (no stdin), no clock, no entropy: ENOTCAPABLE for
;; clocks and random_get, EBADF for fd 0; poll_oneoff reports the same per
;; subscription. Ends with proc_exit(0).
;; group: hostile-wasi
;; caps: console:w
;; expect: clock_time_get without a clock -> 76
;; expect: clock_res_get without a clock -> 76
;; expect: random_get without entropy -> 76
;; expect: fd_read without console r -> 8
;; expect: fd_fdstat_get fd 0 without console r -> 8
;; expect: fd_write fd 1 with console w -> 0
;; expect: poll_oneoff clock without a clock, error -> 76
;; expect: poll_oneoff read on fd 0 without console r, error -> 8
;; expect: args_sizes_get argc (no args line) -> 1
;; expect: environ_sizes_get count (no env line) -> 0
;; expect-kernel: task hostile-wasi-bare exited with code 0
(module
  (import "jericho" "console_write" (func $cw (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_res_get" (func $clock_res_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sched_yield" (func $sched_yield (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 4096) "clock_time_get without a clock")
  (data (i32.const 4127) "clock_res_get without a clock")
  (data (i32.const 4157) "random_get without entropy")
  (data (i32.const 4184) "fd_read without console r")
  (data (i32.const 4210) "fd_fdstat_get fd 0 without console r")
  (data (i32.const 4247) "fd_write fd 1 with console w")
  (data (i32.const 4276) "poll_oneoff clock without a clock, error")
  (data (i32.const 4317) "poll_oneoff read on fd 0 without console r, error")
  (data (i32.const 4367) "args_sizes_get argc (no args line)")
  (data (i32.const 4402) "environ_sizes_get count (no env line)")
  ;; print "LABEL -> N" through jericho.console_write on slot 0; the line
  ;; is built at 0x800
  (func $t (param $p i32) (param $n i32) (param $v i32)
    (local $i i32) (local $d i32) (local $k i32)
    (memory.copy (i32.const 0x800) (local.get $p) (local.get $n))
    (local.set $i (local.get $n))
    (i32.store8 (i32.add (i32.const 0x800) (local.get $i)) (i32.const 32))
    (i32.store8 (i32.add (i32.const 0x801) (local.get $i)) (i32.const 45))
    (i32.store8 (i32.add (i32.const 0x802) (local.get $i)) (i32.const 62))
    (i32.store8 (i32.add (i32.const 0x803) (local.get $i)) (i32.const 32))
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (if (i32.lt_s (local.get $v) (i32.const 0)) (then
      (i32.store8 (i32.add (i32.const 0x800) (local.get $i)) (i32.const 45))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $v (i32.sub (i32.const 0) (local.get $v)))))
    ;; digits into 0x7f0.. backwards
    (local.set $k (i32.const 0))
    (loop $l
      (i32.store8 (i32.sub (i32.const 0x7ff) (local.get $k))
        (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $l (local.get $v)))
    (memory.copy (i32.add (i32.const 0x800) (local.get $i))
                 (i32.sub (i32.const 0x800) (local.get $k)) (local.get $k))
    (local.set $i (i32.add (local.get $i) (local.get $k)))
    (i32.store8 (i32.add (i32.const 0x800) (local.get $i)) (i32.const 10))
    (drop (call $cw (i32.const 0) (i32.const 0x800) (i32.add (local.get $i) (i32.const 1)))))
  ;; an iovec {buf, len} at p
  (func $iov (param $p i32) (param $b i32) (param $l i32) (result i32)
    (i32.store (local.get $p) (local.get $b))
    (i32.store offset=4 (local.get $p) (local.get $l))
    (local.get $p))
  ;; a relative clock subscription at p (monotonic, timeout ns), userdata u
  (func $subclock (param $p i32) (param $u i64) (param $ns i64) (result i32)
    (memory.fill (local.get $p) (i32.const 0) (i32.const 48))
    (i64.store (local.get $p) (local.get $u))
    (i32.store offset=16 (local.get $p) (i32.const 1))
    (i64.store offset=24 (local.get $p) (local.get $ns))
    (local.get $p))
  ;; an fd subscription at p (tag 1 read / 2 write) on fd
  (func $subfd (param $p i32) (param $tag i32) (param $fd i32) (result i32)
    (memory.fill (local.get $p) (i32.const 0) (i32.const 48))
    (i64.store (local.get $p) (i64.const 77))
    (i32.store8 offset=8 (local.get $p) (local.get $tag))
    (i32.store offset=16 (local.get $p) (local.get $fd))
    (local.get $p))
  (data (i32.const 0x600) "hi\n")
  (func (export "_start")
    (call $t (i32.const 4096) (i32.const 30) (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 0x100)))
    (call $t (i32.const 4127) (i32.const 29) (call $clock_res_get (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4157) (i32.const 26) (call $random_get (i32.const 0x300) (i32.const 8)))
    (call $t (i32.const 4184) (i32.const 25) (call $fd_read (i32.const 0) (call $iov (i32.const 0x200) (i32.const 0x300) (i32.const 3)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4210) (i32.const 36) (call $fd_fdstat_get (i32.const 0) (i32.const 0x100)))
    (call $t (i32.const 4247) (i32.const 28) (call $fd_write (i32.const 1) (call $iov (i32.const 0x200) (i32.const 0x600) (i32.const 3)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4276) (i32.const 40) (block (result i32) (drop (call $poll_oneoff (call $subclock (i32.const 0x400) (i64.const 5) (i64.const 1000)) (i32.const 0x500) (i32.const 1) (i32.const 0x100))) (i32.load16_u (i32.const 0x508))))
    (call $t (i32.const 4317) (i32.const 49) (block (result i32) (drop (call $poll_oneoff (call $subfd (i32.const 0x400) (i32.const 1) (i32.const 0)) (i32.const 0x500) (i32.const 1) (i32.const 0x100))) (i32.load16_u (i32.const 0x508))))
    (call $t (i32.const 4367) (i32.const 34) (block (result i32) (drop (call $args_sizes_get (i32.const 0x100) (i32.const 0x104))) (i32.load (i32.const 0x100))))
    (call $t (i32.const 4402) (i32.const 37) (block (result i32) (drop (call $environ_sizes_get (i32.const 0x100) (i32.const 0x104))) (i32.load (i32.const 0x100))))
    (call $proc_exit (i32.const 0)))
)
