/* compile.c — the driver: one stage after another (compile.h). */
#define _GNU_SOURCE
#include "compile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "font/fontset.h"
#include "layout/layout.h"
#include "model/model.h"
#include "model/template.h"
#include "output.h"
#include "parse/parse.h"
#include "progress.h"
#include "render/ofd_write.h"
#include "render/pdf_write.h"

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

static int compile_status(const diag *d, int status)
{
    if (d->failures) return EXIT_INTERNAL;
    if (d->errors) return EXIT_INPUT;
    return status;
}

/* A copy in `a` of s (NULL for NULL). */
static const char *kept(arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

/* The document information of the PDF, its texts copied into `a` (the
 * model's arena is freed before the writers run).  Without meta.date the
 * dates come from SOURCE_DATE_EPOCH (reproducible-builds.org), never from
 * the clock: the same input gives the same bytes. */
static pdf_info info_of(arena *a, const model_meta *meta)
{
    pdf_info info = { kept(a, meta->title), kept(a, meta->author), kept(a, meta->subject), kept(a, meta->keywords),
                      "reportc " REPORTC_VERSION, kept(a, meta->language), meta->year, meta->month, meta->day,
                      meta->utc_offset_minutes };
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
    return info;
}

/* What the stages before the writers leave: the frames and the document
 * information (in the caller's arena), and the fonts the frames borrow. */
typedef struct typeset {
    font_config *fc;
    fontset *fonts;
    frame_doc *frames;
    pdf_info info;
} typeset;

/* Parse, model, fonts and layout.  The syntax tree and the model live in
 * `front`, which the caller frees once the frames are made: nothing of
 * the frames, the document information or the diagnostics points there.
 * False on failure, or when the run ends before the layout (dumps,
 * --check, suggestions: *done is then true, the run's result). */
static bool typeset_document(const compile_options *opt, arena *a, arena *front, diag *d, stopwatch *watch, typeset *out,
                             bool *done)
{
    progress_stage(opt->progress, "reading");
    parse_options po = { opt->input, opt->layout_dirs, opt->n_layout_dirs, opt->files, opt->csv_encoding };
    parsed_report in;
    if (!parse_report(front, d, &po, &in)) return false;
    lap(watch, "parse");
    progress_stage(opt->progress, "checking");
    model_doc *model = model_build(front, d, &in, opt->suggest);
    lap(watch, "model");
    if (!model || d->errors) return false;
    if (opt->dump == DUMP_MODEL) {
        model_dump(model, stdout);
        return *done = true, false;
    }
    if (opt->suggest) {
        model_dump_suggestions(model, stdout);
        return *done = true, false;
    }
    /* --check validates the description — syntax, keys, tables, a
       template's numbers and rules — without fonts or layout: fast enough
       to run on every save. */
    if (opt->check_only) return *done = true, false;
    progress_stage(opt->progress, "loading fonts");
    out->fc = parse_fonts(a, d, opt->font_table, opt->font_dirs, opt->n_font_dirs);
    out->fonts = out->fc ? fontset_open(d, out->fc) : NULL;
    lap(watch, "fonts");
    progress_stage(opt->progress, "typesetting");
    out->frames = out->fonts ? layout_document(a, d, model, out->fonts) : NULL;
    lap(watch, "layout");
    out->info = info_of(a, &model->meta);
    return out->frames && !d->errors;
}

bool compile_pipeline(const compile_options *opt, arena *a, diag *d, uint8_t **pdf, size_t *len)
{
    stopwatch watch = { .on = getenv("REPORTC_TIMING") != NULL };
    lap(&watch, NULL);
    *pdf = NULL;
    /* The syntax tree and the model in an arena of their own, freed before
       the writers run: the frames hold copies of what they draw. */
    arena front;
    arena_init(&front);
    typeset ts = { 0 };
    bool done = false;
    bool ok = typeset_document(opt, a, &front, d, &watch, &ts, &done);
    diag_keep_sources(d);
    arena_done(&front);
    frame_doc *frames = ts.frames;
    if (!ok) {
        ok = done;
    } else if (opt->dump == DUMP_LAYOUT) {
        frame_dump(frames, stdout);
    } else if (opt->format == FORMAT_OFD) {
        progress_stage(opt->progress, "writing the OFD");
        const pdf_info *pi = &ts.info;
        ofd_info info = { pi->title, pi->author, pi->subject, pi->keywords, "reportc", REPORTC_VERSION,
                          pi->year, pi->month, pi->day };
        ok = ofd_write(frames, &info, d, pdf, len);
        lap(&watch, "ofd");
    } else {
        progress_stage(opt->progress, "writing the PDF");
        pdf_options popt = { .pdfa = !opt->plain_pdf };
        ok = !popt.pdfa || parse_icc_profile(a, d, opt->icc_profile, &popt.icc, &popt.icc_len);
        ok = ok && pdf_write(frames, &ts.info, &popt, d, pdf, len);
        lap(&watch, "pdf");
    }
    fontset_free(ts.fonts);
    parse_fonts_release(ts.fc);
    return ok;
}

int compile_run(const compile_options *opt)
{
    arena a;
    arena_init(&a);
    diag d;
    diag_init(&d);
    uint8_t *pdf = NULL;
    size_t len = 0;
    /* The output is checked before any work: a run that would clobber its
       input or a FIFO stops at once. */
    const char *target = opt->output ? output_check(&a, &d, opt->output, opt->input, true) : NULL;
    if (!opt->output || target) {
        /* The progress line only for a compile that writes a file: dumps
           and suggestions print on standard output, perhaps the same
           terminal; REPORTC_TIMING prints its own lines. */
        compile_options o = *opt;
        o.progress = target && !getenv("REPORTC_TIMING") ? progress_start() : NULL;
        bool ok = compile_pipeline(&o, &a, &d, &pdf, &len);
        progress_stage(o.progress, "saving");
        if (ok && pdf && target) output_write(&d, target, pdf, len);
        progress_stop(o.progress);
    }
    diag_print(&d, stderr);
    int status = compile_status(&d, EXIT_OK);
    free(pdf);
    diag_done(&d);
    arena_done(&a);
    return status;
}

/* What one of init's writers writes (the schema also for `reportc
 * schema`), to `target` (standard output when NULL). */
typedef enum { INIT_SKELETON, INIT_SCHEMA, INIT_CSV } init_file;

static void init_write(diag *d, const char *target, init_file what, const template_spec *tmpl, const char *layout, int year,
                       const char *schema, const char *csv)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        diag_failure(d, "out of memory");
        return;
    }
    if (what == INIT_SKELETON) template_write_skeleton(tmpl, layout, year, schema, csv, mem);
    else if (what == INIT_SCHEMA) report_schema_write(tmpl, layout, mem);
    else template_write_csv_form(tmpl, mem);
    if (fclose(mem) != 0) diag_failure(d, "out of memory");
    else if (target) output_write(d, target, (const uint8_t *)text, len);
    else if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
        diag_failure(d, "writing to standard output failed");
    free(text);
}

int compile_init(const compile_options *opt, const char *layout, int year)
{
    diag d;
    diag_init(&d);
    arena a;
    arena_init(&a);
    parse_options po = { NULL, opt->layout_dirs, opt->n_layout_dirs, opt->files, 0 };
    const style *st;
    const template_spec *tmpl;
    /* Beside the skeleton: LAYOUT.schema.json (reportc's own file, always
       rewritten) and, with --csv, numbers.csv (the office's numbers: never
       replaced without --force). */
    const char *base = strrchr(layout, '/') ? strrchr(layout, '/') + 1 : layout;
    size_t bl = strlen(base) > 5 && strcmp(base + strlen(base) - 5, ".yaml") == 0 ? strlen(base) - 5 : strlen(base);
    const char *schema = arena_printf(&a, "%.*s.schema.json", (int)bl, base), *csv = opt->init_csv ? "numbers.csv" : NULL;
    const char *dir = ".";
    if (opt->output && strrchr(opt->output, '/')) dir = arena_strndup(&a, opt->output, (size_t)(strrchr(opt->output, '/') - opt->output));
    const char *target = opt->output ? output_check(&a, &d, opt->output, NULL, opt->force) : NULL;
    const char *schema_at = opt->output ? output_check(&a, &d, arena_printf(&a, "%s/%s", dir, schema), NULL, true) : NULL;
    const char *csv_at = csv && opt->output ? output_check(&a, &d, arena_printf(&a, "%s/%s", dir, csv), NULL, opt->force) : NULL;
    if (d.errors == 0 && d.failures == 0 && parse_layout_named(&a, &d, &po, layout, &st, &tmpl)) {
        if (!tmpl) {
            diag_error(&d, (src_pos){ 0 }, "reportc init needs a layout with a template, e.g. gov-info-disclosure-annual",
                       "layout '%s' has no document template", layout);
        } else {
            if (csv_at) init_write(&d, csv_at, INIT_CSV, tmpl, layout, year, schema, csv);
            if (schema_at && !d.failures) init_write(&d, schema_at, INIT_SCHEMA, tmpl, layout, year, schema, csv);
            if (!d.failures) init_write(&d, target, INIT_SKELETON, tmpl, layout, year, schema, csv);
        }
    }
    diag_print(&d, stderr);
    int status = compile_status(&d, EXIT_OK);
    diag_done(&d);
    arena_done(&a);
    return status;
}

int compile_schema(const compile_options *opt, const char *layout)
{
    diag d;
    diag_init(&d);
    arena a;
    arena_init(&a);
    parse_options po = { NULL, opt->layout_dirs, opt->n_layout_dirs, opt->files, 0 };
    const style *st;
    const template_spec *tmpl = NULL;
    if (!layout || parse_layout_named(&a, &d, &po, layout, &st, &tmpl))
        init_write(&d, NULL, INIT_SCHEMA, tmpl, layout ? layout : "gbt9704", 0, NULL, NULL);
    diag_print(&d, stderr);
    int status = compile_status(&d, EXIT_OK);
    diag_done(&d);
    arena_done(&a);
    return status;
}

int compile_list_fonts(const compile_options *opt)
{
    diag d;
    diag_init(&d);
    arena a;
    arena_init(&a);
    font_config *fc = parse_fonts(&a, &d, opt->font_table, opt->font_dirs, opt->n_font_dirs);
    fontset *fonts = fc ? fontset_open(&d, fc) : NULL;
    if (fonts) fontset_list(fonts, stdout);
    diag_print(&d, stderr);
    int status = compile_status(&d, fonts ? EXIT_OK : EXIT_INPUT);
    fontset_free(fonts);
    parse_fonts_release(fc);
    diag_done(&d);
    arena_done(&a);
    return status;
}

int compile_version(void)
{
    printf("reportc %s\n", REPORTC_VERSION);
    printf("libraries (version, and where it comes from):\n");
    parse_version_print(stdout);
    layout_version_print(stdout);
    font_version_print(stdout);
    pdf_version_print(stdout);
    ofd_version_print(stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "reportc: writing to standard output failed\n");
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}
