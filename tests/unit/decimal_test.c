/* decimal_test.c — the exact numbers of reports (compiler/base/decimal.h):
 * what is accepted, what is refused and what the hint says, printing with
 * every format, sums at the edge of 64 bits.  One PASS/FAIL line per case. */
#include "base/decimal.h"

#include <stdio.h>
#include <string.h>

static int failures;

static void check(bool ok, const char *what, const char *got)
{
    printf("%s decimal %s%s%s\n", ok ? "PASS" : "FAIL", what, ok ? "" : " — got: ", ok ? "" : got);
    failures += !ok;
}

/* s prints as `want` with format f. */
static void prints(const char *s, decimal_format f, const char *want)
{
    decimal d;
    char out[DECIMAL_TEXT_MAX] = "(not a number)", what[160];
    if (decimal_parse(s, strlen(s), &d, NULL, 0, NULL, 0) == DECIMAL_OK) decimal_format_text(d, f, out, NULL);
    snprintf(what, sizeof what, "%s as %d%s decimals → %s", s, f.decimals, f.thousands ? " #,##0" : "", want);
    check(strcmp(out, want) == 0, what, out);
}

/* s is refused as `status`, and the hint says `hint_has`. */
static void refused(const char *s, decimal_status status, const char *hint_has)
{
    decimal d;
    char why[200] = "", hint[200] = "", what[160], got[600];
    decimal_status st = decimal_parse(s, strlen(s), &d, why, sizeof why, hint, sizeof hint);
    snprintf(what, sizeof what, "'%s' refused, hint has '%s'", s, hint_has);
    snprintf(got, sizeof got, "status %d, why '%s', hint '%s'", (int)st, why, hint);
    check(st == status && strstr(hint, hint_has) && (status == DECIMAL_NOT_A_NUMBER || *why), what, got);
}

/* Text that is no number gets hint `want` (NULL: none). */
static void text_hint(const char *s, const char *want)
{
    char hint[200] = "", what[200];
    bool got = decimal_text_hint(s, strlen(s), hint, sizeof hint);
    snprintf(what, sizeof what, "'%s' as text: hint %s%s%s", s, want ? "'" : "none", want ? want : "", want ? "'" : "");
    check(want ? got && strstr(hint, want) != NULL : !got, what, hint);
}

int main(void)
{
    decimal_format as_written = DECIMAL_AS_WRITTEN, thousands = { -1, true }, integer = { 0, false },
                   two = { 2, false }, two_k = { 2, true };
    prints("12345678901234567", thousands, "12,345,678,901,234,567");
    prints("9007199254740993", integer, "9007199254740993");
    prints("9223372036854775807", thousands, "9,223,372,036,854,775,807");
    prints("-9223372036854775808", as_written, "-9223372036854775808");
    prints("1.50", as_written, "1.50");
    prints("0.125", two, "0.13");           /* half away from zero */
    prints("-0.125", two, "-0.13");
    prints("2.675", two, "2.68");           /* a double says 2.67499… */
    prints("1.005", two, "1.01");
    prints("99.995", two_k, "100.00");
    prints("999999.995", two_k, "1,000,000.00");
    prints("-0.001", two, "0.00");          /* no negative zero */
    prints("0.1", two, "0.10");
    prints("1000000000000000", as_written, "1000000000000000");   /* never 1e+15 */
    prints("0", thousands, "0");
    refused("1e3", DECIMAL_REFUSED, "1000");
    refused("2.5E-4", DECIMAL_REFUSED, "0.00025");
    refused("1e309", DECIMAL_REFUSED, "without an exponent");
    refused("1e-400", DECIMAL_REFUSED, "without an exponent");
    refused(".inf", DECIMAL_REFUSED, "the number itself");
    refused("-.Inf", DECIMAL_REFUSED, "the number itself");
    refused("nan", DECIMAL_REFUSED, "the number itself");
    refused(".NaN", DECIMAL_REFUSED, "the number itself");
    refused("0x1A", DECIMAL_REFUSED, "26");
    refused("0o17", DECIMAL_REFUSED, "15");
    refused("0b101", DECIMAL_REFUSED, "5");
    refused("010", DECIMAL_REFUSED, "write 10");
    refused("1_000", DECIMAL_REFUSED, "write 1000");
    refused("+3", DECIMAL_REFUSED, "write 3");
    refused(".5", DECIMAL_REFUSED, "write 0.5");
    refused("5.", DECIMAL_REFUSED, "write 5");
    refused("1:30", DECIMAL_REFUSED, "quote it");
    refused("-0", DECIMAL_REFUSED, "write 0");
    refused("9223372036854775808", DECIMAL_TOO_LARGE, "quote it");
    refused("99999999999999999999", DECIMAL_TOO_LARGE, "quote it");
    refused("0.0000000000000000001", DECIMAL_TOO_LARGE, "quote it");
    refused("2023年", DECIMAL_NOT_A_NUMBER, "");
    refused("1.2.3", DECIMAL_NOT_A_NUMBER, "");
    refused("", DECIMAL_NOT_A_NUMBER, "");
    /* Sums: exact, and an error rather than a wrap at the edge of 64 bits. */
    decimal a = { 1, 1 }, b = { 2, 1 }, sum;
    check(decimal_add(a, b, &sum) && decimal_compare(sum, (decimal){ 3, 1 }) == 0, "0.1 + 0.2 = 0.3", "");
    check(!decimal_add((decimal){ INT64_MAX, 0 }, (decimal){ 1, 0 }, &sum), "INT64_MAX + 1 refused", "");
    check(!decimal_add((decimal){ INT64_MIN, 0 }, (decimal){ -1, 0 }, &sum), "INT64_MIN - 1 refused", "");
    check(decimal_add((decimal){ 4611686018427387904, 0 }, (decimal){ 4611686018427387903, 0 }, &sum) &&
              sum.units == INT64_MAX, "2^62 + (2^62 - 1) = INT64_MAX", "");
    check(decimal_compare((decimal){ 30, 2 }, (decimal){ 3, 1 }) == 0, "0.30 == 0.3", "");
    check(decimal_compare((decimal){ INT64_MAX, 18 }, (decimal){ 10, 0 }) < 0, "9.22… < 10 at 18 decimals", "");
    check(!decimal_is_integer((decimal){ 15, 1 }) && decimal_is_integer((decimal){ 20, 1 }), "1.5 is not whole, 2.0 is", "");

    /* Numbers as a Chinese keyboard or a spreadsheet gives them. */
    text_hint("１２", "write it in ASCII digits: 12");
    text_hint("－５．５", "write it in ASCII digits: -5.5");
    text_hint("1,234", "write 1234: no separators");
    text_hint("1，234，567", "write 1234567: no separators");
    text_hint("12件", "write the number alone: 12");
    text_hint("3.5万元", "write the number alone: 3.5");
    text_hint("１２件", "write the number alone: 12");
    text_hint("abc", NULL);
    text_hint("十二", NULL);
    text_hint("", NULL);
    text_hint(",", NULL);
    return failures != 0;
}
