# pdfa.sh — PDF/A-1b, the default output: Apache PDFBox Preflight (Debian's
# libpdfbox2-java) on every sample report at once, the details Preflight does
# not check (tests/pdfacheck.py), byte-identical rebuilds on other days, and
# --no-pdfa.

PREFLIGHT_CP=/usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar
PDFA="$ROOT/tests/pdfacheck.py"

# Reports that stress the metadata: XML specials and a character beyond
# U+FFFF in every Info field, no metadata at all, non-BMP headings; and a
# 落款 with a seal, as a PNG with alpha and as a JPEG.
write_reports() {
    write_seal_reports || return 1
    write_specials_report || return 1
    printf 'body:\n  - 没有任何元数据的报告：没有标题，没有作者，也没有日期。\n' > bare.yaml
}

# Builds every sample report into the current directory; prints the PDFs.
build_reports() {
    write_reports
    local y out
    for y in "$ROOT/data/2023.yaml" "$ROOT"/tests/reports/*.yaml specials.yaml bare.yaml seal-png.yaml seal-jpg.yaml; do
        out=$(basename "$y" .yaml).pdf
        rc "$y" -o "$out" 2> err || { cat err >&2; return 1; }
        echo "$out"
    done
}

test_preflight_says_valid_pdfa1b() {
    [ -r /usr/share/java/preflight.jar ] || fail "no PDFBox Preflight (sh .ci/install-deps installs libpdfbox2-java)" || return 1
    build_reports > list || return 1
    # One JVM for all files (Validator_A1b's 'group' mode): ~1 s, not 1 s each.
    java -cp "$PREFLIGHT_CP" org.apache.pdfbox.preflight.Validator_A1b group list > out 2>&1
    local status=$? f
    for f in $(cat list); do
        grep -qx "The file $f is a valid PDF/A-1b file" out || { cat out; fail "$f: not valid PDF/A-1b"; } || return 1
    done
    [ $status = 0 ] || { cat out; fail "Preflight exit status $status"; }
}

test_cidset_lists_every_glyph() {
    build_reports > list || return 1
    "$PDFA" cidset $(cat list) || return 1
}

test_id_is_md5_of_the_content() {
    build_reports > list || return 1
    "$PDFA" id $(cat list) || return 1
    # A different report, a different /ID.
    [ "$(tail -c 200 2023.pdf | grep -a '/ID')" != "$(tail -c 200 bare.pdf | grep -a '/ID')" ] || fail "same /ID"
}

test_xmp_agrees_with_info() {
    build_reports > list || return 1
    "$PDFA" xmp $(cat list) || return 1
    pdfinfo -meta specials.pdf | grep -qF '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">𠮷野家 A&amp;B &lt;C&gt;' ||
        { pdfinfo -meta specials.pdf; fail "title not escaped in XMP"; } || return 1
    pdfinfo -meta 2023.pdf | grep -qF '<xmp:CreateDate>2024-01-31T00:00:00+08:00</xmp:CreateDate>' || fail "no CreateDate with time zone"
}

test_info_and_bookmarks_keep_characters_beyond_bmp() {
    build_reports > /dev/null || return 1
    pdfinfo specials.pdf > info || return 1
    grep -qF "Title:           𠮷野家 A&B <C> \"引号\" '单引号' 报告" info || { cat info; fail "title"; } || return 1
    grep -qF 'Author:          𠮷田 & 合伙人' info || { cat info; fail "author"; } || return 1
    qpdf --json --json-key=outlines specials.pdf | grep -qF '"title": "一、𠮷字标题 & <符号>"' || fail "bookmark title"
}

test_page_labels_decimal_from_1() {
    build_reports > list || return 1
    "$PDFA" labels $(cat list) || return 1
}

test_catalog_and_file_structure() {
    build_reports > /dev/null || return 1
    pdfinfo 2023.pdf > info || return 1
    grep -q '^PDF version: *1.4$' info && grep -q '^Metadata Stream: *yes$' info && grep -q '^Encrypted: *no$' info ||
        { cat info; fail "pdfinfo"; } || return 1
    # Binary comment after the header (ISO 19005-1 §6.1.2); nothing after %%EOF.
    head -c 15 2023.pdf | tail -c 6 | od -An -tu1 | awk '{ for (i = 2; i <= 5; i++) if ($i < 128) exit 1 }' ||
        fail "no binary comment line" || return 1
    [ "$(tail -c 6 2023.pdf)" = '%%EOF' ] || [ "$(tail -c 5 2023.pdf)" = '%%EOF' ] || fail "bytes after %%EOF" || return 1
    qpdf --qdf --object-streams=disable 2023.pdf q.pdf || return 1
    grep -aq '/S /GTS_PDFA1' q.pdf && grep -aq '/DestOutputProfile' q.pdf || fail "no sRGB output intent" || return 1
    ! grep -aqE '/SMask|/CA |/ca |/Encrypt|/SubType' q.pdf || fail "transparency, encryption or /SubType"
}

test_seal_flat_and_placed_per_gbt9704() {
    build_reports > /dev/null || return 1
    # One image without /SMask, centred on issuer and date, which sit a
    # little below its centre; its top within a line of the text above.
    "$PDFA" seal seal-png.pdf 2024年1月31日 && "$PDFA" seal seal-jpg.pdf 2024年1月31日 || return 1
    pdfimages -list seal-png.pdf | grep -q ' rgb  *3  *8  *image ' || { pdfimages -list seal-png.pdf; fail "PNG not flat RGB"; } || return 1
    pdfimages -list seal-jpg.pdf | grep -q ' rgb  *3  *8  *jpeg ' || { pdfimages -list seal-jpg.pdf; fail "JPEG not passed through"; } || return 1
    # Text drawn over the seal: the date still reads.
    pdftotext seal-png.pdf - | tr -d ' \n' | grep -q '卫东区退役军人事务局2024年1月31日' || fail "issuer or date lost"
}

# Three signatures naming one seal file: it is read once and the PDF holds
# one image object, drawn three times (each signature used to embed it anew).
test_seal_named_three_times_is_one_image() {
    "$ROOT/tests/seal.py" seal.png seal.ppm || return 1
    { printf 'meta: {author: 某局, date: 2024-01-31}\nbody:\n'
      for i in 1 2 3; do printf '  - 正文%s。\n  - signature: {seal: seal.png}\n' $i; done; } > s.yaml
    rc s.yaml -o out.pdf || return 1
    pdfimages -list out.pdf > list || return 1
    [ "$(tail -n +3 list | wc -l)" = 3 ] || { cat list; fail "not three placements"; } || return 1
    [ "$(tail -n +3 list | awk '{print $11}' | sort -u | wc -l)" = 1 ] || { cat list; fail "more than one image object"; }
}

test_seal_that_cannot_serve_is_an_error() {
    printf 'not an image\n' > fake.png
    printf 'meta: {author: 某局, date: 2024-01-31}\nbody:\n  - 正文。\n  - signature: {seal: fake.png}\n' > s.yaml
    rc s.yaml -o out.pdf 2> err; [ $? = 1 ] || { cat err; fail "not 1"; } || return 1
    grep -q "^s.yaml:4:23: error: cannot use fake.png as a seal: not a PNG or JPEG file" err || { cat err; fail "no diagnostic"; } || return 1
    [ ! -e out.pdf ] || fail "a PDF was written"
}

test_same_bytes_on_another_day() {
    command -v faketime > /dev/null || fail "no faketime (sh .ci/install-deps installs it)" || return 1
    # libfaketime is preloaded ahead of ASan's runtime.
    export ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0"
    write_reports
    local y
    for y in "$ROOT/data/2023.yaml" bare.yaml; do
        TZ=UTC LC_ALL=C faketime '2001-02-03 04:05:06' "$ROOT/$REPORTC" "$y" -o a.pdf &&
            TZ=Asia/Shanghai LC_ALL=C.UTF-8 faketime '2035-11-12 23:59:59' "$ROOT/$REPORTC" "$y" -o b.pdf ||
            return 1
        cmp a.pdf b.pdf || fail "$y: two days, two files" || return 1
        SOURCE_DATE_EPOCH=1700000000 faketime '2001-02-03 04:05:06' "$ROOT/$REPORTC" "$y" -o c.pdf &&
            SOURCE_DATE_EPOCH=1700000000 faketime '2035-11-12 23:59:59' "$ROOT/$REPORTC" "$y" -o d.pdf || return 1
        cmp c.pdf d.pdf || fail "$y with SOURCE_DATE_EPOCH: two days, two files" || return 1
    done
}

test_no_pdfa_writes_plain_pdf() {
    write_reports
    rc --no-pdfa "$ROOT/data/2023.yaml" -o plain.pdf || return 1
    pdfinfo plain.pdf | grep -q '^Metadata Stream: *no$' || fail "metadata in plain PDF" || return 1
    # (qpdf would add an /ID when rewriting; libharu leaves dictionaries uncompressed.)
    ! grep -aqE '/OutputIntents|/CIDSet|/ID \[' plain.pdf || fail "PDF/A parts in plain PDF" || return 1
    "$ROOT/tests/pdfcheck.py" fonts plain.pdf && "$ROOT/tests/pdfcheck.py" quiet plain.pdf &&
        "$PDFA" labels plain.pdf
}

test_missing_icc_profile_is_a_diagnostic() {
    write_reports
    rc --icc-profile /nonexistent/sRGB.icc bare.yaml -o out.pdf 2> err; [ $? = 3 ] || { cat err; fail "not 3"; } || return 1
    grep -q "^reportc: error: the ICC profile /nonexistent/sRGB.icc cannot serve PDF/A-1: No such file" err ||
        { cat err; fail "no diagnostic"; } || return 1
    [ ! -e out.pdf ] && [ "$(ls | grep -c tmp)" = 0 ] || fail "a file was left" || return 1
    # A version 4 profile (PDF/A-1 takes version 2 only), named by the environment.
    python3 -c 'import struct, sys; h = bytearray(132); h[0:4] = struct.pack(">I", 132); h[8] = 4; h[12:16] = b"mntr"; h[16:20] = b"RGB "; h[36:40] = b"acsp"; sys.stdout.buffer.write(h)' > v4.icc
    REPORTC_ICC_PROFILE="$T/v4.icc" rc bare.yaml -o out.pdf 2> err; [ $? = 3 ] || { cat err; fail "v4: not 3"; } || return 1
    grep -q 'ICC version 4.0; PDF/A-1 needs version 2' err || { cat err; fail "v4 not named"; } || return 1
    # Plain PDF needs no profile.
    REPORTC_ICC_PROFILE="$T/v4.icc" rc --no-pdfa bare.yaml -o out.pdf 2> err || { cat err; fail "--no-pdfa"; }
}
