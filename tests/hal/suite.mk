# tests/hal/suite.mk - every architecture's own test suites, whatever ARCH is.
#
# src/hal/<arch>/arch.mk registers its suites as `HAL_TEST_SUITES += name`
# and defines their targets; only the current ARCH's arch.mk is included, so
# the other architecture's suites are run through a sub-make with its ARCH.
TEST_SUITES += $(shell sed -n 's/^HAL_TEST_SUITES *+= *//p' src/hal/*/arch.mk)

test-x86_64-%:
	@$(MAKE) --no-print-directory ARCH=x86_64 $@
test-arm64-%:
	@$(MAKE) --no-print-directory ARCH=arm64 $@
