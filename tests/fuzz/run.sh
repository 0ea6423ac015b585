#!/bin/bash
# run.sh — runs the fuzz targets (make check-fuzz: FUZZ_SECONDS each, 30 by
# default; make fuzz-long: hours).  Each target first replays every input
# that ever crashed it (tests/fuzz/crashes/TARGET/), then fuzzes from its
# seeds: tests/fuzz/seeds/TARGET/, every test case and report of the
# repository, the layouts.  New inputs go to build/fuzz/corpus-TARGET
# (kept between runs, not committed); a crash is saved in build/fuzz/ and
# fails the run — copy it to tests/fuzz/crashes/TARGET/ with the fix.
# Prints one PASS/FAIL line per step.
set -u
cd "$(dirname "$0")/../.."
root=$PWD
SECONDS_EACH=${FUZZ_SECONDS:-30}
export REPORTC_ROOT=$PWD
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
work=$(mktemp -d)    # the targets' working directory: files a report names resolve here
trap 'rm -rf "$work"' EXIT
for target in report layout; do
    bin=$PWD/build/fuzz/fuzz_$target
    [ -x "$bin" ] || { echo "FAIL fuzz $target (build/fuzz/fuzz_$target not built: make fuzz)"; continue; }
    crashes=(tests/fuzz/crashes/$target/*)
    if [ -e "${crashes[0]}" ]; then
        if (cd "$work" && "$bin" -runs=1 "${crashes[@]/#/$root/}") > build/fuzz/replay-$target.log 2>&1; then
            echo "PASS fuzz $target-regressions (${#crashes[@]} inputs that once crashed it)"
        else
            echo "FAIL fuzz $target-regressions"; tail -30 build/fuzz/replay-$target.log | sed 's/^/    /'
        fi
    fi
    corpus=$PWD/build/fuzz/corpus-$target
    mkdir -p "$corpus"
    if [ "$target" = report ]; then
        seeds=(tests/fuzz/seeds/report tests/cases data tests/reports tests/hostile)
    else
        seeds=(tests/fuzz/seeds/layout layouts)
    fi
    existing=()
    for s in "${seeds[@]}"; do [ -d "$s" ] && existing+=("$PWD/$s"); done
    log=build/fuzz/fuzz-$target.log
    if (cd "$work" && "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -print_final_stats=1 -dict="$root/tests/fuzz/$target.dict" -artifact_prefix="$root/build/fuzz/" \
            "$corpus" "${existing[@]}") > "$log" 2>&1; then
        stats=$(grep -E '^stat::(number_of_executed_units|new_units_added)' "$log" | awk '{printf "%s ", $2}')
        cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
        echo "PASS fuzz $target (${SECONDS_EACH}s: executions, new units: $stats$cov)"
    else
        echo "FAIL fuzz $target"; grep -A30 -E 'ERROR|runtime error|SUMMARY' "$log" | head -40 | sed 's/^/    /'
    fi
done
