;; hostile-dev-rng.wat - a driver-like task on a DEVICE capability, both
;; architectures (docs/kernel.md "Devices", docs/abi.md 4.6): it finds
;; virtio-rng through dev_info (x86-64: legacy virtio-pci, I/O-port BAR 0
;; and the configuration space as window 6; arm64: a legacy virtio-mmio
;; transport, window 0), sets up one virtqueue in a memory region it
;; creates (its bus address from mem_info, DMA right), binds the
;; interrupt to a notification, asks for 16 random bytes twice and takes
;; each interrupt (wait, read the device's interrupt status, dev_irq_ack).
;; Then the bad input: registers outside the window, misaligned, wrong
;; widths and windows, values wider than the register, writes to the PCI
;; configuration space other than the command register, rights missing
;; (read-only device capability, read-only notification), acknowledging
;; or unbinding an interrupt bound through another capability, binding
;; while another capability holds it (BUSY). A driver that dies
;; (hostile-dev-child.wat binds and exits) leaves the interrupt free for
;; the next one, and so does a revoke of the binding capability. Last an
;; interrupt storm: the device set up again (the dead child's driver
;; left it quiesced), a third request completes and the task acknowledges
;; over and over without clearing the device's interrupt status, so the
;; level-triggered line fires again at each ack, until the kernel masks it
;; for the storm (more than `irqstorm=100` interrupts in 10 ms:
;; tests/hostile/check.sh boots with it and checks the kernel's line);
;; an ack then unmasks nothing, a new bind does.
;; Slots: 0 console, 1 clock, 2 spawn, 3 device virtio-rng, 4 notification
;; irq, 5 notification done; 6 the region; 7.. copies made here.
;; group: hostile-dev
;; caps: console:w clock:r spawn:w device:virtio-rng:rw notification:irq:rw notification:done:rw
;; expect: dev_info on the device -> ok 0
;; expect: virtio-rng identified
;; expect: create a 4-page region -> ok 6
;; expect: its bus address, with the DMA right, is not 0 -> ok 1
;; expect: bind the interrupt to irq -> ok 0
;; expect: device status after init -> ok 7
;; expect: wait for the interrupt -> ok 1
;; expect: interrupt status -> ok 1
;; expect: ack the interrupt -> ok 0
;; expect: used ring index -> ok 1
;; expect: bytes the device wrote -> ok 16
;; expect: random bytes not all zero -> ok 1
;; expect: wait for the second interrupt -> ok 1
;; expect: second interrupt status -> ok 1
;; expect: ack the second interrupt -> ok 0
;; expect: used ring index after the second request -> ok 2
;; expect: read at the end of window 0 -> OUT_OF_BOUNDS
;; expect: read at offset 0xfffffffc -> OUT_OF_BOUNDS
;; expect: read 4 bytes at offset 1 -> BAD_ARGUMENT
;; expect: read 3 bytes -> BAD_ARGUMENT
;; expect: read window 7 -> BAD_ARGUMENT
;; expect: read 8 bytes with dev_read -> BAD_ARGUMENT
;; expect: read a window the device does not have -> BAD_ARGUMENT
;; expect: dev_read64 into memory past its end -> OUT_OF_BOUNDS
;; expect: write 0x100 to a 1-byte register -> BAD_ARGUMENT
;; expect: write window 6 at offset 0x10 -> BAD_ARGUMENT
;; expect: dev_read on a notification -> WRONG_TYPE
;; expect: dev_read on an empty slot -> EMPTY_SLOT
;; expect: dev_read on slot 32 -> INVALID_SLOT
;; expect: mint a read-only device capability -> ok 0
;; expect: read through it -> ok 0
;; expect: write through it -> NO_RIGHTS
;; expect: bind through it -> NO_RIGHTS
;; expect: ack through it -> NO_RIGHTS
;; expect: mint a read-only notification capability -> ok 0
;; expect: bind to a notification without w -> NO_RIGHTS
;; expect: bind with no bits -> BAD_ARGUMENT
;; expect: copy the device capability -> ok 0
;; expect: bind through the copy while the original holds it -> BUSY
;; expect: ack through the copy -> NO_RIGHTS
;; expect: unbind through the copy -> NO_RIGHTS
;; expect: unbind through the original -> ok 0
;; expect: ack when nothing is bound -> NO_RIGHTS
;; expect: spawn a driver that binds and exits -> ok 10
;; expect: bind after that driver died -> ok 0
;; expect: unbind -> ok 0
;; expect: bind through a copy -> ok 0
;; expect: revoke the original's children -> ok 0
;; expect: bind through the original after the revoke -> ok 0
;; expect: wait for the third interrupt -> ok 1
;; expect: acks without clearing the device: the kernel masks the storm -> ok 1
;; expect: after the storm an ack does not unmask -> ok 0
;; expect: bind again after the storm -> ok 0
;; expect: the line fires again after the bind -> ok 1
;; expect: clear the interrupt status -> ok 1
;; expect: ack it -> ok 0
;; expect: reset the device -> ok 0
;; expect-not: FAILED
;; expect-kernel: task hostile-dev-child exited with code 0
;; expect-kernel: task hostile-dev-rng exited with code 0
(module
  (import "jericho" "console_write" (func $console_write (param i32 i32 i32) (result i32)))
  (import "jericho" "sleep" (func $sleep (param i32 i64) (result i32)))
  (import "jericho" "yield" (func $yield))
  (import "jericho" "exit" (func $exit (param i32)))
  (import "jericho" "send" (func $send (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "signal" (func $signal (param i32 i32) (result i32)))
  (import "jericho" "wait" (func $wait (param i32) (result i64)))
  (import "jericho" "poll_signal" (func $poll_signal (param i32) (result i64)))
  (import "jericho" "cap_copy" (func $cap_copy (param i32 i32) (result i32)))
  (import "jericho" "cap_mint" (func $cap_mint (param i32 i32 i32 i64) (result i32)))
  (import "jericho" "cap_delete" (func $cap_delete (param i32) (result i32)))
  (import "jericho" "cap_revoke" (func $cap_revoke (param i32) (result i32)))
  (import "jericho" "task_spawn" (func $task_spawn (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "jericho" "dev_info" (func $dev_info (param i32 i32) (result i32)))
  (import "jericho" "dev_read" (func $dev_read (param i32 i32 i32 i32) (result i64)))
  (import "jericho" "dev_read64" (func $dev_read64 (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "dev_write" (func $dev_write (param i32 i32 i32 i32 i64) (result i32)))
  (import "jericho" "dev_irq_bind" (func $dev_irq_bind (param i32 i32 i32) (result i32)))
  (import "jericho" "dev_irq_ack" (func $dev_irq_ack (param i32) (result i32)))
  (import "jericho" "mem_create" (func $mem_create (param i32 i32) (result i32)))
  (import "jericho" "mem_read" (func $mem_read (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "mem_write" (func $mem_write (param i32 i32 i32 i32) (result i32)))
  (import "jericho" "mem_info" (func $mem_info (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; ---- printing: a line is built at 0x400 and written with one
  ;; console_write on slot 0 (the kernel prints it as "[name] text") ----
  (global $line_len (mut i32) (i32.const 0))
  (func $putc (param $c i32)
    (if (i32.lt_u (global.get $line_len) (i32.const 250))
      (then
        (i32.store8 (i32.add (i32.const 0x400) (global.get $line_len)) (local.get $c))
        (global.set $line_len (i32.add (global.get $line_len) (i32.const 1))))))
  (func $puts (param $s i32)
    (block $d (loop $l
      (br_if $d (i32.eqz (i32.load8_u (local.get $s))))
      (call $putc (i32.load8_u (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $l))))
  (func $putu (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 0x520))
    (loop $dg
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $dg (i64.ne (local.get $v) (i64.const 0))))
    (loop $o
      (call $putc (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $o (i32.lt_u (local.get $p) (i32.const 0x520)))))
  (func $endl
    (call $putc (i32.const 10))
    (drop (call $console_write (i32.const 0) (i32.const 0x400) (global.get $line_len)))
    (global.set $line_len (i32.const 0)))
  (func $say (param $s i32) (call $puts (local.get $s)) (call $endl))
  ;; "WHAT -> NAME" for rc < 0 (the ABI's error names, 0x600 + 16 code),
  ;; "WHAT -> ok N" otherwise; returns rc.
  (func $report (param $what i32) (param $rc i32) (result i32)
    (call $puts (local.get $what))
    (call $putc (i32.const 32)) (call $putc (i32.const 45)) (call $putc (i32.const 62))
    (call $putc (i32.const 32))
    (if (i32.ge_s (local.get $rc) (i32.const 0))
      (then (call $putc (i32.const 111)) (call $putc (i32.const 107)) (call $putc (i32.const 32))
            (call $putu (i64.extend_i32_u (local.get $rc))))
      (else (if (i32.lt_s (local.get $rc) (i32.const -16))
        (then (call $putc (i32.const 63)))
        (else (call $puts (i32.add (i32.const 0x600)
                (i32.shl (i32.sub (i32.const 0) (local.get $rc)) (i32.const 4))))))))
    (call $endl)
    (local.get $rc))
  (func $r (param $what i32) (param $rc i32) (drop (call $report (local.get $what) (local.get $rc))))
  ;; i64 results (dev_read): an error as its name, a value as ok N
  (func $r64 (param $what i32) (param $v i64)
    (if (i64.lt_s (local.get $v) (i64.const 0))
      (then (call $r (local.get $what) (i32.wrap_i64 (local.get $v))))
      (else (call $r (local.get $what) (i32.wrap_i64 (local.get $v))))))
  (data (i32.const 0x600) "OK\00")
  (data (i32.const 0x610) "INVALID_SLOT\00")
  (data (i32.const 0x620) "EMPTY_SLOT\00")
  (data (i32.const 0x630) "WRONG_TYPE\00")
  (data (i32.const 0x640) "NO_RIGHTS\00")
  (data (i32.const 0x650) "BAD_ARGUMENT\00")
  (data (i32.const 0x660) "OUT_OF_BOUNDS\00")
  (data (i32.const 0x670) "WOULD_BLOCK\00")
  (data (i32.const 0x680) "SLOT_OCCUPIED\00")
  (data (i32.const 0x690) "NO_MEMORY\00")
  (data (i32.const 0x6a0) "QUOTA_EXCEEDED\00")
  (data (i32.const 0x6b0) "DESTROYED\00")
  (data (i32.const 0x6c0) "NOT_FOUND\00")
  (data (i32.const 0x6d0) "NO_CALLER\00")
  (data (i32.const 0x6e0) "TOO_LONG\00")
  (data (i32.const 0x6f0) "BAD_MODULE\00")
  (data (i32.const 0x700) "BUSY\00")
  (data (i32.const 4096) "FAILED: queue size out of range\00")
  (data (i32.const 4128) "FAILED to write the descriptor\00")
  (data (i32.const 4159) "dev_info on the device\00")
  (data (i32.const 4182) "virtio-rng identified\00")
  (data (i32.const 4204) "FAILED to identify virtio-rng\00")
  (data (i32.const 4234) "create a 4-page region\00")
  (data (i32.const 4257) "its bus address, with the DMA right, is not 0\00")
  (data (i32.const 4303) "bind the interrupt to irq\00")
  (data (i32.const 4329) "device status after init\00")
  (data (i32.const 4354) "wait for the interrupt\00")
  (data (i32.const 4377) "interrupt status\00")
  (data (i32.const 4394) "ack the interrupt\00")
  (data (i32.const 4412) "used ring index\00")
  (data (i32.const 4428) "bytes the device wrote\00")
  (data (i32.const 4451) "random bytes not all zero\00")
  (data (i32.const 4477) "wait for the second interrupt\00")
  (data (i32.const 4507) "second interrupt status\00")
  (data (i32.const 4531) "ack the second interrupt\00")
  (data (i32.const 4556) "used ring index after the second request\00")
  (data (i32.const 4597) "read at the end of window 0\00")
  (data (i32.const 4625) "read at offset 0xfffffffc\00")
  (data (i32.const 4651) "read 4 bytes at offset 1\00")
  (data (i32.const 4676) "read 3 bytes\00")
  (data (i32.const 4689) "read window 7\00")
  (data (i32.const 4703) "read 8 bytes with dev_read\00")
  (data (i32.const 4730) "read a window the device does not have\00")
  (data (i32.const 4769) "dev_read64 into memory past its end\00")
  (data (i32.const 4805) "write 0x100 to a 1-byte register\00")
  (data (i32.const 4838) "write window 6 at offset 0x10\00")
  (data (i32.const 4868) "dev_read on a notification\00")
  (data (i32.const 4895) "dev_read on an empty slot\00")
  (data (i32.const 4921) "dev_read on slot 32\00")
  (data (i32.const 4941) "mint a read-only device capability\00")
  (data (i32.const 4976) "read through it\00")
  (data (i32.const 4992) "write through it\00")
  (data (i32.const 5009) "bind through it\00")
  (data (i32.const 5025) "ack through it\00")
  (data (i32.const 5040) "mint a read-only notification capability\00")
  (data (i32.const 5081) "bind to a notification without w\00")
  (data (i32.const 5114) "bind with no bits\00")
  (data (i32.const 5132) "copy the device capability\00")
  (data (i32.const 5159) "bind through the copy while the original holds it\00")
  (data (i32.const 5209) "ack through the copy\00")
  (data (i32.const 5230) "unbind through the copy\00")
  (data (i32.const 5254) "unbind through the original\00")
  (data (i32.const 5282) "ack when nothing is bound\00")
  (data (i32.const 5308) "spawn a driver that binds and exits\00")
  (data (i32.const 5344) "bind after that driver died\00")
  (data (i32.const 5372) "unbind\00")
  (data (i32.const 5379) "bind through a copy\00")
  (data (i32.const 5399) "revoke the original's children\00")
  (data (i32.const 5430) "bind through the original after the revoke\00")
  (data (i32.const 5473) "reset the device\00")
  (data (i32.const 5632) "wait for the third interrupt\00")
  (data (i32.const 5696) "acks without clearing the device: the kernel masks the storm\00")
  (data (i32.const 5760) "after the storm an ack does not unmask\00")
  (data (i32.const 5824) "bind again after the storm\00")
  (data (i32.const 5888) "the line fires again after the bind\00")
  (data (i32.const 5952) "clear the interrupt status\00")
  (data (i32.const 6016) "ack it\00")

  (global $bus (mut i32) (i32.const 0))
  (global $wsize (mut i32) (i32.const 0))
  (global $ring (mut i64) (i64.const 0))
  (global $q (mut i32) (i32.const 0))
  (global $used (mut i32) (i32.const 0))
  (global $avail (mut i32) (i32.const 0))
  (func $pci (result i32) (i32.eq (global.get $bus) (i32.const 1)))
  ;; a register of the transport: PCI legacy (offset, width) or MMIO offset (32-bit)
  (func $wr (param $po i32) (param $pw i32) (param $mo i32) (param $v i64) (result i32)
    (if (result i32) (call $pci)
      (then (call $dev_write (i32.const 3) (i32.const 0) (local.get $po) (local.get $pw) (local.get $v)))
      (else (call $dev_write (i32.const 3) (i32.const 0) (local.get $mo) (i32.const 4) (local.get $v)))))
  (func $rd (param $po i32) (param $pw i32) (param $mo i32) (result i64)
    (if (result i64) (call $pci)
      (then (call $dev_read (i32.const 3) (i32.const 0) (local.get $po) (local.get $pw)))
      (else (call $dev_read (i32.const 3) (i32.const 0) (local.get $mo) (i32.const 4)))))
  (func $status (param $v i64) (drop (call $wr (i32.const 18) (i32.const 1) (i32.const 0x70) (local.get $v))))
  (func $identify (result i32)
    (if (call $pci)
      (then (return (i32.and
        (i64.eq (call $dev_read (i32.const 3) (i32.const 6) (i32.const 0) (i32.const 2)) (i64.const 0x1af4))
        (i64.eq (call $dev_read (i32.const 3) (i32.const 6) (i32.const 2) (i32.const 2)) (i64.const 0x1005))))))
    (i32.and (i32.and
      (i64.eq (call $dev_read (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 4)) (i64.const 0x74726976))
      (i64.eq (call $dev_read (i32.const 3) (i32.const 0) (i32.const 4) (i32.const 4)) (i64.const 1)))
      (i64.eq (call $dev_read (i32.const 3) (i32.const 0) (i32.const 8) (i32.const 4)) (i64.const 4))))
  (func $init
    (if (call $pci)   ;; I/O and memory decoding, bus mastering, INTx on
      (then (drop (call $dev_write (i32.const 3) (i32.const 6) (i32.const 4) (i32.const 2) (i64.const 7)))))
    (call $status (i64.const 0))
    (call $status (i64.const 1))
    (call $status (i64.const 3))
    (if (call $pci)
      (then
        (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 4) (i32.const 4) (i64.const 0)))
        (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 14) (i32.const 2) (i64.const 0)))
        (global.set $q (i32.wrap_i64 (call $dev_read (i32.const 3) (i32.const 0) (i32.const 12) (i32.const 2)))))
      (else
        (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 0x24) (i32.const 4) (i64.const 0)))
        (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 0x20) (i32.const 4) (i64.const 0)))
        (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 0x28) (i32.const 4) (i64.const 4096)))
        (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 0x30) (i32.const 4) (i64.const 0)))
        (global.set $q (i32.wrap_i64 (call $dev_read (i32.const 3) (i32.const 0) (i32.const 0x34) (i32.const 4))))
        (if (i32.gt_u (global.get $q) (i32.const 8)) (then (global.set $q (i32.const 8))))
        (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 0x38) (i32.const 4) (i64.extend_i32_u (global.get $q))))
        (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 0x3c) (i32.const 4) (i64.const 4096)))))
    (if (i32.or (i32.eqz (global.get $q)) (i32.gt_u (global.get $q) (i32.const 128)))
      (then (call $say (i32.const 4096))))
    (global.set $avail (i32.mul (global.get $q) (i32.const 16)))
    (global.set $used (i32.and (i32.add (i32.add (global.get $avail)
      (i32.add (i32.const 6) (i32.mul (global.get $q) (i32.const 2)))) (i32.const 4095)) (i32.const -4096)))
    (drop (call $wr (i32.const 8) (i32.const 4) (i32.const 0x40) (i64.shr_u (global.get $ring) (i64.const 12))))
    (call $status (i64.const 7)))
  ;; offer the buffer (descriptor 0) as available entry n-1, avail idx n, notify
  (func $request (param $n i32)
    (i64.store (i32.const 0xa00) (i64.add (global.get $ring) (i64.const 0x3000)))
    (i32.store (i32.const 0xa08) (i32.const 16))
    (i32.store16 (i32.const 0xa0c) (i32.const 2))     ;; VRING_DESC_F_WRITE
    (i32.store16 (i32.const 0xa0e) (i32.const 0))
    (if (call $mem_write (i32.const 6) (i32.const 0) (i32.const 0xa00) (i32.const 16))
      (then (call $say (i32.const 4128))))
    (i32.store16 (i32.const 0xa10) (i32.const 0))
    (i32.store16 (i32.const 0xa12) (local.get $n))
    (drop (call $mem_write (i32.const 6)
      (i32.add (i32.add (global.get $avail) (i32.const 4))
        (i32.mul (i32.const 2) (i32.rem_u (i32.sub (local.get $n) (i32.const 1)) (global.get $q))))
      (i32.const 0xa10) (i32.const 2)))
    (drop (call $mem_write (i32.const 6) (i32.add (global.get $avail) (i32.const 2)) (i32.const 0xa12) (i32.const 2)))
    (drop (call $wr (i32.const 16) (i32.const 2) (i32.const 0x50) (i64.const 0))))
  ;; the interrupt status, cleared (PCI: reading clears it; MMIO: InterruptACK)
  (func $isr (result i32)
    (local $v i64)
    (local.set $v (call $rd (i32.const 19) (i32.const 1) (i32.const 0x60)))
    (if (i32.eqz (call $pci))
      (then (drop (call $dev_write (i32.const 3) (i32.const 0) (i32.const 0x64) (i32.const 4) (local.get $v)))))
    (i32.wrap_i64 (local.get $v)))
  ;; Acknowledge without clearing the interrupt status until an ack brings
  ;; no interrupt (the kernel masked the line for a storm): 1 if that came
  ;; after at least 99 interrupts (the limit is 100 per 10 ms, the first
  ;; one included) and within 100,000 acks, else 0.
  (func $storm (result i32)
    (local $n i32) (local $i i32) (local $try i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (i32.const 100000)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (call $dev_irq_ack (i32.const 3)) (then (return (i32.const 0))))
      (local.set $try (i32.const 0))
      (loop $p      ;; the interrupt is taken when the ack unmasks; a few yields
        (if (i64.ne (call $poll_signal (i32.const 4)) (i64.const 0))
          (then (local.set $n (i32.add (local.get $n) (i32.const 1))) (br $l)))
        (call $yield)
        (local.set $try (i32.add (local.get $try) (i32.const 1)))
        (br_if $p (i32.lt_u (local.get $try) (i32.const 20))))
      (return (i32.ge_u (local.get $n) (i32.const 99)))))
    (i32.const 0))
  (func (export "_start")
    (call $r (i32.const 4159) (call $dev_info (i32.const 3) (i32.const 0x800)))
    (global.set $bus (i32.load (i32.const 0x800)))
    (global.set $wsize (i32.wrap_i64 (i64.load (i32.const 0x818))))
    (if (call $identify)
      (then (call $say (i32.const 4182)))
      (else (call $say (i32.const 4204))))
    (call $r (i32.const 4234) (call $mem_create (i32.const 2) (i32.const 4)))
    (drop (call $mem_info (i32.const 6) (i32.const 0x900)))
    (global.set $ring (i64.load (i32.const 0x908)))
    (call $r (i32.const 4257) (i64.ne (global.get $ring) (i64.const 0)))
    (call $r (i32.const 4303) (call $dev_irq_bind (i32.const 3) (i32.const 4) (i32.const 1)))
    (call $init)
    (call $r64 (i32.const 4329) (call $rd (i32.const 18) (i32.const 1) (i32.const 0x70)))
    (call $request (i32.const 1))
    (call $r64 (i32.const 4354) (call $wait (i32.const 4)))
    (call $r (i32.const 4377) (i32.and (call $isr) (i32.const 1)))
    (call $r (i32.const 4394) (call $dev_irq_ack (i32.const 3)))
    (drop (call $mem_read (i32.const 6) (global.get $used) (i32.const 0xa20) (i32.const 16)))
    (call $r (i32.const 4412) (i32.load16_u (i32.const 0xa22)))
    (call $r (i32.const 4428) (i32.load (i32.const 0xa28)))
    (drop (call $mem_read (i32.const 6) (i32.const 0x3000) (i32.const 0xa40) (i32.const 16)))
    (call $r (i32.const 4451)
      (i64.ne (i64.or (i64.load (i32.const 0xa40)) (i64.load (i32.const 0xa48))) (i64.const 0)))
    (call $request (i32.const 2))
    (call $r64 (i32.const 4477) (call $wait (i32.const 4)))
    (call $r (i32.const 4507) (i32.and (call $isr) (i32.const 1)))
    (call $r (i32.const 4531) (call $dev_irq_ack (i32.const 3)))
    (drop (call $mem_read (i32.const 6) (global.get $used) (i32.const 0xa20) (i32.const 16)))
    (call $r (i32.const 4556) (i32.load16_u (i32.const 0xa22)))
    ;; ---- bad input ----
    (call $r64 (i32.const 4597) (call $dev_read (i32.const 3) (i32.const 0) (global.get $wsize) (i32.const 1)))
    (call $r64 (i32.const 4625) (call $dev_read (i32.const 3) (i32.const 0) (i32.const 0xfffffffc) (i32.const 4)))
    (call $r64 (i32.const 4651) (call $dev_read (i32.const 3) (i32.const 0) (i32.const 1) (i32.const 4)))
    (call $r64 (i32.const 4676) (call $dev_read (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 3)))
    (call $r64 (i32.const 4689) (call $dev_read (i32.const 3) (i32.const 7) (i32.const 0) (i32.const 1)))
    (call $r64 (i32.const 4703) (call $dev_read (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 8)))
    (call $r64 (i32.const 4730) (call $dev_read (i32.const 3) (i32.const 3) (i32.const 0) (i32.const 1)))
    (call $r (i32.const 4769) (call $dev_read64 (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0xfffc)))
    (call $r (i32.const 4805) (call $dev_write (i32.const 3) (i32.const 0) (i32.const 18) (i32.const 1) (i64.const 0x100)))
    (call $r (i32.const 4838) (call $dev_write (i32.const 3) (i32.const 6) (i32.const 0x10) (i32.const 4) (i64.const 0)))
    (call $r64 (i32.const 4868) (call $dev_read (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 1)))
    (call $r64 (i32.const 4895) (call $dev_read (i32.const 20) (i32.const 0) (i32.const 0) (i32.const 1)))
    (call $r64 (i32.const 4921) (call $dev_read (i32.const 32) (i32.const 0) (i32.const 0) (i32.const 1)))
    (call $r (i32.const 4941) (call $cap_mint (i32.const 3) (i32.const 7) (i32.const 1) (i64.const 0)))
    (call $r (i32.const 4976) (i32.wrap_i64 (i64.and (call $dev_read (i32.const 7) (i32.const 0) (i32.const 0) (i32.const 1)) (i64.const 0x80000000))))
    (call $r (i32.const 4992) (call $dev_write (i32.const 7) (i32.const 0) (i32.const 18) (i32.const 1) (i64.const 0)))
    (call $r (i32.const 5009) (call $dev_irq_bind (i32.const 7) (i32.const 4) (i32.const 1)))
    (call $r (i32.const 5025) (call $dev_irq_ack (i32.const 7)))
    (call $r (i32.const 5040) (call $cap_mint (i32.const 4) (i32.const 8) (i32.const 1) (i64.const 0)))
    (call $r (i32.const 5081) (call $dev_irq_bind (i32.const 3) (i32.const 8) (i32.const 1)))
    (call $r (i32.const 5114) (call $dev_irq_bind (i32.const 3) (i32.const 4) (i32.const 0)))
    (call $r (i32.const 5132) (call $cap_copy (i32.const 3) (i32.const 9)))
    (call $r (i32.const 5159) (call $dev_irq_bind (i32.const 9) (i32.const 4) (i32.const 1)))
    (call $r (i32.const 5209) (call $dev_irq_ack (i32.const 9)))
    (call $r (i32.const 5230) (call $dev_irq_bind (i32.const 9) (i32.const -1) (i32.const 0)))
    (call $r (i32.const 5254) (call $dev_irq_bind (i32.const 3) (i32.const -1) (i32.const 0)))
    (call $r (i32.const 5282) (call $dev_irq_ack (i32.const 3)))
    ;; a driver that binds and dies: its capability (from our copy in 9) goes
    (i32.store (i32.const 0x100) (i32.const 0))
    (i32.store (i32.const 0x104) (i32.const 9))
    (i32.store (i32.const 0x108) (i32.const 4))
    (i32.store (i32.const 0x10c) (i32.const 5))
    (call $r (i32.const 5308)
      (call $task_spawn (i32.const 2) (i32.const 0x80) (i32.const 17) (i32.const 0x100) (i32.const 4) (i32.const 10)))
    (drop (call $wait (i32.const 5)))
    (drop (call $sleep (i32.const 1) (i64.const 30000000)))
    (call $r (i32.const 5344) (call $dev_irq_bind (i32.const 3) (i32.const 4) (i32.const 1)))
    (call $r (i32.const 5372) (call $dev_irq_bind (i32.const 3) (i32.const -1) (i32.const 0)))
    (call $r (i32.const 5379) (call $dev_irq_bind (i32.const 9) (i32.const 4) (i32.const 1)))
    (call $r (i32.const 5399) (call $cap_revoke (i32.const 3)))
    (call $r (i32.const 5430) (call $dev_irq_bind (i32.const 3) (i32.const 4) (i32.const 1)))
    ;; the storm (see the header); the child's death quiesced the device
    ;; (bus mastering off): set it up again on zeroed rings first
    (drop (call $mem_write (i32.const 6) (i32.const 0) (i32.const 0xc000) (i32.const 0x3000)))
    (call $init)
    (call $request (i32.const 1))
    (call $r64 (i32.const 5632) (call $wait (i32.const 4)))
    (call $r (i32.const 5696) (call $storm))
    (drop (call $dev_irq_ack (i32.const 3)))
    (drop (call $sleep (i32.const 1) (i64.const 20000000)))
    (call $r (i32.const 5760) (i32.wrap_i64 (call $poll_signal (i32.const 4))))
    (call $r (i32.const 5824) (call $dev_irq_bind (i32.const 3) (i32.const 4) (i32.const 1)))
    (call $r64 (i32.const 5888) (call $wait (i32.const 4)))
    (call $r (i32.const 5952) (i32.and (call $isr) (i32.const 1)))
    (call $r (i32.const 6016) (call $dev_irq_ack (i32.const 3)))
    (call $r (i32.const 5473) (call $wr (i32.const 18) (i32.const 1) (i32.const 0x70) (i64.const 0)))
    (call $exit (i32.const 0)))
  (data (i32.const 0x80) "hostile-dev-child")
)
