#!/bin/bash
# Runs every test of reportc: the end-to-end suites in tests/e2e/ once with
# the optimised binary and once with the AddressSanitizer + UBSan build.
# The last line is "N passed, N failed" (CI counts from it).
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh

# The PDF back end on its own (tests/unit/pdf_smoke.c, ASan+UBSan build).
while IFS= read -r line; do
    echo "$line"
    case $line in
    PASS*) PASS=$((PASS + 1)) ;;
    FAIL*) FAIL=$((FAIL + 1)) ;;
    esac
done < <(tests/unit/pdf_smoke.sh 2>&1)

for binary in ./reportc build/asan/reportc; do
    export REPORTC="$binary"
    for suite in tests/e2e/*.sh; do
        run_suite "$suite"
    done
done
summary
