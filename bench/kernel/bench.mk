# bench/kernel/bench.mk - `make bench` (method and protocol: docs/bench.md).
#
#   make bench                 both architectures, then the table
#   make bench ARCH=arm64      one architecture, then the table
#
# For each architecture, bench-arch builds the kernel and runs
# bench/kernel/run.sh: image sizes on the host, then two boots with the
# command line "bench" (icount for instruction counts, plain TCG for wall
# time) whose [bench] lines become bench/results/<arch>.json. The table
# puts them next to the committed Linux baseline
# (bench/results/linux-<arch>.json, refreshed by `make bench-linux`) and is
# also written to bench/results/table.txt and table.md. bench-host counts
# the bench/ programs on the host (jwasm and native, cachegrind:
# bench/kernel/host_interp.py -> bench/results/interp-host.json), shown
# beside the interp_* rows in a second table. bench-net (bench/net/bench.mk)
# measures the broker against mosquitto on each architecture (its table is
# the third; BENCH_NET=0 leaves it out: it fetches lwIP and mbedTLS and takes
# about 3 minutes an architecture). Targets are checked here and only here,
# never by `make test`.

BENCH_RESULTS ?= bench/results
BENCH_TIMEOUT ?= 150
ifeq ($(origin ARCH),file)
BENCH_ARCHS ?= x86_64 arm64
else
BENCH_ARCHS ?= $(ARCH)
endif

.PHONY: bench bench-arch bench-host bench-table
bench:
	@fail=0; for a in $(BENCH_ARCHS); do \
		$(MAKE) --no-print-directory ARCH=$$a NET_IOEVENTFD=off bench-arch || fail=1; \
		$(if $(filter 0,$(BENCH_NET)),,$(MAKE) --no-print-directory ARCH=$$a bench-net || fail=1;) \
	done; \
	$(MAKE) --no-print-directory bench-host || fail=1; \
	$(MAKE) --no-print-directory bench-table || fail=1; \
	exit $$fail

# The benchmarks are in the test image; the image-size row measures the
# default one (bench/kernel/run.sh).
bench-arch: KIMAGE := jericho-test
bench-arch:
	@$(MAKE) --no-print-directory ARCH=$(ARCH) kernel >/dev/null
	@bash bench/kernel/run.sh $(ARCH) $(BENCH_RESULTS) $(BENCH_TIMEOUT) "$(KSIZE)" "$(CROSS)strip" \
		-- $(QEMU) $(QEMU_ARGS) $(QEMU_BOOT)

bench-host: bench-build $(H)/jwasm
	@mkdir -p $(BENCH_RESULTS)
	@python3 bench/kernel/host_interp.py $(H) $(BENCH_RESULTS)/interp-host.json

bench-table:
	@python3 bench/kernel/table.py --wall $(BENCH_RESULTS) | tee $(BENCH_RESULTS)/table.txt
	@python3 bench/kernel/table.py --markdown $(BENCH_RESULTS) > $(BENCH_RESULTS)/table.md

# The wasm modules of the in-kernel wasm benchmarks.
include bench/kernel/wasm/wasm.mk

# make bench-one BENCH=PREFIX [ARCH=...]: only the benchmarks whose name
# starts with PREFIX (command line bench=PREFIX), under icount; prints the
# [bench] lines. A quick check, no JSON, no table.
.PHONY: bench-one
bench-one: KIMAGE := jericho-test
bench-one:
	@$(MAKE) --no-print-directory ARCH=$(ARCH) kernel >/dev/null
	@bash tests/qemu-run.sh $(ARCH) $(BENCH_TIMEOUT) bench=$(BENCH) build/$(ARCH)/bench-one.log -- \
		$(QEMU) $(QEMU_ARGS) $(QEMU_BOOT) -icount shift=0,align=off,sleep=off >/dev/null; \
	rc=$$?; grep -a '^\[bench\]' build/$(ARCH)/bench-one.log; exit $$rc
