;; hostile-wasi.wat - every WASI call the kernel implements, with its
;; capabilities, given malformed iovecs (arrays and buffers past the end
;; of memory, counts whose byte size wraps 32 bits, buffers whose end wraps),
;; pointers at the exact end of memory and one byte past it, bad fds, bad
;; clock ids, poll subscriptions with bad fds and tags; the ENOSYS calls;
;; fd_close. Results are printed through jericho.console_write (a module may
;; import both); the expected errnos are WASI's (docs/wasi.md), written from
;; the spec, not from a run: 8 EBADF, 21 EFAULT, 28 EINVAL, 52 ENOSYS,
;; 70 ESPIPE, 76 ENOTCAPABLE. Ends with proc_exit(7).
;; group: hostile-wasi
;; caps: console:rw clock:r entropy:r
;; args: a1 bb
;; env: K=V
;; expect: hi
;; expect: fd_write iovec array past the end of memory -> 21
;; expect: fd_write iovs_len 0x20000000 (8 * n wraps 32 bits) -> 21
;; expect: fd_write iovs_len 0xffffffff -> 21
;; expect: fd_write buffer crossing the end by one byte -> 21
;; expect: fd_write buffer 0x10 len 0xfffffff8 (wraps 32 bits) -> 21
;; expect: fd_write buffer at 0xffffffff len 1 -> 21
;; expect: fd_write nwritten at the last 3 bytes -> 21
;; expect: fd_write iovec array in the last 8 bytes, 0 bytes at the end -> 0
;; expect: fd_write fd 0 (stdin) -> 8
;; expect: fd_write fd 3 -> 8
;; expect: fd_write fd -1 -> 8
;; expect: fd_write two iovecs to fd 2, count -> 3
;; expect: fd_read fd 1 -> 8
;; expect: fd_read iovec buffer past the end -> 21
;; expect: fd_read iovs_len 0x20000000 -> 21
;; expect: fd_read nread past the end -> 21
;; expect: fd_read 0 bytes (returns at once) -> 0
;; expect: fd_fdstat_get fd 1 record past the end -> 21
;; expect: fd_fdstat_get fd 1 at the end, filetype -> 2
;; expect: fd_fdstat_get fd 7 -> 8
;; expect: fd_prestat_get fd 3 (no preopens) -> 8
;; expect: fd_seek fd 1 -> 70
;; expect: fd_seek fd 9 -> 8
;; expect: clock_time_get monotonic, time past the end -> 21
;; expect: clock_time_get clock 4 -> 28
;; expect: clock_time_get clock 0xffffffff -> 28
;; expect: clock_time_get monotonic is not 0 -> 1
;; expect: clock_res_get realtime at the end -> 0
;; expect: clock_res_get realtime past the end -> 21
;; expect: random_get 100 bytes crossing the end -> 21
;; expect: random_get len 0xffffffff -> 21
;; expect: random_get 2 bytes at 0xffffffff -> 21
;; expect: random_get 0 bytes at the end -> 0
;; expect: random_get 64 bytes -> 0
;; expect: args_sizes_get argc past the end -> 21
;; expect: args_sizes_get argc -> 3
;; expect: args_sizes_get bytes -> 19
;; expect: args_get strings past the end -> 21
;; expect: args_get argv array past the end -> 21
;; expect: args_get argv[2][0] -> 98
;; expect: environ_sizes_get count -> 1
;; expect: environ_get strings past the end -> 21
;; expect: poll_oneoff no subscriptions -> 28
;; expect: poll_oneoff 0x5555556 subscriptions (48 * n wraps) -> 21
;; expect: poll_oneoff events past the end -> 21
;; expect: poll_oneoff 1 ms clock, events -> 1
;; expect: poll_oneoff 1 ms clock, userdata -> 5
;; expect: poll_oneoff read on fd 5, error -> 8
;; expect: poll_oneoff write on fd 1, error -> 0
;; expect: poll_oneoff bad tag 9, error -> 28
;; expect: path_open (not in the kernel) -> 52
;; expect: sock_accept (not in the kernel) -> 52
;; expect: sched_yield -> 0
;; expect: fd_close fd 2 -> 0
;; expect: fd_write fd 2 after fd_close -> 8
;; expect: fd_close fd 2 again -> 8
;; expect-kernel: task hostile-wasi exited with code 7
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
  (data (i32.const 4096) "fd_write iovec array past the end of memory")
  (data (i32.const 4140) "fd_write iovs_len 0x20000000 (8 * n wraps 32 bits)")
  (data (i32.const 4191) "fd_write iovs_len 0xffffffff")
  (data (i32.const 4220) "fd_write buffer crossing the end by one byte")
  (data (i32.const 4265) "fd_write buffer 0x10 len 0xfffffff8 (wraps 32 bits)")
  (data (i32.const 4317) "fd_write buffer at 0xffffffff len 1")
  (data (i32.const 4353) "fd_write nwritten at the last 3 bytes")
  (data (i32.const 4391) "fd_write iovec array in the last 8 bytes, 0 bytes at the end")
  (data (i32.const 4452) "fd_write fd 0 (stdin)")
  (data (i32.const 4474) "fd_write fd 3")
  (data (i32.const 4488) "fd_write fd -1")
  (data (i32.const 4503) "fd_write two iovecs to fd 2, count")
  (data (i32.const 4538) "fd_read fd 1")
  (data (i32.const 4551) "fd_read iovec buffer past the end")
  (data (i32.const 4585) "fd_read iovs_len 0x20000000")
  (data (i32.const 4613) "fd_read nread past the end")
  (data (i32.const 4640) "fd_read 0 bytes (returns at once)")
  (data (i32.const 4674) "fd_fdstat_get fd 1 record past the end")
  (data (i32.const 4713) "fd_fdstat_get fd 1 at the end, filetype")
  (data (i32.const 4753) "fd_fdstat_get fd 7")
  (data (i32.const 4772) "fd_prestat_get fd 3 (no preopens)")
  (data (i32.const 4806) "fd_seek fd 1")
  (data (i32.const 4819) "fd_seek fd 9")
  (data (i32.const 4832) "clock_time_get monotonic, time past the end")
  (data (i32.const 4876) "clock_time_get clock 4")
  (data (i32.const 4899) "clock_time_get clock 0xffffffff")
  (data (i32.const 4931) "clock_time_get monotonic is not 0")
  (data (i32.const 4965) "clock_res_get realtime at the end")
  (data (i32.const 4999) "clock_res_get realtime past the end")
  (data (i32.const 5035) "random_get 100 bytes crossing the end")
  (data (i32.const 5073) "random_get len 0xffffffff")
  (data (i32.const 5099) "random_get 2 bytes at 0xffffffff")
  (data (i32.const 5132) "random_get 0 bytes at the end")
  (data (i32.const 5162) "random_get 64 bytes")
  (data (i32.const 5182) "args_sizes_get argc past the end")
  (data (i32.const 5215) "args_sizes_get argc")
  (data (i32.const 5235) "args_sizes_get bytes")
  (data (i32.const 5256) "args_get strings past the end")
  (data (i32.const 5286) "args_get argv array past the end")
  (data (i32.const 5319) "args_get argv[2][0]")
  (data (i32.const 5339) "environ_sizes_get count")
  (data (i32.const 5363) "environ_get strings past the end")
  (data (i32.const 5396) "poll_oneoff no subscriptions")
  (data (i32.const 5425) "poll_oneoff 0x5555556 subscriptions (48 * n wraps)")
  (data (i32.const 5476) "poll_oneoff events past the end")
  (data (i32.const 5508) "poll_oneoff 1 ms clock, events")
  (data (i32.const 5539) "poll_oneoff 1 ms clock, userdata")
  (data (i32.const 5572) "poll_oneoff read on fd 5, error")
  (data (i32.const 5604) "poll_oneoff write on fd 1, error")
  (data (i32.const 5637) "poll_oneoff bad tag 9, error")
  (data (i32.const 5666) "path_open (not in the kernel)")
  (data (i32.const 5696) "sock_accept (not in the kernel)")
  (data (i32.const 5728) "sched_yield")
  (data (i32.const 5740) "fd_close fd 2")
  (data (i32.const 5754) "fd_write fd 2 after fd_close")
  (data (i32.const 5783) "fd_close fd 2 again")
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
    (call $t (i32.const 4096) (i32.const 43) (call $fd_write (i32.const 1) (i32.const 65532) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4140) (i32.const 50) (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 0x20000000) (i32.const 0x100)))
    (call $t (i32.const 4191) (i32.const 28) (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const -1) (i32.const 0x100)))
    (call $t (i32.const 4220) (i32.const 44) (call $fd_write (i32.const 1) (call $iov (i32.const 0x200) (i32.const 65530) (i32.const 7)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4265) (i32.const 51) (call $fd_write (i32.const 1) (call $iov (i32.const 0x200) (i32.const 0x10) (i32.const -8)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4317) (i32.const 35) (call $fd_write (i32.const 1) (call $iov (i32.const 0x200) (i32.const -1) (i32.const 1)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4353) (i32.const 37) (call $fd_write (i32.const 1) (call $iov (i32.const 0x200) (i32.const 0x600) (i32.const 3)) (i32.const 1) (i32.const 65533)))
    (call $t (i32.const 4391) (i32.const 60) (block (result i32) (drop (call $iov (i32.const 65528) (i32.const 65536) (i32.const 0))) (call $fd_write (i32.const 1) (i32.const 65528) (i32.const 1) (i32.const 0x100))))
    (call $t (i32.const 4452) (i32.const 21) (call $fd_write (i32.const 0) (call $iov (i32.const 0x200) (i32.const 0x600) (i32.const 3)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4474) (i32.const 13) (call $fd_write (i32.const 3) (call $iov (i32.const 0x200) (i32.const 0x600) (i32.const 3)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4488) (i32.const 14) (call $fd_write (i32.const -1) (call $iov (i32.const 0x200) (i32.const 0x600) (i32.const 3)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4503) (i32.const 34) (block (result i32) (drop (call $iov (i32.const 0x200) (i32.const 0x600) (i32.const 2))) (drop (call $iov (i32.const 0x208) (i32.const 0x602) (i32.const 1))) (drop (call $fd_write (i32.const 2) (i32.const 0x200) (i32.const 2) (i32.const 0x100))) (i32.load (i32.const 0x100))))
    (call $t (i32.const 4538) (i32.const 12) (call $fd_read (i32.const 1) (call $iov (i32.const 0x200) (i32.const 0x300) (i32.const 3)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4551) (i32.const 33) (call $fd_read (i32.const 0) (call $iov (i32.const 0x200) (i32.const 65535) (i32.const 2)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 4585) (i32.const 27) (call $fd_read (i32.const 0) (i32.const 0x200) (i32.const 0x20000000) (i32.const 0x100)))
    (call $t (i32.const 4613) (i32.const 26) (call $fd_read (i32.const 0) (call $iov (i32.const 0x200) (i32.const 0x300) (i32.const 3)) (i32.const 1) (i32.const 65535)))
    (call $t (i32.const 4640) (i32.const 33) (call $fd_read (i32.const 0) (i32.const 0x200) (i32.const 0) (i32.const 0x100)))
    (call $t (i32.const 4674) (i32.const 38) (call $fd_fdstat_get (i32.const 1) (i32.const 65520)))
    (call $t (i32.const 4713) (i32.const 39) (block (result i32) (drop (call $fd_fdstat_get (i32.const 1) (i32.const 65512))) (i32.load8_u (i32.const 65512))))
    (call $t (i32.const 4753) (i32.const 18) (call $fd_fdstat_get (i32.const 7) (i32.const 0x100)))
    (call $t (i32.const 4772) (i32.const 33) (call $fd_prestat_get (i32.const 3) (i32.const 0x100)))
    (call $t (i32.const 4806) (i32.const 12) (call $fd_seek (i32.const 1) (i64.const 0) (i32.const 0) (i32.const 0x100)))
    (call $t (i32.const 4819) (i32.const 12) (call $fd_seek (i32.const 9) (i64.const 0) (i32.const 0) (i32.const 0x100)))
    (call $t (i32.const 4832) (i32.const 43) (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 65532)))
    (call $t (i32.const 4876) (i32.const 22) (call $clock_time_get (i32.const 4) (i64.const 0) (i32.const 0x100)))
    (call $t (i32.const 4899) (i32.const 31) (call $clock_time_get (i32.const -1) (i64.const 0) (i32.const 0x100)))
    (call $t (i32.const 4931) (i32.const 33) (block (result i32) (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 0x100))) (i64.ne (i64.load (i32.const 0x100)) (i64.const 0))))
    (call $t (i32.const 4965) (i32.const 33) (call $clock_res_get (i32.const 0) (i32.const 65528)))
    (call $t (i32.const 4999) (i32.const 35) (call $clock_res_get (i32.const 0) (i32.const 65529)))
    (call $t (i32.const 5035) (i32.const 37) (call $random_get (i32.const 65500) (i32.const 100)))
    (call $t (i32.const 5073) (i32.const 25) (call $random_get (i32.const 0) (i32.const -1)))
    (call $t (i32.const 5099) (i32.const 32) (call $random_get (i32.const -1) (i32.const 2)))
    (call $t (i32.const 5132) (i32.const 29) (call $random_get (i32.const 65536) (i32.const 0)))
    (call $t (i32.const 5162) (i32.const 19) (call $random_get (i32.const 0x300) (i32.const 64)))
    (call $t (i32.const 5182) (i32.const 32) (call $args_sizes_get (i32.const 65534) (i32.const 0x104)))
    (call $t (i32.const 5215) (i32.const 19) (block (result i32) (drop (call $args_sizes_get (i32.const 0x100) (i32.const 0x104))) (i32.load (i32.const 0x100))))
    (call $t (i32.const 5235) (i32.const 20) (block (result i32) (drop (call $args_sizes_get (i32.const 0x100) (i32.const 0x104))) (i32.load (i32.const 0x104))))
    (call $t (i32.const 5256) (i32.const 29) (call $args_get (i32.const 0x100) (i32.const 65530)))
    (call $t (i32.const 5286) (i32.const 32) (call $args_get (i32.const 65530) (i32.const 0x300)))
    (call $t (i32.const 5319) (i32.const 19) (block (result i32) (drop (call $args_get (i32.const 0x100) (i32.const 0x300))) (i32.load8_u (i32.load (i32.const 0x108)))))
    (call $t (i32.const 5339) (i32.const 23) (block (result i32) (drop (call $environ_sizes_get (i32.const 0x100) (i32.const 0x104))) (i32.load (i32.const 0x100))))
    (call $t (i32.const 5363) (i32.const 32) (call $environ_get (i32.const 0x100) (i32.const 65534)))
    (call $t (i32.const 5396) (i32.const 28) (call $poll_oneoff (i32.const 0x400) (i32.const 0x500) (i32.const 0) (i32.const 0x100)))
    (call $t (i32.const 5425) (i32.const 50) (call $poll_oneoff (i32.const 0x400) (i32.const 0x500) (i32.const 0x5555556) (i32.const 0x100)))
    (call $t (i32.const 5476) (i32.const 31) (call $poll_oneoff (call $subclock (i32.const 0x400) (i64.const 5) (i64.const 1000)) (i32.const 65520) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 5508) (i32.const 30) (block (result i32) (drop (call $poll_oneoff (call $subclock (i32.const 0x400) (i64.const 5) (i64.const 1000000)) (i32.const 0x500) (i32.const 1) (i32.const 0x100))) (i32.load (i32.const 0x100))))
    (call $t (i32.const 5539) (i32.const 32) (i32.wrap_i64 (i64.load (i32.const 0x500))))
    (call $t (i32.const 5572) (i32.const 31) (block (result i32) (drop (call $poll_oneoff (call $subfd (i32.const 0x400) (i32.const 1) (i32.const 5)) (i32.const 0x500) (i32.const 1) (i32.const 0x100))) (i32.load16_u (i32.const 0x508))))
    (call $t (i32.const 5604) (i32.const 32) (block (result i32) (drop (call $poll_oneoff (call $subfd (i32.const 0x400) (i32.const 2) (i32.const 1)) (i32.const 0x500) (i32.const 1) (i32.const 0x100))) (i32.load16_u (i32.const 0x508))))
    (call $t (i32.const 5637) (i32.const 28) (block (result i32) (drop (call $poll_oneoff (call $subfd (i32.const 0x400) (i32.const 9) (i32.const 1)) (i32.const 0x500) (i32.const 1) (i32.const 0x100))) (i32.load16_u (i32.const 0x508))))
    (call $t (i32.const 5666) (i32.const 29) (call $path_open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0)))
    (call $t (i32.const 5696) (i32.const 31) (call $sock_accept (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $t (i32.const 5728) (i32.const 11) (call $sched_yield))
    (call $t (i32.const 5740) (i32.const 13) (call $fd_close (i32.const 2)))
    (call $t (i32.const 5754) (i32.const 28) (call $fd_write (i32.const 2) (call $iov (i32.const 0x200) (i32.const 0x600) (i32.const 3)) (i32.const 1) (i32.const 0x100)))
    (call $t (i32.const 5783) (i32.const 19) (call $fd_close (i32.const 2)))
    (call $proc_exit (i32.const 7)))
)
