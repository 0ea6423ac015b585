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

