# ports/sjlj/sp.s - read and set the shadow-stack pointer (the linker's
# __stack_pointer global), which C cannot name: __sjlj_try (sjlj.c) puts it
# back as it was at the try when it catches a throw.
	.globaltype __stack_pointer, i32

	.globl __sjlj_sp_get
	.type __sjlj_sp_get,@function
__sjlj_sp_get:
	.functype __sjlj_sp_get () -> (i32)
	global.get __stack_pointer
	end_function

	.globl __sjlj_sp_set
	.type __sjlj_sp_set,@function
__sjlj_sp_set:
	.functype __sjlj_sp_set (i32) -> ()
	local.get 0
	global.set __stack_pointer
	end_function
