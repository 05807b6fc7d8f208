# tests/debug/cmdline.gdb - check.sh's short sessions: the command line
# reached the kernel; then stop QEMU.
set pagination off
set confirm off
hbreak kernel_main
continue
print bi->cmdline
kill
