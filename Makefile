# reportc — a YAML report description to a print-ready PDF.
#
#   make                build ./reportc
#   make report.pdf     compile data/2023.yaml
#   make check          every test (the last line reads "N passed, N failed"):
#     make check-unit       unit tests of pure parts (tests/unit/*.c), under ASan+UBSan
#     make check-structure  the pipeline's rules: one-way includes, no circles, prefixes
#     make check-e2e        end-to-end suites (tests/e2e/*.sh) with ./reportc
#     make check-asan       the same suites with the ASan+UBSan build
#     make check-fuzz       each fuzz target for FUZZ_SECONDS (30) plus every crash ever found
#   make fuzz           build the libFuzzer targets (clang, ASan+UBSan) in build/fuzz/
#   make fuzz-long      run them for FUZZ_LONG_SECONDS each (default 4 hours)
#   make bench          timings, instruction counts, sizes for the issues' bars
#   make pot            regenerate compiler/po/reportc.pot from the sources (then msgmerge the .po)
#   make install        the binary, the man page, layouts/ and fonts/fonts.yaml under
#                       $(DESTDIR)$(PREFIX) (PREFIX=/usr/local); make uninstall
#   make clean
#
# Dependencies are Debian packages; `sh .ci/install-deps` installs the missing ones.

CC       ?= cc
PKGS     := yaml-0.1 icu-uc harfbuzz harfbuzz-subset libpng
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS += -Icompiler $(shell pkg-config --cflags $(PKGS))
# minizip has no version call or macro (reportc --version): the version of
# the package built against.
MINIZIP_VERSION := $(shell dpkg-query -W -f='$${Version}' libminizip-dev 2>/dev/null)
CPPFLAGS += -DREPORTC_MINIZIP_VERSION='"$(or $(MINIZIP_VERSION),unknown)"'
# ICU and its C++ runtime are linked statically: loading and relocating
# libicuuc + libstdc++ at every start costs ~2 ms (measured with
# tests/bench.c on an empty main).  The binary grows by ICU's data (~30 MB,
# mapped lazily: only the line-break rules are touched).  libyaml, libpng and
# zlib are static too (fewer objects for the loader); so is minizip (the OFD
# container).
LDLIBS   += $(shell pkg-config --libs harfbuzz harfbuzz-subset) -lhpdf -pthread \
            -Wl,-Bstatic -lyaml -lpng16 -lminizip -ldeflate -lz -licuuc -licudata -lstdc++ -Wl,-Bdynamic -ldl -lm

SRCS      := $(sort $(wildcard compiler/*.c compiler/*/*.c))
HDRS      := $(wildcard compiler/*.h compiler/*/*.h)
OBJS      := $(SRCS:compiler/%.c=build/obj/%.o)
ASAN_OBJS := $(SRCS:compiler/%.c=build/asan/%.o)
FUZZ_OBJS := $(filter-out build/fuzz/obj/main.o,$(SRCS:compiler/%.c=build/fuzz/obj/%.o))
UNITS     := $(patsubst tests/unit/%.c,build/asan/unit/%,$(wildcard tests/unit/*.c))
SAN       := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_SECONDS      ?= 30
FUZZ_LONG_SECONDS ?= 14400

# Translations (GNU gettext): compiler/po/LANG.po compiled into the tree
# main.c searches, build/locale/LANG/LC_MESSAGES/reportc.mo.
LINGUAS   := zh_CN
MOS       := $(LINGUAS:%=build/locale/%/LC_MESSAGES/reportc.mo)

.SECONDARY:
.PHONY: all check check-unit check-structure check-e2e check-asan check-fuzz fuzz fuzz-long bench clean pot install uninstall
all: reportc $(MOS)

build/locale/%/LC_MESSAGES/reportc.mo: compiler/po/%.po
	@mkdir -p $(@D)
	@echo "  MSGFMT $<"
	@msgfmt --check -o $@ $<

pot:
	compiler/po/xgettext.sh compiler/po/reportc.pot

# The optimised binary is not position-independent: a PIE start relocates
# ~5,000 more pointers (ICU's tables among them), ~1 ms of the 10 ms that
# `reportc --check` may take (measured with perf stat -r 30).
NOPIE    := -fno-pie

reportc: $(OBJS)
	$(CC) $(CFLAGS) $(NOPIE) -no-pie -o $@ $^ $(LDLIBS)

build/obj/%.o: compiler/%.c $(HDRS)
	@mkdir -p $(@D)
	@echo "  CC    $<"
	@$(CC) $(WARN) $(CFLAGS) $(NOPIE) $(CPPFLAGS) -c -o $@ $<

build/asan/reportc: $(ASAN_OBJS)
	$(CC) -O1 -g $(SAN) -o $@ $^ $(LDLIBS)

build/asan/libreportc.a: $(filter-out build/asan/main.o,$(ASAN_OBJS))
	@rm -f $@
	ar rcs $@ $^

build/asan/%.o: compiler/%.c $(HDRS)
	@mkdir -p $(@D)
	@echo "  CC    $< (ASan+UBSan)"
	@$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -c -o $@ $<

build/asan/unit/%: tests/unit/%.c build/asan/libreportc.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -o $@ $< build/asan/libreportc.a $(LDLIBS)

# The fuzz targets: every stage in one process, libFuzzer driving it.
build/fuzz/obj/%.o: compiler/%.c $(HDRS)
	@mkdir -p $(@D)
	@echo "  CC    $< (fuzzer)"
	@$(FUZZ_CC) $(WARN) -O1 -g $(FUZZ_SAN) $(CPPFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(WARN) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer $(CPPFLAGS) -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

fuzz: build/fuzz/fuzz_report build/fuzz/fuzz_layout

report.pdf: reportc data/2023.yaml layouts/*.yaml fonts/fonts.yaml
	./reportc data/2023.yaml -o $@

build/bench: tests/bench.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -o $@ $<

check: reportc $(MOS) build/asan/reportc build/bench $(UNITS) fuzz
	@tests/run-all.sh all

check-unit: $(UNITS)
	@tests/run-all.sh unit

check-structure:
	@tests/run-all.sh structure

check-e2e: reportc $(MOS) build/bench
	@tests/run-all.sh e2e

check-asan: build/asan/reportc $(MOS) build/bench
	@tests/run-all.sh asan

check-fuzz: fuzz
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run-all.sh fuzz

fuzz-long: fuzz
	@FUZZ_SECONDS=$(FUZZ_LONG_SECONDS) tests/fuzz/run.sh

bench: reportc build/bench
	@tests/bench.sh

# The installed binary finds its layouts and font table in ../share/reportc
# from its own directory (main.c, resource_root), so the layout below is
# fixed: only PREFIX (and DESTDIR, for staging) may change.
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/reportc
MAN1DIR := $(PREFIX)/share/man/man1
# main.c finds the catalogs in ../locale beside share/reportc.
LOCALEDIR := $(PREFIX)/share/locale

install: reportc $(MOS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/layouts $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(MAN1DIR)
	for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 build/locale/$$l/LC_MESSAGES/reportc.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/reportc.mo || exit 1; \
	done
	install -m 755 reportc $(DESTDIR)$(BINDIR)/reportc
	install -m 644 layouts/*.yaml $(DESTDIR)$(DATADIR)/layouts/
	install -m 644 fonts/fonts.yaml $(DESTDIR)$(DATADIR)/fonts/fonts.yaml
	install -m 644 compiler/reportc.1 $(DESTDIR)$(MAN1DIR)/reportc.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/reportc $(DESTDIR)$(MAN1DIR)/reportc.1 $(DESTDIR)$(DATADIR)/fonts/fonts.yaml
	rm -f $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/reportc.mo)
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/layouts/,$(notdir $(wildcard layouts/*.yaml)))
	-rmdir $(DESTDIR)$(DATADIR)/layouts $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build reportc report.pdf
