# shell/shell.mk - the shell (shell/shell.c, docs/shell.md) and `make run`.
#
# The shell is a C task on the SDK. It is packed into the archive's second
# table (demos/demos.mk, HOSTILE_EXTRA) in a group of its own, `shell`,
# which neither `make qemu` (the demos) nor `hostile` runs; the command
# line word `shell` (src/runner/shell.c) starts it alone, with no time
# limit. tests/shell/shell-child.c (a task the shell's tests spawn) and
# tests/shell/shell-mon.c (hostile calls to the monitor, group shell-mon)
# go with it.
#
#   make run [ARCH=arm64]    boot into the shell on the serial console
#                            (RUN_TIMEOUT seconds, 0 = no limit)

SHELL_TASK_C := shell/shell.c tests/shell/shell-child.c tests/shell/shell-mon.c
HOSTILE_EXTRA += $(SHELL_TASK_C)
HOSTILE_EXTRA_WASMS += $(patsubst %.c,$(B)/hostile/%.wasm,$(notdir $(SHELL_TASK_C)))

$(B)/hostile/%.wasm: shell/%.c $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -c $< -o $@.o
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $@.o -o $@

$(B)/hostile/%.wasm: tests/shell/%.c $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -c $< -o $@.o
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $@.o -o $@

RUN_TIMEOUT ?= 0
.PHONY: run
run: kernel
	@bash tests/qemu-run.sh $(ARCH) $(RUN_TIMEOUT) "shell" $(B)/run.log -- \
		$(QEMU) $(QEMU_ARGS) $(QEMU_BOOT)
