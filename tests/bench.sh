#!/bin/bash
# bench.sh — the figures `make bench` prints: wall time (median of several
# runs; ±20 % on these machines), peak RSS, instructions (callgrind:
# repeatable) and output size, for data/2023.yaml and the generated tables.
set -u
cd "$(dirname "$0")/.."
instructions() { # instructions COMMAND…: callgrind's total
    command -v valgrind > /dev/null || { echo "instructions: (valgrind not installed)"; return; }
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 |
        sed -n 's/.*Collected : *\([0-9]*\).*/instructions: \1/p'
}
mkdir -p build
for mode in "" --no-pdfa; do
    echo "data/2023.yaml ${mode:-(PDF/A-1b)}:"
    build/bench 21 ./reportc $mode data/2023.yaml -o build/bench.pdf
    echo "PDF size: $(wc -c < build/bench.pdf) bytes"
    # Tagged PDF (issue 14): the structure tree's share of those bytes.
    command -v pdfinfo > /dev/null &&
        echo "structure elements: $(pdfinfo -struct build/bench.pdf 2>/dev/null | grep -c '^ *[A-Z]')"
    instructions ./reportc $mode data/2023.yaml -o build/bench.pdf
done
# OFD beside the PDF (issue 15: within 20 % of the PDF's cost).
echo "data/2023.yaml -o .ofd (bar: within 20 % of the PDF/A-1b figures above):"
build/bench 21 ./reportc data/2023.yaml -o build/bench.ofd
echo "OFD size: $(wc -c < build/bench.ofd) bytes"
instructions ./reportc data/2023.yaml -o build/bench.ofd
echo "reportc --check data/2023.yaml (bar: <= 10 ms):"
build/bench 21 ./reportc --check data/2023.yaml
instructions ./reportc --check data/2023.yaml
python3 tests/gen-table.py 600 > build/bench-600.yaml
python3 tests/gen-table.py 6000 > build/bench-6000.yaml
echo "table, 600 rows (bar: <= 150 ms):"
build/bench 11 ./reportc build/bench-600.yaml -o build/bench.pdf
echo "table, 6000 rows (bar: <= 10 x the 600-row time):"
build/bench 5 ./reportc build/bench-6000.yaml -o build/bench.pdf

# Issue 16's bars, each figure beside its bar.  Instructions from callgrind
# (both threads); peak RSS from tests/bench.c (the largest of its runs).
echo "issue 16 bars:"
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'; }
bar() { printf '  %-46s %15s   bar %s\n' "$1" "$2" "$3"; }
if command -v valgrind > /dev/null; then
    bar "data/2023.yaml, PDF/A: instructions" "$(count ./reportc data/2023.yaml -o build/bench.pdf)" "<= 40,000,000"
    bar "data/2023.yaml, PDF/A: bytes" "$(wc -c < build/bench.pdf)" "<= 138,240 (135 KB)"
    bar "reportc --check data/2023.yaml: instructions" "$(count ./reportc --check data/2023.yaml)" "<= 5,000,000"
    bar "table of 6,000 rows: instructions" "$(count ./reportc build/bench-6000.yaml -o build/bench.pdf)" "<= 1,500,000,000"
else
    echo "  (valgrind not installed: no instruction counts)"
fi
bar "table of 6,000 rows: peak RSS" "$(build/bench 3 ./reportc build/bench-6000.yaml -o build/bench.pdf | sed -n 's/^peak RSS: //p')" "<= 60 MB"
