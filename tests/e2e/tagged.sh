# tagged.sh — the structure tree (issue 14), read back with poppler
# (pdfinfo -struct / -struct-text, pdftotext) and qpdf, never with reportc's
# own code: tests/tagcheck.py.

TAG="$ROOT/tests/tagcheck.py"

build() { rc "$1" -o "$2" 2> err && [ ! -s err ] || { cat err; return 1; }; }

# A count from tagcheck.py tree's summary ("TYPE COUNT"), 0 when absent.
count() { awk -v t="$1" '$1 == t { n = $2 } END { print n + 0 }' summary; }

expect_count() {
    [ "$(count "$1")" -eq "$2" ] || { cat summary; fail "$1: $(count "$1"), not $2"; }
}

test_2023_tree_counts() {
    build "$ROOT/data/2023.yaml" 2023.pdf || return 1
    "$TAG" tree 2023.pdf > summary || { cat summary; return 1; }
    # 6 sections, （一）…（五） under 一, 3 tables; every header label a TH
    # with a scope, the 200 numbers TD; a Lbl per numbered heading.
    expect_count H1 6 && expect_count H2 5 && expect_count Table 3 && expect_count TD 200 &&
        expect_count Lbl 11 && expect_count Document 1 || return 1
    local labels
    labels=$(rc --dump model "$ROOT/data/2023.yaml" | grep -cE ' (col-head|row-head|corner) ')
    expect_count TH "$labels" && expect_count /Scope "$labels" || return 1
    # Spans as the model's grid has them.
    expect_count /RowSpan "$(rc --dump model "$ROOT/data/2023.yaml" | grep -cE ' r[0-9]+ c[0-9]+ ([2-9]|[1-9][0-9]+)x')" &&
        expect_count /ColSpan "$(rc --dump model "$ROOT/data/2023.yaml" | grep -cE ' r[0-9]+ c[0-9]+ [0-9]+x([2-9]|[1-9][0-9]+) ')"
}

# Every TD of 2023 holds one of the numbers, in the model's order.
test_2023_numbers_are_td_in_order() {
    build "$ROOT/data/2023.yaml" 2023.pdf || return 1
    pdfinfo -struct-text 2023.pdf | awk '/^ *TD/ { td = 1; next } td && /^ *"/ { print; td = 0 }' | tr -d ' "' > got
    rc --dump model "$ROOT/data/2023.yaml" | awk '/ data / { print $NF }' | tr -d '"' > want
    [ "$(wc -l < want)" -eq 200 ] || fail "the model has $(wc -l < want) numbers" || return 1
    diff want got > /dev/null || { diff want got | head; fail "TD texts differ from the numbers"; }
}

# The whole tree, text included, as poppler prints it: any element missing,
# added, retyped or moved fails.
test_2023_tree_golden() {
    build "$ROOT/data/2023.yaml" 2023.pdf || return 1
    pdfinfo -struct-text 2023.pdf > got 2> warn || return 1
    [ ! -s warn ] || { cat warn; fail "poppler warned"; } || return 1
    diff "$ROOT/tests/golden/2023.struct.txt" got > d || { head -30 d; fail "tree differs from tests/golden/2023.struct.txt"; }
}

# Reading order: the tree's text equals the page text without artifacts
# (page numbers, running text, 续表 and repeated header rows).
test_2023_struct_text_is_page_text_minus_artifacts() {
    build "$ROOT/data/2023.yaml" 2023.pdf || return 1
    "$TAG" order 2023.pdf
}

test_2023_marked_content_and_catalog() {
    build "$ROOT/data/2023.yaml" 2023.pdf || return 1
    "$TAG" content 2023.pdf > out || { cat out; return 1; }
    "$TAG" catalog 2023.pdf > cat || { cat cat; return 1; }
    grep -qx 'Lang zh-CN' cat && grep -qx 'pages with /StructParents 6 of 6' cat || { cat cat; fail "catalog"; } || return 1
    pdfinfo 2023.pdf | grep -q '^Tagged: *yes' || fail "pdfinfo: not tagged"
}

# meta.language reaches /Lang.
test_language_from_meta() {
    printf 'meta: {title: T, language: en-GB}\nbody:\n  - title: T\n  - Text.\n' > en.yaml
    build en.yaml en.pdf || return 1
    "$TAG" catalog en.pdf | grep -qx 'Lang en-GB' || fail "no /Lang en-GB"
}

# mixed.yaml: four heading levels with their labels, an unnumbered heading,
# Latin text, the 落款.
test_mixed_tree() {
    build "$ROOT/tests/reports/mixed.yaml" mixed.pdf || return 1
    "$TAG" tree mixed.pdf > summary || { cat summary; return 1; }
    expect_count H1 4 && expect_count H2 1 && expect_count H3 1 && expect_count H4 1 && expect_count Lbl 6 || return 1
    "$TAG" order mixed.pdf && "$TAG" content mixed.pdf > /dev/null || return 1
    pdfinfo -struct-text mixed.pdf | grep -A1 '^  H3' | grep -q '^    Lbl' || fail "H3 without its Lbl" || return 1
    # A Latin word space at a line end is not drawn, but the text keeps it.
    pdfinfo -struct-text mixed.pdf | grep -q 'lazy dog' || fail "word space lost at a line end"
}

# attachments.yaml: each attachment a Sect headed by an H1 with its Lbl
# ("附件1"), after the 附件说明 and the 落款, which stay in the Document.
test_attachments_are_sections() {
    build "$ROOT/tests/reports/attachments.yaml" att.pdf || return 1
    "$TAG" tree att.pdf > summary || { cat summary; return 1; }
    expect_count Sect 2 || return 1
    "$TAG" order att.pdf && "$TAG" content att.pdf > /dev/null || return 1
    pdfinfo -struct-text att.pdf > tree
    awk '/^  Sect/ { getline; getline; getline; print }' tree | tr -d ' "' > labels
    printf '附件1\n附件2\n' | diff - labels || fail "attachment labels" || return 1
    # The 附件说明 and the signature come before the first Sect.
    awk '/^  Sect/ { exit } { print }' tree | grep -q '"卫东区人民政府办公室"' || fail "signature not before the attachments"
}

# A 落款 with a seal: issuer and date each a P, the seal a Figure whose /Alt
# names the issuer's 印章 (qpdf decodes the text string).
test_seal_is_figure_with_alt() {
    "$ROOT/tests/seal.py" seal.png || return 1
    cat > seal.yaml <<'EOF'
meta: {title: 带印章的报告, author: 卫东区退役军人事务局, date: 2024-01-31}
body:
  - title: 带印章的报告
  - 这是正文的最后一段。
  - signature: {seal: seal.png}
EOF
    build seal.yaml seal.pdf || return 1
    "$TAG" tree seal.pdf > summary || { cat summary; return 1; }
    expect_count Figure 1 || return 1
    "$TAG" order seal.pdf && "$TAG" content seal.pdf > /dev/null || return 1
    pdfinfo -struct-text seal.pdf | tail -5 | tr -d ' ' > tail
    printf 'P(block)\n"2024年1月31日"\nFigure\n""\n' | diff - <(tail -4 tail) || fail "Figure not after the date" || return 1
    qpdf --json --json-key=qpdf seal.pdf | grep -q '"/Alt": "u:卫东区退役军人事务局印章"' || fail "no /Alt"
}

# A long table: its header rows repeated on every page are artifacts (one
# THead), a row label spanning a page break is one TH, every row one TR.
test_long_table_repeats_are_artifacts() {
    python3 "$ROOT/tests/gen-table.py" 600 > t.yaml || return 1
    build t.yaml t.pdf || return 1
    "$TAG" tree t.pdf > summary || { cat summary; return 1; }
    local cells rows heads
    cells=$(rc --dump model t.yaml | grep -cE ' r[0-9]+ c[0-9]+ ')
    rows=$(rc --dump model t.yaml | sed -n 's/.*table rows=\([0-9]*\).*/\1/p')
    heads=$(rc --dump model t.yaml | grep -cE ' (col-head|row-head|corner) ')
    expect_count THead 1 && expect_count TR "$rows" && expect_count TH "$heads" &&
        expect_count TD $((cells - heads)) || return 1
    [ "$(pdfinfo t.pdf | awk '/^Pages:/ { print $2 }')" -gt 10 ] || fail "not a long table" || return 1
    "$TAG" content t.pdf > /dev/null || return 1
    # Reading order across page breaks on 60 rows (3 pages): poppler's
    # -struct-text takes minutes on the 600-row table.
    python3 "$ROOT/tests/gen-table.py" 60 > s.yaml && build s.yaml s.pdf || return 1
    [ "$(pdfinfo s.pdf | awk '/^Pages:/ { print $2 }')" -ge 2 ] || fail "the short table fits one page" || return 1
    "$TAG" order s.pdf
}

# Still valid for Preflight with the tree, now claiming level A (tagged,
# /Lang well-formed); a /Lang PDF/A-1 cannot take ("es-419") keeps level B.
# No PDF/UA-1 identification (README, "Tagged PDF").
test_preflight_valid_level_a() {
    [ -r /usr/share/java/preflight.jar ] || fail "no PDFBox Preflight" || return 1
    build "$ROOT/data/2023.yaml" 2023.pdf || return 1
    printf 'meta: {title: T, language: es-419}\nbody:\n  - title: T\n  - Texto.\n' > es.yaml
    build es.yaml es.pdf || return 1
    pdfinfo -meta 2023.pdf | grep -q '<pdfaid:conformance>A</pdfaid:conformance>' || fail "2023: not level A" || return 1
    pdfinfo -meta es.pdf | grep -q '<pdfaid:conformance>B</pdfaid:conformance>' || fail "es-419: not level B" || return 1
    ! pdfinfo -meta 2023.pdf | grep -q pdfuaid || fail "PDF/UA claimed" || return 1
    local cp=/usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar
    java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b 2023.pdf > out 2>&1
    grep -q 'is a valid PDF/A-1b file' out || { head -20 out; fail "Preflight"; }
}
