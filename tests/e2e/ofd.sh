# ofd.sh — OFD output (GB/T 33190-2016, issue 15), read back independently
# of the writer: tests/ofdcheck.py unzips the package with Python's zipfile,
# parses it with xml.etree, reads the fonts with fontTools, and compares
# each page with the PDF of the same report (pdftotext, mutool).

CHECK="$ROOT/tests/ofdcheck.py"

# Builds $1.yaml as $1.ofd and $1.pdf; no diagnostics.
build_both() {
    rc "$1.yaml" -o "$1.ofd" 2> err && [ ! -s err ] || { cat err; fail "OFD of $1"; return 1; }
    rc "$1.yaml" -o "$1.pdf" 2> err && [ ! -s err ] || { cat err; fail "PDF of $1"; return 1; }
}

test_2023_structure_fonts_text_positions() {
    cp "$ROOT/data/2023.yaml" . && build_both 2023 || return 1
    "$CHECK" all 2023.ofd 2023.pdf
}

# Every sample report: attachments (page numbers continuing, 附件 pages),
# tables crossing pages, mixed fonts, long prose.
test_every_sample_report() {
    local y b bad=0
    for y in "$ROOT"/tests/reports/*.yaml; do
        b=$(basename "$y" .yaml)
        cp "$y" "$b.yaml" && build_both "$b" || return 1
        "$CHECK" all "$b.ofd" "$b.pdf" > out || { echo "== $b"; cat out; bad=1; }
    done
    return $bad
}

# A table of 120 rows over several pages: repeated header rows and 续表.
test_continued_table() {
    python3 "$ROOT/tests/gen-table.py" 120 > table.yaml && build_both table || return 1
    [ "$(pdfinfo table.pdf | awk '/^Pages:/{print $2}')" -ge 3 ] || fail "the table does not cross pages" || return 1
    unzip -p table.ofd 'Doc_0/Pages/Page_1/Content.xml' | grep -q '续表' || fail "no 续表 on page 2" || return 1
    "$CHECK" all table.ofd table.pdf
}

# The seal as PNG (with alpha, flattened) and as JPEG: an ImageObject
# drawn where the PDF draws its image, the picture in Res/.
test_seal_png_and_jpeg() {
    write_seal_reports || return 1
    local kind
    for kind in png jpg; do
        build_both seal-$kind || return 1
        "$CHECK" all seal-$kind.ofd seal-$kind.pdf && "$CHECK" seal seal-$kind.ofd seal-$kind.pdf || return 1
    done
    unzip -l seal-png.ofd | grep -q 'Doc_0/Res/image_[0-9]*\.png' || fail "no PNG in Res/" || return 1
    unzip -l seal-jpg.ofd | grep -q 'Doc_0/Res/image_[0-9]*\.jpg' || fail "no JPEG in Res/" || return 1
    # The JPEG is the parse stage's cleaned copy, as the PDF embeds it.
    unzip -p seal-jpg.ofd 'Doc_0/Res/image_*.jpg' > got.jpg && pdfimages -j seal-jpg.pdf img &&
        cmp got.jpg img-000.jpg || fail "the JPEG differs from the PDF's"
}

# Characters beyond U+FFFF (𠮷) in text, heading and metadata; XML specials.
test_specials_and_non_bmp() {
    write_specials_report && build_both specials || return 1
    "$CHECK" all specials.ofd specials.pdf || return 1
    python3 - specials.ofd <<'EOF' || return 1
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
Q = "{http://www.ofdspec.org/2016}"
info = ET.fromstring(z.read("OFD.xml")).find(f"{Q}DocBody/{Q}DocInfo")
got = {c.tag.replace(Q, ""): c.text for c in info}
want = {"Title": "𠮷野家 A&B <C> \"引号\" '单引号' 报告", "Author": "𠮷田 & 合伙人", "Subject": "<主题> & 说明",
        "CreationDate": "2024-12-05", "Creator": "reportc"}
for k, v in want.items():
    assert got.get(k) == v, (k, got.get(k), v)
assert [k.text for k in info.find(f"{Q}Keywords")] == ["A&B", "<键>", "𠮷"], "keywords"
doc = ET.fromstring(z.read("Doc_0/Document.xml"))
titles = [e.get("Title") for e in doc.iter(f"{Q}OutlineElem")]
assert any(t.endswith("𠮷字标题 & <符号>") for t in titles), titles
page = ET.fromstring(z.read("Doc_0/Pages/Page_0/Content.xml"))
codes = [t.text for t in page.iter(f"{Q}TextCode")]
assert codes.count("𠮷") >= 4, codes   # each alone in its TextCode, with its own X
EOF
}

# DocInfo from meta, and the outline equal to the PDF's bookmarks.
test_docinfo_and_outline_as_pdf() {
    cp "$ROOT/data/2023.yaml" . && build_both 2023 || return 1
    mutool show 2023.pdf outline > pdf-outline 2>/dev/null || return 1
    python3 - 2023.ofd pdf-outline <<'EOF'
import re, sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
Q = "{http://www.ofdspec.org/2016}"
info = ET.fromstring(z.read("OFD.xml")).find(f"{Q}DocBody/{Q}DocInfo")
assert info.findtext(f"{Q}Title") == "卫东区退役军人事务局2023年政府信息公开工作年度报告"
assert info.findtext(f"{Q}Author") and info.findtext(f"{Q}CreationDate") == "2024-01-31"
doc = ET.fromstring(z.read("Doc_0/Document.xml"))
ours = []
def walk(el, depth):
    for e in el.findall(f"{Q}OutlineElem"):
        ours.append((depth, e.get("Title")))
        walk(e, depth + 1)
walk(doc.find(f"{Q}Outlines"), 0)
theirs = []
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r'^[|+-]?(\t+)"(.*)"\t#', line)   # mutool: a mark, one tab per level
    if m:
        theirs.append((len(m.group(1)) - 1, m.group(2)))
assert ours == theirs, (ours, theirs)
print(len(ours), "outline entries as the PDF's")
EOF
}

# The same input gives the same bytes: twice, on another day, in another zone.
test_reproducible() {
    # libfaketime is preloaded ahead of ASan's runtime.
    export ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0"
    cp "$ROOT/data/2023.yaml" . && write_seal_reports || return 1
    rc 2023.yaml -o a.ofd && rc 2023.yaml -o b.ofd && cmp a.ofd b.ofd || return 1
    faketime '2031-07-04 12:00:00' env TZ=Asia/Shanghai "$ROOT/$REPORTC" 2023.yaml -o c.ofd && cmp a.ofd c.ofd || return 1
    rc seal-png.yaml -o s1.ofd && faketime '2029-01-01' "$ROOT/$REPORTC" seal-png.yaml -o s2.ofd && cmp s1.ofd s2.ofd
}

# Format by extension or --format; the default output follows the format.
test_format_choice() {
    cp "$ROOT/tests/reports/prose.yaml" r.yaml || return 1
    rc r.yaml -o x.ofd && [ "$(head -c 2 x.ofd)" = PK ] || fail "-o x.ofd is not a ZIP" || return 1
    rc r.yaml -o X.OFD && [ "$(head -c 2 X.OFD)" = PK ] || fail "-o X.OFD is not a ZIP" || return 1
    rc r.yaml --format ofd -o y.bin && [ "$(head -c 2 y.bin)" = PK ] || fail "--format ofd" || return 1
    rc r.yaml --format pdf -o z.ofd && [ "$(head -c 5 z.ofd)" = %PDF- ] || fail "--format pdf" || return 1
    rc r.yaml --format ofd && [ -f r.ofd ] && [ ! -e r.pdf ] || fail "default output with --format ofd" || return 1
    rc r.yaml && [ -f r.pdf ] || fail "default output" || return 1
    rc r.yaml --format odf -o w.ofd 2> err; [ $? -eq 2 ] && grep -q "'pdf' or 'ofd'" err && [ ! -e w.ofd ] ||
        fail "bad --format" || return 1
    rc r.yaml --format ofd --dump layout > dump && [ -s dump ] && [ ! -e r.yaml.ofd ]
}

# A failed OFD compile never leaves or clobbers a file (output.c's path).
test_failure_keeps_old_output() {
    printf 'body:\n  - 旧的报告。\n' > good.yaml
    printf 'body:\n  - h9: 错误的标题级别\n' > bad.yaml
    rc good.yaml -o out.ofd && cp out.ofd before || return 1
    rc bad.yaml -o out.ofd 2> err; [ $? -eq 1 ] || fail "bad report did not fail" || return 1
    cmp out.ofd before || fail "the old OFD was changed" || return 1
    rc bad.yaml -o new.ofd 2> err; [ ! -e new.ofd ] || fail "a failed compile left new.ofd" || return 1
    mkdir dir.ofd && rc good.yaml -o dir.ofd 2> err; [ $? -ne 0 ] && [ -d dir.ofd ] || fail "-o a directory" || return 1
    mkdir ro && chmod 555 ro
    if [ ! -w ro ]; then   # not as root
        rc good.yaml -o ro/x.ofd 2> err; [ $? -eq 3 ] && [ ! -e ro/x.ofd ] || fail "unwritable directory" || return 1
    fi
    cp good.yaml keep.yaml && rc good.yaml --format ofd -o good.yaml 2> err; [ $? -eq 1 ] && cmp good.yaml keep.yaml ||
        fail "-o the input itself" || return 1
    [ -z "$(ls -A | grep -E '^\.?(out|new|x)\.ofd\..+')" ] || { ls -A; fail "a temporary file was left"; }
}

# A standard ZIP reader and unzip agree; entries in a fixed order.
test_zip_container() {
    cp "$ROOT/data/2023.yaml" . && rc 2023.yaml -o 2023.ofd || return 1
    unzip -tq 2023.ofd > out || { cat out; return 1; }
    zipinfo -1 2023.ofd > names
    head -3 names | tr '\n' ' ' | grep -q '^OFD.xml Doc_0/Document.xml Doc_0/PublicRes.xml ' || { cat names; fail "order"; } || return 1
    ! zipinfo -v 2023.ofd | grep -q 'extended local header: *yes' || fail "data descriptor" || return 1
    grep -q '^Doc_0/Res/font_[0-9]*\.ttf$' names || fail "no embedded font"
}

# The XML against the standard's schemas (附录A, transcribed in
# GreenYun/OFD-Schema, which has no licence and is not shipped here): set
# OFD_XSD to a directory holding OFD.xsd, Document.xsd, Res.xsd, Page.xsd
# and Definitions.xsd.  Without it the test only says so.
test_xsd_when_schemas_given() {
    [ -n "${OFD_XSD:-}" ] && [ -f "$OFD_XSD/Page.xsd" ] || { echo "skipped: OFD_XSD not set"; return 0; }
    cp "$ROOT/data/2023.yaml" . && write_seal_reports && write_specials_report || return 1
    python3 "$ROOT/tests/gen-table.py" 120 > table.yaml && cp "$ROOT"/tests/reports/*.yaml . || return 1
    local y f s n=0
    for y in *.yaml; do
        rc "$y" -o "${y%.yaml}.ofd" || return 1
        rm -rf u && mkdir u && (cd u && unzip -q "../${y%.yaml}.ofd") || return 1
        for f in $(cd u && find . -name '*.xml'); do
            case $f in
                ./OFD.xml) s=OFD ;; */Document.xml) s=Document ;; */*Res.xml) s=Res ;; *) s=Page ;;
            esac
            xmllint --noout --schema "$OFD_XSD/$s.xsd" "u/$f" 2> err || { echo "$y: $f"; cat err; return 1; }
            n=$((n + 1))
        done
    done
    echo "$n XML files valid"
}
