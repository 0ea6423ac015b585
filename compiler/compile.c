/* compile.c — the driver: one stage after another (compile.h). */
#define _GNU_SOURCE
#include "compile.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "font/fontset.h"
#include "layout/layout.h"
#include "model/model.h"
#include "render/pdf_write.h"
#include "parse/source.h"
#include "parse/style.h"
#include "model/template.h"
#include "layout/text_break.h"
#include "parse/yaml_tree.h"

#ifndef REPORTC_VERSION
#define REPORTC_VERSION "0.1.0"
#endif

/* Stage timings on stderr when REPORTC_TIMING is set (make bench uses it). */
typedef struct stopwatch {
    bool on;
    struct timespec last;
} stopwatch;

static void lap(stopwatch *w, const char *stage)
{
    if (!w->on) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (stage) {
        /* Resident memory too: first touches of pages cost ~10 µs each on
           some machines, so memory is time. */
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "reportc: timing: %-8s %6.2f ms  (peak RSS %ld KB)\n", stage,
                (double)(now.tv_sec - w->last.tv_sec) * 1e3 + (double)(now.tv_nsec - w->last.tv_nsec) / 1e6,
                ru.ru_maxrss);
    }
    w->last = now;
}

/* Writes the PDF beside its target and renames it into place, so a failed
 * compile never leaves a partial file nor clobbers a good one. */
/* The sRGB profile for PDF/A: the one named, else the first good one of
 * pdf_icc_default_paths.  NULL after printing why there is none. */
static const char *find_icc_profile(const char *named)
{
    char why[160];
    if (named) {
        if (pdf_icc_check(named, why, sizeof why)) return named;
        fprintf(stderr, "reportc: error: the ICC profile %s cannot serve PDF/A-1: %s\n", named, why);
        return NULL;
    }
    for (int i = 0; pdf_icc_default_paths[i]; i++)
        if (pdf_icc_check(pdf_icc_default_paths[i], why, sizeof why)) return pdf_icc_default_paths[i];
    fprintf(stderr, "reportc: error: PDF/A-1 needs an sRGB ICC profile of version 2, and none was found:\n");
    for (int i = 0; pdf_icc_default_paths[i]; i++) {
        pdf_icc_check(pdf_icc_default_paths[i], why, sizeof why);
        fprintf(stderr, "    %s: %s\n", pdf_icc_default_paths[i], why);
    }
    fprintf(stderr, "    = hint: install Debian's icc-profiles-free, name a profile with --icc-profile FILE,\n"
                    "      or write a plain PDF with --no-pdfa\n");
    return NULL;
}

static int write_pdf(const frame_doc *frames, const model_meta *meta, const compile_options *opt)
{
    const char *output = opt->output;
    pdf_options popt = { .pdfa = !opt->plain_pdf };
    if (popt.pdfa && !(popt.icc_profile = find_icc_profile(opt->icc_profile))) return EXIT_INTERNAL;
    char *tmp = xmalloc(strlen(output) + 16);
    sprintf(tmp, "%s.tmpXXXXXX", output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "reportc: error: cannot create %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return EXIT_INTERNAL;
    }
    /* mkstemp creates 0600; give the PDF the usual 0666 less the umask. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        fprintf(stderr, "reportc: error: cannot set the mode of %s: %s\n", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return EXIT_INTERNAL;
    }
    close(fd);
    pdf_info info = { meta->title, meta->author, meta->subject, meta->keywords, "reportc " REPORTC_VERSION,
                      meta->language, meta->year, meta->month, meta->day };
    /* Without meta.date the PDF's dates come from SOURCE_DATE_EPOCH
       (reproducible-builds.org), never from the clock: the same input gives
       the same bytes. */
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (info.year == 0 && epoch && *epoch) {
        char *end;
        long long seconds = strtoll(epoch, &end, 10);
        time_t t = (time_t)seconds;
        struct tm tm;
        if (*end == '\0' && seconds >= 0 && gmtime_r(&t, &tm)) {
            info.year = tm.tm_year + 1900;
            info.month = tm.tm_mon + 1;
            info.day = tm.tm_mday;
        }
    }
    char err[512];
    int status = EXIT_OK;
    if (!pdf_write(frames, &info, &popt, tmp, err, sizeof err)) {
        fprintf(stderr, "reportc: error: writing the PDF failed: %s\n", err);
        status = EXIT_INTERNAL;
    } else if (rename(tmp, output) != 0) {
        fprintf(stderr, "reportc: error: cannot rename %s to %s: %s\n", tmp, output, strerror(errno));
        status = EXIT_INTERNAL;
    }
    if (status != EXIT_OK) unlink(tmp);
    free(tmp);
    return status;
}

/* A seal's image is found from the report's directory (GB/T 9704
 * §7.3.5.1; drawn by pdf_write); a file that cannot serve is an error at
 * its position in the report. */
static void resolve_seals(arena *a, diag *d, model_doc *model, const char *dir)
{
    for (int i = 0; i < model->n_blocks; i++) {
        model_block *b = &model->blocks[i];
        if (b->kind != BLOCK_SIGNATURE || !b->seal) continue;
        if (b->seal[0] != '/' && strcmp(dir, ".") != 0) b->seal = arena_printf(a, "%s/%s", dir, b->seal);
        char why[200];
        if (!pdf_image_check(b->seal, why, sizeof why))
            diag_error(d, b->seal_pos, "a seal is a PNG (its transparency is flattened onto white) or a JPEG",
                       "cannot use %s as a seal: %s", b->seal, why);
    }
}

/* The report's directory, for layout paths relative to it. */
static const char *input_dir(arena *a, const char *input)
{
    if (strcmp(input, "-") == 0) return ".";
    char *copy = arena_strdup(a, input);
    return arena_strdup(a, dirname(copy));
}

int compile_run(const compile_options *opt)
{
    stopwatch watch = { .on = getenv("REPORTC_TIMING") != NULL };
    lap(&watch, NULL);
    arena a;
    arena_init(&a);
    diag d;
    diag_init(&d);
    int status = EXIT_INPUT;
    fontset *fonts = NULL;
    text_breaker *breaker = NULL;
    source src;
    const char *err;
    yaml_limits limits = yaml_limits_default();
    const char *name = strcmp(opt->input, "-") == 0 ? "<stdin>" : opt->input;
    if (!source_read(&a, opt->input, name, limits.max_input_bytes, &src, &err)) {
        fprintf(stderr, "reportc: error: cannot read %s: %s\n", name, err);
        status = EXIT_INTERNAL;
        goto done;
    }
    ynode *root = yaml_tree_parse(&a, &d, &src, &limits);
    lap(&watch, "parse");
    model_paths paths = { input_dir(&a, opt->input), opt->layout_dirs, opt->n_layout_dirs };
    model_doc *model = root ? model_build(&a, &d, root, &paths) : NULL;
    if (model) resolve_seals(&a, &d, model, paths.base_dir);
    lap(&watch, "model");
    if (model && opt->dump == DUMP_MODEL) {
        model_dump(model, stdout);
        status = EXIT_OK;
        goto done;
    }
    /* --check validates the description — syntax, keys, tables, a
       template's numbers and rules — without fonts or layout: fast enough
       to run on every save (issue 5: ≤ 10 ms). */
    if (model && opt->check_only) {
        status = EXIT_OK;
        goto done;
    }
    if (model) fonts = fontset_load(&d, opt->font_table, opt->font_dirs, opt->n_font_dirs);
    lap(&watch, "fonts");
    char why[256];
    if (fonts && !(breaker = text_breaker_open("zh", why, sizeof why))) {
        fprintf(stderr, "reportc: error: %s\n", why);
        status = EXIT_INTERNAL;
        goto done;
    }
    lap(&watch, "icu");
    frame_doc *frames = breaker ? layout_document(&a, &d, model, fonts, breaker) : NULL;
    lap(&watch, "layout");
    if (!frames || d.errors) goto done;
    status = EXIT_OK;
    if (opt->dump == DUMP_LAYOUT) layout_dump(frames, stdout);
    else if (!opt->check_only) status = write_pdf(frames, &model->meta, opt);
    lap(&watch, "pdf");
done:
    diag_print(&d, stderr);
    if (status == EXIT_OK && d.errors) status = EXIT_INPUT;
    text_breaker_free(breaker);
    fontset_free(fonts);
    diag_done(&d);
    arena_done(&a);
    return status;
}

int compile_init(const compile_options *opt, const char *layout, int year)
{
    diag d;
    diag_init(&d);
    arena a;
    arena_init(&a);
    int status = EXIT_INPUT;
    source cmdline = { "reportc init", "", 0 };
    style *st = style_load(&a, &d, layout, (src_pos){ &cmdline, 0, 0 }, NULL, ".", opt->layout_dirs, opt->n_layout_dirs);
    if (st && !st->template_node) {
        diag_error(&d, (src_pos){ &cmdline, 0, 0 }, "reportc init needs a layout with a template, e.g. gov-info-disclosure-annual",
                   "layout '%s' has no document template", layout);
    } else if (st) {
        FILE *out = opt->output ? fopen(opt->output, "w") : stdout;
        if (!out) {
            fprintf(stderr, "reportc: cannot write %s: %s\n", opt->output, strerror(errno));
            status = EXIT_INTERNAL;
        } else {
            template_write_skeleton(st->template_node, layout, year, out);
            bool failed = ferror(out) != 0;
            if (out != stdout && fclose(out) != 0) failed = true;
            if (failed) {
                fprintf(stderr, "reportc: writing %s failed\n", opt->output ? opt->output : "standard output");
                if (opt->output) remove(opt->output);
                status = EXIT_INTERNAL;
            } else {
                status = EXIT_OK;
            }
        }
    }
    diag_print(&d, stderr);
    diag_done(&d);
    arena_done(&a);
    return status;
}

int compile_list_fonts(const compile_options *opt)
{
    diag d;
    diag_init(&d);
    fontset *fonts = fontset_load(&d, opt->font_table, opt->font_dirs, opt->n_font_dirs);
    if (fonts) fontset_list(fonts, stdout);
    diag_print(&d, stderr);
    int status = fonts ? EXIT_OK : EXIT_INPUT;
    fontset_free(fonts);
    diag_done(&d);
    return status;
}
