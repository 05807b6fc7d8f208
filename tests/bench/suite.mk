# tests/bench/suite.mk - host checks of the `make bench` / `make bench-linux`
# tools on fixture input (tests/bench/test_benchlib.py; a few seconds, no
# QEMU). The benchmarks themselves never run under `make test`.
TEST_SUITES += bench-tools

.PHONY: test-bench-tools
test-bench-tools:
	@mkdir -p build/test-results
	@python3 tests/bench/test_benchlib.py build/test-results/bench-tools.counts; rc=$$?; \
	if [ -f build/test-results/bench-tools.counts ]; then \
		read p f < build/test-results/bench-tools.counts; \
		rm -f build/test-results/bench-tools.counts; \
		bash tests/report.sh bench-tools $$p $$f 0; \
	fi; exit $$rc
