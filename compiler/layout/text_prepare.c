/* text_prepare.c — see text_prepare.h. */
#include "text_prepare.h"

#include <string.h>

#include "font/font_subset.h"
#include "text_clreq.h"
#include "base/utf8.h"

/* Collapsible white space.  The ideographic space U+3000 is not: it is a
 * character of the text, a full em ("第一条　为规范"). */
static int is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'; }

/* Where a character of t sits in the source (`index` characters, `bytes`
 * bytes into it), as exactly as known. */
static src_pos char_pos(const model_text *t, size_t index, size_t bytes)
{
    return t->exact_cols ? diag_pos_advance(t->pos, (int)index, bytes) : t->pos;
}

text_face_usage *text_face_usage_new(arena *a, int n_faces)
{
    text_face_usage *u = arena_alloc(a, sizeof *u);
    u->a = a;
    u->seen = arena_alloc(a, (size_t)(n_faces + 1) * sizeof *u->seen);
    u->count = arena_alloc(a, (size_t)(n_faces + 1) * sizeof *u->count);
    u->n_faces = n_faces;
    return u;
}

/* Counts cp as drawn by `face`; the first character past the limit is an
 * error at its position. */
static void count_char(const text_prep *tp, int face, uint32_t cp, src_pos pos)
{
    text_face_usage *u = tp->usage;
    if (!u || face < 0 || face >= u->n_faces || cp > 0x10FFFF) return;
    uint8_t **plane = &u->seen[face][cp >> 16];
    if (!*plane) *plane = arena_alloc(u->a, 0x10000 / 8);
    uint8_t *bit = &(*plane)[(cp & 0xFFFF) >> 3];
    if (*bit & (1u << (cp & 7))) return;
    *bit |= (uint8_t)(1u << (cp & 7));
    if (++u->count[face] == FONT_MAX_CHARS + 1) {
        int n;
        font_face *const *faces = fontset_faces(tp->fonts, &n);
        diag_error(tp->d, pos, "use fewer different characters in one font, or give part of the text another font",
                   "more than %d different characters in one font (%s): a PDF font cannot hold more", FONT_MAX_CHARS,
                   font_face_family(faces[face]));
    }
}

static bool han_latin_pair(uint32_t a, uint32_t b)
{
    return (text_clreq_is_han(a) && text_clreq_is_latin_or_digit(b)) || (text_clreq_is_latin_or_digit(a) && text_clreq_is_han(b));
}

/* clreq §4: ¼ em between a Han character and an adjacent Latin letter or
 * digit, "2023 年" and "2023年" alike: a source space there is replaced by
 * the gap.  The gap takes the Han character's size.  Returns the new count. */
static int space_han_latin(text_item *items, int n, int permille, int min_permille, int max_permille)
{
    int out = 0;
    for (int j = 0; j < n; j++) {
        if (items[j].space && out > 0 && j + 1 < n && !(items[j].flags & RUN_LITERAL) &&
            han_latin_pair(items[out - 1].cp, items[j + 1].cp))
            continue;
        items[out++] = items[j];
    }
    for (int j = 0; j + 1 < out; j++)
        if (!((items[j].flags | items[j + 1].flags) & RUN_LITERAL) && han_latin_pair(items[j].cp, items[j + 1].cp)) {
            mpt_t size = text_clreq_is_han(items[j].cp) ? items[j].size : items[j + 1].size;
            items[j].gap_after = (mpt_t)((int64_t)size * permille / 1000);
            items[j].gap_shrink = items[j].gap_after - (mpt_t)((int64_t)size * min_permille / 1000);
            items[j].gap_stretch = (mpt_t)((int64_t)size * max_permille / 1000) - items[j].gap_after;
        }
    return out;
}

/* Removes ½ em of blank beside item k's mark: on its right by shortening
 * its own advance, on its left by shortening the item before it. */
static void squeeze(text_item *items, int k, int side)
{
    if (side > 0) items[k].gap_after -= items[k].size / 2;
    else if (k > 0) items[k - 1].gap_after -= items[k].size / 2;
}

/* clreq §2: full-width marks as half a character plus a blank half, set
 * according to the layout's scheme.  Only marks that are a full em wide in
 * their face take part (proportional quotes in some faces are not). */
static void compress_punctuation(arena *a, text_item *items, int n, int scheme, bool line_end_squeeze)
{
    if (scheme == PUNCT_NONE) return;
    int *side = arena_alloc(a, ((size_t)n + 1) * sizeof *side);
    for (int k = 0; k < n; k++)
        if (!(items[k].flags & RUN_LITERAL) && text_item_full_width(&items[k]))
            side[k] = text_clreq_blank_side(items[k].cp);
    for (int k = 0; k < n; k++) {
        if (!side[k]) continue;
        bool half = scheme == PUNCT_BANJIAO || (scheme == PUNCT_KAIMING && !text_clreq_is_sentence_end(items[k].cp));
        if (half) {
            squeeze(items, k, side[k]);
            continue;
        }
        /* Two adjacent marks take 1½ em, not 2: the blank between them goes. */
        if (k + 1 < n && side[k + 1] && side[k] > 0) squeeze(items, k, 1);
        else if (k + 1 < n && side[k + 1] < 0 && side[k] < 0) squeeze(items, k + 1, -1);
    }
    /* What is left of a pause or stop mark's blank may still go where a line
       needs it to fit (clreq §3.1.7 先挤进: squeeze in before pushing out) —
       except under 全角, where a lone mark keeps its full em mid-line (the
       line would look uneven beside its neighbours): there only a line's
       final mark may give up its blank, and only where the layout allows. */
    for (int k = 0; k < n; k++)
        if (side[k] > 0 && items[k].gap_after == 0) {
            if (scheme != PUNCT_QUANJIAO) items[k].shrink = items[k].size / 2;
            if (line_end_squeeze) items[k].end_hang = items[k].size / 2;
        }
}

int text_prepare(const text_prep *tp, const text_span *spans, int n_spans, text_item **out)
{
    size_t cap = 0;
    for (int s = 0; s < n_spans; s++) cap += spans[s].text.len;
    text_item *items = arena_alloc(tp->a, (cap + 1) * sizeof *items);
    int n = 0;
    int faces_n;
    font_face *const *faces = fontset_faces(tp->fonts, &faces_n);
    for (int s = 0; s < n_spans; s++) {
        const model_text *t = &spans[s].text;
        model_run whole = { t->utf8, t->len, 0, 0, 0 };
        const model_run *runs = t->runs ? t->runs : &whole;
        int n_runs = t->runs ? t->n_runs : 1;
        for (int r = 0; r < n_runs; r++) {
            const model_run *run = &runs[r];
            size_t i = 0, index = (size_t)run->src_chars;
            while (i < run->len) {
                uint32_t cp;
                int k = utf8_decode(run->utf8 + i, run->len - i, &cp);
                i += k ? (size_t)k : 1;
                size_t char_index = index++, byte_index = run->src_bytes + i - (k ? (size_t)k : 1);
                if (is_space(cp)) {
                    /* Collapse: one space, none at the start, none between wide
                       characters (decided when the next character arrives). */
                    if (n > 0 && !items[n - 1].space) {
                        items[n] = (text_item){ .cp = ' ', .space = 1, .size = spans[s].size,
                                                .face = items[n - 1].face, .flags = (uint8_t)run->flags,
                                                .part = spans[s].part };
                        n++;
                    }
                    continue;
                }
                if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue; /* control characters draw nothing */
                if (n >= 2 && items[n - 1].space && !(items[n - 1].flags & RUN_LITERAL) &&
                    utf8_is_wide(items[n - 2].cp) && utf8_is_wide(cp))
                    n--;
                int face = fontset_face_for(tp->fonts, spans[s].role, cp);
                mpt_t size = spans[s].size;
                mpt_t advance;
                if (face < 0) {
                    diag_warning(tp->d, char_pos(t, char_index, byte_index), "install a font that has it, or pass --font-dir",
                                 "no font has the character '%.*s' (U+%04X); it will print as a blank box",
                                 k ? k : 1, run->utf8 + i - (k ? k : 1), (unsigned)cp);
                    face = fontset_face_for(tp->fonts, spans[s].role, 0x4E00);
                    if (face < 0) face = 0;
                    advance = size; /* the .notdef box, one em */
                } else {
                    advance = (mpt_t)((int64_t)font_face_advance_milli_em(faces[face], cp) * size / 1000);
                }
                count_char(tp, face, cp, char_pos(t, char_index, byte_index));
                items[n++] = (text_item){ .cp = cp, .face = face, .size = size, .advance = advance,
                                          .flags = (uint8_t)run->flags, .part = spans[s].part };
            }
        }
    }
    while (n > 0 && items[n - 1].space) n--;
    /* The space keeps the face of the character before it; measure it there. */
    for (int j = 0; j < n; j++)
        if (items[j].space)
            items[j].advance = (mpt_t)((int64_t)font_face_advance_milli_em(faces[items[j].face], ' ') *
                                       items[j].size / 1000);
    if (tp->cjk_latin_space_permille)
        n = space_han_latin(items, n, tp->cjk_latin_space_permille, tp->cjk_latin_min_permille, tp->cjk_latin_max_permille);
    compress_punctuation(tp->a, items, n, tp->punctuation, tp->line_end_squeeze);
    uint32_t *cps = arena_alloc(tp->a, (size_t)(n + 1) * sizeof *cps);
    uint8_t *brk = arena_alloc(tp->a, (size_t)(n + 1));
    for (int j = 0; j < n; j++) cps[j] = items[j].cp;
    if (!text_breaker_run(tp->breaker, cps, n, brk)) {
        diag_internal(tp->d, "layout", "ICU's line breaker failed on a text of %d characters", n);
        return -1;
    }
    uint8_t *icu = arena_alloc(tp->a, (size_t)(n + 1));
    memcpy(icu, brk, (size_t)n);
    text_clreq_restrict_breaks(cps, n, brk);
    text_clreq_url_breaks(cps, n, brk);
    /* Literal text keeps ICU's opportunities: the Chinese rules leave it alone. */
    for (int j = 1; j < n; j++)
        if ((items[j - 1].flags | items[j].flags) & RUN_LITERAL) brk[j] = icu[j];
    for (int j = 0; j < n; j++) items[j].break_before = brk[j];
    *out = items;
    return n;
}

bool text_item_full_width(const text_item *item)
{
    return item->advance >= item->size - item->size / 50;   /* within 2 % of an em */
}

mpt_t text_width(const text_item *items, int n)
{
    mpt_t w = 0;
    for (int i = 0; i < n; i++) w += items[i].advance + (i + 1 < n ? items[i].gap_after : 0);
    return w;
}

/* 〇 零 一 二 三 四 五 六 七 八 九 十 */
static bool chinese_digit(uint32_t cp)
{
    static const uint32_t digits[] = { 0x3007, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341 };
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
        if (digits[i] == cp) return true;
    return false;
}

bool text_prepare_word_breaks(const text_prep *tp, text_item *items, int n, mpt_t width)
{
    uint32_t *cps = arena_alloc(tp->a, (size_t)(n + 1) * sizeof *cps);
    uint8_t *word = arena_alloc(tp->a, (size_t)(n + 1));
    for (int j = 0; j < n; j++) cps[j] = items[j].cp;
    if (!text_breaker_words(tp->breaker, cps, n, word)) return false;
    /* A number in Chinese numerals is one word: "二〇二四", which the
       dictionary does not know. */
    for (int j = 1; j < n; j++)
        if (chinese_digit(cps[j - 1]) && chinese_digit(cps[j])) word[j] = 0;
    /* Only when every word then still fits a line. */
    mpt_t run = 0;
    for (int j = 0; j < n; j++) {
        bool opportunity = items[j].break_before && word[j];
        if (opportunity || j == 0) run = 0;
        if (!items[j].space) run += items[j].advance + items[j].gap_after;
        if (run > width) return true;
    }
    for (int j = 1; j < n; j++) items[j].break_before = items[j].break_before && word[j];
    return true;
}
