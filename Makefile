# reportc — a YAML report description to a print-ready PDF.
#
#   make              build ./reportc
#   make report.pdf   compile data/2023.yaml
#   make check        every test: unit, end-to-end (PDF inspected with poppler
#                     and qpdf), and the end-to-end tests again under
#                     AddressSanitizer + UBSan
#   make bench        wall time (median of 21 runs) and peak RSS for data/2023.yaml,
#                     PDF/A-1b (the default) and --no-pdfa
#   make clean
#
# Dependencies are Debian packages; `sh .ci/install-deps` installs the missing ones.

CC       ?= cc
PKGS     := yaml-0.1 icu-uc harfbuzz harfbuzz-subset libpng
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS += -Icompiler $(shell pkg-config --cflags $(PKGS))
# ICU and its C++ runtime are linked statically: loading and relocating
# libicuuc + libstdc++ at every start costs ~2 ms of a 30 ms budget (measured
# with tests/bench.c on an empty main).  The binary grows by ICU's data (~30 MB,
# mapped lazily: only the line-break rules are touched).  libyaml, libpng and
# zlib are static too (fewer objects for the loader).
LDLIBS   += $(shell pkg-config --libs harfbuzz harfbuzz-subset) -lhpdf -pthread \
            -Wl,-Bstatic -lyaml -lpng16 -lz -licuuc -licudata -lstdc++ -Wl,-Bdynamic -ldl -lm

SRCS := $(sort $(wildcard compiler/*.c compiler/*/*.c))
HDRS := $(wildcard compiler/*.h compiler/*/*.h)
OBJS := $(SRCS:compiler/%.c=build/obj/%.o)
ASAN_OBJS := $(SRCS:compiler/%.c=build/asan/%.o)
SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all check check-unit check-e2e check-asan bench clean
all: reportc

# The optimised binary is not position-independent: a PIE start relocates
# ~5,000 more pointers (ICU's tables among them), ~1 ms of the 10 ms that
# `reportc --check` may take (issue 5; measured with perf stat -r 30).
NOPIE    := -fno-pie

reportc: $(OBJS)
	$(CC) $(CFLAGS) $(NOPIE) -no-pie -o $@ $^ $(LDLIBS)

build/obj/%.o: compiler/%.c $(HDRS)
	@mkdir -p $(@D)
	@echo "  CC    $<"
	@$(CC) $(WARN) $(CFLAGS) $(NOPIE) $(CPPFLAGS) -c -o $@ $<

build/asan/reportc: $(ASAN_OBJS)
	$(CC) -O1 -g $(SAN) -o $@ $^ $(LDLIBS)

build/asan/%.o: compiler/%.c $(HDRS)
	@mkdir -p $(@D)
	@echo "  CC    $< (ASan+UBSan)"
	@$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -c -o $@ $<

build/obj build/asan:
	mkdir -p $@

report.pdf: reportc data/2023.yaml layouts/*.yaml fonts/fonts.yaml
	./reportc data/2023.yaml -o $@

build/bench: tests/bench.c | build/obj
	$(CC) $(WARN) -O2 -o $@ $<

check: reportc build/asan/reportc build/bench
	@tests/run-all.sh

bench: reportc build/bench
	@for mode in "" --no-pdfa; do \
	    echo "data/2023.yaml $${mode:-(PDF/A-1b)}:"; \
	    build/bench 21 ./reportc $$mode data/2023.yaml -o build/bench.pdf; \
	    echo "PDF size: $$(wc -c < build/bench.pdf) bytes"; \
	    if command -v valgrind > /dev/null; then \
	        valgrind --tool=callgrind --callgrind-out-file=/dev/null ./reportc $$mode data/2023.yaml -o build/bench.pdf 2>&1 \
	        | sed -n 's/.*Collected : *\([0-9]*\).*/instructions: \1/p'; fi; \
	done
	@echo "reportc --check data/2023.yaml (issue 5 bar: <= 10 ms):"
	@build/bench 21 ./reportc --check data/2023.yaml
	@python3 tests/gen-table.py 600 > build/bench-600.yaml
	@python3 tests/gen-table.py 6000 > build/bench-6000.yaml
	@echo "table, 600 rows (issue 3 bar: <= 150 ms):"
	@build/bench 11 ./reportc build/bench-600.yaml -o build/bench.pdf
	@echo "table, 6000 rows (bar: <= 10 x the 600-row time):"
	@build/bench 5 ./reportc build/bench-6000.yaml -o build/bench.pdf

clean:
	rm -rf build reportc report.pdf
