/* model_markup.c — inline markup in report text (model.h).
 *
 * Kept deliberately small: **bold** for emphasis and `literal` for text the
 * typographic rules leave alone (no Han–Latin spacing, no line-breaking
 * rules beyond ICU's), with a backslash to write * ` or \ themselves. */
#include <string.h>

#include "model.h"
#include "base/utf8.h"

typedef struct parser {
    arena *a;
    char *buf;          /* text of the run being built */
    size_t used;
    model_run *runs;
    int n_runs, cap_runs;
    int flags;
    int run_start_chars;
    size_t run_start_bytes;
} parser;

static void flush(parser *p, int src_chars, size_t src_bytes)
{
    if (p->used > 0) {
        arena_grow(p->a, (void **)&p->runs, &p->cap_runs, p->n_runs + 1, sizeof *p->runs);
        p->runs[p->n_runs++] = (model_run){ arena_strndup(p->a, p->buf, p->used), p->used, p->flags,
                                            p->run_start_chars, p->run_start_bytes };
    }
    p->used = 0;
    p->run_start_chars = src_chars;
    p->run_start_bytes = src_bytes;
}

static src_pos pos_at(const model_text *t, int chars, size_t bytes)
{
    return t->exact_cols ? diag_pos_advance(t->pos, chars, bytes) : t->pos;
}

bool model_markup_parse(arena *a, diag *d, model_text *t)
{
    if (!t->utf8 || (!memchr(t->utf8, '*', t->len) && !memchr(t->utf8, '`', t->len) && !memchr(t->utf8, '\\', t->len)))
        return true;   /* no markup: one plain run */
    parser p = { .a = a, .buf = arena_alloc(a, t->len + 1) };
    int chars = 0, bold_open = -1, literal_open = -1;
    size_t bold_at = 0, literal_at = 0;
    for (size_t i = 0; i < t->len;) {
        const char *c = t->utf8 + i;
        if (*c == '\\' && i + 1 < t->len && strchr("*`\\", c[1])) {
            if (p.used == 0) p.run_start_chars = chars + 1, p.run_start_bytes = i + 1;
            p.buf[p.used++] = c[1];
            i += 2;
            chars += 2;
        } else if (*c == '`') {
            flush(&p, chars + 1, i + 1);
            p.flags ^= RUN_LITERAL;
            literal_open = p.flags & RUN_LITERAL ? chars : -1;
            literal_at = i;
            i++;
            chars++;
        } else if (c[0] == '*' && i + 1 < t->len && c[1] == '*' && !(p.flags & RUN_LITERAL)) {
            flush(&p, chars + 2, i + 2);
            p.flags ^= RUN_BOLD;
            bold_open = p.flags & RUN_BOLD ? chars : -1;
            bold_at = i;
            i += 2;
            chars += 2;
        } else {
            uint32_t cp;
            int k = utf8_decode(c, t->len - i, &cp);
            if (k == 0) k = 1;
            if (p.used == 0) p.run_start_chars = chars, p.run_start_bytes = i;
            memcpy(p.buf + p.used, c, (size_t)k);
            p.used += (size_t)k;
            i += (size_t)k;
            chars++;
        }
    }
    flush(&p, chars, t->len);
    bool ok = true;
    if (bold_open >= 0) {
        diag_error(d, pos_at(t, bold_open, bold_at), "close it with another **, or write \\* for an asterisk",
                   "unclosed ** (bold)");
        ok = false;
    }
    if (literal_open >= 0) {
        diag_error(d, pos_at(t, literal_open, literal_at), "close it with another `, or write \\` for a backquote",
                   "unclosed ` (literal text)");
        ok = false;
    }
    t->runs = p.runs;
    t->n_runs = p.n_runs;
    if (p.n_runs == 0) {   /* only markup: an empty text */
        static const model_run empty = { "", 0, 0, 0, 0 };
        t->runs = &empty;
        t->n_runs = 1;
    }
    return ok;
}
