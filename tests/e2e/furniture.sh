# furniture.sh — attachments (GB/T 9704 §7.3.4 附件说明, §7.3.7 附件) and
# running header and footer text, read back from the PDF.

REPORT="$ROOT/tests/reports/attachments.yaml"

# Page by page, the lines of text with their boxes (pdfcheck's grouping).
lines_of() {
    PYTHONPATH="$ROOT/tests" python3 - "$1" <<'PY'
import sys
from pdfcheck import pages_of, MM
for n, (w, h, lines) in enumerate(pages_of(sys.argv[1]), 1):
    for l in lines:
        print("%d %.1f %.1f %.1f %s" % (n, l["xMin"] / MM, l["xMax"] / MM, l["yMin"] / MM, l["text"]))
PY
}

test_attachment_note_under_the_body_before_the_signature() {
    rc "$REPORT" -o a.pdf 2> err && [ ! -s err ] || { cat err; return 1; }
    lines_of a.pdf > lines
    # 左空二字 (28 mm + 2 × 5.56 mm), titles numbered and aligned, the 落款 after.
    note=$(grep '^1 ' lines | grep '附件：1.2024年政府信息公开工作要点') || { cat lines; fail "no 附件说明"; return 1; }
    x=$(echo "$note" | cut -d' ' -f2)
    python3 -c "import sys; sys.exit(0 if abs($x - 39.1) < 0.3 else 1)" || fail "附件说明 starts at $x mm, not 39.1" || return 1
    second=$(grep '^1 ' lines | grep '2.政府信息公开工作年度报告格式') || { cat lines; fail "second title"; return 1; }
    x1=$(echo "$note" | awk '{print $2}'); x2=$(echo "$second" | awk '{print $2}')
    python3 -c "import sys; sys.exit(0 if abs($x2 - ($x1 + 3 * 5.556)) < 0.3 else 1)" || fail "2. not under 1. ($x2 vs $x1)" || return 1
    y_note=$(echo "$note" | cut -d' ' -f4); y_sig=$(grep '^1 ' lines | grep '卫东区人民政府办公室$' | cut -d' ' -f4)
    python3 -c "import sys; sys.exit(0 if $y_note < $y_sig else 1)" || fail "the 落款 is above the 附件说明"
}

test_each_attachment_on_a_new_page_label_and_title() {
    rc "$REPORT" -o a.pdf || return 1
    [ "$(pdfinfo a.pdf | sed -n 's/^Pages: *//p')" = 3 ] || fail "not 3 pages" || return 1
    lines_of a.pdf > lines
    for p in 2 3; do
        label=$(grep "^$p " lines | grep " 附件 *$((p - 1))$") || { cat lines; fail "page $p: no label 附件$((p - 1))"; return 1; }
        # flush left on the first line of the text block
        set -- $label
        python3 -c "import sys; sys.exit(0 if abs($2 - 28) < 0.3 and abs($4 - 37) < 1 else 1)" || fail "page $p: label at $2, $4 mm" || return 1
    done
    title=$(grep '^2 ' lines | grep '2024年政府信息公开工作要点') || { cat lines; return 1; }
    set -- $title
    # centred on the third line: two pitches (20.45 mm) below the first
    python3 -c "import sys; sys.exit(0 if abs(($2 + $3) / 2 - 106) < 0.5 and abs($4 - 37 - 20.45) < 1.5 else 1)" ||
        fail "title not centred on the third line: $title"
}

test_attachments_in_the_outline_page_numbers_continue() {
    rc "$REPORT" -o a.pdf || return 1
    rc --dump layout "$REPORT" > layout
    grep -q '^outline level=1 page=2 .* 附件1　2024年政府信息公开工作要点$' layout || { grep outline layout; fail "outline"; return 1; }
    grep -q '^outline level=1 page=3 .* 附件2　政府信息公开工作年度报告格式' layout || { grep outline layout; fail "outline 2"; return 1; }
    pdftotext -f 3 -l 3 a.pdf - | grep -q '— 3 —' || fail "page numbers do not continue"
}

test_single_attachment_is_not_numbered() {
    python3 - "$REPORT" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t[:t.index("  - title: 政府信息公开工作年度报告格式")]
open("one.yaml", "w").write(t)
PY
    rc one.yaml -o one.pdf 2> err || { cat err; return 1; }
    pdftotext one.pdf - | tr -d ' ' > text
    grep -q '^附件：2024年政府信息公开工作要点$' text || { cat text; fail "note numbered"; return 1; }
    grep -qx '附件' text || { cat text; fail "label not 附件"; }
}

test_running_header_and_footer() {
    rc "$REPORT" -o a.pdf || return 1
    lines_of a.pdf > lines
    for p in 1 2 3; do
        head=$(grep "^$p " lines | grep '关于做好2024年政府信息公开工作的通知$' | awk '$4 < 37')
        [ -n "$head" ] || { cat lines; fail "page $p: no header above the text block"; return 1; }
        foot=$(grep "^$p " lines | grep "卫东区人民政府办公室第${p}页$") || { cat lines; fail "page $p: no footer"; return 1; }
        set -- $foot
        python3 -c "import sys; sys.exit(0 if abs($3 - 184) < 0.3 and $4 > 262 else 1)" || fail "page $p footer at $3 mm, $4 mm" || return 1
    done
}

# gbt9704 has no running text: nothing above the text block (37 mm = 104.9 pt).
above_text_block() { sed -n 's/^  text .* y=\([0-9.]*\) .*/\1/p' "$1" | awk '$1 < 104.9' | wc -l; }

test_no_running_text_by_default() {
    rc --dump layout "$ROOT/data/2023-plain.yaml" > layout || return 1
    [ "$(above_text_block layout)" = 0 ] || fail "text above the text block without a running header" || return 1
    rc --dump layout "$REPORT" > layout2 || return 1
    [ "$(above_text_block layout2)" -ge 3 ] || fail "the running header is not above the text block on each page"
}

# A value holding its own hole ("{title}" in the title) is filled once,
# not again and again (this hung before one filler served every pattern).
test_running_text_value_with_a_hole_of_its_own() {
    sed 's/^meta: {title: 关于做好2024年政府信息公开工作的通知,/meta: {title: "关于{title}的说明",/' "$REPORT" > r.yaml
    grep -q '关于{title}的说明' r.yaml || fail "title not changed" || return 1
    timeout 20 "$ROOT/$REPORTC" --dump layout r.yaml > layout 2> err || { cat err; fail "did not finish"; return 1; }
    grep -q ' 关于{title}的说明$' layout || { grep 'size=10.500' layout | head -3; fail "header text wrong"; }
}
