# diagnostics.sh — every file in tests/cases/ is a report with its expected
# diagnostics written inline:
#   # exit: N                  the expected exit status
#   # expect: L:C: error: …    a diagnostic line (after "NAME.yaml:") that must appear
#   # hint: …                  a hint line that must appear
# A case expecting errors must print exactly that many errors and leave no PDF.

check_case() {
    local file=$1 base want_exit got_exit errors want_errors line
    base=$(basename "$file")
    cp "$file" "$T/$base"
    want_exit=$(sed -n 's/^# exit: //p' "$file")
    rc "$base" -o "$T/out.pdf" 2> "$T/stderr" > /dev/null
    got_exit=$?
    [ "$got_exit" = "$want_exit" ] || { cat "$T/stderr"; fail "exit $got_exit, expected $want_exit"; return 1; }
    while IFS= read -r line; do
        grep -qF -- "$base:$line" "$T/stderr" || { cat "$T/stderr"; fail "missing: $base:$line"; return 1; }
    done < <(sed -n 's/^# expect: //p' "$file")
    while IFS= read -r line; do
        grep -qF -- "hint: $line" "$T/stderr" || { cat "$T/stderr"; fail "missing hint: $line"; return 1; }
    done < <(sed -n 's/^# hint: //p' "$file")
    # Every user mistake is located: no error without file:line:col.
    if grep -q '^reportc: error: ' "$T/stderr"; then cat "$T/stderr"; fail "an error without a location"; return 1; fi
    errors=$(grep -c "^$base:[0-9]*:[0-9]*: error: " "$T/stderr")
    want_errors=$(grep -c '^# expect: [0-9]*:[0-9]*: error: ' "$file")
    [ "$errors" = "$want_errors" ] || { cat "$T/stderr"; fail "$errors errors printed, expected $want_errors"; return 1; }
    if [ "$want_exit" != 0 ] && [ -e "$T/out.pdf" ]; then fail "a failed compile left out.pdf"; return 1; fi
    if [ "$want_exit" != 0 ] && ls "$T" | grep -q 'out.pdf.tmp'; then fail "a temporary file was left"; return 1; fi
    if grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$T/stderr"; then cat "$T/stderr"; return 1; fi
    return 0
}

for case_file in "$ROOT"/tests/cases/*.yaml; do
    case_name=$(basename "$case_file" .yaml | tr -c 'a-zA-Z0-9_\n' '_')
    eval "test_case_${case_name}() { check_case '$case_file'; }"
done
