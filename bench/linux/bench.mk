# bench/linux/bench.mk - `make bench-linux`: the Linux baseline that
# `make bench` compares with (method: docs/bench.md).
#
#   make bench-linux               both architectures, then the table
#   make bench-linux ARCH=arm64    one architecture
#
# bench/linux/run.sh fetches Debian's kernel package (apt-get download +
# dpkg-deb: nothing is installed), builds bench/linux/init.c statically,
# boots it under icount and in plain TCG, and writes
# bench/results/linux-<arch>.json. Takes about a minute per architecture.
# Then bench/net/linux.sh runs Debian's mosquitto in the same kernel against
# bench/net/loadgen.c (bench/results/net-linux-<arch>.json; x86-64 only;
# about 2 minutes).

BENCH_RESULTS ?= bench/results
BENCH_LINUX_TIMEOUT ?= 300
ifeq ($(origin ARCH),file)
BENCH_ARCHS ?= x86_64 arm64
else
BENCH_ARCHS ?= $(ARCH)
endif

.PHONY: bench-linux
bench-linux:
	@fail=0; for a in $(BENCH_ARCHS); do \
		bash bench/linux/run.sh $$a $(BENCH_RESULTS) $(BENCH_LINUX_TIMEOUT) || fail=1; \
		bash bench/net/linux.sh $$a $(BENCH_RESULTS) $(BENCH_LINUX_TIMEOUT) || fail=1; \
	done; \
	python3 bench/kernel/table.py --wall $(BENCH_RESULTS) || fail=1; \
	exit $$fail
