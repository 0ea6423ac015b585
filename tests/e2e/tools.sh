# tools.sh — where people expect things: the man page, make install,
# --version with the libraries' versions, reportc watch, the progress line.

# --- reportc --version -------------------------------------------------------

# Each library's line: "  NAME  VERSION  (run time: CALL)" or "(build time: …)".
version_of() { awk -v n="$1" '$1 == n { print $2 }' version.txt; }

test_version_names_every_library() {
    rc --version > version.txt || return 1
    head -1 version.txt | grep -qx 'reportc [0-9][0-9.]*' || fail "first line: $(head -1 version.txt)" || return 1
    local lib
    for lib in libyaml libpng ICU HarfBuzz libharu zlib minizip; do
        grep -Eq "^  $lib +[0-9][^ ]* +\((run|build) time: " version.txt || fail "no line for $lib" || return 1
    done
    # The run-time calls, where the library has one.
    for lib in libyaml libpng ICU HarfBuzz libharu zlib; do
        grep -Eq "^  $lib .*\(run time: [A-Za-z_]+\)" version.txt || fail "$lib not from its run-time call" || return 1
    done
    grep -q '^  minizip .*(build time: ' version.txt || fail "minizip: says not where its version comes from"
}

test_version_matches_the_installed_libraries() {
    rc --version > version.txt || return 1
    # Independent sources: pkg-config for those with a .pc file that tells
    # the truth, dpkg for libharu and minizip.
    [ "$(version_of libyaml)" = "$(pkg-config --modversion yaml-0.1)" ] || fail "libyaml $(version_of libyaml)" || return 1
    [ "$(version_of libpng)" = "$(pkg-config --modversion libpng)" ] || fail "libpng $(version_of libpng)" || return 1
    [ "$(version_of ICU)" = "$(pkg-config --modversion icu-uc)" ] || fail "ICU $(version_of ICU)" || return 1
    [ "$(version_of HarfBuzz)" = "$(pkg-config --modversion harfbuzz)" ] || fail "HarfBuzz $(version_of HarfBuzz)" || return 1
    [ "$(version_of zlib)" = "$(pkg-config --modversion zlib)" ] || fail "zlib $(version_of zlib)" || return 1
    local haru
    haru=$(dpkg-query -W -f='${Version}' libhpdf-dev)
    case $haru in "$(version_of libharu)"+*) ;; *) fail "libharu $(version_of libharu), package $haru"; return 1 ;; esac
    [ "$(version_of minizip)" = "$(dpkg-query -W -f='${Version}' libminizip-dev)" ] || fail "minizip $(version_of minizip)"
}

# --- the man page ------------------------------------------------------------

test_man_page_renders_without_warnings() {
    local page="$ROOT/compiler/reportc.1"
    [ -f "$page" ] || fail "no compiler/reportc.1" || return 1
    groff -man -ww -z "$page" 2> warn.txt && [ ! -s warn.txt ] || { cat warn.txt; fail "groff -man -ww: warnings"; return 1; }
    groff -man -ww -Tutf8 -z "$page" 2> warn.txt && [ ! -s warn.txt ] || { cat warn.txt; fail "groff -Tutf8: warnings"; return 1; }
    LANG=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" > page.txt 2> warn.txt || fail "man -l failed" || return 1
    [ ! -s warn.txt ] || { cat warn.txt; fail "man -l: warnings"; return 1; }
    local section
    for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES; do
        grep -q "^$section\$" page.txt || fail "no section $section" || return 1
    done
}

test_man_page_has_every_option_and_command_of_help() {
    LANG=C.UTF-8 MANWIDTH=200 man -l "$ROOT/compiler/reportc.1" 2> /dev/null | col -b | sed 's/[‐−]/-/g' > page.txt || return 1
    rc --help > help.txt || return 1
    local opt n=0
    for opt in $(grep -o -- '--[a-z][a-z-]*' help.txt | sort -u); do
        n=$((n + 1))
        grep -q -- "$opt\\b" page.txt || fail "man page lacks $opt" || return 1
    done
    [ $n -ge 15 ] || fail "only $n long options in --help?" || return 1
    local cmd
    for cmd in init schema suggest watch; do
        grep -q "^ *reportc $cmd\\b" help.txt || fail "--help lacks reportc $cmd" || return 1
        grep -q "reportc $cmd" page.txt || fail "man page lacks reportc $cmd" || return 1
    done
    grep -q -- '--csv-encoding' page.txt && grep -q -- '--no-pdfa' page.txt || fail "checker broken"
}

# --- make install --------------------------------------------------------------

test_make_install_into_a_prefix() {
    make -s -C "$ROOT" install PREFIX="$T/prefix" > make.txt 2>&1 || { cat make.txt; fail "make install failed"; return 1; }
    local p="$T/prefix"
    [ -x "$p/bin/reportc" ] || fail "no bin/reportc" || return 1
    [ -f "$p/share/man/man1/reportc.1" ] || fail "no man page" || return 1
    [ -f "$p/share/reportc/fonts/fonts.yaml" ] || fail "no fonts.yaml" || return 1
    [ -f "$p/share/reportc/layouts/gov-info-disclosure-annual.yaml" ] || fail "no layouts" || return 1
    # From another directory, with nothing of the build tree in sight.
    mkdir elsewhere && cp "$ROOT/data/2023.yaml" elsewhere/
    (cd elsewhere && "$p/bin/reportc" 2023.yaml -o installed.pdf) || fail "installed reportc failed" || return 1
    "$ROOT/reportc" "$ROOT/data/2023.yaml" -o tree.pdf || return 1
    cmp elsewhere/installed.pdf tree.pdf || fail "installed binary's PDF differs from the build tree's" || return 1
    "$p/bin/reportc" --list-fonts | grep -q '^song ' || fail "installed --list-fonts" || return 1
    "$p/bin/reportc" init --layout gov-info-disclosure-annual > skeleton.yaml || fail "installed init" || return 1
    MANWIDTH=80 man -M "$p/share/man" reportc 2> /dev/null | col -b | grep -q 'reportc watch' || fail "man -M PREFIX/share/man reportc" || return 1
    # The message catalog is installed where the installed binary looks.
    LC_ALL= LANG=zh_CN.UTF-8 "$p/bin/reportc" --help | grep -q '用法' || fail "installed reportc does not speak Chinese" || return 1
    make -s -C "$ROOT" uninstall PREFIX="$T/prefix" > make.txt 2>&1 || { cat make.txt; fail "make uninstall failed"; return 1; }
    [ -z "$(find "$p" -type f)" ] || { find "$p" -type f; fail "files left after uninstall"; return 1; }
    [ ! -e "$p/share/reportc" ] || fail "share/reportc left after uninstall"
}

test_make_install_with_destdir() {
    make -s -C "$ROOT" install DESTDIR="$T/stage" PREFIX=/opt/reportc > make.txt 2>&1 || { cat make.txt; fail "make install failed"; return 1; }
    local p="$T/stage/opt/reportc"
    [ -x "$p/bin/reportc" ] && [ -f "$p/share/reportc/fonts/fonts.yaml" ] && [ -f "$p/share/man/man1/reportc.1" ] ||
        fail "not staged under DESTDIR" || return 1
    # A staged copy works where it lies: it finds its files relative to itself.
    printf 'body:\n  - 正文。\n' > r.yaml
    "$p/bin/reportc" r.yaml -o r.pdf && pdftotext r.pdf - | grep -q '正文' || fail "staged binary does not compile" || return 1
    make -s -C "$ROOT" uninstall DESTDIR="$T/stage" PREFIX=/opt/reportc > make.txt 2>&1 || return 1
    [ -z "$(find "$T/stage" -type f)" ] || fail "files left after uninstall"
}

# --- reportc watch -------------------------------------------------------------

# Waits (up to 15 s) until the watch log has N build lines.
builds() { grep -c '^reportc watch: [0-9:]* ' log 2> /dev/null; }
wait_builds() {
    local i
    for i in $(seq 150); do
        [ "$(builds)" -ge "$1" ] && return 0
        sleep 0.1
    done
    cat log >&2
    fail "waited for build $1; saw $(builds)"
}
# Stops the watch with a signal; it must end with status 0.
stop_watch() {
    kill -"${2:-TERM}" "$1" || return 1
    local status
    wait "$1"
    status=$?
    [ $status = 0 ] || fail "watch ended with status $status after SIG${2:-TERM}"
}

test_watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    printf 'body:\n  - 第一版正文。\n' > r.yaml
    "$ROOT/$REPORTC" watch r.yaml -o out.pdf 2> log &
    local pid=$!
    trap "kill $pid 2> /dev/null" EXIT   # a failed test leaves no watch behind
    wait_builds 1 || return 1
    grep -q '^reportc watch: [0-9:]* wrote out.pdf ([0-9]* ms)$' log || { cat log; fail "first build line"; return 1; }
    pdftotext out.pdf - | grep -q '第一版正文' || fail "first PDF" || return 1
    # A good save: a new PDF.
    sleep 0.2
    printf 'body:\n  - 第二版正文。\n' > r.yaml
    wait_builds 2 || return 1
    pdftotext out.pdf - | grep -q '第二版正文' || fail "second PDF" || return 1
    cp out.pdf good.pdf
    # An error: diagnostics printed, the PDF untouched byte for byte.
    printf 'body:\n  - titel: 第三版\n' > r.yaml
    wait_builds 3 || return 1
    grep -q "^r.yaml:2:5: error: unknown block kind 'titel'" log || { cat log; fail "no diagnostic"; return 1; }
    grep -q '^reportc watch: [0-9:]* errors: out.pdf kept as written at [0-9:]* ([0-9]* ms)$' log || { cat log; fail "error build line"; return 1; }
    cmp -s out.pdf good.pdf || fail "the last good PDF was replaced" || return 1
    # Fixed: a new PDF again.
    printf 'body:\n  - 第四版正文。\n' > r.yaml
    wait_builds 4 || return 1
    pdftotext out.pdf - | grep -q '第四版正文' || fail "PDF after the fix" || return 1
    stop_watch $pid TERM || return 1
    [ "$(builds)" = 4 ] || { cat log; fail "expected 4 builds"; return 1; }
    grep -q '^reportc watch: terminated, stopped$' log || fail "no stop line" || return 1
    [ -z "$(ls | grep tmp)" ] || fail "temporary file left: $(ls)"
}

test_watch_editor_saves_by_rename_make_one_build_each() {
    printf 'body:\n  - 初稿。\n' > r.yaml
    "$ROOT/$REPORTC" watch r.yaml 2> log &
    local pid=$!
    trap "kill $pid 2> /dev/null" EXIT   # a failed test leaves no watch behind
    wait_builds 1 || return 1
    [ -f r.pdf ] || fail "default output r.pdf not written" || return 1
    # gedit/VS Code style: a new file renamed over the report.
    printf 'body:\n  - 改名保存的正文。\n' > .r.yaml.tmp && mv .r.yaml.tmp r.yaml
    wait_builds 2 || return 1
    pdftotext r.pdf - | grep -q '改名保存的正文' || fail "rename-over save not compiled" || return 1
    # vim style (backupcopy=no): the old file renamed away, a new one
    # written, a test file created and deleted — one save, one build.
    mv r.yaml r.yaml~ && printf x > 4913 && rm 4913 && printf 'body:\n  - 第三稿。\n' > r.yaml && rm r.yaml~
    wait_builds 3 || return 1
    pdftotext r.pdf - | grep -q '第三稿' || fail "vim-style save not compiled" || return 1
    # Files the report does not read change nothing.
    printf 'notes\n' > notes.txt && cp r.pdf copy.pdf && touch r.pdf
    sleep 1
    stop_watch $pid INT || return 1
    [ "$(builds)" = 3 ] || { cat log; fail "expected 3 builds, saw $(builds)"; return 1; }
    grep -q '^reportc watch: interrupted, stopped$' log || fail "no stop line"
}

test_watch_sees_the_files_the_report_reads() {
    # A layout in another directory, extended from the report's override.
    mkdir styles
    printf 'extends: gbt9704\nbody: {size: 16pt}\n' > styles/office.yaml
    printf 'layout: styles/office.yaml\nbody:\n  - 正文。\n' > r.yaml
    "$ROOT/$REPORTC" watch r.yaml -o out.pdf 2> log &
    local pid=$!
    trap "kill $pid 2> /dev/null" EXIT   # a failed test leaves no watch behind
    wait_builds 1 || return 1
    grep -q 'wrote out.pdf' log || { cat log; fail "first build"; return 1; }
    printf 'extends: gbt9704\nbody: {size: 16pt, fonnt: song}\n' > styles/office.yaml
    wait_builds 2 || return 1
    grep -q "^styles/office.yaml:2:.*error: unknown key 'fonnt'" log || { cat log; fail "layout change not seen"; return 1; }
    printf 'extends: gbt9704\nbody: {size: 14pt}\n' > styles/office.yaml
    wait_builds 3 || return 1
    stop_watch $pid || return 1
    [ "$(grep -c 'wrote out.pdf' log)" = 2 ] || { cat log; fail "the fixed layout did not compile"; }
}

test_watch_refuses_standard_input() {
    printf 'body:\n  - 正文。\n' | rc watch - 2> err
    [ $? = 2 ] || fail "not 2" || return 1
    grep -q 'not standard input' err || fail "no message"
}

# --- the progress line -----------------------------------------------------------

# A report of prose only, KB kilobytes of it (1,000 → ~550 pages, 0.5 s).
gen_prose() {
    python3 - "$1" > "$2" <<'PY'
import sys
chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么"
print("meta: {title: 长报告, author: 测试单位, date: 2024-01-31}\nbody:")
for i in range(int(sys.argv[1]) * 1000 // 908):
    if i % 50 == 0: print("  - h1: 第%d部分" % (i // 50 + 1))
    print("  - " + "".join(chars[(i * 7 + j * 13) % len(chars)] for j in range(300)) + "。")
PY
}

# Checks a typescript: the line was drawn in place (\r, erase to the end of
# the line, never a newline) and cleared at the end.
progress_drawn_and_cleared() {
    python3 - "$1" <<'PY'
import sys
t = open(sys.argv[1], "rb").read()
start, clear = t.find(b"\r\x1b[Kreportc: "), t.rfind(b"\r\x1b[K")
assert start >= 0, "no progress line"
assert b"reportc: typesetting... " in t, "no typesetting stage"
assert clear > t.rfind(b"reportc: "), "the line is not cleared at the end"
assert b"\n" not in t[start:clear], "the progress line is not drawn in place"
PY
}

test_progress_line_on_a_terminal_only() {
    command -v script > /dev/null || fail "script (bsdutils) not installed" || return 1
    gen_prose 1000 long.yaml
    REPORTC_PROGRESS_AFTER_MS=100 script -q -e -c "'$ROOT/$REPORTC' long.yaml -o tty.pdf" tty.txt > /dev/null ||
        fail "compile under script failed" || return 1
    progress_drawn_and_cleared tty.txt || { cat -v tty.txt | head -c 600; return 1; }
    # Without a terminal, nothing at all, even past the time; the same PDF.
    REPORTC_PROGRESS_AFTER_MS=0 rc long.yaml -o plain.pdf 2> err.txt || return 1
    [ ! -s err.txt ] || { cat -v err.txt | head -c 300; fail "progress without a terminal"; return 1; }
    cmp -s tty.pdf plain.pdf || fail "the PDF depends on the terminal" || return 1
    # Nor for --check or --dump, which write no file.
    REPORTC_PROGRESS_AFTER_MS=0 script -q -e -c "'$ROOT/$REPORTC' --dump layout long.yaml" dump.txt > /dev/null || return 1
    ! grep -aq 'reportc: ' dump.txt || fail "progress line in --dump"
}

test_progress_line_waits_a_second() {
    command -v script > /dev/null || fail "script (bsdutils) not installed" || return 1
    # data/2023.yaml takes milliseconds: no line.
    script -q -e -c "'$ROOT/$REPORTC' '$ROOT/data/2023.yaml' -o quick.pdf" quick.txt > /dev/null || return 1
    ! grep -aq 'reportc: ' quick.txt || fail "progress line on a quick compile" || return 1
    # ~1,900 pages: 1.5-3.5 s here.  The line appears only past a second.
    gen_prose 3500 long.yaml
    local t0 t1 ms
    t0=$(date +%s%N)
    script -q -e -c "'$ROOT/$REPORTC' long.yaml -o long.pdf" long.txt > /dev/null || return 1
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ $ms -ge 1400 ]; then
        progress_drawn_and_cleared long.txt || return 1
        # The first time shown is a second or more.
        grep -aoE 'reportc: [a-z ]+\.\.\. [0-9.]+ s' long.txt | head -1 | grep -qE '\.\.\. ([1-9][0-9]*)\.[0-9] s$' ||
            fail "first line before a second: $(grep -aoE 'reportc: [a-z ]+\.\.\. [0-9.]+ s' long.txt | head -1)"
    elif [ $ms -le 800 ]; then
        ! grep -aq 'reportc: ' long.txt || fail "progress line on a compile of $ms ms"
    fi
}

test_watch_needs_a_watchable_directory() {
    timeout 10 "$ROOT/$REPORTC" watch no-such-dir/r.yaml 2> err < /dev/null
    [ $? = 3 ] || { cat err; fail "not 3"; return 1; }
    grep -q 'cannot watch the directory of no-such-dir/r.yaml' err || fail "no message"
}

test_watch_sees_the_data_csv() {
    rc init --layout gov-info-disclosure-annual -o 2024.yaml --csv || return 1
    "$ROOT/$REPORTC" watch 2024.yaml -o out.pdf 2> log &
    local pid=$!
    trap "kill $pid 2> /dev/null" EXIT
    wait_builds 1 || return 1
    grep -q 'wrote out.pdf' log || { cat log; fail "the skeleton did not compile"; return 1; }
    cp out.pdf good.pdf
    # Excel saves the CSV: a number becomes text.
    sed 's/^规章,0,0,0/规章,十,0,0/' numbers.csv > numbers.new && mv numbers.new numbers.csv
    wait_builds 2 || return 1
    grep -q "^numbers.csv:4:4: error: proactive.regulations.issued must be a number" log || { cat log; fail "CSV change not seen"; return 1; }
    cmp -s out.pdf good.pdf || fail "the last good PDF was replaced" || return 1
    sed 's/^规章,十,0,0/规章,3,0,0/' numbers.csv > numbers.new && mv numbers.new numbers.csv
    wait_builds 3 || return 1
    stop_watch $pid || return 1
    [ "$(grep -c 'wrote out.pdf' log)" = 2 ] || { cat log; fail "the fixed CSV did not compile"; return 1; }
    ! cmp -s out.pdf good.pdf || fail "the new number is not in the PDF"
}
