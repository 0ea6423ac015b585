/* decimal.h — the report's numbers, exact: a 64-bit integer and a count of
 * decimals.  No binary floating point ever holds a figure of the report:
 * 9007199254740993 stays 9007199254740993, 0.1 + 0.2 is 0.3, and a sum that
 * would leave 64 bits is an error, never a wrap.
 *
 * The written forms accepted are plain decimals, -?(0|[1-9][0-9]*)(.[0-9]+)?;
 * every other form a YAML library might read as a number (1e3, 0x1A, 010,
 * 1_000, +3, .5, 1:30, .inf, nan …) is refused with a hint saying what to
 * write instead (decimal_refusal), so nothing is reinterpreted silently. */
#ifndef REPORTC_DECIMAL_H
#define REPORTC_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* value = units / 10^scale */
typedef struct decimal {
    int64_t units;
    int scale;          /* decimals as written: 0 … DECIMAL_MAX_SCALE */
} decimal;

#define DECIMAL_MAX_SCALE 18

typedef enum {
    DECIMAL_OK,
    DECIMAL_NOT_A_NUMBER,   /* text that no YAML reads as a number: "2023年", "N/A" */
    DECIMAL_REFUSED,        /* a number in a form reportc does not take (see decimal_refusal) */
    DECIMAL_TOO_LARGE,      /* more than 64 bits of units, or more than 18 decimals */
} decimal_status;

/* Reads s[0..len).  DECIMAL_REFUSED and DECIMAL_TOO_LARGE come with a
 * message and a hint (static or in the buffers given, which may be NULL). */
decimal_status decimal_parse(const char *s, size_t len, decimal *out, char *why, size_t whylen, char *hint,
                             size_t hintlen);

/* For text that is not a number (DECIMAL_NOT_A_NUMBER) but is one as typed
 * on a Chinese keyboard or copied from a spreadsheet, what to write: full-
 * width digits (１２ → 12), separators (1,234 or 1，234 → 1234), a unit
 * after the number (12件 → 12).  True with the hint in hint[0..size). */
bool decimal_text_hint(const char *s, size_t len, char *hint, size_t size);

/* a + b, exact; false when the result does not fit (then *out is unchanged). */
bool decimal_add(decimal a, decimal b, decimal *out);

/* -1, 0 or 1 as a < b, a == b, a > b (exact whatever the scales). */
int decimal_compare(decimal a, decimal b);

bool decimal_is_integer(decimal v);
bool decimal_is_negative(decimal v);

static inline decimal decimal_from_int(int64_t v) { return (decimal){ v, 0 }; }

/* How a number is printed: `decimals` after the point (-1: as many as
 * written), and a comma between every three digits of the integer part. */
typedef struct decimal_format {
    int decimals;
    bool thousands;
} decimal_format;

#define DECIMAL_AS_WRITTEN ((decimal_format){ -1, false })

/* Writes v as `f` says into out (size ≥ DECIMAL_TEXT_MAX), rounding half
 * away from zero when f has fewer decimals than v (0.125 → 0.13, −0.125 →
 * −0.13); returns the length.  *rounded (may be NULL) tells whether digits
 * were dropped. */
#define DECIMAL_TEXT_MAX 64
size_t decimal_format_text(decimal v, decimal_format f, char *out, bool *rounded);

/* Reads a format's name: "integer", "as-written", "0", "0.00", "#,##0",
 * "#,##0.00" (up to 9 decimals); false for anything else. */
bool decimal_format_parse(const char *s, decimal_format *f);

#endif
