/* fuzz_common.h — what both fuzz targets share: the repository's layouts
 * and fonts, and one compile of in-memory files through the whole pipeline
 * (parse → model → layout → PDF bytes), diagnostics printed to memory so
 * that their formatting runs too. */
#ifndef REPORTC_FUZZ_COMMON_H
#define REPORTC_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile.h"

static char fuzz_layouts[4096], fuzz_fonts[4096];

/* The repository: REPORTC_ROOT, else two folders above the binary (build/fuzz/). */
static void fuzz_find_root(void)
{
    char root[3000];
    const char *env = getenv("REPORTC_ROOT");
    if (env) {
        snprintf(root, sizeof root, "%s", env);
    } else {
        char exe[2048];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = '\0';
        snprintf(root, sizeof root, "%s/../..", dirname(exe));
    }
    snprintf(fuzz_layouts, sizeof fuzz_layouts, "%s/layouts", root);
    snprintf(fuzz_fonts, sizeof fuzz_fonts, "%s/fonts/fonts.yaml", root);
}

/* Compiles `input` with the given files in memory; every stage runs as far
 * as the input allows.  `plain`: no PDF/A (the other half of the writer). */
static void fuzz_compile(const char *input, const source_files *files, int plain)
{
    const char *layout_dirs[1] = { fuzz_layouts };
    compile_options opt = { .input = input, .layout_dirs = layout_dirs, .n_layout_dirs = 1, .font_table = fuzz_fonts,
                            .plain_pdf = plain, .files = files };
    arena a;
    arena_init(&a);
    diag d;
    diag_init(&d);
    uint8_t *pdf = NULL;
    size_t len = 0;
    compile_pipeline(&opt, &a, &d, &pdf, &len);
    char *text = NULL;
    size_t text_len = 0;
    FILE *mem = open_memstream(&text, &text_len);
    if (mem) {
        diag_print(&d, mem);
        fclose(mem);
    }
    free(text);
    free(pdf);
    diag_done(&d);
    arena_done(&a);
}

#endif
