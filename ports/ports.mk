# ports/ports.mk - programs from Debian source packages built for JerichoOS
# (ports/README.md). Sources are fetched by ports/fetch.sh into
# build/ports/src/ (apt-get source with a private deb-src list), never
# committed. The modules are wasm, the same for both arches:
#
#   lua5.4 (Debian source) + ports/lua/*.c + ports/sjlj/
#       --clang wasm32-wasi--> build/ports/lua/lua-pre.wasm
#       --wasm-opt --asyncify (errors as try/throw, ports/sjlj/)--> build/ports/lua.wasm
#   sqlite3 (Debian source) --its build, on the host--> sqlite3.c, shell.c
#       + ports/sqlite/*.c --clang wasm32-wasi, wasm-opt--> build/ports/sqlite.wasm
#
# The ports join the boot-module archive's hostile table (as tests/wasi/
# does) only when PORTS=1 is given (make PORTS=1 ...; tests/ports/check.sh
# does), so that a plain `make` never needs the network: as groups port-lua
# and port-sqlite, booted one at a time (CMDLINE=hostile=port-lua).
PORTS_B := build/ports
PORT_CC ?= clang
WASM_OPT ?= wasm-opt

# ---- Lua 5.4 --------------------------------------------------------------------
LUA_SRC := $(PORTS_B)/src/lua5.4
LUA_B := $(PORTS_B)/lua
# Every file of Lua 5.4's src/ but luac.c (its Makefile's CORE_O, LIB_O, LUA_O).
LUA_FILES := lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject \
	lopcodes lparser lstate lstring ltable ltm lundump lvm lzio lauxlib lbaselib \
	lcorolib ldblib liolib lmathlib loadlib loslib lstrlib ltablib lutf8lib linit lua
# Lua's own luaconf.h (Debian's: it includes lua5.4-deb-multiarch.h, which
# Debian's rules write; ours names the target) with ports/lua/wasi_config.h
# put first (errors as try/throw: ports/sjlj/).
# Debian's wasi-libc emulates signal() and clock() in two small libraries.
LUA_CFLAGS := --target=wasm32-wasi -O2 -Iports/sjlj -I$(LUA_B) \
	-include ports/lua/wasi_config.h -D_WASI_EMULATED_SIGNAL \
	-D_WASI_EMULATED_PROCESS_CLOCKS -Wno-deprecated-declarations
LUA_LDFLAGS := --target=wasm32-wasi -Wl,-z,stack-size=262144 \
	-lwasi-emulated-signal -lwasi-emulated-process-clocks
LUA_PORT_SRCS := ports/lua/wasi_config.h ports/lua/wasi_stubs.c ports/sjlj/setjmp.h ports/sjlj/try.h \
	ports/sjlj/sjlj.c ports/sjlj/sp.s

$(LUA_SRC)/.unpacked: ports/fetch.sh
	$(Q)bash ports/fetch.sh lua5.4 $(LUA_SRC)

# One recipe for the whole program (about 30 files; rebuilt when a port
# file changes).
$(LUA_B)/lua-pre.wasm: $(LUA_SRC)/.unpacked $(LUA_PORT_SRCS) ports/ports.mk
	@mkdir -p $(LUA_B)
	@echo '#define DEB_HOST_MULTIARCH "wasm32-wasi"' > $(LUA_B)/lua5.4-deb-multiarch.h
	$(Q)set -e; for f in $(LUA_FILES); do \
		$(PORT_CC) $(LUA_CFLAGS) -c $(LUA_SRC)/src/$$f.c -o $(LUA_B)/$$f.o; \
	done
	$(Q)$(PORT_CC) $(LUA_CFLAGS) -c ports/lua/wasi_stubs.c -o $(LUA_B)/wasi_stubs.o
	$(Q)$(PORT_CC) $(LUA_CFLAGS) -c ports/sjlj/sjlj.c -o $(LUA_B)/sjlj.o
	$(Q)$(PORT_CC) --target=wasm32-wasi -c ports/sjlj/sp.s -o $(LUA_B)/sp.o
	$(Q)$(PORT_CC) $(addprefix $(LUA_B)/,$(addsuffix .o,$(LUA_FILES))) $(LUA_B)/wasi_stubs.o \
		$(LUA_B)/sjlj.o $(LUA_B)/sp.o $(LUA_LDFLAGS) -o $@

# --asyncify before -O2: the optimizer must not inline the function that
# starts an unwind into its caller (ports/sjlj/sjlj.c). WASI imports never
# unwind (asyncify-ignore-imports); indirect calls may (Lua's C functions).
# -g keeps the name section (traps name their function); the DWARF that
# wasi-libc.a brings is dropped.
$(PORTS_B)/lua.wasm: $(LUA_B)/lua-pre.wasm
	$(Q)$(WASM_OPT) -g --asyncify --pass-arg=asyncify-ignore-imports -O2 \
		--strip-dwarf --strip-producers $< -o $@

# The manifest: ports/lua/lua.manifest with the script's size filled in
# (the task reads exactly that many bytes of stdin: the console never ends).
$(PORTS_B)/port-lua.manifest: ports/lua/lua.manifest ports/lua/bench.lua
	@mkdir -p $(dir $@)
	$(Q)sed "s/@SCRIPT_BYTES@/$$(wc -c < ports/lua/bench.lua)/g" $< > $@

$(B)/hostile/port-lua.wasm: $(PORTS_B)/lua.wasm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

# ---- SQLite 3.40 shell ----------------------------------------------------------
# Debian's sqlite3 source is SQLite's full tree: its own build makes the
# amalgamation sqlite3.c and shell.c on the host (configure, tclsh, lemon),
# then both are compiled for wasm32-wasi with an operating-system layer of
# our own (ports/sqlite/wasi_vfs.c: SQLITE_OS_OTHER; SQLite's unix layer
# needs locks, mmap, fchown that WASI lacks; no files: ":memory:" only).
SQLITE_SRC := $(PORTS_B)/src/sqlite3
SQLITE_B := $(PORTS_B)/sqlite
SQLITE_CFLAGS := --target=wasm32-wasi -O2 -Iports/sqlite/include -I$(SQLITE_B)/gen \
	-DSQLITE_OS_OTHER=1 -DSQLITE_TEMP_STORE=3 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_WAL \
	-DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_SHARED_CACHE -DSQLITE_NOHAVE_SYSTEM \
	-DSQLITE_OMIT_POPEN -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_SIGNAL \
	-D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID
SQLITE_LDFLAGS := --target=wasm32-wasi -lwasi-emulated-mman -lwasi-emulated-signal \
	-lwasi-emulated-process-clocks -lwasi-emulated-getpid

$(SQLITE_SRC)/.unpacked: ports/fetch.sh
	$(Q)bash ports/fetch.sh sqlite3 $(SQLITE_SRC)

$(SQLITE_B)/gen/sqlite3.c: $(SQLITE_SRC)/.unpacked
	@rm -rf $(SQLITE_B)/gen && mkdir -p $(SQLITE_B)/gen
	$(Q)cd $(SQLITE_B)/gen && $(CURDIR)/$(SQLITE_SRC)/configure --disable-tcl > configure.log 2>&1 && \
		$(MAKE) --no-print-directory sqlite3.c shell.c > gen.log 2>&1 || \
		{ echo "ports: making SQLite's amalgamation failed: see $(SQLITE_B)/gen/"; exit 1; }

$(SQLITE_B)/sqlite3.o: $(SQLITE_B)/gen/sqlite3.c ports/ports.mk
	$(Q)$(PORT_CC) $(SQLITE_CFLAGS) -c $< -o $@

$(SQLITE_B)/%.o: ports/sqlite/%.c $(SQLITE_B)/gen/sqlite3.c ports/ports.mk
	$(Q)$(PORT_CC) $(SQLITE_CFLAGS) -Wall -Wextra -Werror -c $< -o $@

$(SQLITE_B)/shell.o: $(SQLITE_B)/gen/sqlite3.c ports/sqlite/include/pwd.h \
		ports/sqlite/wasi_config.h ports/ports.mk
	$(Q)$(PORT_CC) $(SQLITE_CFLAGS) -include ports/sqlite/wasi_config.h \
		-c $(SQLITE_B)/gen/shell.c -o $@

# No setjmp in SQLite: no Asyncify. wasm-opt only drops wasi-libc's DWARF
# (the name section stays).
$(PORTS_B)/sqlite.wasm: $(addprefix $(SQLITE_B)/,sqlite3.o shell.o wasi_vfs.o wasi_stubs.o)
	$(Q)$(PORT_CC) $^ $(SQLITE_LDFLAGS) -o $(SQLITE_B)/sqlite-pre.wasm
	$(Q)$(WASM_OPT) -g --strip-dwarf --strip-producers $(SQLITE_B)/sqlite-pre.wasm -o $@

$(PORTS_B)/port-sqlite.manifest: ports/sqlite/sqlite.manifest
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

$(B)/hostile/port-sqlite.wasm: $(PORTS_B)/sqlite.wasm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

.PHONY: ports
ports: $(PORTS_B)/lua.wasm $(PORTS_B)/port-lua.manifest \
	$(PORTS_B)/sqlite.wasm $(PORTS_B)/port-sqlite.manifest

ifeq ($(PORTS),1)
HOSTILE_EXTRA += $(PORTS_B)/port-lua.manifest $(PORTS_B)/port-sqlite.manifest
HOSTILE_EXTRA_WASMS += $(B)/hostile/port-lua.wasm $(B)/hostile/port-sqlite.wasm
endif

# make bench-ports: the Lua script's run time in the kernel under -icount
# (both arches), under jwasm and natively, and both modules' start-up
# (bench/ports/ports.py; writes bench/results/ports.md).
.PHONY: bench-ports
bench-ports:
	@$(PYTHON3) bench/ports/ports.py
