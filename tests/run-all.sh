#!/bin/bash
# run-all.sh — runs reportc's tests and ends with "N passed, N failed" (CI
# counts from that line).
#   tests/run-all.sh [all|unit|structure|e2e|asan|fuzz]…
#     unit       tests/unit/*.c, built under ASan+UBSan (make builds them)
#     structure  tests/check-structure.py: the pipeline's rules
#     e2e        tests/e2e/*.sh with the optimised binary
#     asan       tests/e2e/*.sh with the ASan+UBSan build
#     fuzz       tests/fuzz/run.sh: crash regressions, then FUZZ_SECONDS per target
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh

# Counts the PASS/FAIL lines of a command's output.
tally() {
    local line
    while IFS= read -r line; do
        echo "$line"
        case $line in
        PASS*) PASS=$((PASS + 1)) ;;
        FAIL*) FAIL=$((FAIL + 1)) ;;
        esac
    done
}

run_unit() {
    local t
    for t in build/asan/unit/*; do
        [ -x "$t" ] || continue
        case $t in
        */pdf_smoke) tally < <(tests/unit/pdf_smoke.sh 2>&1) ;;
        *) tally < <(ASAN_OPTIONS=detect_leaks=1 "$t" 2>&1 || echo "FAIL unit $(basename "$t") (exit $?)") ;;
        esac
    done
}

run_e2e() {
    export REPORTC="$1"
    local suite
    for suite in tests/e2e/*.sh; do run_suite "$suite"; done
}

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(all)
[ "${groups[0]}" = all ] && groups=(unit structure e2e asan fuzz)
for g in "${groups[@]}"; do
    case $g in
    unit) run_unit ;;
    structure) tally < <(python3 tests/check-structure.py 2>&1) ;;
    e2e) run_e2e ./reportc ;;
    asan) run_e2e build/asan/reportc ;;
    fuzz) tally < <(tests/fuzz/run.sh 2>&1) ;;
    *) echo "run-all.sh: unknown group $g"; FAIL=$((FAIL + 1)) ;;
    esac
done
summary
