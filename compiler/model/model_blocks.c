/* model_blocks.c — one block of the report at a time into the model
 * (model_internal.h): texts with their markup, headings with their numbers
 * in the layout's pattern, the signature's date in the layout's words,
 * tables resolved to grids. */
#include <stdio.h>
#include <string.h>

#include "base/fill.h"
#include "base/utf8.h"
#include "model_internal.h"

model_text model_text_of(const syn_scalar *s)
{
    return (model_text){ s->s, s->len, s->text_pos, s->exact_cols, NULL, 0 };
}

model_text model_text_from(arena *a, const char *s, src_pos pos)
{
    return (model_text){ arena_strdup(a, s), strlen(s), pos, false, NULL, 0 };
}

model_block *model_new_block(model_builder *b, model_block_kind kind, src_pos pos)
{
    arena_grow(b->a, (void **)&b->doc->blocks, &b->cap_blocks, b->doc->n_blocks + 1, sizeof(model_block));
    model_block *blk = &b->doc->blocks[b->doc->n_blocks++];
    memset(blk, 0, sizeof *blk);
    blk->kind = kind;
    blk->pos = pos;
    return blk;
}

void model_set_property(model_builder *b, const char **field, const char *value, src_pos pos, const char *what)
{
    size_t chars = value ? utf8_length(value, strlen(value)) : 0;
    if (chars > MODEL_PROPERTY_MAX_CHARS) {
        diag_error(b->d, pos, "shorten it: the document properties show a line or two",
                   "%s is %zu characters; document properties hold at most %d", what, chars,
                   MODEL_PROPERTY_MAX_CHARS);
        b->ok = false;
        return;
    }
    *field = value;
}

static void markup(model_builder *b, model_text *t)
{
    if (!model_markup_parse(b->a, b->d, t)) b->ok = false;
}

/* ---- numbers in words --------------------------------------------------------- */

/* n (1–9999) in Chinese numerals into out; `tens_short`: 10–19 as 十… (at
 * the start of a number), not 一十…. */
static void chinese_below_10000(int n, bool tens_short, char *out, size_t size)
{
    static const char *const digit[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    static const char *const unit[] = { "千", "百", "十", "" };
    int d[4] = { n / 1000, n / 100 % 10, n / 10 % 10, n % 10 };
    size_t used = 0;
    out[0] = '\0';
    bool started = false, zero = false;
    for (int i = 0; i < 4; i++) {
        if (d[i] == 0) {
            zero = started;
            continue;
        }
        if (zero) used += (size_t)snprintf(out + used, size - used, "零");
        bool short_ten = i == 2 && d[i] == 1 && !started && tens_short;
        used += (size_t)snprintf(out + used, size - used, "%s%s", short_ten ? "" : digit[d[i]], unit[i]);
        started = true;
        zero = false;
    }
}

/* n ≥ 1 in Chinese numerals as heading numbers use them: 一 … 十 … 九十九,
 * 一百, 一百零一, 一千零一十, 一万 … (below 10^8). */
static void chinese_numeral(int n, char *out, size_t size)
{
    if (n <= 0) {
        snprintf(out, size, "〇");
        return;
    }
    if (n < 10000) {
        chinese_below_10000(n, true, out, size);
        return;
    }
    char high[128], low[128] = "";
    chinese_below_10000(n / 10000 % 10000, true, high, sizeof high);
    if (n % 10000) chinese_below_10000(n % 10000, false, low, sizeof low);
    snprintf(out, size, "%s万%s%s", high, n % 10000 && n % 10000 < 1000 ? "零" : "", low);
}

/* The heading label for number n from the layout's pattern ("（{一}）"). */
static const char *heading_number(model_builder *b, const char *pattern, int n, src_pos pos)
{
    char zh[320], ar[16];
    chinese_numeral(n, zh, sizeof zh);
    snprintf(ar, sizeof ar, "%d", n);
    const char *pairs[] = { "一", zh, "1", ar, NULL };
    const char *label = fill_placeholders(b->a, pattern, pairs);
    if (!label) {
        diag_error(b->d, pos, "shorten the layout's numbering pattern", "the heading's number is longer than %d bytes",
                   FILL_MAX_BYTES);
        b->ok = false;
    }
    return label;
}

/* GB/T 9704 §7.3.5.4: full year, no leading zeros (the layout's pattern). */
static const char *date_text(model_builder *b, int y, int m, int d, src_pos pos)
{
    char ys[16], ms[16], ds[16];
    snprintf(ys, sizeof ys, "%d", y);
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(ds, sizeof ds, "%d", d);
    const char *pairs[] = { "y", ys, "m", ms, "d", ds, NULL };
    const char *s = fill_placeholders(b->a, b->st->date_format, pairs);
    if (!s) {
        diag_error(b->d, pos, "shorten the layout's date-format", "the date is longer than %d bytes", FILL_MAX_BYTES);
        b->ok = false;
        return "";
    }
    return s;
}

/* ---- blocks ---------------------------------------------------------------------- */

static void add_heading(model_builder *b, const syn_block *sb)
{
    model_block *blk = model_new_block(b, BLOCK_HEADING, sb->pos);
    int lv = sb->level;
    blk->level = lv;
    blk->text = model_text_of(&sb->text);
    markup(b, &blk->text);
    if (sb->numbering == SYN_NUMBER_AUTO) {
        /* Automatic numbering: GB/T 9704 §7.3.3 一、 → （一） → 1. → （1）; a
           heading restarts the count of every deeper level. */
        int count = ++b->counters[lv - 1];
        for (int i = lv; i < 4; i++) b->counters[i] = 0;
        const char *pattern = b->st->heading[lv - 1].numbering;
        blk->number = pattern ? heading_number(b, pattern, count, sb->pos) : NULL;
    } else if (sb->numbering == SYN_NUMBER_LITERAL) {
        blk->number = sb->number.s;
    }
    if (sb->run_in.s) {
        blk->run_in = model_text_of(&sb->run_in);
        markup(b, &blk->run_in);
    }
}

void model_add_signature(model_builder *b, const syn_block *sb, src_pos pos)
{
    model_block *blk = model_new_block(b, BLOCK_SIGNATURE, pos);
    const model_meta *meta = &b->doc->meta;
    if (sb && sb->issuer.s) {
        blk->text = model_text_of(&sb->issuer);
    } else if (meta->author) {
        blk->text = model_text_from(b->a, meta->author, pos);
    } else {
        diag_error(b->d, pos, "give 'issuer:' here or 'author:' in meta", "the signature has no issuer");
        b->ok = false;
    }
    if (sb) {
        blk->seal = sb->seal;
        blk->seal_pos = sb->seal_pos;
    }
    int y = meta->year, mo = meta->month, d = meta->day;
    src_pos date_pos = pos;
    if (sb && sb->has_date) {
        y = sb->year, mo = sb->month, d = sb->day;
        date_pos = sb->date_pos;
    }
    if (y == 0) {
        diag_error(b->d, pos, "give 'date:' here or in meta (YYYY-MM-DD)", "the signature has no date");
        b->ok = false;
        return;
    }
    blk->date = model_text_from(b->a, date_text(b, y, mo, d, date_pos), date_pos);
}

void model_add_block(model_builder *b, const syn_block *sb)
{
    switch (sb->kind) {
    case SYN_PARAGRAPH:
    case SYN_TITLE: {
        model_block *blk = model_new_block(b, sb->kind == SYN_TITLE ? BLOCK_TITLE : BLOCK_PARAGRAPH, sb->pos);
        blk->text = model_text_of(&sb->text);
        markup(b, &blk->text);
        break;
    }
    case SYN_HEADING: add_heading(b, sb); break;
    case SYN_PAGE_BREAK: model_new_block(b, BLOCK_PAGE_BREAK, sb->pos); break;
    case SYN_SIGNATURE: model_add_signature(b, sb, sb->pos); break;
    case SYN_TABLE: {
        const model_table *t = model_table_build(b->a, b->d, sb->table, NULL);
        if (!t) b->ok = false;
        else model_new_block(b, BLOCK_TABLE, sb->pos)->table = t;
        break;
    }
    }
}
