/* text_break.h — line-break opportunities from ICU (UAX #14, `zh` tailoring).
 *
 * The only place that includes ICU.  ICU's `zh` line rules already forbid a
 * break before 。，、；：？！）》” and after （《“ (measured on ICU 72);
 * the further Chinese rules are text_clreq.c's. */
#ifndef REPORTC_TEXT_BREAK_H
#define REPORTC_TEXT_BREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct text_breaker text_breaker;

/* Opens a UAX #14 line break iterator for `locale` ("zh").  Returns NULL and
 * writes a reason into err on failure.  Free with text_breaker_free. */
text_breaker *text_breaker_open(const char *locale, char *err, size_t errlen);
void text_breaker_free(text_breaker *tb);

/* For text[0..n) sets can_break_before[i] to 1 where a line may start at i
 * (0 elsewhere; index 0 is always 0).  Returns false on an ICU failure. */
bool text_breaker_run(text_breaker *tb, const uint32_t *text, int n, uint8_t *can_break_before);

/* For text[0..n) sets word_start[i] to 1 where a word starts at i (ICU's
 * word boundaries: dictionary-based for Chinese, "政府|信息|公开").  Returns
 * false on an ICU failure. */
bool text_breaker_words(text_breaker *tb, const uint32_t *text, int n, uint8_t *word_start);

#endif
