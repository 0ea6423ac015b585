/* text_break.c — see text_break.h. */
#include "text_break.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include "base/arena.h"

struct text_breaker {
    UBreakIterator *it;
    UBreakIterator *words;  /* word boundaries (dictionary-based for Chinese), opened on first use */
    char locale[16];
    UChar *buf;      /* UTF-16 text handed to ICU */
    int *unit_to_cp; /* UTF-16 index → index of the scalar value it starts */
    int cap;         /* capacity of both, in UTF-16 units */
};

text_breaker *text_breaker_open(const char *locale, char *err, size_t errlen)
{
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_LINE, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        snprintf(err, errlen, "ICU line breaker for '%s' unavailable: %s", locale, u_errorName(status));
        return NULL;
    }
    text_breaker *tb = xcalloc(1, sizeof *tb);
    tb->it = it;
    snprintf(tb->locale, sizeof tb->locale, "%s", locale);
    return tb;
}

void text_breaker_free(text_breaker *tb)
{
    if (!tb) return;
    ubrk_close(tb->it);
    if (tb->words) ubrk_close(tb->words);
    free(tb->buf);
    free(tb->unit_to_cp);
    free(tb);
}

/* Hands text[0..n) to ICU as UTF-16 (tb->buf, tb->unit_to_cp); returns the
 * number of UTF-16 units. */
static int to_utf16(text_breaker *tb, const uint32_t *text, int n)
{
    int need = 2 * n + 1;
    if (need > tb->cap) {
        tb->cap = need;
        tb->buf = xrealloc(tb->buf, (size_t)need * sizeof *tb->buf);
        tb->unit_to_cp = xrealloc(tb->unit_to_cp, (size_t)need * sizeof *tb->unit_to_cp);
    }
    int units = 0;
    for (int i = 0; i < n; i++) {
        int start = units;
        U16_APPEND_UNSAFE(tb->buf, units, text[i]);
        tb->unit_to_cp[start] = i;
        for (int k = start + 1; k < units; k++) tb->unit_to_cp[k] = -1; /* trail surrogate */
    }
    return units;
}

/* Marks out[i] = 1 at every boundary `it` finds in text[0..n). */
static bool boundaries(text_breaker *tb, UBreakIterator *it, const uint32_t *text, int n, uint8_t *out)
{
    memset(out, 0, (size_t)n);
    if (n <= 1) return true;
    int units = to_utf16(tb, text, n);
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(it, tb->buf, units, &status);
    if (U_FAILURE(status)) return false;
    for (int32_t b = ubrk_next(it); b != UBRK_DONE && b < units; b = ubrk_next(it))
        if (b > 0 && tb->unit_to_cp[b] >= 0) out[tb->unit_to_cp[b]] = 1;
    return true;
}

/* A number as a table prints it: a digit, then digits, full stops and
 * commas (1,234.5).  UAX #14 keeps it whole (LB13: no break before IS;
 * LB25: NU × NU, NU × IS, IS × NU) — and ICU 72's `zh` rules find no
 * opportunity in any such text of up to 10 characters, tested exhaustively
 * — so it is answered without ICU, whose setup per text is most of the
 * cost of preparing a big table's numbers. */
static bool plain_number(const uint32_t *text, int n)
{
    if (n == 0 || text[0] < '0' || text[0] > '9') return false;
    for (int i = 1; i < n; i++)
        if ((text[i] < '0' || text[i] > '9') && text[i] != '.' && text[i] != ',') return false;
    return true;
}

bool text_breaker_run(text_breaker *tb, const uint32_t *text, int n, uint8_t *can_break_before)
{
    if (plain_number(text, n)) {
        memset(can_break_before, 0, (size_t)n);
        return true;
    }
    return boundaries(tb, tb->it, text, n, can_break_before);
}

bool text_breaker_words(text_breaker *tb, const uint32_t *text, int n, uint8_t *word_start)
{
    if (!tb->words) {
        UErrorCode status = U_ZERO_ERROR;
        tb->words = ubrk_open(UBRK_WORD, tb->locale, NULL, 0, &status);
        if (U_FAILURE(status)) {
            tb->words = NULL;
            return false;
        }
    }
    return boundaries(tb, tb->words, text, n, word_start);
}
