# tests/debug/session.gdb - what tests/debug/check.sh does in gdb, after
# the command `make debug` printed has connected: stop in the kernel, read
# a symbol, stop in a system call of the demo's wasm task, run every
# helper, then let the kernel run to its end. hbreak, not break: on x86-64
# GRUB loads the kernel after gdb has attached, over any int3 gdb wrote.
set pagination off
set confirm off
hbreak kernel_main
continue
print/x sched_rq_bitmap_
print bi->nram
hbreak sys_console_write
continue
print sched_current_->name
echo --- jericho tasks\n
jericho tasks
echo --- jericho runq\n
jericho runq
echo --- jericho cspace\n
jericho cspace
echo --- jericho cspace boot\n
jericho cspace boot
echo --- jericho wasm-stack\n
jericho wasm-stack
echo --- jericho wasm-stack factorial\n
jericho wasm-stack factorial
echo --- done\n
delete
continue
