# tests/lint/suite.mk - static checks of src/ (docs/lint.md).
#
#   make lint         cppcheck and clang-tidy over every source of both
#                     kernel targets and the host build; any finding fails
#   make test-lint    the same, as the `lint` test suite (one count per
#                     tool, target and file; a missing tool skips its files)
#
# Neither needs a build: the tools read the sources with the Makefile's
# include paths and defines (tests/lint/lint.sh).

TEST_SUITES += lint

.PHONY: lint test-lint
lint:
	@bash tests/lint/lint.sh

test-lint:
	@LINT_REPORT=lint bash tests/lint/lint.sh
