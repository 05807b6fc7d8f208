#!/usr/bin/env bash
# tests/report.sh SUITE PASSED FAILED [SKIPPED] - record a suite's counts for
# tests/run.sh (see there) and print them.
mkdir -p build/test-results
echo "$2 $3 ${4:-0}" > "build/test-results/$1.txt"
echo "$1: $2 passed, $3 failed, ${4:-0} skipped"
