# tests/ports/suite.mk - programs from Debian source packages (ports/,
# ports/README.md) run as kernel tasks on each arch, under jwasm and
# natively, with their outputs compared (tests/ports/check.sh). The sources
# are fetched with apt-get source at build time: without the network the
# suite is skipped, or fails under CI.
TEST_SUITES += ports-x86_64 ports-arm64

.PHONY: test-ports-x86_64 test-ports-arm64
test-ports-x86_64 test-ports-arm64: test-ports-%:
	@bash tests/ports/check.sh $*
