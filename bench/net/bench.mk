# bench/net/bench.mk - the broker against mosquitto (docs/bench.md, "The
# broker against mosquitto"; issue 15):
#
#   make bench-net               JerichoOS's broker (serve=mqtt-net), x86-64
#   make bench-net ARCH=arm64    the same on arm64
#
# bench/net/jericho.sh boots the networked MQTT system twice (icount, plain
# TCG) and measures it with the host load generator bench/net/loadgen.c:
# bench/results/net-ARCH.json. mosquitto's side is part of
# `make bench-linux` (bench/net/linux.sh: bench/results/net-linux-ARCH.json).
# `make bench` runs bench-net for each of its architectures.
BENCH_NET_TIMEOUT ?= 900

.PHONY: bench-net bench-net-qemu-cmd
bench-net:
	@bash bench/net/jericho.sh $(ARCH) $(BENCH_RESULTS) $(BENCH_NET_TIMEOUT)

# The QEMU command line of a NET=user boot (bench/net/jericho.sh reads it).
bench-net-qemu-cmd:
	@echo $(QEMU) $(QEMU_ARGS) $(QEMU_BOOT)

$(H)/bench/loadgen: bench/net/loadgen.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $<
