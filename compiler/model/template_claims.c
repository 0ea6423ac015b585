/* template_claims.c — R8 (template_internal.h): a number the prose states
 * next to the template's words (prose-checks: 本年新收…X件, 不予公开X件,
 * 结果纠正X件 …) must be the table's number, or the sum it names.
 *
 * Conservative by design — a warning only where the words bind the number
 * unambiguously: the number is the first after the words, in the same
 * clause (prose-numbers' clause and sentence ends), within `within`
 * characters, followed by the check's unit, with no other check's words
 * between them nor before them in the clause (「予以公开和部分公开共X件」
 * binds to neither), no words such as 分别 or 比上年 between; where the
 * same words belong to several checks (结果维持 of 行政复议 and of 行政诉讼)
 * the check whose `context` word comes last before them in the sentence
 * wins, and none when that leaves two.  Numbers are read as written:
 * 1,235, 1235, full-width digits, 三, 十二, 一百零五.
 *
 * Linear in the text: the words are found through an index by their first
 * character, sites and numbers are kept in text order and looked up by
 * binary search, and no look back reaches further than LOOKBACK bytes
 * (a clause or sentence longer than that — none in a real report — is
 * judged on its last LOOKBACK bytes), so that a hostile 4 MiB paragraph
 * cannot make the check quadratic. */
#include <stdlib.h>
#include <string.h>

#include "base/fill.h"
#include "base/utf8.h"
#include "template_internal.h"

typedef struct token {
    size_t start, end;          /* the number's bytes */
    bool quoted;                /* {{name}}: cannot disagree */
    bool bound;                 /* bound already (结转下年度继续办理X件: once) */
    decimal v;
} token;

/* How far back (bytes) binding looks for a clause's or a sentence's start,
 * for context words and for other checks' words. */
enum { LOOKBACK = 768 };

/* A check's words by their first character, for finding them. */
typedef struct word_ref {
    uint32_t first;             /* the words' first character */
    int check, after;
} word_ref;

typedef struct site {
    size_t start, first_end, end;   /* the words: first part, all parts */
    size_t sentence, before, clause;/* where its sentence, the sentence before and its clause start */
    int *checks;
    int n_checks, cap_checks;
    const char *phrase;
} site;

typedef struct scan {
    expander *e;
    const char *t;
    size_t len;
    token *tokens;
    int n_tokens, cap_tokens;
    site *sites;
    int n_sites, cap_sites;
    word_ref *index;            /* sorted by first */
    int n_index;
    int max_within;             /* the largest `within` of the checks, characters */
} scan;

src_pos template_pos_in(const syn_scalar *s, size_t offset)
{
    if (!s->exact_cols) return s->pos;
    return diag_pos_advance(s->text_pos, (int)utf8_length(s->s, offset), offset);
}

static size_t next_char(const char *t, size_t i)
{
    i++;
    while (((unsigned char)t[i] & 0xC0) == 0x80) i++;
    return i;
}

static size_t word_at(const char *t, size_t i, const syn_scalar *words, int n)
{
    for (int k = 0; k < n; k++)
        if (words[k].s && words[k].len && strncmp(t + i, words[k].s, words[k].len) == 0) return words[k].len;
    return 0;
}

static bool is_end(const scan *sc, size_t i, bool clause)
{
    const tmpl_prose_numbers *pn = &sc->e->spec->prose;
    return word_at(sc->t, i, pn->sentence_ends, pn->n_sentence_ends) ||
           (clause && word_at(sc->t, i, pn->clause_ends, pn->n_clause_ends));
}

/* ---- numbers as written ------------------------------------------------------ */

static int ascii_digit(const char *t, size_t i, size_t *w)
{
    unsigned char c = (unsigned char)t[i];
    if (c >= '0' && c <= '9') return *w = 1, c - '0';
    /* Full-width ０-９: EF BC 90-99. */
    if (c == 0xEF && (unsigned char)t[i + 1] == 0xBC && (unsigned char)t[i + 2] >= 0x90 && (unsigned char)t[i + 2] <= 0x99)
        return *w = 3, (unsigned char)t[i + 2] - 0x90;
    return -1;
}

/* Digits with optional thousands commas and decimals: its end, value. */
static bool read_digits(const char *t, size_t i, size_t *end, decimal *v)
{
    char buf[48];
    size_t n = 0, w;
    int d;
    while ((d = ascii_digit(t, i, &w)) >= 0 || (t[i] == ',' && ascii_digit(t, i + 1, &w) >= 0 && n > 0)) {
        if (t[i] == ',') {
            /* a thousands comma: three digits follow, then no digit */
            size_t j = i + 1, k = 0;
            while (k < 3 && ascii_digit(t, j, &w) >= 0) j += w, k++;
            if (k != 3 || ascii_digit(t, j, &w) >= 0) break;
            i++;
            continue;
        }
        if (n + 2 >= sizeof buf) return false;
        buf[n++] = (char)('0' + d);
        i += w;
    }
    if (t[i] == '.' && ascii_digit(t, i + 1, &w) >= 0) {
        buf[n++] = '.';
        i++;
        while ((d = ascii_digit(t, i, &w)) >= 0 && n + 1 < sizeof buf) buf[n++] = (char)('0' + d), i += w;
    }
    *end = i;
    return decimal_parse(buf, n, v, NULL, 0, NULL, 0) == DECIMAL_OK;
}

/* 零一二两三四五六七八九十百千万: its value, or -1. */
static int cn_digit(const char *t, size_t i)
{
    static const char *const digits[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "两", "〇", NULL };
    static const int values[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 0 };
    for (int k = 0; digits[k]; k++)
        if (strncmp(t + i, digits[k], 3) == 0) return values[k];
    return -1;
}

static int cn_unit(const char *t, size_t i)
{
    if (strncmp(t + i, "十", 3) == 0) return 10;
    if (strncmp(t + i, "百", 3) == 0) return 100;
    if (strncmp(t + i, "千", 3) == 0) return 1000;
    if (strncmp(t + i, "万", 3) == 0) return 10000;
    return 0;
}

/* A number in Chinese numerals (三, 十二, 一百零五, 两千三百万): its end and value. */
static bool read_chinese(const char *t, size_t i, size_t *end, decimal *v)
{
    long long total = 0, section = 0, num = -1;
    int chars = 0;
    for (;; i += 3, chars++) {
        int d = cn_digit(t, i), u = d < 0 ? cn_unit(t, i) : 0;
        if (d < 0 && !u) break;
        if (chars > 12) return false;
        if (d >= 0) {
            if (num > 0) return false;   /* 一二: not one number */
            num = d;
        } else if (u == 10000) {
            total = (total + section + (num < 0 ? 0 : num)) * 10000, section = 0, num = -1;
        } else {
            section += (num < 0 ? 1 : num) * u, num = -1;
        }
    }
    if (!chars) return false;
    *end = i;
    *v = decimal_from_int(total + section + (num < 0 ? 0 : num));
    return true;
}

/* Whether the text at i is one of the checks' units (after spaces). */
static size_t unit_after(const scan *sc, size_t i, const syn_scalar *unit)
{
    while (sc->t[i] == ' ') i++;
    if (!unit || !unit->s || !unit->len) return i;
    return strncmp(sc->t + i, unit->s, unit->len) == 0 ? i : 0;
}

static bool any_unit(const scan *sc, size_t i)
{
    for (int k = 0; k < sc->e->spec->n_checks; k++)
        if (unit_after(sc, i, &sc->e->spec->checks[k].unit)) return true;
    return false;
}

static void find_tokens(scan *sc)
{
    for (size_t i = 0; i < sc->len;) {
        token tk = { .start = i };
        size_t end = 0, w;
        if (strncmp(sc->t + i, "{{", 2) == 0) {
            const char *close = strstr(sc->t + i + 2, "}}");
            if (!close) break;
            tk.quoted = true;
            end = (size_t)(close + 2 - sc->t);
        } else if (ascii_digit(sc->t, i, &w) >= 0) {
            if (!read_digits(sc->t, i, &end, &tk.v)) end = 0;
            if (!end) { i += w; continue; }
        } else if (cn_digit(sc->t, i) >= 0 || cn_unit(sc->t, i) == 10) {
            /* Chinese numerals count only before a unit (一是, 统一 are words). */
            if (!read_chinese(sc->t, i, &end, &tk.v) || !any_unit(sc, end)) end = 0;
        }
        if (!end) {
            i = next_char(sc->t, i);
            continue;
        }
        tk.end = end;
        arena_grow(sc->e->a, (void **)&sc->tokens, &sc->cap_tokens, sc->n_tokens + 1, sizeof *sc->tokens);
        sc->tokens[sc->n_tokens++] = tk;
        i = end;
    }
}

/* ---- where the checks' words are ---------------------------------------------- */

/* The parts of words ("收到…申请") from i: the end of the first part and
 * of the last, each part within `within` characters of the one before in
 * the same clause. */
static bool match_words(const scan *sc, size_t i, const char *words, int within, size_t *first_end, size_t *end)
{
    static const char gap[] = "…";
    const char *part = words, *cut = strstr(part, gap);
    size_t n = cut ? (size_t)(cut - part) : strlen(part);
    if (!n || strncmp(sc->t + i, part, n) != 0) return false;
    *first_end = *end = i + n;
    while (cut) {
        part = cut + strlen(gap);
        cut = strstr(part, gap);
        n = cut ? (size_t)(cut - part) : strlen(part);
        size_t j = *end;
        int chars = 0;
        while (j < sc->len && chars <= within && strncmp(sc->t + j, part, n) != 0 && !is_end(sc, j, true))
            j = next_char(sc->t, j), chars++;
        if (j >= sc->len || chars > within || strncmp(sc->t + j, part, n) != 0) return false;
        *end = j + n;
    }
    return true;
}

static void add_site(scan *sc, size_t start, size_t first_end, size_t end, int check, const char *phrase)
{
    /* Sites arrive in text order: the same place is among the last ones. */
    for (int k = sc->n_sites - 1; k >= 0 && sc->sites[k].start == start; k--) {
        site *s = &sc->sites[k];
        if (s->first_end == first_end && s->end == end) {
            for (int m = 0; m < s->n_checks; m++)
                if (s->checks[m] == check) return;
            arena_grow(sc->e->a, (void **)&s->checks, &s->cap_checks, s->n_checks + 1, sizeof *s->checks);
            s->checks[s->n_checks++] = check;
            return;
        }
    }
    arena_grow(sc->e->a, (void **)&sc->sites, &sc->cap_sites, sc->n_sites + 1, sizeof *sc->sites);
    site *s = &sc->sites[sc->n_sites++];
    *s = (site){ start, first_end, end, 0, 0, 0, NULL, 0, 0, phrase };
    arena_grow(sc->e->a, (void **)&s->checks, &s->cap_checks, 1, sizeof *s->checks);
    s->checks[s->n_checks++] = check;
}

/* Whether site s's first words lie inside o's longer ones. */
static bool within_longer(const site *o, const site *s)
{
    return o != s && o->start <= s->start && s->first_end <= o->first_end &&
           o->first_end - o->start > s->first_end - s->start;
}

static int compare_refs(const void *a, const void *b)
{
    const word_ref *x = a, *y = b;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    if (x->check != y->check) return x->check - y->check;
    return x->after - y->after;
}

/* The index of the checks' words by first character. */
static void index_words(scan *sc)
{
    const template_spec *spec = sc->e->spec;
    int n = 0;
    for (int c = 0; c < spec->n_checks; c++) {
        n += spec->checks[c].n_after;
        if (spec->checks[c].within > sc->max_within) sc->max_within = spec->checks[c].within;
    }
    sc->index = arena_alloc(sc->e->a, (size_t)(n ? n : 1) * sizeof *sc->index);
    for (int c = 0; c < spec->n_checks; c++)
        for (int a = 0; a < spec->checks[c].n_after; a++) {
            const syn_scalar *w = &spec->checks[c].after[a];
            uint32_t first;
            if (!w->s || !w->len || !utf8_decode(w->s, w->len, &first)) continue;
            sc->index[sc->n_index++] = (word_ref){ first, c, a };
        }
    qsort(sc->index, (size_t)sc->n_index, sizeof *sc->index, compare_refs);
}

/* The first index entry for character cp (n_index when none). */
static int first_ref(const scan *sc, uint32_t cp)
{
    int lo = 0, hi = sc->n_index;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (sc->index[mid].first < cp) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Where each site's sentence, the sentence before it and its clause start:
 * one pass over the text. */
static void place_sites(scan *sc)
{
    size_t i = 0, sentence = 0, before = 0, clause = 0;
    for (int k = 0; k < sc->n_sites; k++) {
        site *s = &sc->sites[k];
        for (; i < s->start; i = next_char(sc->t, i)) {
            if (is_end(sc, i, false)) before = sentence, sentence = clause = next_char(sc->t, i);
            else if (is_end(sc, i, true)) clause = next_char(sc->t, i);
        }
        s->sentence = sentence, s->before = before, s->clause = clause;
    }
}

static void find_sites(scan *sc)
{
    const template_spec *spec = sc->e->spec;
    index_words(sc);
    for (size_t i = 0; i < sc->len; i = next_char(sc->t, i)) {
        uint32_t cp;
        if (!utf8_decode(sc->t + i, sc->len - i, &cp)) continue;
        for (int r = first_ref(sc, cp); r < sc->n_index && sc->index[r].first == cp; r++) {
            size_t first_end, end;
            const tmpl_prose_check *c = &spec->checks[sc->index[r].check];
            const char *w = c->after[sc->index[r].after].s;
            if (match_words(sc, i, w, c->within, &first_end, &end)) add_site(sc, i, first_end, end, sc->index[r].check, w);
        }
    }
    /* Words inside longer words (复议 in 复议后起诉, 新收 in 本年新收) are
       the longer words'.  A site holding another starts no further back
       than the longest words' first part. */
    size_t longest = 0;
    for (int r = 0; r < sc->n_index; r++) {
        const char *w = spec->checks[sc->index[r].check].after[sc->index[r].after].s;
        const char *cut = strstr(w, "…");
        size_t n = cut ? (size_t)(cut - w) : strlen(w);
        if (n > longest) longest = n;
    }
    site *kept = arena_alloc(sc->e->a, (size_t)(sc->n_sites ? sc->n_sites : 1) * sizeof *kept);
    int n_kept = 0;
    for (int k = 0; k < sc->n_sites; k++) {
        const site *s = &sc->sites[k];
        bool inside = false;
        for (int m = k; m >= 0 && !inside && sc->sites[m].start + longest >= s->start; m--)
            inside = within_longer(&sc->sites[m], s);
        for (int m = k + 1; m < sc->n_sites && !inside && sc->sites[m].start == s->start; m++)
            inside = within_longer(&sc->sites[m], s);
        if (!inside) kept[n_kept++] = *s;
    }
    sc->sites = kept;
    sc->n_sites = sc->cap_sites = n_kept;
    place_sites(sc);
}

/* ---- binding ------------------------------------------------------------------ */

/* The first site starting at or after byte i. */
static int site_from(const scan *sc, size_t i)
{
    int lo = 0, hi = sc->n_sites;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (sc->sites[mid].start < i) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The first number starting at or after byte i. */
static int token_from(const scan *sc, size_t i)
{
    int lo = 0, hi = sc->n_tokens;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (sc->tokens[mid].start < i) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* i, moved forward to no more than LOOKBACK bytes before `to` (on a
 * character start). */
static size_t near(const scan *sc, size_t i, size_t to)
{
    if (to <= LOOKBACK || i >= to - LOOKBACK) return i;
    i = to - LOOKBACK;
    while (i < to && ((unsigned char)sc->t[i] & 0xC0) == 0x80) i++;
    return i;
}

static bool is_context(const tmpl_prose_check *c, const char *phrase)
{
    for (int k = 0; k < c->n_context; k++)
        if (c->context[k].s && strcmp(c->context[k].s, phrase) == 0) return true;
    return false;
}

static bool shares_check(const site *a, const site *b)
{
    for (int i = 0; i < a->n_checks; i++)
        for (int k = 0; k < b->n_checks; k++)
            if (a->checks[i] == b->checks[k]) return true;
    return false;
}

/* A site of checks that need no context names a topic of its own (不予公开,
 * 行政诉讼); one whose checks need context is a member (结果维持). */
static bool is_topic(const scan *sc, const site *s)
{
    for (int m = 0; m < s->n_checks; m++)
        if (sc->e->spec->checks[s->checks[m]].n_context) return false;
    return true;
}

/* The end of the last context word of c before site s, from `from` (the
 * sentence before s's), +2; 0 when c needs one and there is none, or when
 * another topic comes between (「受理申请X件。予以公开的申请中，自然人Y件」
 * is not about the applications received); 1 when c needs none. */
static size_t context_score(const scan *sc, const tmpl_prose_check *c, const site *s, size_t from)
{
    if (!c->n_context) return 1;
    size_t best = 0;
    for (size_t i = near(sc, from, s->start); i < s->start; i = next_char(sc->t, i)) {
        size_t n = word_at(sc->t, i, c->context, c->n_context);
        if (n && i + n <= s->start && i + n + 2 > best) best = i + n + 2;
    }
    for (int k = best ? site_from(sc, best - 2) : sc->n_sites; k < sc->n_sites && sc->sites[k].start < s->start; k++) {
        const site *o = &sc->sites[k];
        if (o != s && is_topic(sc, o) && !is_context(c, o->phrase)) return 0;
    }
    return best;
}

/* The check that binds the number after site s, or -1. */
static int bind(const scan *sc, const site *s, const token *tk)
{
    const template_spec *spec = sc->e->spec;
    size_t sentence = near(sc, s->sentence, s->start), before = near(sc, s->before, s->start), prev_token = 0;
    /* Numbers do not overlap: the last one starting before the site ends before it. */
    int last = token_from(sc, s->start) - 1;
    if (last >= 0 && sc->tokens[last].end <= s->start) prev_token = sc->tokens[last].end;
    size_t from = near(sc, s->clause > prev_token ? s->clause : prev_token, s->start);
    /* A sentence about something else (12345热线…办结X件) binds nothing. */
    const tmpl_prose_numbers *pn = &spec->prose;
    bool about_else = false;
    for (size_t i = sentence; i < tk->end && !about_else; i = next_char(sc->t, i))
        about_else = word_at(sc->t, i, pn->not_about, pn->n_not_about) != 0;
    int best = -1;
    size_t best_score = 0;
    bool tie = false;
    for (int m = 0; m < s->n_checks; m++) {
        const tmpl_prose_check *c = &spec->checks[s->checks[m]];
        /* Another check's words earlier in the clause, with no number
           between: 「予以公开和部分公开共X件」 is neither's (context words apart). */
        bool crowded = false;
        for (int k = site_from(sc, from); k < sc->n_sites && sc->sites[k].start < s->start && !crowded; k++) {
            const site *o = &sc->sites[k];
            crowded = o != s && !is_context(c, o->phrase) && !shares_check(o, s);
        }
        if (crowded) continue;
        if (!unit_after(sc, tk->end, &c->unit)) continue;
        int chars = (int)utf8_length(sc->t + s->end, tk->start - s->end);
        if (chars > c->within) continue;
        size_t score = about_else ? 0 : context_score(sc, c, s, before);
        if (!score) continue;
        if (score > best_score) best = s->checks[m], best_score = score, tie = false;
        else if (score == best_score && best >= 0) tie = true;
    }
    return tie ? -1 : best;
}

/* The first number after site s, when nothing between them stops the binding. */
static const token *number_after(const scan *sc, const site *s)
{
    int first = token_from(sc, s->end);
    if (first >= sc->n_tokens) return NULL;
    const token *tk = &sc->tokens[first];
    /* No check binds a number further than its `within` characters. */
    const tmpl_prose_numbers *pn = &sc->e->spec->prose;
    int chars = 0;
    for (size_t i = s->end; i < tk->start; i = next_char(sc->t, i), chars++)
        if (chars > sc->max_within || is_end(sc, i, true) || word_at(sc->t, i, pn->not_stated, pn->n_not_stated))
            return NULL;
    for (int k = site_from(sc, s->end); k < sc->n_sites && sc->sites[k].start < tk->start; k++)
        if (!shares_check(&sc->sites[k], s)) return NULL;
    return tk;
}

static void warn(const scan *sc, const syn_scalar *s, const site *st, const tmpl_prose_check *c, const token *tk)
{
    expander *e = sc->e;
    decimal expected = { 0, 0 };
    const char *name = "";
    for (int k = 0; k < c->n_equals; k++) {
        const tcell *cell;
        decimal v;
        if (template_value(e, c->equals[k].s, &v, &cell) != QUOTE_OK || !decimal_add(expected, v, &expected)) return;
        name = k ? arena_printf(e->a, "%s+%s", name, c->equals[k].s) : c->equals[k].s;
    }
    if (decimal_compare(tk->v, expected) == 0) return;
    if (diag_warnings_full(e->d)) {
        /* Only counted: its column (from the text's start) is not worked out. */
        diag_warning(e->d, s->pos, NULL, "R8");
        return;
    }
    const char *found = arena_strndup(e->a, sc->t + tk->start, tk->end - tk->start);
    const char *phrase = arena_strndup(e->a, sc->t + st->start, st->first_end - st->start);
    const char *pairs[] = { "found", found, "expected", template_number_text(e->a, expected), "name", name,
                            "phrase", phrase, "unit", c->unit.s ? c->unit.s : "", NULL };
    const char *message = c->message.s ? c->message.s : e->spec->prose.message.s;
    const char *text = fill_placeholders(e->a, message, pairs);
    diag_warning(e->d, template_pos_in(s, tk->start), "the template's prose checks (R8); quote the number by name, e.g. {{applications.new.total}}",
                 "%s", text ? text : message);
}

void template_check_claims(expander *e, const syn_scalar *s)
{
    if (!s->s || !e->spec->n_checks) return;
    scan sc = { .e = e, .t = s->s, .len = s->len };
    find_sites(&sc);
    if (!sc.n_sites) return;
    find_tokens(&sc);
    for (int k = 0; k < sc.n_sites; k++) {
        token *tk = (token *)number_after(&sc, &sc.sites[k]);
        if (!tk || tk->quoted || tk->bound) continue;
        int c = bind(&sc, &sc.sites[k], tk);
        if (c < 0) continue;
        tk->bound = true;
        warn(&sc, s, &sc.sites[k], &e->spec->checks[c], tk);
    }
}

/* ---- the numbers of a prose text, for reportc suggest ----------------------------- */

/* Whether a unit some check states (件, 万元) follows the number ending at i. */
static bool stated_unit(const scan *sc, size_t i)
{
    for (int k = 0; k < sc->e->spec->n_checks; k++) {
        const syn_scalar *u = &sc->e->spec->checks[k].unit;
        if (u->s && u->len && unit_after(sc, i, u)) return true;
    }
    return false;
}

int template_prose_numbers(expander *e, const syn_scalar *s, prose_number **out)
{
    *out = NULL;
    if (!s->s || !e->spec->n_checks) return 0;
    scan sc = { .e = e, .t = s->s, .len = s->len };
    find_sites(&sc);
    find_tokens(&sc);
    if (!sc.n_tokens) return 0;
    /* The binding R8 makes (template_check_claims): a number is its first site's. */
    int *bound = arena_alloc(e->a, (size_t)sc.n_tokens * sizeof *bound);
    for (int k = 0; k < sc.n_tokens; k++) bound[k] = -1;
    for (int k = 0; k < sc.n_sites; k++) {
        const token *tk = number_after(&sc, &sc.sites[k]);
        if (!tk || tk->quoted || bound[tk - sc.tokens] >= 0) continue;
        bound[tk - sc.tokens] = bind(&sc, &sc.sites[k], tk);
    }
    prose_number *list = arena_alloc(e->a, (size_t)sc.n_tokens * sizeof *list);
    int n = 0;
    const tmpl_prose_numbers *pn = &e->spec->prose;
    size_t i = 0, sentence = 0, clause = 0, about = 0, not_stated = 0;
    bool about_seen = false, not_stated_seen = false;
    for (int k = 0; k < sc.n_tokens; k++) {
        const token *tk = &sc.tokens[k];
        for (; i < tk->start; i = next_char(sc.t, i)) {
            if (is_end(&sc, i, false)) sentence = clause = next_char(sc.t, i);
            else if (is_end(&sc, i, true)) clause = next_char(sc.t, i);
            else if (word_at(sc.t, i, pn->not_about, pn->n_not_about)) about = i, about_seen = true;
            else if (word_at(sc.t, i, pn->not_stated, pn->n_not_stated)) not_stated = i, not_stated_seen = true;
        }
        /* Quoted, without a unit (2024年, 1月, 13.1%, a telephone number),
           in a sentence about something else (12345热线, 建议), or after
           words such as 比上年增加 in its clause with no check's words
           between (a difference, not a table's number): none. */
        bool differs = not_stated_seen && not_stated >= clause;
        for (int st = site_from(&sc, not_stated + 1); differs && st < sc.n_sites && sc.sites[st].start < tk->start; st++)
            differs = sc.sites[st].end > tk->start;
        if (tk->quoted || !stated_unit(&sc, tk->end) || (about_seen && about >= sentence) || differs) continue;
        prose_number *p = &list[n++];
        *p = (prose_number){ tk->start, tk->end, tk->v, bound[k], NULL, 0 };
        int m = 0;
        for (int pass = 0; pass < 2; pass++) {
            int *nearby = pass ? arena_alloc(e->a, (size_t)(m + 1) * sizeof *nearby) : NULL;
            m = 0;
            size_t from = near(&sc, sentence, tk->start);
            for (int st = site_from(&sc, tk->start) - 1; st >= 0 && sc.sites[st].start >= from; st--) {
                const site *w = &sc.sites[st];
                if (w->end > tk->start) continue;
                for (int c = 0; c < w->n_checks; c++, m++)
                    if (nearby) nearby[m] = w->checks[c];
            }
            p->nearby = nearby;
        }
        p->n_nearby = m;
    }
    *out = list;
    return n;
}
