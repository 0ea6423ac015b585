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

bool text_breaker_run(text_breaker *tb, const uint32_t *text, int n, uint8_t *can_break_before)
{
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
