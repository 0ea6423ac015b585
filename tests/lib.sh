# lib.sh — a tiny test runner for the end-to-end suites.
#
# A suite is a bash file defining functions named test_*; each runs in its
# own subshell in a fresh temporary directory ($T) and passes when it
# returns 0.  $REPORTC is the binary under test, $ROOT the repository.
PASS=0
FAIL=0
ROOT=$(pwd)
export ROOT
# The suites expect reportc's English messages, whatever the tester's
# language: LC_ALL wins over LANG and LC_MESSAGES (tests/e2e/i18n.sh sets
# the language per command with env -u LC_ALL).
export LC_ALL=C.UTF-8
unset LANGUAGE
# Sanitizer runs: any leak or UB report fails the process.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99

fail() { echo "    $*" >&2; return 1; }

run_suite() {
    local suite=$1 name t out rc
    # shellcheck disable=SC1090
    . "$suite"
    for name in $(declare -F | awk '{print $3}' | grep '^test_'); do
        t=$(mktemp -d)
        out=$( (cd "$t" && T="$t" "$name") 2>&1 )
        rc=$?
        if [ $rc -eq 0 ]; then
            PASS=$((PASS + 1))
            echo "PASS $(basename "$suite" .sh) $name [$REPORTC]"
        else
            FAIL=$((FAIL + 1))
            echo "FAIL $(basename "$suite" .sh) $name [$REPORTC]"
            printf '%s\n' "$out" | head -40 | sed 's/^/    /'
        fi
        rm -rf "$t"
        unset -f "$name"
    done
}

summary() {
    echo "$PASS passed, $FAIL failed"
    [ "$FAIL" -eq 0 ]
}

# reportc with the repository binary, from any directory.
rc() { "$ROOT/$REPORTC" "$@"; }

# seal.png and seal.jpg (tests/seal.py), and seal-png.yaml, seal-jpg.yaml:
# a short report whose 落款 carries each.
write_seal_reports() {
    "$ROOT/tests/seal.py" seal.png seal.ppm && cjpeg -quality 90 seal.ppm > seal.jpg || return 1
    local kind
    for kind in png jpg; do
        cat > seal-$kind.yaml <<EOF
meta:
  title: 带印章的报告
  author: 卫东区退役军人事务局
  date: 2024-01-31
body:
  - title: 带印章的报告
  - 这是正文的最后一段，下面是加盖印章的发文机关署名和成文日期。
  - signature: {seal: seal.$kind}
EOF
    done
}

# specials.yaml: XML specials and a character beyond U+FFFF (𠮷, also twice
# in a row) in every Info field, the title, a heading and the text.
write_specials_report() {
    cat > specials.yaml <<'EOF'
meta:
  title: "𠮷野家 A&B <C> \"引号\" '单引号' 报告"
  author: 𠮷田 & 合伙人
  subject: <主题> & 说明
  keywords: [A&B, <键>, 𠮷]
  date: 2024-12-05
body:
  - title: 𠮷野家 A&B <C> 报告
  - h1: 𠮷字标题 & <符号>
  - 正文中有𠮷字，也有 A&B <C> 这样的符号𠮷𠮷。
  - signature:
EOF
}
