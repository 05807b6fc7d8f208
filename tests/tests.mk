# tests/tests.mk - includes every test suite's fragment (tests/*/suite.mk).
# Each fragment adds `TEST_SUITES += name` and a `test-name` target that ends
# with tests/report.sh (see tests/run.sh).
include $(sort $(wildcard tests/*/suite.mk))

# The kernel lane of tests/run.sh (suites run two at a time): the suites
# that build or boot build/ARCH/ (the NETSTACK=1 and PORTS=1 builds rewrite
# its jericho.pak, and the ISOs with it), or build build/tlsterm/ (tls-host,
# shared with mqtt-net), run one after the other in that lane; every other
# suite touches build/host/ only and runs in the host lane beside it.
TEST_KERNEL_SUITES = $(filter %-x86_64 %-arm64 x86_64-% arm64-% debug kfault bootpack \
	tls-host,$(TEST_SUITES))

# What both lanes use, built before they start (make -jN): both kernels
# with their archives (plain builds; the x86_64 one makes the benchmark
# modules allocfail reads, build/x86_64/benchwasm/), and jwasm (the ports,
# wasi and tls-host suites run it; it links the host libraries the host
# lane's suites build).
.PHONY: test-prebuild
test-prebuild:
	$(MAKE) --no-print-directory ARCH=x86_64 kernel
	$(MAKE) --no-print-directory ARCH=arm64 kernel
	$(MAKE) --no-print-directory $(H)/jwasm
