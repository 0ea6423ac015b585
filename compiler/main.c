/* main.c — reportc's command line: options, resource paths, exit status. */
#define _GNU_SOURCE
#include <getopt.h>
#include <libgen.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "compile.h"
#include "watch.h"

static const char usage[] =
    N_("usage: reportc [options] INPUT.yaml\n"
    "       reportc init --layout LAYOUT [--year YYYY] [-o FILE.yaml] [--csv] [--force]\n"
    "       reportc schema [--layout LAYOUT] > LAYOUT.schema.json\n"
    "       reportc suggest INPUT.yaml\n"
    "       reportc watch INPUT.yaml [-o FILE] [options]\n"
    "\n"
    "Compiles a YAML report description into a PDF (INPUT.pdf unless -o is given).\n"
    "INPUT '-' reads standard input.\n"
    "\n"
    "options:\n"
    "  -o FILE           write the PDF to FILE (FILE.ofd: an OFD package)\n"
    "  --format pdf|ofd  the output format (default: by -o's extension, else PDF)\n"
    "  --check           validate the description and its numbers, write nothing\n"
    "                    (no fonts or layout: a compile may still warn)\n"
    "  --dump model      print the document model as text\n"
    "  --dump layout     print the laid-out pages as text\n"
    "  --suggest         the same as 'reportc suggest INPUT.yaml' (below)\n"
    "  --font-dir DIR    look for fonts in DIR first (repeatable; also REPORTC_FONT_PATH)\n"
    "  --list-fonts      show which font file serves each role\n"
    "  --no-pdfa         write plain PDF, not PDF/A-1b\n"
    "  --icc-profile F   the sRGB ICC profile (version 2) for PDF/A (also REPORTC_ICC_PROFILE)\n"
    "  --csv-encoding E  the encoding of `data: x.csv`: utf-8 or gb18030 (default: UTF-8 if\n"
    "                    the file is valid UTF-8, else GB18030)\n"
    "  --help            this text\n"
    "  --version         the version, and each library's\n"
    "\n"
    "reportc init writes a report skeleton for a layout's template: every section,\n"
    "every number at 0; it compiles as it is.  The year defaults to the one in\n"
    "FILE's name (2024.yaml), else last year.  An existing FILE is replaced only\n"
    "with --force.\n"
    "\n"
    "reportc suggest lists the numbers a templated report's prose writes that\n"
    "equal a table's number or a group's sum and are not yet quoted by name,\n"
    "one a line, with the names to write instead (best first):\n"
    "  2024.yaml:17:38: 1,038 = {{applications.new.total}}\n"
    "Only numbers followed by a unit of the template's prose checks (件, 万元)\n"
    "are listed: years, dates, percentages, telephone numbers never.  Nothing\n"
    "is printed when there is nothing to suggest; nothing is written.\n"
    "\n"
    "reportc watch compiles INPUT.yaml, then again whenever it or a file it reads\n"
    "is saved, printing the diagnostics and one line per build; a build with\n"
    "errors keeps the last good PDF.  Ctrl-C (SIGINT) or SIGTERM ends it (status 0).\n"
    "\n"
    "exit status: 0 success, 1 errors in the input, 2 usage, 3 I/O or internal failure\n");

enum { MAX_DIRS = 64 };

/* The paths main collects, freed at the end. */
typedef struct paths {
    char *font_dirs[MAX_DIRS], *layout_dirs[MAX_DIRS];
    int n_font, n_layout;
    char *font_table, *output;
} paths;

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

/* The language of messages, --help and hints: the locale's LC_MESSAGES
 * (LC_ALL, then LC_MESSAGES, then LANG; LANGUAGE as gettext reads it), and
 * nothing else of the locale — numbers in a PDF never depend on it.  A
 * language whose locale is not generated on this machine (Debian ships
 * only C.UTF-8; zh_CN.UTF-8 needs the locales package and locale-gen) is
 * still honoured: LC_MESSAGES becomes C.UTF-8 and the requested name goes
 * to LANGUAGE, where gettext looks for catalogs.  The catalogs are found
 * like layouts: build/locale in a build tree, else ../locale beside the
 * installed share/reportc.  Without a catalog every text stays English. */
static void set_language(void)
{
    const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" }, *lang = NULL;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !lang; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) lang = v;
    }
    if (!lang || strcmp(lang, "C") == 0 || strcmp(lang, "POSIX") == 0 || strncmp(lang, "C.", 2) == 0) return;
    if (!setlocale(LC_MESSAGES, "")) {
        if (!setlocale(LC_MESSAGES, "C.UTF-8")) return;
        const char *language = getenv("LANGUAGE");
        if (!language || !*language) setenv("LANGUAGE", lang, 1);
    }
    char *root = resource_root();
    static const char *const dirs[] = { "/build/locale", "/../locale" };
    char probe[4400];
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(probe, sizeof probe, "%s%s", root, dirs[i]);
        if (access(probe, X_OK) == 0) {
            bindtextdomain(REPORTC_TEXT_DOMAIN, probe);
            break;
        }
    }
    free(root);
    bind_textdomain_codeset(REPORTC_TEXT_DOMAIN, "UTF-8");
    textdomain(REPORTC_TEXT_DOMAIN);
}

/* Splits a colon-separated path list onto the end of list. */
static int add_path_list(const char *env, char **list, int n)
{
    if (!env) return n;
    char *copy = xstrdup(env), *save = NULL;
    for (char *p = strtok_r(copy, ":", &save); p && n < MAX_DIRS; p = strtok_r(NULL, ":", &save)) list[n++] = xstrdup(p);
    free(copy);
    return n;
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "reportc: %s%s%s\n%s\n", _(msg), arg ? ": " : "", arg ? arg : "", _("try 'reportc --help'"));
    return EXIT_USAGE;
}

/* Resource paths: font and layout directories, the font table. */
static void find_resources(paths *p, compile_options *opt)
{
    p->n_font = add_path_list(getenv("REPORTC_FONT_PATH"), p->font_dirs, p->n_font);
    const char *icc = getenv("REPORTC_ICC_PROFILE");
    if (!opt->icc_profile && icc && *icc) opt->icc_profile = icc;
    p->n_layout = add_path_list(getenv("REPORTC_LAYOUT_PATH"), p->layout_dirs, p->n_layout);
    char *root = resource_root();
    p->font_table = xmalloc(strlen(root) + 32);
    sprintf(p->font_table, "%s/fonts/fonts.yaml", root);
    if (p->n_layout < MAX_DIRS) {
        p->layout_dirs[p->n_layout] = xmalloc(strlen(root) + 16);
        sprintf(p->layout_dirs[p->n_layout++], "%s/layouts", root);
    }
    free(root);
    opt->font_dirs = (const char *const *)p->font_dirs;
    opt->n_font_dirs = p->n_font;
    opt->layout_dirs = (const char *const *)p->layout_dirs;
    opt->n_layout_dirs = p->n_layout;
    opt->font_table = p->font_table;
}

/* INPUT.yaml → INPUT.pdf (or .ofd); standard input → report.pdf. */
static char *default_output(const char *input, const char *ext)
{
    const char *in = strcmp(input, "-") == 0 ? "report.yaml" : input;
    size_t len = strlen(in);
    const char *dot = strrchr(in, '.');
    if (!dot || strchr(dot, '/')) dot = in + len;
    char *out = xmalloc(len + 5);
    sprintf(out, "%.*s.%s", (int)(dot - in), in, ext);
    return out;
}

/* The year of reportc init: the one in the output's name (2024.yaml), else last year. */
static int init_year_of(const char *output)
{
    const char *base = output ? strrchr(output, '/') : NULL;
    base = base ? base + 1 : output;
    long year;
    if (base && strlen(base) >= 4 && sscanf(base, "%4ld", &year) == 1 && year >= 1990 && year <= 2999) return (int)year;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return tm.tm_year + 1900 - 1;
}

enum { OPT_CHECK = 256, OPT_DUMP, OPT_FONT_DIR, OPT_LIST_FONTS, OPT_NO_PDFA, OPT_ICC, OPT_VERSION, OPT_LAYOUT,
       OPT_YEAR, OPT_FORCE, OPT_SUGGEST, OPT_FORMAT, OPT_CSV_ENCODING, OPT_CSV };

static const struct option compile_options_[] = {
    { "check", no_argument, NULL, OPT_CHECK },         { "dump", required_argument, NULL, OPT_DUMP },
    { "font-dir", required_argument, NULL, OPT_FONT_DIR }, { "list-fonts", no_argument, NULL, OPT_LIST_FONTS },
    { "no-pdfa", no_argument, NULL, OPT_NO_PDFA },     { "icc-profile", required_argument, NULL, OPT_ICC },
    { "help", no_argument, NULL, 'h' },                { "version", no_argument, NULL, OPT_VERSION },
    { "suggest", no_argument, NULL, OPT_SUGGEST },     { "format", required_argument, NULL, OPT_FORMAT },
    { "csv-encoding", required_argument, NULL, OPT_CSV_ENCODING },
    { NULL, 0, NULL, 0 },
};

/* True when `path` ends in ".ofd" (any case). */
static bool ofd_extension(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".ofd") == 0;
}

static const struct option init_options[] = {
    { "layout", required_argument, NULL, OPT_LAYOUT }, { "year", required_argument, NULL, OPT_YEAR },
    { "force", no_argument, NULL, OPT_FORCE },         { "help", no_argument, NULL, 'h' },
    { "csv", no_argument, NULL, OPT_CSV },
    { NULL, 0, NULL, 0 },
};

/* reportc schema [--layout NAME]; argv[0] is "schema". */
static int run_schema(int argc, char **argv, paths *p)
{
    compile_options opt = { 0 };
    const char *layout = NULL;
    int c;
    static const struct option options[] = {
        { "layout", required_argument, NULL, OPT_LAYOUT }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
    };
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c == OPT_LAYOUT) layout = optarg;
        else if (c == 'h') {
            fputs(_(usage), stdout);
            return EXIT_OK;
        } else {
            return usage_error("unknown option or missing argument (reportc schema)", NULL);
        }
    }
    if (optind < argc) return usage_error("reportc schema takes no input file", argv[optind]);
    find_resources(p, &opt);
    return compile_schema(&opt, layout);
}

/* reportc init …; argv[0] is "init". */
static int run_init(int argc, char **argv, paths *p)
{
    compile_options opt = { 0 };
    const char *layout = NULL;
    long year = 0;
    int c;
    while ((c = getopt_long(argc, argv, "ho:", init_options, NULL)) != -1) {
        switch (c) {
        case 'o': opt.output = optarg; break;
        case OPT_LAYOUT: layout = optarg; break;
        case OPT_FORCE: opt.force = true; break;
        case OPT_CSV: opt.init_csv = true; break;
        case 'h': fputs(_(usage), stdout); return EXIT_OK;
        case OPT_YEAR: {
            char *end;
            year = strtol(optarg, &end, 10);
            if (*end || year < 1990 || year > 2999) return usage_error("--year takes a year such as 2024, not", optarg);
            break;
        }
        default: return usage_error("unknown option or missing argument (reportc init)", NULL);
        }
    }
    if (optind < argc) return usage_error("reportc init takes no input file", argv[optind]);
    if (!layout) return usage_error("reportc init needs --layout, e.g. --layout gov-info-disclosure-annual", NULL);
    if (opt.init_csv && !opt.output) return usage_error("reportc init --csv needs -o FILE.yaml (numbers.csv goes beside it)", NULL);
    find_resources(p, &opt);
    return compile_init(&opt, layout, year ? (int)year : init_year_of(opt.output));
}

int main(int argc, char **argv)
{
    paths p = { .n_font = 0 };
    int status;
    set_language();
    if (argc > 1 && strcmp(argv[1], "init") == 0) {
        status = run_init(argc - 1, argv + 1, &p);
        goto done;
    }
    if (argc > 1 && strcmp(argv[1], "schema") == 0) {
        status = run_schema(argc - 1, argv + 1, &p);
        goto done;
    }
    compile_options opt = { 0 };
    bool list_fonts = false;
    const char *format = NULL;
    int c;
    /* reportc watch INPUT.yaml [options]: a compile again on every save (watch.c). */
    bool watch = argc > 1 && strcmp(argv[1], "watch") == 0;
    if (watch) {
        argv[1] = argv[0];
        argc--, argv++;
    }
    /* reportc suggest INPUT.yaml is reportc --suggest INPUT.yaml. */
    if (argc > 1 && strcmp(argv[1], "suggest") == 0) {
        opt.suggest = true;
        argv[1] = argv[0];
        argc--, argv++;
    }
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", compile_options_, NULL)) != -1) {
        switch (c) {
        case 'o': opt.output = optarg; break;
        case OPT_CHECK: opt.check_only = true; break;
        case OPT_SUGGEST: opt.suggest = true; break;
        case OPT_NO_PDFA: opt.plain_pdf = true; break;
        case OPT_LIST_FONTS: list_fonts = true; break;
        case OPT_ICC: opt.icc_profile = optarg; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "pdf") != 0 && strcmp(optarg, "ofd") != 0) {
                status = usage_error("--format takes 'pdf' or 'ofd', not", optarg);
                goto done;
            }
            format = optarg;
            break;
        case OPT_CSV_ENCODING:
            if (strcmp(optarg, "utf-8") == 0 || strcmp(optarg, "UTF-8") == 0) opt.csv_encoding = 1;
            else if (strcmp(optarg, "gb18030") == 0 || strcmp(optarg, "GB18030") == 0) opt.csv_encoding = 2;
            else {
                status = usage_error("--csv-encoding takes utf-8 or gb18030, not", optarg);
                goto done;
            }
            break;
        case OPT_FONT_DIR:
            if (p.n_font < MAX_DIRS) p.font_dirs[p.n_font++] = xstrdup(optarg);
            break;
        case OPT_DUMP:
            if (strcmp(optarg, "model") == 0) opt.dump = DUMP_MODEL;
            else if (strcmp(optarg, "layout") == 0) opt.dump = DUMP_LAYOUT;
            else {
                status = usage_error("--dump takes 'model' or 'layout', not", optarg);
                goto done;
            }
            break;
        case 'h': fputs(_(usage), stdout); status = EXIT_OK; goto done;
        case OPT_VERSION: status = compile_version(); goto done;
        default:
            status = usage_error(optopt ? N_("missing argument after an option") : N_("unknown option"), argv[optind - 1]);
            goto done;
        }
    }
    if (optind < argc) opt.input = argv[optind++];
    if (optind < argc) {
        status = usage_error("more than one input file", argv[optind]);
        goto done;
    }
    find_resources(&p, &opt);
    if (list_fonts) {
        status = compile_list_fonts(&opt);
    } else if (!opt.input) {
        status = usage_error("no input file", NULL);
    } else {
        if (opt.suggest && (opt.output || opt.check_only || opt.dump != DUMP_NONE)) {
            status = usage_error("reportc suggest writes no PDF: it takes no -o, --check or --dump", NULL);
            goto done;
        }
        if (format) opt.format = strcmp(format, "ofd") == 0 ? FORMAT_OFD : FORMAT_PDF;
        else if (opt.output && ofd_extension(opt.output)) opt.format = FORMAT_OFD;
        if (!opt.output && !opt.check_only && !opt.suggest && opt.dump == DUMP_NONE)
            opt.output = p.output = default_output(opt.input, opt.format == FORMAT_OFD ? "ofd" : "pdf");
        status = watch ? watch_run(&opt) : compile_run(&opt);
    }
done:
    for (int i = 0; i < p.n_font; i++) free(p.font_dirs[i]);
    for (int i = 0; i < p.n_layout; i++) free(p.layout_dirs[i]);
    free(p.font_table);
    free(p.output);
    return status;
}
