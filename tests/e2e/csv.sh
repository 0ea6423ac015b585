# csv.sh — `data: numbers.csv`: a templated report's numbers from a CSV
# file (UTF-8 with or without BOM, GB18030), name,value rows or the form's
# own shape (reportc init --csv), errors at the CSV's own line:column.

# r.yaml: data/2023.yaml with data: numbers.csv; numbers.csv its numbers as
# name,value rows in encoding $1 (utf-8, utf-8-sig or gb18030), lines $2.
make_csv() {
    /usr/bin/python3 - "$ROOT/data/2023.yaml" "$1" "$2" <<'PY'
import re, sys, yaml
src, enc, nl = sys.argv[1], sys.argv[2], {"crlf": "\r\n", "lf": "\n", "cr": "\r"}[sys.argv[3]]
text = open(src, encoding="utf-8").read()
rows = []
def walk(p, v):
    if isinstance(v, dict):
        for k, x in v.items(): walk(p + [str(k)], x)
    else: rows.append((".".join(p), v))
walk([], yaml.safe_load(text)["data"])
open("numbers.csv", "wb").write(("名称,value" + nl + "".join(f"{n},{v}{nl}" for n, v in rows)).encode(enc))
i = text.index("\ndata:")
m = re.search(r"\n[a-z]", text[i + 1:])
open("r.yaml", "w", encoding="utf-8").write(text[:i] + "\ndata: numbers.csv" + (text[i + 1 + m.start():] if m else "\n"))
PY
}

same_as_inline() {
    rc --dump model "$ROOT/data/2023.yaml" | sed -E 's/[0-9]+:[0-9]+ //g' > a.txt
    rc --dump model r.yaml "$@" | sed -E 's/[0-9]+:[0-9]+ //g' > b.txt || return 1
    diff a.txt b.txt || fail "the model from the CSV differs from the inline numbers'"
}

test_utf8_crlf_same_model_and_pdf() {
    make_csv utf-8 crlf && same_as_inline || return 1
    rc r.yaml -o b.pdf && rc "$ROOT/data/2023.yaml" -o a.pdf && cmp a.pdf b.pdf || fail "the PDFs differ"
}
test_utf8_bom_lf() { make_csv utf-8-sig lf && same_as_inline; }
test_gb18030_cr() { make_csv gb18030 cr && same_as_inline; }
test_gb18030_forced_option() { make_csv gb18030 crlf && same_as_inline --csv-encoding=gb18030; }
test_utf8_forced_refuses_gb18030() {
    make_csv gb18030 lf
    rc --check r.yaml --csv-encoding=utf-8 2> err && { fail "accepted"; return 1; }
    grep -q "^numbers.csv:1:1: error: the byte 0x.. is not UTF-8" err || { cat err; fail "no error at 1:1"; }
}

# The form: init --csv compiles as it is, gives the same model as init's
# YAML (all 0), and a number typed in the form reaches its cell.
test_form_shape_from_init() {
    rc init --layout gov-info-disclosure-annual -o 2024.yaml --csv || return 1
    mkdir y && rc init --layout gov-info-disclosure-annual -o y/2024.yaml || return 1
    rc --dump model 2024.yaml | sed -E 's/[0-9]+:[0-9]+ //g' > a.txt || return 1
    rc --dump model y/2024.yaml | sed -E 's/[0-9]+:[0-9]+ //g' > b.txt
    diff a.txt b.txt || { fail "form and YAML skeleton differ"; return 1; }
    # 一、本年新收 … 自然人 and 总计 = 7; 表二 行政许可 = 3; 表四 复议后起诉 结果维持 = 2 (and 总计)
    /usr/bin/python3 - <<'PY'
t = open("numbers.csv", encoding="utf-8-sig", newline="").read().split("\r\n")
def set_row(prefix, cells):
    i = next(k for k, l in enumerate(t) if l.startswith(prefix))
    c = t[i].split(",")
    for k, v in cells.items(): c[k] = v
    t[i] = ",".join(c)
set_row("一、本年新收", {3: "7", 9: "7"})
set_row("二、上年结转", {})
set_row("三、本年度办理结果", {3: "7", 9: "7"})
i = next(k for k, l in enumerate(t) if l.startswith(",（七）总计"))
c = t[i].split(","); c[3] = c[9] = "7"; t[i] = ",".join(c)
set_row("行政许可", {1: "3"})
i = max(k for k, l in enumerate(t) if l.startswith("0,0,0"))
c = t[i].split(","); c[10] = c[14] = "2"; t[i] = ",".join(c)
open("numbers.csv", "w", encoding="utf-8", newline="").write("\r\n".join(t))
PY
    rc --dump model 2024.yaml > m.txt || { cat m.txt; return 1; }
    grep -c 'data number "7"' m.txt | grep -qx 4 || fail "7 not in four cells"
    grep -q 'data number "3"' m.txt || fail "行政许可 3 missing"
    grep -c 'data number "2"' m.txt | grep -qx 2 || fail "表四 2 not in two cells"
}

# An error: r.yaml with data: e.csv holding $1 (printf); expects $2 in stderr.
csv_error() {
    printf 'layout: gov-info-disclosure-annual\nissuer: 某局\nyear: 2023\nmissing-numbers: zero\ndata: e.csv\n' > r.yaml
    printf "$1" > e.csv
    rc --check r.yaml 2> err && { fail "accepted"; return 1; }
    grep -q "^e.csv:$2" err || { cat err; fail "no: e.csv:$2"; }
}

test_error_unknown_name() { csv_error 'name,value\nproactive.licensing,1\nproactive.regulations.isued,0\n' "3:1: error: the template has no number 'proactive.regulations.isued' (cell A3)"; }
test_error_unknown_name_hint() { csv_error 'name,value\nproactive.regulations.isued,0\n' "2:1: error" && grep -q "did you mean 'issued'" err; }
test_error_duplicate() { csv_error 'name,value\nproactive.licensing,1\nproactive.licensing,2\n' "3:1: error: cell A3: proactive.licensing is given twice (first in cell A2, line 2)"; }
test_error_fullwidth_digits() { csv_error 'name,value\nproactive.licensing,１２\n' "2:21: error: proactive.licensing must be a number, not '１２' (cell B2)" && grep -q "12" err; }
test_error_thousands() { csv_error 'name,value\nproactive.penalties,"1,234"\n' "2:21: error: proactive.penalties must be a number, not '1,234' (cell B2)" && grep -q "write 1234" err; }
test_error_negative() { csv_error 'name,value\nproactive.penalties,-3\n' "2:21: error: proactive.penalties is negative: -3 (cell B2)"; }
test_error_text() { csv_error 'name,value\nproactive.penalties,三件\n' "2:21: error: proactive.penalties must be a number"; }
test_error_unterminated_quote() { csv_error 'name,value\nproactive.penalties,1\nproactive.licensing,"12\nx\n' "3:21: error: cell B3: this quote is never closed"; }
test_error_text_after_quote() { csv_error 'name,value\nproactive.penalties,"1"2\n' "2:24: error: cell B2: text after the closing quote"; }
test_error_quote_inside() { csv_error 'name,value\nproactive.penalties,1"2\n' "2:22: error: cell B2: a quote inside a cell"; }
test_error_position_after_quoted_newline() {
    # A quoted cell with a line break: lines as an editor counts them.
    csv_error 'name,value\n"proactive.\nlicensing",1\nproactive.fees,x\n' "4:16: error: proactive.fees must be a number, not 'x' (cell B3)"
}
test_error_form_row_label() {
    csv_error 'applications\n,,,申请人情况\n,,,自然人\n,,,x\n' "4:4: error: column 4 of table applications must be 「自然人」"
}
test_error_gb18030_bad_byte() {
    printf 'layout: gov-info-disclosure-annual\nissuer: 某局\nyear: 2023\nmissing-numbers: zero\ndata: e.csv\n' > r.yaml
    printf 'name,value\nproactive.licensing,\x81\x20\n' > e.csv
    rc --check r.yaml 2> err && { fail "accepted"; return 1; }
    grep -q "^e.csv:2:21: error: the byte 0x81 is not UTF-8 or GB18030" err || { cat err; fail "position"; }
}
test_error_utf16() {
    printf 'layout: gov-info-disclosure-annual\nissuer: 某局\nyear: 2023\ndata: e.csv\n' > r.yaml
    printf '\xff\xfen\x00' > e.csv
    rc --check r.yaml 2> err && return 1
    grep -q "^e.csv:1:1: error: the CSV file is UTF-16" err || { cat err; fail "utf-16"; }
}
