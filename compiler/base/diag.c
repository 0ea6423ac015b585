/* diag.c — collect, sort and print diagnostics; see diag.h. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

void diag_init(diag *d) { memset(d, 0, sizeof *d); }

void diag_done(diag *d)
{
    for (int i = 0; i < d->n; i++) {
        free(d->entries[i].message);
        free(d->entries[i].hint);
    }
    free(d->entries);
    memset(d, 0, sizeof *d);
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

static char *strdup_or_null(const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s);
    char *d = xmalloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

static void add(diag *d, diag_severity sev, src_pos pos, const char *hint,
                const char *fmt, va_list ap)
{
    if (sev == DIAG_ERROR) {
        d->errors++;
        if (d->errors > DIAG_MAX_ERRORS) return;
    } else {
        d->warnings++;
    }
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->entries = xrealloc(d->entries, (size_t)d->cap * sizeof *d->entries);
    }
    diag_entry *e = &d->entries[d->n];
    e->severity = sev;
    e->pos = pos;
    e->message = vformat(fmt, ap);
    e->hint = strdup_or_null(hint);
    e->seq = d->n;
    d->n++;
}

void diag_error(diag *d, src_pos pos, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_ERROR, pos, hint, fmt, ap);
    va_end(ap);
}

void diag_warning(diag *d, src_pos pos, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_WARNING, pos, hint, fmt, ap);
    va_end(ap);
}

bool diag_full(const diag *d) { return d->errors >= DIAG_MAX_ERRORS; }

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

int diag_display_width(const char *s, size_t n)
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

/* Prints source line `line` of src and a caret under column col. */
static void print_excerpt(const source *src, int line, int col, FILE *out)
{
    const char *p = src->text, *end = src->text + src->len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return;
        p = nl + 1;
    }
    if (p >= end && line > 1) return;
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    if (eol > p && eol[-1] == '\r') eol--;
    /* Advance col-1 characters to find the caret. */
    const char *q = p;
    for (int c = 1; c < col && q < eol; c++) q = next_char(q, eol);
    /* A long line (a whole paragraph in one scalar) is shown as a window
       around the caret: EXCERPT_BEFORE characters before, EXCERPT_AFTER after. */
    enum { EXCERPT_BEFORE = 30, EXCERPT_AFTER = 40 };
    const char *from = p, *to = q;
    int before = 0;
    for (const char *c = p; c < q; c = next_char(c, eol)) before++;
    for (int skip = before - EXCERPT_BEFORE; skip > 0; skip--) from = next_char(from, eol);
    for (int k = 0; k < EXCERPT_AFTER && to < eol; k++) to = next_char(to, eol);
    const char *lead = from > p ? "..." : "", *tail = to < eol ? "..." : "";
    fprintf(out, "%5d | %s%.*s%s\n", line, lead, (int)(to - from), from, tail);
    int pad = (int)strlen(lead) + diag_display_width(from, (size_t)(q - from));
    fprintf(out, "      | ");
    for (int i = 0; i < pad; i++) fputc(from == p && p[i] == '\t' ? '\t' : ' ', out);
    fputs("^\n", out);
}

void diag_print(const diag *d, FILE *out)
{
    diag_entry *sorted = xmalloc((size_t)(d->n ? d->n : 1) * sizeof *sorted);
    if (d->n) memcpy(sorted, d->entries, (size_t)d->n * sizeof *sorted);
    qsort(sorted, (size_t)d->n, sizeof *sorted, compare_entries);
    for (int i = 0; i < d->n; i++) {
        const diag_entry *e = &sorted[i];
        const char *sev = e->severity == DIAG_ERROR ? "error" : "warning";
        if (e->pos.src)
            fprintf(out, "%s:%d:%d: %s: %s\n", e->pos.src->name, e->pos.line, e->pos.col, sev, e->message);
        else   /* about the command line or the installation, not a source */
            fprintf(out, "reportc: %s: %s\n", sev, e->message);
        if (e->pos.src && e->pos.line > 0) print_excerpt(e->pos.src, e->pos.line, e->pos.col, out);
        if (e->hint) fprintf(out, "      = hint: %s\n", e->hint);
    }
    if (d->errors > DIAG_MAX_ERRORS)
        fprintf(out, "reportc: %d more errors not shown (limit is %d errors per run)\n",
                d->errors - DIAG_MAX_ERRORS, DIAG_MAX_ERRORS);
    free(sorted);
}
