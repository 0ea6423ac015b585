#!/bin/bash
# pdf_smoke.sh — runs tests/unit/pdf_smoke.c (built by make under
# ASan+UBSan: build/asan/unit/pdf_smoke), which writes a three-font, two-page PDF and checks it as a reader
# sees it: fonts embedded/subset/ToUnicode, exact text (𠮷 included), no
# poppler messages, qpdf clean, Chinese title.  One PASS/FAIL line per check;
# exit status non-zero when any check fails.
#   tests/unit/pdf_smoke.sh [OUTDIR]      (default: a temporary directory)
set -u
cd "$(dirname "$0")/../.."
OUT=${1:-$(mktemp -d)}
mkdir -p "$OUT"
BIN=build/asan/unit/pdf_smoke PDF=$OUT/smoke.pdf EXP=$OUT/smoke.expected
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
failures=0
check() { # check NAME COMMAND...: PASS when the command succeeds
    local name=$1; shift
    if "$@"; then echo "PASS pdf_smoke $name"; else echo "FAIL pdf_smoke $name"; failures=$((failures + 1)); fi
}

[ -x "$BIN" ] || { echo "FAIL pdf_smoke build (make build/asan/unit/pdf_smoke first)"; exit 1; }
check run "$BIN" "$PDF" "$EXP" || { echo "FAIL pdf_smoke (no PDF to inspect)"; exit 1; }

# Every font: CID TrueType, embedded, subset, with ToUnicode.
fonts_ok() {
    local out err
    out=$(pdffonts "$PDF" 2>"$OUT/pdffonts.err") || return 1
    printf '%s\n' "$out"
    local n bad
    n=$(printf '%s\n' "$out" | tail -n +3 | wc -l)
    bad=$(printf '%s\n' "$out" | tail -n +3 | awk '$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes"' | wc -l)
    [ "$n" -eq 3 ] && [ "$bad" -eq 0 ]
}
check pdffonts fonts_ok

# The text a reader extracts is exactly what was drawn, in order.
text_ok() {
    pdftotext -raw -enc UTF-8 "$PDF" "$OUT/smoke.txt" 2>"$OUT/pdftotext.err" || return 1
    local want got
    want=$(tr -d ' \t\n\f' < "$EXP")
    got=$(tr -d ' \t\n\f' < "$OUT/smoke.txt")
    [ "$want" = "$got" ] || { echo "    want: $want"; echo "    got:  $got"; return 1; }
    grep -q '𠮷' "$OUT/smoke.txt"
}
check pdftotext text_ok

render_ok() { pdftoppm -r 60 -png "$PDF" "$OUT/smoke" 2>"$OUT/pdftoppm.err" && [ -s "$OUT/smoke-1.png" ]; }
check pdftoppm render_ok

poppler_quiet() {
    local f ok=0
    for f in pdffonts pdftotext pdftoppm; do
        if [ -s "$OUT/$f.err" ]; then echo "    $f: $(head -3 "$OUT/$f.err")"; ok=1; fi
    done
    return $ok
}
check poppler-quiet poppler_quiet

qpdf_ok() { local out; out=$(qpdf --check "$PDF" 2>&1) || { echo "$out" | head -5; return 1; }; }
check qpdf qpdf_ok

title_ok() { pdfinfo "$PDF" 2>/dev/null | grep -q '^Title: *卫东区2023年政府信息公开工作年度报告$'; }
check pdfinfo-title title_ok

pdfa_ok() { # PDF 1.4 with XMP metadata (the validator runs in tests/e2e/pdfa.sh)
    local info; info=$(pdfinfo "$PDF" 2>&1)
    printf '%s\n' "$info" | grep -q '^PDF version: *1.4$' && printf '%s\n' "$info" | grep -q '^Metadata Stream: *yes$'
}
check pdfa pdfa_ok

outline_ok() { # three bookmarks, the second nested (qpdf's JSON view)
    qpdf --json --json-key=outlines "$PDF" 2>/dev/null | python3 -c '
import json, sys
o = json.load(sys.stdin)["outlines"]
t = [(x["title"], [k["title"] for k in x["kids"]]) for x in o]
sys.exit(0 if t == [("一、总体情况", ["（一）主动公开"]), ("二、附录", [])] else 1)'
}
check outline outline_ok

echo "output in $OUT"
[ "$failures" -eq 0 ]
