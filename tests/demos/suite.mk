# tests/demos/suite.mk - host checks of the demos pipeline (tests/demos/run.sh).
TEST_SUITES += demos

.PHONY: test-demos
test-demos:
	@bash tests/demos/run.sh
