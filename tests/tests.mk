# tests/tests.mk - includes every test suite's fragment (tests/*/suite.mk).
# Each fragment adds `TEST_SUITES += name` and a `test-name` target that ends
# with tests/report.sh (see tests/run.sh).
include $(sort $(wildcard tests/*/suite.mk))
