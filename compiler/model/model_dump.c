/* model_dump.c — the model as stable text (reportc --dump model, model.h),
 * compared with tests/golden/ by the tests. */
#include <stdlib.h>
#include <string.h>

#include "model.h"

static void dump_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c == '\n') fputs("\\n", out);
        else fputc(c, out);
    }
    fputc('"', out);
}

static void dump_text(FILE *out, const char *label, const model_text *t)
{
    if (!t->utf8) return;
    fprintf(out, " %s=", label);
    dump_string(out, t->utf8, t->len);
}

void model_dump(const model_doc *doc, FILE *out)
{
    const model_meta *m = &doc->meta;
    const char *fields[][2] = { { "title", m->title }, { "author", m->author }, { "subject", m->subject },
                                { "keywords", m->keywords }, { "language", m->language } };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (!fields[i][1]) continue;
        fprintf(out, "meta %s ", fields[i][0]);
        dump_string(out, fields[i][1], strlen(fields[i][1]));
        fputc('\n', out);
    }
    if (m->year) fprintf(out, "meta date %04d-%02d-%02d\n", m->year, m->month, m->day);
    fprintf(out, "layout %s\n", doc->style->name);
    static const char *const kind_names[] = { "title", "heading", "paragraph", "page-break", "signature", "table", "attachment-note", "attachment" };
    for (int i = 0; i < doc->n_blocks; i++) {
        const model_block *blk = &doc->blocks[i];
        fprintf(out, "%d:%d %s", blk->pos.line, blk->pos.col, kind_names[blk->kind]);
        if (blk->kind == BLOCK_HEADING) {
            fprintf(out, " level=%d", blk->level);
            if (blk->number) {
                fputs(" number=", out);
                dump_string(out, blk->number, strlen(blk->number));
            }
        }
        dump_text(out, blk->kind == BLOCK_SIGNATURE ? "issuer" : "text", &blk->text);
        dump_text(out, "run-in", &blk->run_in);
        dump_text(out, "date", &blk->date);
        fputc('\n', out);
        if (blk->table) model_table_dump(blk->table, out);
        for (int k = 0; k < blk->n_items; k++) dump_text(out, "  item", &blk->items[k]), fputc('\n', out);
    }
}

static int compare_suggestions(const void *a, const void *b)
{
    const model_suggestion *x = a, *y = b;
    if (x->pos.src != y->pos.src) {
        int c = strcmp(x->pos.src ? x->pos.src->name : "", y->pos.src ? y->pos.src->name : "");
        if (c) return c;
    }
    return x->pos.offset < y->pos.offset ? -1 : x->pos.offset > y->pos.offset;
}

void model_dump_suggestions(const model_doc *doc, FILE *out)
{
    enum { SHOWN = 5 };   /* names a line lists; a small number can equal dozens */
    if (!doc->n_suggestions) return;
    qsort(doc->suggestions, (size_t)doc->n_suggestions, sizeof *doc->suggestions, compare_suggestions);
    for (int i = 0; i < doc->n_suggestions; i++) {
        const model_suggestion *s = &doc->suggestions[i];
        fprintf(out, "%s:%d:%d: %s =", s->pos.src ? s->pos.src->name : "<input>", s->pos.line, s->pos.col, s->written);
        for (int k = 0; k < s->n_names && k < SHOWN; k++) fprintf(out, "%s {{%s}}", k ? "," : "", s->names[k]);
        if (s->n_names > SHOWN) fprintf(out, " (and %d more)", s->n_names - SHOWN);
        fputc('\n', out);
    }
}
