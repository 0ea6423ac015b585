# pdf.sh — the PDF of data/2023.yaml, inspected as a reader sees it.

# The text of the original 2023 report (tests/golden/seed-2023.txt).
SEED="$ROOT/tests/golden/seed-2023.txt"
CHECK="$ROOT/tests/pdfcheck.py"

build_2023() { rc "$ROOT/data/2023.yaml" -o 2023.pdf 2> err && [ ! -s err ] || { cat err; return 1; }; }

test_2023_fonts_embedded_subset_tounicode() {
    build_2023 || return 1
    "$CHECK" fonts 2023.pdf
}

test_2023_every_seed_paragraph_in_text() {
    build_2023 || return 1
    "$CHECK" text 2023.pdf "$SEED"
}

test_2023_qpdf_check_clean() {
    build_2023 || return 1
    qpdf --check 2023.pdf > out 2>&1 || { cat out; return 1; }
    grep -q 'No syntax or stream encoding errors found' out || { cat out; return 1; }
}

test_2023_no_poppler_warnings() {
    build_2023 || return 1
    "$CHECK" quiet 2023.pdf
}

test_2023_geometry_gbt9704() {
    build_2023 || return 1
    "$CHECK" geometry 2023.pdf
}

test_2023_no_prohibited_line_starts_or_ends() {
    build_2023 || return 1
    "$CHECK" kinsoku 2023.pdf
}

test_2023_info_utf8_and_compressed() {
    build_2023 || return 1
    pdfinfo 2023.pdf > info || return 1
    grep -q '^Title: *卫东区退役军人事务局2023年政府信息公开工作年度报告$' info || { cat info; fail "title"; } || return 1
    grep -q '^Author: *卫东区退役军人事务局$' info || fail "author" || return 1
    grep -q '^Subject: *政府信息公开工作年度报告$' info || fail "subject" || return 1
    grep -q '^Keywords: *政府信息公开; 年度报告; 2023$' info || fail "keywords" || return 1
    grep -q '^CreationDate: .*2024' info || fail "creation date" || return 1
    grep -q '^Page size: *595.276 x 841.89 pts (A4)' info || fail "not A4" || return 1
    # Compression on: no content stream is stored raw.
    qpdf --show-npages 2023.pdf > /dev/null || return 1
    [ "$(qpdf --qdf --object-streams=disable 2023.pdf - 2>/dev/null | wc -c)" -gt "$(wc -c < 2023.pdf)" ] || fail "not compressed"
}

test_2023_headings_fonts_and_outline_text() {
    build_2023 || return 1
    pdftotext 2023.pdf - | tr -d ' \n' > text
    for h in 一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 \
             四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项 \
             （一）主动公开 （五）监督保障 2024年1月31日; do
        grep -q "$h" text || fail "missing: $h" || return 1
    done
}

# The page streams are written by reportc (render/pdf_content.c), not by
# libharu's float operators: every number is the frames' millipoints,
# exactly (libharu wrote "0.00001 -28.98999 Td" for 0 and -28.99), and
# every operator is one the writer means to use.
test_page_streams_hold_exact_millipoints() {
    build_2023 || return 1
    qpdf --qdf --object-streams=disable 2023.pdf q.pdf || return 1
    python3 - q.pdf <<'PY' || return 1
import re, sys
data = open(sys.argv[1], "rb").read()
bad, ops, n = [], set(), 0
for m in re.finditer(rb"%% Contents for page \d+\n.*?stream\n(.*?)endstream", data, re.S):
    body = re.sub(rb"<[0-9a-fA-F]*>|/[^\s/<\[]+|<<[^>]*>>", b" ", m.group(1))
    for tok in body.split():
        if re.fullmatch(rb"[-+.0-9]+", tok):
            n += 1
            if not re.fullmatch(rb"-?(0|[1-9][0-9]*)(\.[0-9]{0,2}[1-9])?", tok):
                bad.append(tok.decode())
        else:
            ops.add(tok.decode())
unknown = ops - {"BT", "ET", "Td", "Tj", "Tf", "Tc", "Tr", "w", "J", "m", "l", "S", "q", "Q", "cm", "Do", "BDC", "EMC"}
if n < 1000 or bad or unknown:
    print("numbers %d, not exact: %s, unknown operators: %s" % (n, bad[:10], sorted(unknown)))
    sys.exit(1)
PY
}

test_nonbmp_character_extracts() {
    printf 'body:\n  - 吉与𠮷不同，𠮷字在扩展B区。\n' > n.yaml
    printf '吉与𠮷不同，𠮷字在扩展B区。— 1 —' > want.txt
    rc n.yaml -o n.pdf 2> err || { cat err; return 1; }
    [ ! -s err ] || { cat err; fail "warnings"; } || return 1
    "$CHECK" chars n.pdf want.txt && "$CHECK" quiet n.pdf
}

test_text_never_overflows_the_block() {
    # A long unbreakable Latin run and a long number must be cut, not overflow.
    {
        echo 'body:'
        echo "  - $(printf 'A%.0s' $(seq 120))"
        echo "  - 编号$(printf '9%.0s' $(seq 90))结束"
    } > long.yaml
    rc long.yaml -o long.pdf 2> err || { cat err; return 1; }
    "$CHECK" geometry long.pdf
}

test_many_pages_numbered_on_outer_side() {
    { echo 'body:'; for i in $(seq 120); do echo "  - 第${i}段：政府信息公开工作年度报告的正文，用来检验分页与页码的位置是否正确。"; done; } > many.yaml
    rc many.yaml -o many.pdf || return 1
    [ "$(pdfinfo many.pdf | sed -n 's/^Pages: *//p')" -ge 5 ] || fail "expected several pages" || return 1
    "$CHECK" geometry many.pdf
}

test_mixed_report_geometry_and_text() {
    # Headings of every level, literal and no numbering, a three-line title,
    # Latin text, a URL, a page break and a long signature.
    rc "$ROOT/tests/reports/mixed.yaml" -o m.pdf 2> err || { cat err; return 1; }
    "$CHECK" geometry m.pdf && "$CHECK" quiet m.pdf && "$CHECK" fonts m.pdf || return 1
    pdftotext m.pdf - | tr -d ' \n' > text
    for s in '（甲）自定义编号' '1.三级标题' '（1）四级标题' 'internationalization' '2024年12月5日'; do
        grep -qF "$s" text || fail "missing: $s" || return 1
    done
}

test_latin_words_are_not_letter_spaced() {
    # clreq §3: justification never spaces out the letters of a Latin word.
    rc "$ROOT/tests/reports/mixed.yaml" --dump layout > layout.txt || return 1
    if grep -E ' tc=[0-9.]+ ' layout.txt | grep -vE ' tc=0\.000 ' | grep -qE 'tc=[0-9.]+ [A-Za-z]{3,}'; then
        grep -E 'tc=[0-9.]+ [A-Za-z]{3,}' layout.txt | grep -v 'tc=0.000' | head -3
        fail "a Latin word is letter-spaced"
    fi
}

test_large_type_takes_several_grid_lines() {
    # A body size larger than the line pitch used to overprint the lines.
    printf 'layout: {name: gbt9704, body: {size: 40pt}}\nbody:\n  - 大号字的段落需要占用两条网格线，否则上下两行会互相重叠在一起。\n' > big.yaml
    rc big.yaml -o big.pdf || return 1
    "$CHECK" geometry big.pdf > problems
    ! grep . problems | grep -v 'page number'
}

test_builds_are_byte_identical() {
    rc "$ROOT/data/2023.yaml" -o a.pdf && sleep 1 && rc "$ROOT/data/2023.yaml" -o b.pdf || return 1
    cmp a.pdf b.pdf || fail "two builds differ"
}

test_dates_from_source_date_epoch() {
    printf 'body:\n  - h1: 标题\n  - 正文。\n' > e.yaml
    SOURCE_DATE_EPOCH=1700000000 rc e.yaml -o e.pdf || return 1
    pdfinfo e.pdf | grep -q '^CreationDate: .*Nov 1[34] .* 2023' || { pdfinfo e.pdf; fail "date not from SOURCE_DATE_EPOCH"; } || return 1
    rc e.yaml -o f.pdf || return 1
    ! pdfinfo f.pdf | grep -q '^CreationDate' || fail "a date from the clock"
}

test_viewer_shows_title_and_bookmarks() {
    build_2023 || return 1
    qpdf --qdf --object-streams=disable 2023.pdf q.pdf || return 1
    grep -aq '/DisplayDocTitle true' q.pdf || fail "no DisplayDocTitle" || return 1
    grep -aq '/PageMode /UseOutlines' q.pdf || fail "bookmarks not shown on opening" || return 1
    # Every heading is a bookmark, in order.
    [ "$(grep -aic '/Title <FEFF' q.pdf)" -ge 12 ] || fail "fewer than 11 bookmarks and the info title"
}
