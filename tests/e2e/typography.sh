# typography.sh — Chinese line-breaking rules and Han–Latin spacing, as a
# reader sees them in the PDF (clreq §3.1.7, §4).

# Fails unless FILE (a layout dump) has text runs and none is tracked wider
# than LIMIT pt (a dump without runs would pass a bare awk check).
tracking_at_most() {
    local limit=$1 file=$2
    grep -q ' tc=' "$file" || { fail "no text runs in $file"; return 1; }
    awk -v limit="$limit" '/ tc=/ { split($0, f, "tc="); split(f[2], g, " "); if (g[1] + 0 > limit) { print; bad = 1 } } END { exit bad }' "$file"
}


CHECK="$ROOT/tests/pdfcheck.py"

# Paragraphs dense with marks, numbers and units, each shifted by one more
# character so that line ends fall on every kind of position.
punctuation_report() {
    echo 'body:'
    for i in $(seq 0 27); do
        prefix=$(printf '字%.0s' $(seq 0 "$i"))
        echo "  - ${prefix}他说：“你好。”（注释）、《书名》……——增长12.5%，发放61.35元，2023年共15件；“公开选岗”和“双向选择”的原则。是否？是！GB/T 9704规定：三安全一稳定。"
    done
}

test_no_prohibited_mark_at_line_start_or_end() {
    punctuation_report > p.yaml
    rc p.yaml -o p.pdf 2> err || { cat err; return 1; }
    "$CHECK" kinsoku p.pdf
}

test_han_latin_space_is_the_same_with_or_without_source_space() {
    printf 'body:\n  - 共发放2023年度资金61.35万元，GB/T 9704规定A4纸。\n' > a.yaml
    printf 'body:\n  - 共发放 2023 年度资金 61.35 万元，GB/T 9704 规定 A4 纸。\n' > b.yaml
    rc --dump layout a.yaml > a.txt && rc --dump layout b.yaml > b.txt || return 1
    diff a.txt b.txt || fail "a space in the source changes the layout"
}

test_han_latin_gap_is_a_quarter_em() {
    # "年" follows "2023" at x(2023) + 4 digits + 0.25 em (15.75 pt body):
    # the digits of AR PL UMing are half an em wide.
    printf 'layout: {name: gbt9704, body: {align: left}}\nbody:\n  - 共2023年\n' > g.yaml
    rc --dump layout g.yaml > g.txt || return 1
    x1=$(grep ' 2023$' g.txt | sed 's/.* x=\([0-9.]*\) .*/\1/')
    x2=$(grep ' 年$' g.txt | sed 's/.* x=\([0-9.]*\) .*/\1/')
    awk -v a="$x1" -v b="$x2" 'BEGIN { gap = b - (a + 4 * 7.875); if (gap < 3.15 || gap > 4.72) { print "gap", gap; exit 1 } }'
}

test_justified_gaps_never_exceed_half_em() {
    punctuation_report > p.yaml
    rc --dump layout p.yaml > l.txt || return 1
    tracking_at_most 7.875 l.txt
}

test_no_lone_character_on_a_last_line() {
    # clreq §5 孤字不成行: 54 + 1 characters would leave "尾。" alone.
    printf 'body:\n  - %s\n' "$(printf '字%.0s' $(seq 1 54))尾。" > lone.yaml
    rc lone.yaml -o lone.pdf || return 1
    last=$(pdftotext -layout lone.pdf - | tr -d ' \f' | grep -v '^$' | grep -v '—' | tail -1)
    [ "${#last}" -ge 3 ] || fail "last line is '$last'"
}

test_inline_bold_and_literal() {
    printf 'body:\n  - 这是**加粗强调**的文字，而`GB/T9704`是字面文本，\\*不是强调\\*。\n' > m.yaml
    rc --dump layout m.yaml > l.txt || return 1
    grep -q ' bold 加粗强调$' l.txt || fail "bold run missing" || return 1
    # Literal text gets no Han–Latin gap: 而 GB/T9704 是 stay one run of glyphs.
    grep -q ' 而$' l.txt && fail "a Han–Latin gap was added to literal text" && return 1
    rc m.yaml -o m.pdf || return 1
    pdftotext m.pdf - | tr -d ' \n' | grep -qF '这是加粗强调的文字，而GB/T9704是字面文本，*不是强调*。' || fail "text differs"
}

test_adjacent_marks_take_one_and_a_half_em() {
    # 全角 scheme (clreq §2): "）、" "。”" "》（" are 1½ em, not 2.
    printf 'layout: {name: gbt9704, body: {align: left, first-line-indent: 0}}\nbody:\n  - 甲（乙）、丙。”丁《戊》（己）\n' > a.yaml
    rc --dump layout a.yaml > l.txt || return 1
    python3 - l.txt <<'PY'
import re, sys
em = 15.75
xs = []   # (x, char) of every glyph, from the runs
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\s*text face=\d+ size=15.750 x=([\d.]+) y=[\d.]+ tc=([\d.]+) (.*)$", line)
    if m:
        x, tc, text = float(m.group(1)), float(m.group(2)), m.group(3)
        for c in text:
            xs.append((x, c))
            x += em + tc   # every glyph here is 1 em wide; a squeezed one ends its run
pos = {}
for x, c in xs:
    pos.setdefault(c, x)
bad = []
for a, b, nxt in (("）", "、", "丙"), ("。", "”", "丁"), ("》", "（", "己")):
    span = pos[nxt] - pos[a]
    if span > 1.5 * em + 0.1:
        bad.append("%s%s take %.2f em" % (a, b, span / em))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

test_2023_lines_evenly_spaced() {
    # No line of the sample report is looser than a quarter em between
    # characters (half the layout's limit: beyond it lines cost more).
    rc --dump layout "$ROOT/data/2023.yaml" > l.txt || return 1
    tracking_at_most 3.94 l.txt
}

test_hopeless_line_avoided_by_whole_paragraph_breaking() {
    # A greedy fill leaves "…中国。" alone with 0.4 em between characters
    # before the unbreakable "2023年，"; breaking the paragraph as a whole
    # moves characters down instead.
    printf 'body:
  - %s
' "$(printf '字%.0s' $(seq 1 36))中华人民共和国。2023年，2024年，2025年，2026年，结束。" > h.yaml
    rc --dump layout h.yaml > l.txt || return 1
    tracking_at_most 3.94 l.txt
}

test_2000_paragraphs_compile_fast() {
    # Total-fit breaking stays linear: 2,000 paragraphs within 1 s (10 s
    # under the sanitizers).
    { echo 'body:'; for i in $(seq 2000); do echo "  - 第${i}段：2023 年，我局在政府门户网站发布信息 7 条，其中职能介绍 1 条，领导分工 4 条，主动公开工作动态、业务政策信息等 2 条，接收处理市长热线 15 件。"; done; } > big.yaml
    limit=1000
    case $REPORTC in *asan*) limit=10000 ;; esac
    start=$(date +%s%N)
    rc big.yaml -o big.pdf || return 1
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    [ "$ms" -le "$limit" ] || fail "took $ms ms (limit $limit)"
}

test_closing_mark_squeezed_in_not_pushed_out() {
    # clreq §3.1.7 先挤进，后推出: the last comma would start line 2; the two
    # commas before it give up their blanks so that it fits on line 1.
    a=$(printf '甲%.0s' $(seq 8))
    printf 'body:\n  - %s，%s，%s，%s。\n' "$a" "$a" "$a" "$a$a" > s.yaml
    rc s.yaml -o s.pdf || return 1
    first=$(pdftotext s.pdf - | head -1 | tr -d ' ')
    [ "$first" = "$a，$a，$a，" ] || fail "line 1 is '$first'"
}

test_half_em_word_space_does_not_grow() {
    # clreq §3: a word space stretches to ½ em at most; the Latin space of
    # the CJK faces is already ½ em, so justification leaves it alone.
    printf 'body:\n  - %s\n' "$(printf '按照GB/T 9704与ISO 32000的规定排版，%.0s' $(seq 6))" > w.yaml
    rc --dump layout w.yaml > l.txt || return 1
    if grep -E 'tc=[0-9.]+ .*[A-Za-z0-9] [A-Za-z0-9]' l.txt | grep -qv 'tc=0.000'; then
        grep -E 'tc=[0-9.]+ .*[A-Za-z0-9] [A-Za-z0-9]' l.txt | grep -v 'tc=0.000' | head -2
        fail "a run with a word space is stretched"
    fi
}

test_line_end_mark_half_width_when_enabled() {
    # typography.line-end-squeeze: 24 characters, "12" and a comma fill the
    # first line (26.08 em after the indent: 24 + ¼ + 1 + ½) only with the
    # comma set half width; its blank then hangs past the measure.
    a=$(printf '乙%.0s' $(seq 24))
    printf 'layout: {name: gbt9704, typography: {line-end-squeeze: true}}\nbody:\n  - %s12，%s。\n' "$a" "$a" > h.yaml
    rc --dump layout h.yaml | grep -q 'y=118.742 tc=0.000 12，$' || fail "the comma left line 1" || return 1
    # Without the option it does not fit and takes characters down with it.
    printf 'body:\n  - %s12，%s。\n' "$a" "$a" > f.yaml
    ! rc --dump layout f.yaml | grep -q 'y=118.742 .*12，$' || fail "squeezed without the option"
}

test_opening_mark_at_line_start_follows_the_scheme() {
    # 半角/开明: an opening bracket starting a line is half width, its blank in
    # the margin; 全角 (the GB/T 9704 default) keeps it full width.
    body=$(printf '字%.0s' $(seq 26))（括号开头的第二行）正文继续。
    printf 'layout: {name: gbt9704, typography: {punctuation: banjiao}}\nbody:\n  - %s\n' "$body" > b.yaml
    rc --dump layout b.yaml | grep -q 'x=71.495 y=147.732 .*（' || fail "banjiao: bracket not pulled into the margin" || return 1
    printf 'body:\n  - %s\n' "$body" > q.yaml
    rc --dump layout q.yaml | grep -q 'x=79.370 y=147.732 .*（' || fail "quanjiao: bracket moved"
}
