/* diag.c — collect, sort and print diagnostics; see diag.h. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "utf8.h"

void diag_init(diag *d) { memset(d, 0, sizeof *d); }

void diag_done(diag *d)
{
    for (int i = 0; i < d->n; i++) {
        free(d->entries[i].message);
        free(d->entries[i].hint);
    }
    free(d->entries);
    for (int i = 0; i < d->n_kept; i++) {
        free((char *)d->kept[i]->name);
        free((char *)d->kept[i]->text);
        free((uint32_t *)d->kept[i]->char_marks);
        free(d->kept[i]);
    }
    free(d->kept);
    memset(d, 0, sizeof *d);
}

/* An owned copy of n bytes of p and a NUL (NULL for NULL). */
static void *dup_bytes(const void *p, size_t n)
{
    if (!p) return NULL;
    char *copy = xmalloc(n + 1);
    memcpy(copy, p, n);
    copy[n] = '\0';
    return copy;
}

void diag_keep_sources(diag *d)
{
    /* Copies are made once per source; the first entries' originals and
       their copies are remembered side by side while the entries are
       repointed. */
    const source **from = xmalloc((size_t)(d->n ? d->n : 1) * sizeof *from);
    int n_from = 0, first_kept = d->n_kept;
    for (int i = 0; i < d->n; i++) {
        const source *src = d->entries[i].pos.src;
        if (!src) continue;
        bool own = false;
        for (int k = 0; k < d->n_kept && !own; k++) own = d->kept[k] == src;
        if (own) continue;
        int k = 0;
        while (k < n_from && from[k] != src) k++;
        if (k == n_from) {
            source *copy = xmalloc(sizeof *copy);
            *copy = (source){ dup_bytes(src->name, src->name ? strlen(src->name) : 0),
                              dup_bytes(src->text, src->len), src->len,
                              dup_bytes(src->char_marks, src->n_char_marks * sizeof *src->char_marks),
                              src->n_char_marks };
            d->kept = xrealloc(d->kept, (size_t)(d->n_kept + 1) * sizeof *d->kept);
            d->kept[d->n_kept++] = copy;
            from[n_from++] = src;
        }
        d->entries[i].pos.src = d->kept[first_kept + k];
    }
    free(from);
}

src_pos diag_pos_advance(src_pos p, int chars, size_t bytes)
{
    p.col += chars;
    p.offset += bytes;
    return p;
}

src_pos diag_pos_at_offset(const source *src, size_t offset)
{
    src_pos p = { src, 1, 1, 0 };
    if (offset > src->len) offset = src->len;
    for (size_t i = 0; i < offset;) {
        if (src->text[i] == '\n') {
            p.line++;
            p.col = 1;
            i++;
            continue;
        }
        uint32_t cp;
        int k = utf8_decode(src->text + i, src->len - i, &cp);
        i += k ? (size_t)k : 1;
        p.col++;
    }
    p.offset = offset;
    return p;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) n = 0;
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static void add(diag *d, diag_severity sev, src_pos pos, char *hint, char *message)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->entries = xrealloc(d->entries, (size_t)d->cap * sizeof *d->entries);
    }
    d->entries[d->n] = (diag_entry){ sev, pos, message, hint, d->n };
    d->n++;
}

/* Counts the diagnostic; false when it is beyond its kind's cap (then it is
 * only counted, never formatted: a run with a million warnings stays fast). */
static bool keep(diag *d, diag_severity sev)
{
    if (sev == DIAG_ERROR) return ++d->errors <= DIAG_MAX_ERRORS;
    if (sev == DIAG_WARNING) return ++d->warnings <= DIAG_MAX_WARNINGS;
    return ++d->failures <= DIAG_MAX_ERRORS;
}

static char *copy_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

/* The user's language for a message or a hint written in English at the
 * call site (see i18n.h); "" is left alone (gettext("") is the catalog's
 * header).  Text already in Chinese (a template's own rule messages) is
 * not in the catalog and comes back as it is. */
static const char *tr(const char *s) { return s && *s ? gettext(s) : s; }

const char *diag_tr(const char *s) { return tr(s); }

void diag_error(diag *d, src_pos pos, const char *hint, const char *fmt, ...)
{
    if (!keep(d, DIAG_ERROR)) return;
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_ERROR, pos, copy_or_null(tr(hint)), vformat(tr(fmt), ap));
    va_end(ap);
}

void diag_warning(diag *d, src_pos pos, const char *hint, const char *fmt, ...)
{
    if (!keep(d, DIAG_WARNING)) return;
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_WARNING, pos, copy_or_null(tr(hint)), vformat(tr(fmt), ap));
    va_end(ap);
}

void diag_failure(diag *d, const char *fmt, ...)
{
    if (!keep(d, DIAG_FAILURE)) return;
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_FAILURE, (src_pos){ 0 }, NULL, vformat(tr(fmt), ap));
    va_end(ap);
}

void diag_internal(diag *d, const char *stage, const char *fmt, ...)
{
    if (!keep(d, DIAG_FAILURE)) return;
    va_list ap;
    va_start(ap, fmt);
    char *message = vformat(tr(fmt), ap);
    va_end(ap);
    const char *frame = _("internal error in the %s stage: %s");
    char *staged = xmalloc(strlen(frame) + strlen(stage) + strlen(message) + 1);
    sprintf(staged, frame, stage, message);
    free(message);
    add(d, DIAG_FAILURE, (src_pos){ 0 }, xstrdup(_("this is a bug in reportc; please report it with the input")), staged);
}

bool diag_full(const diag *d) { return d->errors >= DIAG_MAX_ERRORS; }

bool diag_warnings_full(const diag *d) { return d->warnings >= DIAG_MAX_WARNINGS; }

static int compare_entries(const void *a, const void *b)
{
    const diag_entry *x = a, *y = b;
    const char *nx = x->pos.src ? x->pos.src->name : "";
    const char *ny = y->pos.src ? y->pos.src->name : "";
    int c = strcmp(nx, ny);
    if (c) return c;
    if (x->pos.line != y->pos.line) return x->pos.line < y->pos.line ? -1 : 1;
    if (x->pos.col != y->pos.col) return x->pos.col < y->pos.col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int diag_display_width(const char *s, size_t n)
{
    int w = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        i += k ? (size_t)k : 1;
        w += (cp == '\t') ? 1 : utf8_is_wide(cp) ? 2 : 1;
    }
    return w;
}

static const char *next_char(const char *s, const char *end)
{
    uint32_t cp;
    int k = utf8_decode(s, (size_t)(end - s), &cp);
    return s + (k ? k : 1);
}

/* The start of the UTF-8 character before s (not before `start`). */
static const char *prev_char(const char *s, const char *start)
{
    do s--;
    while (s > start && ((unsigned char)*s & 0xC0) == 0x80);
    return s;
}

/* Prints the source line of pos as a window around the caret and a caret
 * under pos: EXCERPT_BEFORE characters before it, EXCERPT_AFTER after.  The
 * work is bounded by the window, not by the line: a 4 MB one-line
 * paragraph costs no more than a short line. */
static void print_excerpt(const src_pos *pos, FILE *out)
{
    enum { EXCERPT_BEFORE = 30, EXCERPT_AFTER = 40 };
    const source *src = pos->src;
    const char *text = src->text, *end = src->text + src->len;
    size_t at_offset = pos->offset <= src->len ? pos->offset : src->len;
    const char *at = text + at_offset;
    const char *from = at;
    for (int k = 0; k < EXCERPT_BEFORE && from > text && from[-1] != '\n'; k++) from = prev_char(from, text);
    bool cut_before = from > text && from[-1] != '\n';
    /* A byte order mark opening the file is not shown (it has no width). */
    if (from == text && at - text >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) from += 3;
    const char *to = at;
    for (int k = 0; k < EXCERPT_AFTER && to < end && *to != '\n'; k++) to = next_char(to, end);
    bool cut_after = to < end && *to != '\n';
    const char *shown_end = to;
    if (!cut_after && shown_end > from && shown_end[-1] == '\r') shown_end--;
    const char *lead = cut_before ? "..." : "", *tail = cut_after ? "..." : "";
    fprintf(out, "%5d | %s%.*s%s\n", pos->line, lead, (int)(shown_end - from), from, tail);
    int pad = (int)strlen(lead) + diag_display_width(from, (size_t)(at - from));
    fprintf(out, "      | ");
    /* Tabs stay tabs, so the caret lines up however the terminal shows them. */
    const char *c = from;
    for (int i = 0; i < pad; i++) {
        bool tab = !cut_before && c < at && *c == '\t';
        fputc(tab ? '\t' : ' ', out);
        if (!cut_before && c < at) c = next_char(c, at);
    }
    fputs("^\n", out);
}

void diag_print(const diag *d, FILE *out)
{
    diag_entry *sorted = xmalloc((size_t)(d->n ? d->n : 1) * sizeof *sorted);
    if (d->n) memcpy(sorted, d->entries, (size_t)d->n * sizeof *sorted);
    qsort(sorted, (size_t)d->n, sizeof *sorted, compare_entries);
    for (int i = 0; i < d->n; i++) {
        const diag_entry *e = &sorted[i];
        const char *sev = e->severity == DIAG_WARNING ? "warning" : "error";
        if (e->pos.src && e->pos.line > 0)
            fprintf(out, "%s:%d:%d: %s: %s\n", e->pos.src->name, e->pos.line, e->pos.col, sev, e->message);
        else   /* about the command line or the installation, not a source */
            fprintf(out, "reportc: %s: %s\n", sev, e->message);
        if (e->pos.src && e->pos.line > 0) print_excerpt(&e->pos, out);
        /* TRANSLATORS: the label of a diagnostic's hint line, "= hint: …". */
        if (e->hint) fprintf(out, "      = %s: %s\n", _("hint"), e->hint);
    }
    /* The `error:` and `warning:` words above stay English in every
       language: editors parse `file:line:col: error:`. */
    if (d->errors > DIAG_MAX_ERRORS)
        fprintf(out, _("reportc: and %d more errors not shown (limit is %d errors per run)\n"),
                d->errors - DIAG_MAX_ERRORS, DIAG_MAX_ERRORS);
    if (d->warnings > DIAG_MAX_WARNINGS)
        fprintf(out, _("reportc: and %d more warnings not shown (limit is %d warnings per run)\n"),
                d->warnings - DIAG_MAX_WARNINGS, DIAG_MAX_WARNINGS);
    free(sorted);
}
