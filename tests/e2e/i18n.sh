# i18n.sh — messages in the user's language (GNU gettext, compiler/po/):
# the catalog is complete and current, LANG=zh_CN.UTF-8 gives Chinese
# messages, hints and --help with the `file:line:col: error:` prefix as in
# English, and English stays the default and unchanged.

PO=compiler/po/zh_CN.po
POT=compiler/po/reportc.pot

# reportc in a language: LANG=$1 (LC_ALL and LANGUAGE unset), the rest reportc's.
in_lang() {
    local lang=$1
    shift
    env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG="$lang" "$ROOT/$REPORTC" "$@"
}

bad_report() {
    printf 'meta:\n  title: 报告\n  auther: 某局\nbody:\n  - 正文。\n' > bad.yaml
}

test_po_passes_msgfmt_check() {
    msgfmt --check -o /dev/null "$ROOT/$PO" || fail "msgfmt --check failed"
}

test_every_message_translated() {
    local n
    n=$(msgattrib --untranslated --no-obsolete "$ROOT/$PO" | grep -c '^msgid ')
    [ "$n" = 0 ] || fail "$n untranslated (the header counts as one)" || return 1
    n=$(msgattrib --only-fuzzy --no-obsolete "$ROOT/$PO" | grep -c '^msgid ')
    [ "$n" = 0 ] || fail "$n fuzzy" || return 1
    # every msgid of the template has a translation (msgcmp treats untranslated ones as missing)
    msgcmp "$ROOT/$PO" "$ROOT/$POT" || fail "zh_CN.po lacks messages of reportc.pot (msgmerge it)"
}

test_pot_is_current() {
    "$ROOT/compiler/po/xgettext.sh" "$T/new.pot" 2> /dev/null || fail "xgettext.sh failed" || return 1
    msgcmp --use-untranslated "$T/new.pot" "$ROOT/$POT" || fail "reportc.pot has messages no longer in the sources (make pot)" || return 1
    msgcmp --use-untranslated "$ROOT/$POT" "$T/new.pot" || fail "the sources have messages not in reportc.pot (make pot)"
}

test_error_in_chinese_keeps_prefix() {
    bad_report
    in_lang zh_CN.UTF-8 bad.yaml -o out.pdf 2> err
    [ $? = 1 ] || fail "exit status not 1" || return 1
    cat err
    grep -q "^bad.yaml:3:3: error: meta 中有未知的键 'auther'$" err || fail "no Chinese message after the prefix" || return 1
    grep -q "^      = 提示: 您是不是想写 'author'？$" err || fail "no Chinese hint" || return 1
    [ ! -e out.pdf ] || fail "a PDF was written"
}

test_messages_from_every_stage_in_chinese() {
    # a keyboard slip (parse: the hint from yaml_tree.c), a template's number (model), a usage error (main)
    printf 'meta:\n  title：报告\nbody:\n  - 正文。\n' > colon.yaml
    in_lang zh_CN.UTF-8 --check colon.yaml 2> err
    grep -q '^colon.yaml:2:3: error: meta 应是' err || fail "message not Chinese" || return 1
    grep -q '全角冒号' err || fail "full-width colon hint not Chinese" || return 1
    printf 'layout: gov-info-disclosure-annual\nyear: 2023\nissuer: 某局\nmissing-numbers: zero\ndata:\n  applications:\n    new:\n      natural_person: -3\n' > neg.yaml
    in_lang zh_CN.UTF-8 --check neg.yaml 2> err
    cat err
    grep -q '^neg.yaml:8:23: error: .*是负数' err || fail "template number error not Chinese" || return 1
    grep -q '件数和金额都不能是负数' err || fail "template hint not Chinese" || return 1
    in_lang zh_CN.UTF-8 --dump frames x.yaml 2> err
    [ $? = 2 ] || fail "usage: not 2" || return 1
    grep -q "^reportc: --dump 只能是 'model' 或 'layout'，不能是: frames$" err || fail "usage error not Chinese" || return 1
    grep -q "reportc --help" err || fail "no pointer to --help"
}

test_help_chinese_and_english() {
    in_lang zh_CN.UTF-8 --help | head -1 | grep -q '^用法：reportc' || fail "--help not Chinese under zh_CN.UTF-8" || return 1
    in_lang C --help | head -1 | grep -q '^usage: reportc' || fail "--help not English under C" || return 1
    in_lang en_US.UTF-8 --help | head -1 | grep -q '^usage: reportc' || fail "--help not English under en_US" || return 1
    env LC_ALL=C LANG=zh_CN.UTF-8 "$ROOT/$REPORTC" --help | head -1 | grep -q '^usage: reportc' ||
        fail "LC_ALL=C must win over LANG" || return 1
    env -u LC_ALL LANG=C LC_MESSAGES=zh_CN.UTF-8 "$ROOT/$REPORTC" --help | head -1 | grep -q '^用法' ||
        fail "LC_MESSAGES=zh_CN.UTF-8 not Chinese" || return 1
    in_lang zh_CN.UTF-8 init --help | head -1 | grep -q '^用法' || fail "init --help not Chinese"
}

test_english_unchanged() {
    bad_report
    local lang
    for lang in C C.UTF-8 en_US.UTF-8 ''; do
        in_lang "$lang" bad.yaml -o out.pdf 2> err
        cmp -s err - <<'OUT' || { cat err; fail "English output changed under LANG='$lang'"; } || return 1
bad.yaml:3:3: error: unknown key 'auther' in meta
    3 |   auther: 某局
      |   ^
      = hint: did you mean 'author'?
OUT
    done
}

test_same_positions_in_both_languages() {
    # Every diagnostic of tests/cases/ has the same file:line:col: kind: prefix in Chinese.
    local f n=0
    for f in "$ROOT"/tests/cases/*.yaml; do
        in_lang C --check "$f" 2>&1 | grep -oE '^[^ ]+:[0-9]+:[0-9]+: (error|warning): ' > en
        in_lang zh_CN.UTF-8 --check "$f" 2>&1 | grep -oE '^[^ ]+:[0-9]+:[0-9]+: (error|warning): ' > zh
        cmp -s en zh || { diff en zh; fail "prefixes differ for $f"; } || return 1
        n=$((n + $(wc -l < en)))
    done
    [ "$n" -gt 20 ] || fail "only $n diagnostics compared"
}

test_pdf_same_in_every_language() {
    in_lang C "$ROOT/data/2023.yaml" -o en.pdf || return 1
    in_lang zh_CN.UTF-8 "$ROOT/data/2023.yaml" -o zh.pdf || return 1
    cmp en.pdf zh.pdf || fail "the PDF depends on the language"
}

test_no_catalog_stays_english() {
    # A binary with no catalog beside it (nor build/locale) prints English.
    mkdir bin && cp "$ROOT/$REPORTC" bin/reportc
    env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 bin/reportc --help | head -1 | grep -q '^usage: reportc' ||
        fail "no catalog, yet not English"
}
