# schema.sh — `reportc schema`: the JSON Schema agrees with the compiler.
# An independent validator (Debian's python3-jsonschema, tests/schemacheck.py)
# must accept every report the compiler accepts, and reject — as the
# compiler does — a misspelt key, a negative count and text for a number.

VALIDATE="/usr/bin/python3 $ROOT/tests/schemacheck.py"
LAYOUT=gov-info-disclosure-annual

test_schema_is_draft07_inline() {
    rc schema --layout $LAYOUT > s.json || fail "reportc schema failed"
    /usr/bin/python3 - <<'PY' || return 1
import json, jsonschema
s = json.load(open("s.json"))
assert s["$schema"] == "http://json-schema.org/draft-07/schema#", s["$schema"]
jsonschema.Draft7Validator.check_schema(s)
text = open("s.json").read()
assert '"$id"' not in text
import re
assert all(r.startswith("#/") for r in re.findall(r'"\$ref": "([^"]*)"', text)), "a $ref to another file"
n = s["properties"]["data"]["anyOf"][1]["properties"]["applications"]["properties"]["new"]["properties"]["natural_person"]
assert "自然人" in n["description"] and n["minimum"] == 0 and "integer" in n["type"], n
assert s["properties"]["data"]["anyOf"][1]["additionalProperties"] is False
PY
}

test_every_template_report_validates() {
    rc schema --layout $LAYOUT > s.json || return 1
    $VALIDATE s.json "$ROOT/data/2023.yaml" "$ROOT"/tests/reports/*-2024.yaml || fail "a report the compiler accepts fails the schema"
}

test_every_general_report_validates() {
    rc schema > g.json || return 1
    $VALIDATE g.json "$ROOT/data/2023-plain.yaml" "$ROOT/tests/reports/attachments.yaml" "$ROOT/tests/reports/mixed.yaml" \
        "$ROOT/tests/reports/prose.yaml" || fail "a report the compiler accepts fails the schema"
}

test_init_skeleton_has_modeline_and_validates() {
    rc init --layout $LAYOUT -o 2024.yaml || return 1
    [ "$(head -1 2024.yaml)" = "# yaml-language-server: \$schema=./$LAYOUT.schema.json" ] || fail "line 1: $(head -1 2024.yaml)"
    [ -s $LAYOUT.schema.json ] || fail "init wrote no schema beside the skeleton"
    rc schema --layout $LAYOUT | cmp - $LAYOUT.schema.json || fail "init's schema differs from reportc schema's"
    $VALIDATE $LAYOUT.schema.json 2024.yaml || return 1
    rc --check 2024.yaml || fail "the skeleton does not compile"
}

# Both the validator and the compiler reject the report perturbed by python.
both_reject() {
    /usr/bin/python3 - "$ROOT/data/2023.yaml" "$1" "$2" <<'PY'
import sys
src, old, new = sys.argv[1:]
text = open(src).read()
assert old in text, old
open("bad.yaml", "w").write(text.replace(old, new, 1))
PY
    rc schema --layout $LAYOUT > s.json || return 1
    if $VALIDATE s.json bad.yaml > v.txt; then cat v.txt; fail "the validator accepts it"; return 1; fi
    grep -q "$3" v.txt || { cat v.txt; fail "validator: no '$3'"; return 1; }
    rc --check bad.yaml 2> err && { fail "the compiler accepts it"; return 1; }
    grep -q "error: .*$4" err || { cat err; fail "compiler: no '$4'"; }
}

test_misspelt_key_fails_both() {
    both_reject "    new: {natural_person:" "    new: {natural_persn:" "'natural_persn' was unexpected" "no number 'applications.new.natural_persn'"
}

test_misspelt_top_key_fails_both() {
    both_reject "missing-numbers" "missing-number" "'missing-number' was unexpected" "unknown key 'missing-number'" ||
        both_reject "year: 2023" "year: 2023
yaer: 2023" "'yaer' was unexpected" "unknown key 'yaer'"
}

test_negative_count_fails_both() {
    both_reject "    new: {natural_person: 0" "    new: {natural_person: -1" "less than the minimum of 0" "is negative"
}

test_text_for_number_fails_both() {
    both_reject "    new: {natural_person: " "    new: {natural_person: 十" "is not of type" "must be a number"
}
