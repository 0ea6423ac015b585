# cli.sh — the command line: options, exit statuses, output files, limits.

test_help_and_version() {
    rc --help | grep -q '^usage: reportc' || return 1
    rc --version | grep -q '^reportc [0-9]' || return 1
}

test_usage_errors_exit_2() {
    rc > /dev/null 2>&1; [ $? = 2 ] || fail "no input: not 2" || return 1
    rc --bogus x.yaml > /dev/null 2>&1; [ $? = 2 ] || fail "unknown option: not 2" || return 1
    rc --dump frames x.yaml > /dev/null 2>&1; [ $? = 2 ] || fail "bad --dump: not 2" || return 1
    rc a.yaml b.yaml > /dev/null 2>&1; [ $? = 2 ] || fail "two inputs: not 2" || return 1
}

test_missing_input_exits_3() {
    rc nosuch.yaml 2> err; [ $? = 3 ] || fail "not 3" || return 1
    grep -q 'cannot read nosuch.yaml' err || fail "no message"
}

test_default_output_name() {
    printf 'body:\n  - 正文。\n' > my-report.yaml
    rc my-report.yaml || return 1
    [ -s my-report.pdf ] || fail "my-report.pdf not written"
}

test_stdin_input() {
    printf 'body:\n  - 标准输入的正文。\n' | rc - -o out.pdf || return 1
    pdftotext out.pdf - | grep -q '标准输入的正文' || fail "text not in PDF"
}

test_stdin_diagnostics_name() {
    printf 'body:\n  - titel: x\n' | rc - -o out.pdf 2> err; [ $? = 1 ] || return 1
    grep -q '^<stdin>:2:5: error: unknown block kind' err || { cat err; fail "bad stdin diagnostic"; }
}

test_check_writes_nothing() {
    printf 'body:\n  - 正文。\n' > r.yaml
    rc --check r.yaml || return 1
    [ ! -e r.pdf ] || fail "--check wrote r.pdf"
}

test_failed_compile_keeps_existing_pdf() {
    printf 'body:\n  - 正文。\n' > r.yaml
    rc r.yaml -o keep.pdf || return 1
    cp keep.pdf before.pdf
    printf 'body:\n  - titel: x\n' > r.yaml
    rc r.yaml -o keep.pdf 2> /dev/null; [ $? = 1 ] || return 1
    cmp -s keep.pdf before.pdf || fail "good PDF was clobbered"
    [ "$(ls | grep -c tmp)" = 0 ] || fail "temporary file left behind"
}

test_unwritable_output_exits_3() {
    printf 'body:\n  - 正文。\n' > r.yaml
    rc r.yaml -o /nonexistent-dir/out.pdf 2> err; [ $? = 3 ] || fail "not 3" || return 1
}

test_dump_model_is_stable() {
    rc --dump model "$ROOT/data/2023.yaml" > a.txt || return 1
    diff -u "$ROOT/tests/golden/2023.model.txt" a.txt || fail "model dump differs from tests/golden/2023.model.txt"
}

test_dump_layout_is_stable() {
    rc --dump layout "$ROOT/data/2023.yaml" | sed 's|face \([0-9]*\) .*/|face \1 |' > a.txt || return 1
    diff -u "$ROOT/tests/golden/2023.layout.txt" a.txt || fail "layout dump differs from tests/golden/2023.layout.txt"
}

test_list_fonts() {
    rc --list-fonts > out || return 1
    for role in song fangsong hei kai title; do
        grep -q "^$role " out || fail "role $role missing" || return 1
    done
    grep -q '^fallback' out || fail "no fallback chain"
}

test_font_dir_is_searched_first() {
    # An office font directory with a 'simhei.ttf' (here: a copy of a Debian
    # face under the Windows name, in upper case) serves the hei role.
    mkdir fonts && cp /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf fonts/SIMHEI.TTF
    rc --font-dir fonts --list-fonts | grep -q '^hei .*fonts/SIMHEI.TTF' || fail "--font-dir ignored" || return 1
    REPORTC_FONT_PATH="$T/fonts" rc --list-fonts | grep -q '^hei .*SIMHEI.TTF' || fail "REPORTC_FONT_PATH ignored"
}

test_limit_nesting_depth() {
    { printf 'body:\n  - '; for i in $(seq 100); do printf '['; done; for i in $(seq 100); do printf ']'; done; echo; } > deep.yaml
    rc deep.yaml -o out.pdf 2> err; [ $? = 1 ] || fail "not 1" || return 1
    grep -q 'nesting deeper than 64 levels' err || { cat err; fail "limit not named"; }
}

test_limit_alias_expansion() {
    # A "billion laughs": each level refers to the previous one ten times.
    {
        echo 'a: &a [x, x, x, x, x, x, x, x, x, x]'
        prev=a
        for name in b c d e f g h i; do
            echo "$name: &$name [*$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev]"
            prev=$name
        done
        echo 'body: [x]'
    } > bomb.yaml
    timeout 10 "$ROOT/$REPORTC" bomb.yaml -o out.pdf 2> err; [ $? = 1 ] || { cat err; fail "not 1"; } || return 1
    grep -q 'alias expansion limit' err || { cat err; fail "limit not named"; }
}

test_limit_input_size() {
    { echo 'body:'; head -c 5000000 /dev/zero | tr '\0' 'x' | fold -w 1000 | sed 's/^/  - /'; } > big.yaml
    rc big.yaml -o out.pdf 2> err; [ $? = 1 ] || fail "not 1" || return 1
    grep -q '^big.yaml:1:1: error: the input is 5,0[0-9,]* bytes; the limit is 4,194,304 bytes' err || { cat err; fail "limit or real size not named"; }
}

test_errors_capped_at_20() {
    { echo 'meta:'; for i in $(seq 30); do echo "  bad$i: x"; done; echo 'body: [x]'; } > many.yaml
    rc many.yaml -o out.pdf 2> err; [ $? = 1 ] || return 1
    [ "$(grep -c ': error: ' err)" = 20 ] || fail "not 20 errors shown" || return 1
    grep -q '10 more errors not shown (limit is 20' err || fail "no summary of dropped errors"
}

test_one_font_under_two_office_names() {
    # simsun.ttc and simfang.ttf being copies of one font (one PostScript
    # name) once made libharu merge them and the compile fail.
    mkdir fonts
    cp /usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf fonts/simfang.ttf 2>/dev/null ||
        cp /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf fonts/simfang.ttf
    cp fonts/simfang.ttf fonts/simsun.ttc
    rc --font-dir fonts "$ROOT/data/2023.yaml" -o out.pdf 2> err || { cat err; return 1; }
    [ -s out.pdf ] && "$ROOT/tests/pdfcheck.py" fonts out.pdf
}

test_missing_font_dir_is_a_warning() {
    rc --font-dir /nonexistent-fonts --dump layout "$ROOT/data/2023.yaml" > /dev/null 2> err || { cat err; return 1; }
    grep -q '^reportc: warning: font directory /nonexistent-fonts cannot be read' err || { cat err; fail "no warning"; }
}

# Notepad's "UTF-8" (with a byte order mark) and Windows line ends: the
# mark is no part of the first key (it made "did not find expected
# <document start>" at 2:1), and diagnostics on line 1 still point right.
test_utf8_byte_order_mark_and_crlf() {
    printf '\xef\xbb\xbfmeta: {title: 带BOM的报告}\r\nbody:\r\n  - 正文一段。\r\n' > bom.yaml
    rc bom.yaml -o out.pdf 2> err || { cat err; fail "a report with a byte order mark does not compile"; return 1; }
    pdftotext out.pdf - | grep -q '正文一段' || fail "text lost" || return 1
    printf '\xef\xbb\xbfmeta: {titel: t}\r\nbody:\r\n  - x\r\n' > bom2.yaml
    rc bom2.yaml -o out2.pdf 2> err; [ $? = 1 ] || { cat err; fail "not 1"; } || return 1
    grep -q "^bom2.yaml:1:8: error: unknown key 'titel' in meta" err || { cat err; fail "position"; } || return 1
    # The excerpt leaves the mark out, so the caret sits under the key.
    python3 - err <<'PY' || fail "caret not under the key"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert "\ufeff" not in lines[1], lines[1]
assert lines[1].index("titel") == lines[2].index("^"), lines[1:3]
PY
    # Far from the start (past the first position checkpoint) too.
    python3 -c 'import sys; sys.stdout.buffer.write(b"\xef\xbb\xbf" + ("body:\n" + "".join("  - 第%d段正文。\n" % i for i in range(200)) + "  - 正文**未闭合\n").encode())' > bom3.yaml
    rc bom3.yaml -o out3.pdf 2> err; [ $? = 1 ] || { cat err; fail "not 1"; } || return 1
    grep -q '^bom3.yaml:202:7: error: unclosed \*\*' err || { cat err; fail "position far from the start"; } || return 1
    python3 - err <<'PY' || fail "caret not under the **"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
def width(s): return sum(2 if ord(c) > 0x2E7F else 1 for c in s)
assert width(lines[1][:lines[1].index("**")]) == lines[2].index("^"), lines[1:3]
PY
}

# An office's font folder with broken files: a font cut short (an
# interrupted copy), an empty file, a directory under a font's name.  Each
# is a warning at its candidate in fonts.yaml and the next candidate serves;
# the cut font was an internal error (exit 3) when HarfBuzz subset it.
test_broken_fonts_in_font_dir_are_warnings() {
    mkdir fonts
    head -c 100000 /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc > fonts/simhei.ttf
    : > fonts/simfang.ttf
    mkdir fonts/simkai.ttf
    rc --font-dir fonts "$ROOT/data/2023.yaml" -o out.pdf 2> err; local got=$?
    [ $got = 0 ] || { cat err; fail "exit $got"; return 1; }
    grep -q 'warning: font fonts/simhei.ttf (index 0) is not usable: the file is cut short' err || { cat err; fail "cut font"; return 1; }
    grep -q 'warning: font fonts/simfang.ttf is not usable: it is empty' err || { cat err; fail "empty font"; return 1; }
    grep -q 'warning: font fonts/simkai.ttf is not usable: it is a directory' err || { cat err; fail "directory"; return 1; }
    pdffonts out.pdf | grep -q WenQuanYiZenHei || fail "hei is not the installed WenQuanYi Zen Hei"
}

# A diagnostic in a very long line (a whole paragraph in one scalar) quotes
# a window around the caret, not the whole line.
test_long_source_line_is_quoted_as_a_window() {
    python3 -c 'print("body:\n  - h5: " + "很长的标题" * 400)' > r.yaml
    rc r.yaml -o o.pdf 2> err; [ $? = 1 ] || { cat err; fail "not exit 1"; return 1; }
    grep -q '^ *2 | ' err || { cat err; fail "no source line"; return 1; }
    longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' err)
    [ "$longest" -le 200 ] || { head -c 600 err; fail "a diagnostic line of $longest characters"; }
}

# reportc suggest (and --suggest) is in --help, writes nothing, takes no -o.
test_suggest_in_help_and_usage() {
    rc --help > out || return 1
    grep -q '^       reportc suggest INPUT.yaml$' out && grep -q -- '--suggest' out || { cat out; fail "suggest not in --help"; return 1; }
    rc suggest "$ROOT/tests/reports/city-2023.yaml" -o x.pdf 2> err; [ $? = 2 ] || { cat err; fail "suggest with -o is not a usage error"; return 1; }
    [ ! -e x.pdf ] || fail "suggest wrote a PDF"
}
