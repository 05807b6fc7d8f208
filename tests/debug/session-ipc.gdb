# tests/debug/session-ipc.gdb - the second session of check.sh (DEMO=ipc):
# stop when the server replies to the client's first call; the client is
# then switched out inside its `call` system call, so its wasm stack comes
# from unwinding the registers it was switched out with. Then `bt` from
# the timer interrupt must reach the interrupted code (the trap entry's
# call-frame information).
set pagination off
set confirm off
hbreak sys_reply_recv
continue
echo --- jericho tasks\n
jericho tasks
echo --- jericho wasm-stack ipc-client\n
jericho wasm-stack ipc-client
echo --- jericho wasm-stack\n
jericho wasm-stack
echo --- jericho cspace ipc-server\n
jericho cspace ipc-server
echo --- jericho runq\n
jericho runq
echo --- bt from the timer interrupt\n
delete
hbreak kernel_timer_tick
continue
bt 4
echo --- done\n
delete
continue
