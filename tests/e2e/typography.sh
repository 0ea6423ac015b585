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
TYPESET="$ROOT/tests/typeset.py"
PROSE="$ROOT/tests/reports/prose.yaml"

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
    # clreq §3.1.7 先挤进，后推出, under 开明 (。 a full em mid-line): the last
    # 。 would start line 2; the two 。 before it give up their blanks so
    # that it fits on line 1.
    a=$(printf '甲%.0s' $(seq 8))
    printf 'layout: {name: gbt9704, typography: {punctuation: kaiming}}\nbody:\n  - %s。%s。%s。%s。\n' "$a" "$a" "$a" "$a$a" > s.yaml
    rc s.yaml -o s.pdf || return 1
    first=$(pdftotext s.pdf - | head -1 | tr -d ' ')
    [ "$first" = "$a。$a。$a。" ] || fail "line 1 is '$first'"
}

test_quanjiao_lone_mark_keeps_its_em_and_pushes_a_character_down() {
    # Under 全角 a lone mark mid-line is never squeezed to let a 29th
    # character in: the comma that cannot start line 2 takes 甲 with it.
    a=$(printf '甲%.0s' $(seq 8))
    printf 'body:\n  - %s，%s，%s，%s。\n' "$a" "$a" "$a" "$a$a" > s.yaml
    rc s.yaml -o s.pdf || return 1
    first=$(pdftotext s.pdf - | head -1 | tr -d ' ')
    [ "$first" = "$a，$a，甲甲甲甲甲甲甲" ] || fail "line 1 is '$first'" || return 1
    "$TYPESET" s.pdf --only marks,kinsoku
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

# ---- issue 12: the typesetting bar, read back with MuPDF (tests/typeset.py) ----

# Paragraphs of Chinese only (no digits, no Latin), in the style of the
# reports: every full line should hold the grid's 28 characters.
pure_chinese_report() {
    cat <<'EOF'
body:
  - 一年来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，认真落实党中央、国务院关于全面推进政务公开的决策部署，紧紧围绕县委、县政府中心工作，以公开促落实、以公开促规范、以公开促服务，不断提升政务公开质量和实效，有力推动了法治政府、廉洁政府和服务型政府建设。
  - 坚持把政策解读作为政务公开的重要环节，按照“谁起草、谁解读”的原则，做到政策性文件与解读方案、解读材料同步组织、同步审签、同步部署。对涉及群众切身利益、社会关注度高的政策文件，通过图文解读、视频解读、专家解读等多种形式，用通俗易懂的语言进行解读，增强政策解读的针对性和可读性。
  - 进一步规范依申请公开办理流程，严格落实登记、审核、办理、答复、归档等各环节工作要求，确保依法依规、按时高效答复申请人。对申请内容不明确的，及时告知申请人作出补正；对属于其他行政机关负责公开的，告知申请人该行政机关的名称和联系方式，切实维护申请人的合法权益。
  - 加强政府网站和政务新媒体管理，严格执行信息发布审核制度，坚持“先审后发”，建立健全内容保障、安全防护、监督检查等工作机制。定期开展自查，及时整改错别字、空白栏目、链接失效等问题，不断提升平台的权威性、实用性和服务性，努力打造群众身边看得见、用得上的政务公开平台。
  - 下一步，我局将继续深入贯彻落实《中华人民共和国政府信息公开条例》，进一步提高思想认识，强化责任担当，聚焦群众关心关注的热点难点问题，持续加大重点领域信息公开力度，不断拓展公开的广度和深度，切实提高政务公开工作的规范化、标准化水平，为全县林业高质量发展营造良好环境。
EOF
}

test_justified_lines_are_at_most_a_tenth_em_loose() {
    # No justified line has more than 0.1 em between two Han characters: on
    # prose written for the tests, the sample report and the issue's two-line
    # paragraph (which had 0.25 em on its first line).
    rc "$PROSE" -o p.pdf && rc "$ROOT/data/2023.yaml" -o r.pdf || return 1
    printf 'body:\n  - 区政府的领导下，贯彻落实《中华人民共和国政府信息公开条例》和省、市、区有关政府信息公开工作的部署和要求。\n' > two.yaml
    rc two.yaml -o two.pdf || return 1
    pure_chinese_report > c.yaml && rc c.yaml -o c.pdf || return 1
    for f in r two c; do "$TYPESET" "$f.pdf" --only loose || return 1; done
    # prose.yaml quotes a file name: a line holding one may be looser (it
    # breaks only after its separators), every other line may not.
    "$TYPESET" p.pdf --only loose --explained
}

test_quanjiao_no_lone_mark_narrower_than_an_em() {
    rc "$PROSE" -o p.pdf && rc "$ROOT/data/2023.yaml" -o r.pdf || return 1
    pure_chinese_report > c.yaml && rc c.yaml -o c.pdf || return 1
    for f in p r c; do "$TYPESET" "$f.pdf" --only marks || return 1; done
}

test_pure_chinese_lines_keep_the_28_character_grid() {
    pure_chinese_report > c.yaml && rc c.yaml -o c.pdf || return 1
    # A line a character short is accepted only where a character went down
    # with the mark after it (推出: under 全角 nothing mid-line may squeeze).
    "$TYPESET" c.pdf --only grid --ratio 0.95 --explained || return 1
    # No line holds 29 characters by squeezing lone marks.
    "$TYPESET" c.pdf --only grid --ratio 0.9
}

test_no_kinsoku_violation_and_nothing_outside_the_block() {
    rc "$PROSE" -o p.pdf && rc "$ROOT/tests/reports/mixed.yaml" -o m.pdf || return 1
    "$TYPESET" p.pdf --only kinsoku,block && "$TYPESET" m.pdf --only kinsoku,block
}

test_ideographic_space_is_a_full_em_and_survives_in_the_text() {
    # "第一条　为规范": U+3000 is text, a 1 em blank, not collapsible space.
    printf 'layout: {name: gbt9704, body: {align: left}}\nbody:\n  - 第一条　为规范\n' > u.yaml
    rc --dump layout u.yaml > l.txt || return 1
    grep -q '第一条　为规范$' l.txt || fail "U+3000 is not in the run: $(grep text l.txt | head -1)" || return 1
    rc u.yaml -o u.pdf || return 1
    # poppler and MuPDF both read the blank as a space between the words.
    pdftotext -raw u.pdf - | grep -q '^第一条[[:space:]　]为规范' || fail "pdftotext: $(pdftotext -raw u.pdf - | head -1)" || return 1
    mutool draw -F stext -o - u.pdf 2>/dev/null | python3 -c '
import re, sys
xs = re.findall(r"x=\"([\d.]+)\" y=\"[\d.]+\" color=\"#[0-9a-f]+\" c=\"([^\"]*)\"", sys.stdin.read())
pos = {c: float(x) for x, c in xs}
gap = pos["&#x4e3a;"] - pos["&#x6761;"]   # 为 − 条: 条 (1 em) and the ideographic space (1 em)
sys.exit(0 if abs(gap - 31.5) < 0.1 else "gap %.2f pt, not 2 em" % gap)'
}

# A paragraph with a URL, an e-mail address and a file name, shifted one
# more character each time, so that line ends fall everywhere inside them.
url_report() {
    echo 'body:'
    for i in $(seq 0 27); do
        prefix=$(printf '字%.0s' $(seq 0 "$i"))
        echo "  - ${prefix}详见门户网站（http://www.moumou.gov.cn/zwgk/zfxxgk/fdzdgknr/ndbg/202401/t20240120_1234567.html）或来信至lyj_bgs@moumou.gov.cn，附件为moumou_lyj_2024_zfxxgk_ndbg_final.pdf。"
    done
}

test_urls_break_only_after_their_separators() {
    url_report > u.yaml
    rc u.yaml -o u.pdf || return 1
    # (Not 'loose': a line ending before an address piece of 4–5 em, with
    # only its Chinese characters to stretch, cannot always be tight.)
    "$TYPESET" u.pdf --only kinsoku,block || return 1
    # A line that ends inside an address ends with one of / . - _ ? & = @.
    pdftotext u.pdf - | python3 -c '
import re, sys
bad = [l for l in sys.stdin.read().split("\n") if re.search(r"[A-Za-z0-9]$", l)]
for l in bad: print("breaks inside a word:", l[-24:])
sys.exit(1 if bad else 0)'
}

test_long_token_is_cut_and_the_line_stays_tight() {
    # A 64-digit hash has no opportunity: it may be cut anywhere, but the
    # lines around it stay justified with little space between characters.
    printf 'body:\n  - 年度报告的电子版文件校验值为3f9a7c1e5b2d48e6a0c9f1b7d3e5a2c4b6d8f0e1a3c5b7d9f1e3a5c7b9d1f3e5，请在下载后核对，如有不符请与我局联系。\n' > h.yaml
    rc h.yaml -o h.pdf || return 1
    "$TYPESET" h.pdf --only loose,kinsoku,block || return 1
    pdftotext h.pdf - | tr -d '\n ' | grep -q '3f9a7c1e5b2d48e6a0c9f1b7d3e5a2c4b6d8f0e1a3c5b7d9f1e3a5c7b9d1f3e5' || fail "the hash is not whole in the text"
}

test_titles_break_between_words() {
    # GB/T 9704 §7.3.1 回行时要做到词意完整: no line of a title ends inside a
    # word ("…年政 / 府信息…" split 政府), and the lines stay balanced.
    for t in 某某县林业局2024年政府信息公开工作年度报告 某某市人力资源和社会保障局关于进一步加强政府信息公开工作的实施意见 某某区退役军人事务局二〇二四年政府信息公开工作年度报告; do
        printf 'body:\n  - title: %s\n' "$t" > t.yaml
        rc t.yaml -o t.pdf || return 1
        pdftotext -l 1 t.pdf - | sed '/^$/,$d' | tr -d ' ' > lines
        [ "$(wc -l < lines)" -ge 2 ] || fail "title '$t' is one line" || return 1
        python3 - lines <<'PY' || return 1
import sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
words = ["政府", "信息", "公开", "工作", "年度", "报告", "林业", "人力", "资源", "社会", "保障", "关于", "进一步",
         "加强", "实施", "意见", "退役", "军人", "事务", "二〇二四"]
for a, b in zip(lines, lines[1:]):
    for w in words:
        for k in range(1, len(w)):
            if a.endswith(w[:k]) and b.startswith(w[k:]):
                sys.exit("title breaks inside %s: %s / %s" % (w, a, b))
if max(map(len, lines)) - min(map(len, lines)) > 4:
    sys.exit("title lines unbalanced: %s" % " / ".join(lines))
PY
    done
}

# The checker itself must see a loose line and a narrow mark when they are there.
test_typeset_checker_catches_what_it_checks() {
    # A Latin word too long for the rest of the first line leaves it loose.
    printf 'body:\n  - %s\n' "$(printf '字%.0s' $(seq 1 20))Internationalization的字字字字字字字字字字字字字字字字字字字字。" > l.yaml
    rc l.yaml -o l.pdf || return 1
    ! "$TYPESET" l.pdf --only loose > out || fail "a loose line passed: $(cat out)" || return 1
    printf 'layout: {name: gbt9704, typography: {punctuation: banjiao}}\nbody:\n  - 以公开透明、公平公正为主线，以服务退役军人为立足点。\n' > m.yaml
    rc m.yaml -o m.pdf || return 1
    ! "$TYPESET" m.pdf --only marks > out || fail "a half-width mark passed: $(cat out)"
}
