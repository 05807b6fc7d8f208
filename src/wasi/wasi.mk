# src/wasi/wasi.mk - the portable WASI preview-1 layer (src/wasi/wasi.h):
# in the kernel (KOBJS, with the rest of the generic code's flags) and in
# the host library libhost (src/host/host.mk adds it there).
KOBJS += $(patsubst src/%.c,$(B)/%.o,$(wildcard src/wasi/*.c))
