/* utf8.h — decoding and encoding UTF-8 (strict: no surrogates, no overlongs). */
#ifndef REPORTC_UTF8_H
#define REPORTC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one scalar value from s[0..n); stores it in *cp and returns the
 * number of bytes used (1–4), or 0 for malformed input (then *cp = U+FFFD). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp into out (≥ 4 bytes); returns the number of bytes. */
int utf8_encode(uint32_t cp, char *out);

/* Number of scalar values in s[0..n) (malformed bytes count one each). */
size_t utf8_length(const char *s, size_t n);

/* True for characters set on the full-width (ideographic) grid: Han,
 * kana, Hangul, full-width forms and CJK punctuation. */
int utf8_is_wide(uint32_t cp);

#endif
