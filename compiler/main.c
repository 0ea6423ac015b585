/* main.c — reportc's command line: options, resource paths, exit status. */
#define _GNU_SOURCE
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "compile.h"

static const char usage[] =
    "usage: reportc [options] INPUT.yaml\n"
    "       reportc init --layout LAYOUT [--year YYYY] [-o FILE.yaml]\n"
    "\n"
    "Compiles a YAML report description into a PDF (INPUT.pdf unless -o is given).\n"
    "INPUT '-' reads standard input.\n"
    "\n"
    "options:\n"
    "  -o FILE           write the PDF to FILE\n"
    "  --check           validate the description and its numbers, write nothing\n"
    "                    (no fonts or layout: a compile may still warn)\n"
    "  --dump model      print the document model as text\n"
    "  --dump layout     print the laid-out pages as text\n"
    "  --font-dir DIR    look for fonts in DIR first (repeatable; also REPORTC_FONT_PATH)\n"
    "  --list-fonts      show which font file serves each role\n"
    "  --no-pdfa         write plain PDF, not PDF/A-1b\n"
    "  --icc-profile F   the sRGB ICC profile (version 2) for PDF/A (also REPORTC_ICC_PROFILE)\n"
    "\n"
    "reportc init writes a report skeleton for a layout's template: every section,\n"
    "every number at 0; it compiles as it is.  The year defaults to the one in\n"
    "FILE's name (2024.yaml), else last year.\n"
    "  --help            this text\n"
    "  --version         the version\n"
    "\n"
    "exit status: 0 success, 1 errors in the input, 2 usage, 3 I/O or internal failure\n";

/* The directory holding layouts/ and fonts/: the binary's own directory or
 * one of its two parents (a build tree), else ../share/reportc from it (an
 * installed copy). */
static char *resource_root(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return xstrdup(".");
    exe[n] = '\0';
    char *dir = dirname(exe);
    static const char *const ups[] = { "", "/..", "/../.." };
    char probe[4300];
    for (size_t i = 0; i < sizeof ups / sizeof ups[0]; i++) {
        snprintf(probe, sizeof probe, "%s%s/fonts/fonts.yaml", dir, ups[i]);
        if (access(probe, R_OK) == 0) {
            snprintf(probe, sizeof probe, "%s%s", dir, ups[i]);
            return xstrdup(probe);
        }
    }
    snprintf(probe, sizeof probe, "%s/../share/reportc", dir);
    return xstrdup(probe);
}

/* Splits a colon-separated path list onto the end of list. */
static int add_path_list(const char *env, char **list, int n, int max)
{
    if (!env) return n;
    char *copy = xstrdup(env), *save = NULL;
    for (char *p = strtok_r(copy, ":", &save); p && n < max; p = strtok_r(NULL, ":", &save))
        list[n++] = xstrdup(p);
    free(copy);
    return n;
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "reportc: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "try 'reportc --help'\n");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    enum { MAX_DIRS = 64 };
    char *font_dirs[MAX_DIRS], *layout_dirs[MAX_DIRS];
    int n_font = 0, n_layout = 0;
    compile_options opt = { 0 };
    bool list_fonts = false, init = false;
    const char *init_layout = NULL;
    long init_year = 0;
    const char *output = NULL;
    int status = EXIT_USAGE;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "init") == 0) {
        init = true;
        first = 2;
    }
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (init && (strcmp(a, "--layout") == 0 || strcmp(a, "--year") == 0)) {
            if (i + 1 >= argc) {
                status = usage_error("missing argument after", a);
                goto done;
            }
            const char *v = argv[++i];
            if (a[2] == 'l') {
                init_layout = v;
            } else {
                char *end;
                init_year = strtol(v, &end, 10);
                if (*end || init_year < 1990 || init_year > 2999) {
                    status = usage_error("--year takes a year such as 2024, not", v);
                    goto done;
                }
            }
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            status = EXIT_OK;
            goto done;
        } else if (strcmp(a, "--version") == 0) {
            printf("reportc 0.1.0\n");
            status = EXIT_OK;
            goto done;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--font-dir") == 0 || strcmp(a, "--dump") == 0 ||
                   strcmp(a, "--icc-profile") == 0) {
            if (i + 1 >= argc) {
                status = usage_error("missing argument after", a);
                goto done;
            }
            const char *v = argv[++i];
            if (a[1] == 'o') output = v;
            else if (a[2] == 'i') opt.icc_profile = v;
            else if (a[2] == 'f') {
                if (n_font < MAX_DIRS) font_dirs[n_font++] = xstrdup(v);
            } else if (strcmp(v, "model") == 0) opt.dump = DUMP_MODEL;
            else if (strcmp(v, "layout") == 0) opt.dump = DUMP_LAYOUT;
            else {
                status = usage_error("--dump takes 'model' or 'layout', not", v);
                goto done;
            }
        } else if (strcmp(a, "--check") == 0) {
            opt.check_only = true;
        } else if (strcmp(a, "--no-pdfa") == 0) {
            opt.plain_pdf = true;
        } else if (strcmp(a, "--list-fonts") == 0) {
            list_fonts = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            status = usage_error("unknown option", a);
            goto done;
        } else if (opt.input) {
            status = usage_error("more than one input file", a);
            goto done;
        } else {
            opt.input = a;
        }
    }
    n_font = add_path_list(getenv("REPORTC_FONT_PATH"), font_dirs, n_font, MAX_DIRS);
    if (!opt.icc_profile && getenv("REPORTC_ICC_PROFILE") && *getenv("REPORTC_ICC_PROFILE"))
        opt.icc_profile = getenv("REPORTC_ICC_PROFILE");
    n_layout = add_path_list(getenv("REPORTC_LAYOUT_PATH"), layout_dirs, n_layout, MAX_DIRS);
    char *root = resource_root();
    char *font_table = xmalloc(strlen(root) + 32);
    sprintf(font_table, "%s/fonts/fonts.yaml", root);
    if (n_layout < MAX_DIRS) {
        layout_dirs[n_layout] = xmalloc(strlen(root) + 16);
        sprintf(layout_dirs[n_layout++], "%s/layouts", root);
    }
    free(root);
    opt.font_dirs = (const char *const *)font_dirs;
    opt.n_font_dirs = n_font;
    opt.layout_dirs = (const char *const *)layout_dirs;
    opt.n_layout_dirs = n_layout;
    opt.font_table = font_table;
    char *derived_output = NULL;
    if (init) {
        if (!init_layout) {
            status = usage_error("reportc init needs --layout, e.g. --layout gov-info-disclosure-annual", NULL);
        } else {
            if (!init_year) {
                /* The year in the file's name (2024.yaml), else last year. */
                const char *base = output ? strrchr(output, '/') : NULL;
                base = base ? base + 1 : output;
                if (base && strlen(base) >= 4 && sscanf(base, "%4ld", &init_year) == 1 && init_year >= 1990 && init_year <= 2999)
                    ;
                else {
                    time_t now = time(NULL);
                    struct tm tm;
                    gmtime_r(&now, &tm);
                    init_year = tm.tm_year + 1900 - 1;
                }
            }
            opt.output = output;
            status = compile_init(&opt, init_layout, (int)init_year);
        }
    } else if (list_fonts) {
        status = compile_list_fonts(&opt);
    } else if (!opt.input) {
        status = usage_error("no input file", NULL);
    } else {
        if (!output && !opt.check_only && opt.dump == DUMP_NONE) {
            /* INPUT.yaml → INPUT.pdf; standard input → report.pdf */
            const char *in = strcmp(opt.input, "-") == 0 ? "report.yaml" : opt.input;
            size_t len = strlen(in);
            const char *dot = strrchr(in, '.');
            if (!dot || strchr(dot, '/')) dot = in + len;
            derived_output = xmalloc(len + 5);
            sprintf(derived_output, "%.*s.pdf", (int)(dot - in), in);
            output = derived_output;
        }
        opt.output = output;
        status = compile_run(&opt);
    }
    free(derived_output);
    free(font_table);
done:
    for (int i = 0; i < n_font; i++) free(font_dirs[i]);
    for (int i = 0; i < n_layout; i++) free(layout_dirs[i]);
    return status;
}
