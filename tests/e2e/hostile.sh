# hostile.sh — hostile inputs: every case in tests/hostile/*.yaml, and every
# case tests/hostile/gen.py generates (too big, binary, or needing a FIFO or
# a hand-made image), must be handled without a crash, a hang, a lost file
# or a wrong number.  Each case starts with comment lines:
#   # exit: N          the exit status a correct compiler gives
#   # at: L:C          where the first error must be reported (1-based, column in characters)
#   # at-file: F:L:C   … or the same in another file F (a layout file, last year's report)
#   # why: …           what is hostile and what a good diagnostic says
#   # files: A B …     (optional) files of tests/hostile/ the case names, copied flat beside it
#   # says: TEXT       (optional) text the positioned error line must contain
#                      (commas in the error line are ignored, so 40000001 matches 40,000,001)
# For each case: exit status as given; for exit 1 an `F:L:C: error:` line at
# the position with a `= hint:` among its lines; no signal, no sanitizer
# report; ≤ 2 s wall and ≤ 200 MB peak RSS (ASan build: 10 s, RSS unchecked);
# at most 500 lines and 100 KB on stderr (errors and warnings are capped);
# a pre-existing out.pdf unchanged after a failure, and no new file in the
# directory (no out.pdf.tmp*) whatever the outcome.
# Then the file-safety promises: the input never overwritten, FIFOs and
# devices refused, seal/previous never hang, `init` never clobbers, signals
# leave no temporary file and the old PDF intact.  And a few exact numbers
# and headings read back with pdftotext.
#
# Needs GNU time at /usr/bin/time (Debian package `time`) for the time and
# memory measurement.

HOSTILE="$ROOT/tests/hostile"
TIME_BIN=/usr/bin/time

# The binary under test as an absolute path ($REPORTC is relative to $ROOT,
# as rc has it, unless it is already absolute).
hostile_bin() {
    case $REPORTC in
    /*) printf '%s\n' "$REPORTC" ;;
    *) printf '%s\n' "$ROOT/$REPORTC" ;;
    esac
}

hostile_is_asan() { case $REPORTC in *asan*) return 0 ;; esac; return 1; }

# hdr KEY FILE: the value of the first "# KEY: " header line of FILE.  NUL
# bytes are dropped first, so the ASCII header of a UTF-16LE case reads too.
hdr() { tr -d '\000' < "$2" | sed -n "s/^[^#]*# $1: //p" | head -n 1 | tr -d '\r'; }

# Bytes of out.pdf before every run: a "good PDF" a failed compile must keep.
hostile_seed_output() {
    printf '%%PDF-1.4\n%% reportc hostile.sh: the previous good output, which must survive\n%%%%EOF\n' > "$T/out.pdf"
    cp "$T/out.pdf" "$T/.harness/out.pdf.before"
}

# The files of $T (except the harness's own), one per line, sorted.
hostile_listing() { (cd "$T" && find . -path ./.harness -prune -o -print | LC_ALL=C sort); }

# Runs "$@" (the binary and its arguments) under GNU time and timeout
# (killed after 5 s, ASan 20 s: well past the limits checked), from $T.
# Sets H_STATUS, H_WALL (s), H_RSS (KB, the peak of the compiler: GNU time
# sees the largest descendant through timeout); stderr in .harness/stderr.
hostile_run() {
    local limit=5
    hostile_is_asan && limit=20
    : > "$T/.harness/time"
    (cd "$T" && "$TIME_BIN" -f '%e %M' -o "$T/.harness/time" \
        timeout -k 2 "$limit" "$@" > "$T/.harness/stdout" 2> "$T/.harness/stderr" < /dev/null)
    H_STATUS=$?
    # GNU time adds "Command exited with non-zero status N" or
    # "Command terminated by signal N" before the format line.
    read -r H_WALL H_RSS < <(tail -n 1 "$T/.harness/time")
    H_WALL=${H_WALL:-0}
    H_RSS=${H_RSS:-0}
}

# Checks a run against the case's headers.  $1 = the case file in $T.
hostile_check() {
    local file=$1 base want at atfile pos name says line lineno excerpt errline hintok
    local err="$T/.harness/stderr" problems=0
    base=$(basename "$file")
    want=$(hdr exit "$file")
    at=$(hdr at "$file")
    atfile=$(hdr at-file "$file")
    says=$(hdr says "$file")
    [ -n "$want" ] || { fail "case $base has no '# exit:' line"; return 1; }
    # (c) no signal, no sanitizer report
    if [ "$H_STATUS" -ge 124 ]; then
        case $H_STATUS in
        124|137) fail "TIMEOUT: killed after the time limit (exit status $H_STATUS)" ;;
        *) fail "SIGNAL: exit status $H_STATUS (signal $((H_STATUS - 128)))" ;;
        esac
        problems=1
    fi
    if grep -q 'AddressSanitizer\|runtime error\|LeakSanitizer' "$err"; then
        fail "SANITIZER: $(grep -m 1 'AddressSanitizer\|runtime error\|LeakSanitizer' "$err")"
        problems=1
    fi
    # (a) exit status
    if [ "$H_STATUS" != "$want" ] && [ "$H_STATUS" -lt 124 ]; then
        fail "EXIT: $H_STATUS, expected $want; first stderr line: $(head -n 1 "$err" | cut -c 1-300)"
        problems=1
    fi
    # (b) the error at its position, with a hint
    if [ "$want" = 1 ]; then
        if [ -n "$atfile" ]; then
            name=${atfile%:*:*}
            pos=${atfile#"$name":}
        else
            name=$base
            pos=$at
        fi
        if [ -z "$pos" ]; then
            fail "case $base has neither '# at:' nor '# at-file:'"
            problems=1
        else
            # NAME may be shown with a directory (./layout.yaml, /tmp/…/layout.yaml).
            lineno=$(grep -n -F -- "$name:$pos: error:" "$err" | while IFS=: read -r n rest; do
                l=$(sed -n "${n}p" "$err")
                case $l in
                "$name:$pos: error:"*|*/"$name:$pos: error:"*) echo "$n"; break ;;
                esac
            done)
            if [ -z "$lineno" ]; then
                fail "POSITION: no '$name:$pos: error:' line; first error: $(grep -m 1 ': error: ' "$err" | cut -c 1-300)"
                problems=1
            else
                errline=$(sed -n "${lineno}p" "$err")
                # the hint belongs to this diagnostic: before the next one starts
                hintok=$(tail -n +"$((lineno + 1))" "$err" | awk '
                    /^[^ ].*:[0-9]+:[0-9]+: (error|warning): / || /^reportc: / { exit }
                    /= hint:/ { print "yes"; exit }')
                [ "$hintok" = yes ] || { fail "HINT: no '= hint:' line after: $errline"; problems=1; }
                if [ -n "$says" ] && ! printf '%s\n' "$errline" | tr -d ',' | grep -q -F -- "$says"; then
                    fail "MESSAGE: the error at $pos does not say '$says': $errline"
                    problems=1
                fi
            fi
        fi
    fi
    # (d) time and memory
    local wall_limit=2
    hostile_is_asan && wall_limit=10
    if awk -v w="$H_WALL" -v l="$wall_limit" 'BEGIN { exit !(w > l) }'; then
        fail "TIME: ${H_WALL}s wall, limit ${wall_limit}s"
        problems=1
    fi
    if ! hostile_is_asan && [ "$H_RSS" -gt 204800 ]; then
        fail "MEMORY: peak RSS $((H_RSS / 1024)) MB, limit 200 MB"
        problems=1
    fi
    # capped diagnostics
    local nlines nbytes
    nlines=$(wc -l < "$err")
    nbytes=$(wc -c < "$err")
    if [ "$nlines" -gt 500 ] || [ "$nbytes" -gt 102400 ]; then
        fail "OUTPUT: $nlines lines, $nbytes bytes on stderr (limit 500 lines, 100 KB)"
        problems=1
    fi
    # (e) files: the old PDF kept after a failure, nothing new left behind
    if [ "$H_STATUS" != 0 ]; then
        if [ ! -e "$T/out.pdf" ]; then
            fail "CLOBBERED: out.pdf is gone"
            problems=1
        elif ! cmp -s "$T/out.pdf" "$T/.harness/out.pdf.before"; then
            fail "CLOBBERED: out.pdf was changed by a failed compile"
            problems=1
        fi
    elif [ "$want" = 0 ]; then
        head -c 5 "$T/out.pdf" | grep -q '^%PDF-' && ! cmp -s "$T/out.pdf" "$T/.harness/out.pdf.before" ||
            { fail "exit 0 but out.pdf is not a new PDF"; problems=1; }
    fi
    hostile_listing > "$T/.harness/after"
    if ! cmp -s "$T/.harness/before" "$T/.harness/after"; then
        fail "LEFTOVER: files appeared or vanished: $(diff "$T/.harness/before" "$T/.harness/after" | grep '^[<>]' | tr '\n' ' ' | cut -c 1-300)"
        problems=1
    fi
    if [ "$problems" != 0 ]; then
        echo "    --- stderr (first 12 lines) ---" >&2
        head -n 12 "$err" | cut -c 1-300 | sed 's/^/    /' >&2
        return 1
    fi
    return 0
}

# A committed case: copy it and the files it names into $T, then run.
hostile_case() {
    local src=$1 base f
    base=$(basename "$src")
    mkdir -p "$T/.harness"
    cp "$src" "$T/$base"
    for f in $(hdr files "$src"); do
        cp -a "$HOSTILE/$f" "$T/$(basename "$f")" || { fail "case $base names $f, which is missing"; return 1; }
    done
    hostile_seed_output
    hostile_listing > "$T/.harness/before"
    hostile_run "$(hostile_bin)" "$base" -o out.pdf
    hostile_check "$T/$base"
}

# A generated case: gen.py writes it (and its files) into $T, then run.
hostile_gen_case() {
    local name=$1
    mkdir -p "$T/.harness"
    python3 "$HOSTILE/gen.py" "$T" "$name" || { fail "gen.py could not write $name"; return 1; }
    hostile_seed_output
    hostile_listing > "$T/.harness/before"
    hostile_run "$(hostile_bin)" "$name.yaml" -o out.pdf
    hostile_check "$T/$name.yaml"
}

hostile_need_time() {
    [ -x "$TIME_BIN" ] || { fail "GNU time is missing at $TIME_BIN (Debian package 'time'): cannot measure time and memory"; return 1; }
}

for hostile_file in "$HOSTILE"/*.yaml; do
    hostile_name=$(basename "$hostile_file" .yaml | tr -c 'a-zA-Z0-9_\n' '_')
    eval "test_hostile_${hostile_name}() { hostile_need_time || return 1; hostile_case '$hostile_file'; }"
done
for hostile_name in $(python3 "$HOSTILE/gen.py" --list); do
    eval "test_hostile_gen_$(printf '%s' "$hostile_name" | tr -c 'a-zA-Z0-9_' '_')() { hostile_need_time || return 1; hostile_gen_case '$hostile_name'; }"
done
unset hostile_file hostile_name

# ---- numbers and headings read back from the PDF ----------------------------

# Compiles a committed case to out.pdf; its text goes to `raw` (pdftotext)
# and to `text` (spaces, line breaks and form feeds removed).
hostile_text_of() {
    cp "$HOSTILE/$1" . || return 1
    rc "$1" -o out.pdf 2> err || { head -n 5 err >&2; fail "compile of $1 failed"; return 1; }
    pdftotext out.pdf raw || return 1
    tr -d ' \n\f' < raw > text
}

# The numbers pdftotext sees, for failure messages.
hostile_numbers() { grep -o -E -- '-?[0-9][0-9,.e+]*' raw | sort -u | tr '\n' ' '; }

test_print_thousands_17_digits_exactly() {
    hostile_text_of num-table-thousands-17-digits.yaml || return 1
    grep -q -F '12,345,678,901,234,567' text && grep -q -F '12,345,678,901,234,567.25' text ||
        fail "#,##0 of 12345678901234567 must print 12,345,678,901,234,567 and #,##0.00 of 12345678901234567.25 must print 12,345,678,901,234,567.25; the PDF has: $(hostile_numbers)"
}

test_print_integer_2p53_plus_1_exactly() {
    hostile_text_of num-table-integer-2p53-plus-1.yaml || return 1
    grep -q -F '9007199254740993' text || fail "format integer of 9007199254740993 must print it exactly; the PDF has: $(hostile_numbers)"
}

test_print_rounds_half_away_from_zero() {
    hostile_text_of num-table-round-half.yaml || return 1
    local v bad=
    for v in 0.13 2.68 1.01 -0.13; do
        grep -q -F -- "$v" text || bad="$bad $v"
    done
    [ -z "$bad" ] || fail "format 0.00 must give 0.125→0.13, 2.675→2.68, 1.005→1.01, -0.125→-0.13; missing:$bad; the PDF has: $(hostile_numbers)"
}

test_print_large_template_totals_without_exponent() {
    hostile_text_of tpl-large-totals.yaml || return 1
    if grep -q 'e+' raw; then
        fail "a total is printed in exponent form; the PDF has: $(hostile_numbers)"
        return 1
    fi
    grep -q -F '1000000000000000' text || fail "the total 1000000000000000 (999999999999999 + 1) is not printed; the PDF has: $(hostile_numbers)"
}

test_print_100_headings_numbered_to_yibai() {
    hostile_text_of heading-100-level-1.yaml || return 1
    local h bad=
    for h in 十、 十一、 二十、 九十九、 一百、; do
        grep -q -F "${h}第" text || bad="$bad $h"
    done
    [ -z "$bad" ] || fail "headings not numbered:$bad (the 100th heading must print 一百、)"
}

test_print_10000_headings_numbered_to_yiwan() {
    python3 "$HOSTILE/gen.py" . heading-10000-level-1 || return 1
    rc heading-10000-level-1.yaml -o out.pdf 2> err || { head -n 5 err; fail "compile failed"; return 1; }
    pdftotext out.pdf - | tr -d ' \n\f' > text
    local h bad=
    for h in 一百零一、 一千零一、 一千零一十、 二千零二十四、 九千九百九十九、 一万、; do
        grep -q -F "${h}第" text || bad="$bad $h"
    done
    [ -z "$bad" ] || fail "Chinese heading numbers wrong or missing:$bad"
}

# ---- file safety ------------------------------------------------------------

hostile_small_report() { printf 'meta: {title: 报告, date: 2024-01-31}\nbody:\n  - 正文。\n' > "$1"; }

test_output_naming_the_input_is_refused() {
    local o st
    for o in r.yaml ./r.yaml "$T/r.yaml"; do
        hostile_small_report r.yaml
        cp r.yaml r.before
        timeout 10 "$(hostile_bin)" r.yaml -o "$o" 2> err; st=$?
        cmp -s r.yaml r.before || { fail "-o $o overwrote the input r.yaml (exit $st)"; return 1; }
        [ "$st" = 1 ] || [ "$st" = 2 ] || { cat err; fail "-o $o (the input): exit $st, expected 1 or 2"; return 1; }
        grep -q 'error' err || { fail "-o $o: no error message"; return 1; }
    done
    [ -z "$(ls | grep tmp)" ] || fail "temporary file left: $(ls | grep tmp)"
}

test_default_output_equal_to_input_is_refused() {
    hostile_small_report x.pdf
    cp x.pdf x.before
    timeout 10 "$(hostile_bin)" x.pdf 2> err; local st=$?
    cmp -s x.pdf x.before || { fail "compiling x.pdf without -o overwrote the input with its own PDF (exit $st)"; return 1; }
    [ "$st" != 0 ] && [ "$st" -lt 124 ] || { cat err; fail "exit $st, expected a refusal"; return 1; }
    [ -z "$(ls | grep tmp)" ] || fail "temporary file left: $(ls | grep tmp)"
}

test_output_fifo_is_refused_quickly() {
    hostile_small_report r.yaml
    mkfifo out.pdf
    local start end st
    start=$(date +%s%N)
    timeout 5 "$(hostile_bin)" r.yaml -o out.pdf 2> err; st=$?
    end=$(date +%s%N)
    [ "$st" != 124 ] || { fail "hangs on an output FIFO"; return 1; }
    [ -p out.pdf ] || { fail "the FIFO out.pdf was replaced (exit $st)"; return 1; }
    [ "$st" != 0 ] && [ "$st" -lt 124 ] || { cat err; fail "exit $st, expected a refusal"; return 1; }
    [ $(((end - start) / 1000000)) -le 2000 ] || { fail "took $(((end - start) / 1000000)) ms"; return 1; }
    [ -z "$(ls | grep tmp)" ] || fail "temporary file left: $(ls | grep tmp)"
}

test_output_device_is_refused() {
    hostile_small_report r.yaml
    # A null device of our own: a compiler that renames over it only harms $T.
    if ! mknod null c 1 3 2> /dev/null; then
        ln -s /dev/null null
    fi
    local st kind_before kind_after
    kind_before=$(stat -c %F null)
    timeout 5 "$(hostile_bin)" r.yaml -o null 2> err; st=$?
    kind_after=$(stat -c %F null)
    [ "$kind_before" = "$kind_after" ] || { fail "the device 'null' ($kind_before) was replaced by a $kind_after (exit $st)"; return 1; }
    [ "$st" != 0 ] && [ "$st" -lt 124 ] || { cat err; fail "exit $st, expected a refusal"; return 1; }
    [ -z "$(ls | grep tmp)" ] || fail "temporary file left: $(ls | grep tmp)"
}

# Expects exit 1 within 2 s and an error at L:C of r.yaml ($1), for a report
# naming a file that can block a reader.
hostile_expect_quick_error_at() {
    local start end st
    start=$(date +%s%N)
    timeout 5 "$(hostile_bin)" r.yaml -o out.pdf 2> err < /dev/null; st=$?
    end=$(date +%s%N)
    [ "$st" != 124 ] || { fail "HANG: killed after 5 s"; return 1; }
    [ "$st" = 1 ] || { head -n 3 err; fail "exit $st, expected 1"; return 1; }
    [ $(((end - start) / 1000000)) -le 2000 ] || { fail "took $(((end - start) / 1000000)) ms"; return 1; }
    grep -q "^r.yaml:$1: error: " err || { head -n 3 err; fail "no error at r.yaml:$1"; return 1; }
    [ -z "$(ls | grep tmp)" ] || fail "temporary file left: $(ls | grep tmp)"
}

hostile_seal_report() {
    printf 'meta: {author: 某某局, date: 2024-01-31}\nbody:\n  - 正文。\n  - signature: {seal: %s}\n' "$1" > r.yaml
}

test_seal_fifo_is_refused_quickly() {
    mkfifo seal.png
    hostile_seal_report seal.png
    hostile_expect_quick_error_at 4:23
}

test_seal_directory_is_refused_quickly() {
    mkdir seal.png
    hostile_seal_report seal.png
    hostile_expect_quick_error_at 4:23
}

hostile_previous_report() {
    sed "s|^date: 2025-01-20\$|date: 2025-01-20\nprevious: $1|" "$HOSTILE/files/template-report.yaml" > r.yaml
    grep -q "^previous: $1\$" r.yaml || { fail "harness: no previous line"; return 1; }
}

test_previous_fifo_is_refused_quickly() {
    mkfifo 2023.yaml
    hostile_previous_report 2023.yaml || return 1
    hostile_expect_quick_error_at "$(grep -n '^previous:' r.yaml | cut -d: -f1):11"
}

test_previous_directory_is_refused_quickly() {
    mkdir 2023.yaml
    hostile_previous_report 2023.yaml || return 1
    hostile_expect_quick_error_at "$(grep -n '^previous:' r.yaml | cut -d: -f1):11"
}

test_init_refuses_to_overwrite_and_force_overwrites() {
    printf '# my own work, not a skeleton\n' > existing.yaml
    cp existing.yaml existing.before
    timeout 10 "$(hostile_bin)" init --layout gov-info-disclosure-annual -o existing.yaml 2> err; local st=$?
    cmp -s existing.yaml existing.before || { fail "init overwrote existing.yaml without --force (exit $st)"; return 1; }
    [ "$st" != 0 ] && [ "$st" -lt 124 ] || { fail "init -o existing.yaml: exit $st, expected a refusal"; return 1; }
    timeout 10 "$(hostile_bin)" init --layout gov-info-disclosure-annual --force -o existing.yaml 2> err; st=$?
    [ "$st" = 0 ] || { head -n 3 err; fail "init --force -o existing.yaml: exit $st, expected 0"; return 1; }
    grep -q '^layout: gov-info-disclosure-annual' existing.yaml || { fail "--force did not write the skeleton"; return 1; }
    [ -z "$(ls | grep tmp)" ] || fail "temporary file left: $(ls | grep tmp)"
}

# Signals during a long compile (12,000 table rows: tests/gen-table.py's
# 6,000-row table twice, 156,000 cells, under the table cell limit of
# 200,000): at every delay, no temporary file
# is left and out.pdf is the old one — or, if the compile finished first
# (exit 0), a complete new PDF.
hostile_signal_runs() {
    local sig=$1 bin total d st bad=
    bin=$(hostile_bin)
    python3 "$ROOT/tests/gen-table.py" 6000 > t6.yaml
    python3 -c 'import sys; t = open(sys.argv[1]).read(); i = t.index("  - table:"); open("big.yaml", "w").write(t + t[i:])' t6.yaml
    rm -f t6.yaml
    printf '%%PDF-1.4\n%% the old output\n%%%%EOF\n' > old.pdf
    # How long a whole compile takes here (to spread the delays over it).
    local t0 t1
    t0=$(date +%s%N)
    timeout 60 "$bin" big.yaml -o full.pdf 2> /dev/null || { fail "the 12,000-row report does not compile"; return 1; }
    t1=$(date +%s%N)
    total=$(((t1 - t0) / 1000000))
    rm -f full.pdf
    [ "$total" -ge 500 ] || echo "    note: the 12,000-row compile takes only $total ms" >&2
    # Twelve delays spread over the run, and eight more around its end,
    # where the file is renamed into place: a signal after the rename
    # once ended the run with 143 although out.pdf had been replaced.
    for d in $(awk -v t="$total" 'BEGIN { for (i = 1; i <= 12; i++) printf "%.3f ", (t * (i - 0.5) / 12) / 1000;
                                          for (i = 0; i < 8; i++) printf "%.3f ", (t * (0.9 + i * 0.02)) / 1000 }'); do
        cp old.pdf out.pdf
        # SIGINT is ignored in background jobs of a script: restore the default first.
        python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
            "$bin" big.yaml -o out.pdf 2> /dev/null &
        local pid=$!
        sleep "$d"
        kill -s "$sig" "$pid" 2> /dev/null
        wait "$pid"; st=$?
        if ls | grep -q 'tmp'; then
            bad="$bad [${d}s: left $(ls | grep tmp | tr '\n' ' ')]"
            rm -f ./*tmp*
        fi
        if [ "$st" = 0 ]; then
            tail -c 6 out.pdf | grep -q '%%EOF' || bad="$bad [${d}s: exit 0 with an incomplete out.pdf]"
        elif ! cmp -s out.pdf old.pdf; then
            bad="$bad [${d}s: exit $st and out.pdf changed]"
        fi
    done
    [ -z "$bad" ] || fail "SIG$sig during a compile of $total ms:$bad"
}

test_sigterm_leaves_no_temporary_and_keeps_old_output() { hostile_signal_runs TERM; }
test_sigint_leaves_no_temporary_and_keeps_old_output() { hostile_signal_runs INT; }

# R8's prose checks on a 2.5 MB paragraph of one sentence, full of the
# template's words and numbers: linear (it was quadratic: minutes).
test_prose_checks_on_a_huge_paragraph_are_linear() {
    python3 - "$ROOT/tests/reports/city-2024.yaml" > big.yaml <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
para = "本年新收政府信息公开申请1038件，予以公开361件，" * 30000 + "本年新收新收新收" * 20000
print(s.replace("全年共收到政府信息公开申请", "全年共收到政府信息公开申请" + para, 1), end="")
PY
    cp "$ROOT"/tests/reports/city-2023.yaml . 2>/dev/null
    local limit=5
    hostile_is_asan && limit=40
    start=$(date +%s%N)
    timeout 120 "$ROOT/$REPORTC" --check big.yaml > /dev/null 2> err
    status=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    [ "$status" = 0 ] || { tail -3 err; fail "exit $status"; return 1; }
    grep -q 'more warnings not shown' err || fail "the R8 warnings were not counted" || return 1
    [ "$ms" -le $((limit * 1000)) ] || fail "took $ms ms (limit $limit s)"
}
