/* decimal.c — exact decimal numbers; see decimal.h. */
#define _GNU_SOURCE /* memrchr */
#include "decimal.h"
#include "i18n.h"
#include "numtext.h"

#include <stdio.h>
#include <string.h>

typedef __int128 wide;   /* room for 64-bit units times 10^18 */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* True when s[0..len) matches the form accepted: -?(0|[1-9][0-9]*)(.[0-9]+)? */
static bool accepted_form(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && s[i] == '-') i++;
    size_t int_start = i;
    while (i < len && is_digit(s[i])) i++;
    size_t int_len = i - int_start;
    if (int_len == 0 || (int_len > 1 && s[int_start] == '0')) return false;
    if (i < len && s[i] == '.') {
        size_t frac_start = ++i;
        while (i < len && is_digit(s[i])) i++;
        if (i == frac_start) return false;
    }
    return i == len;
}

/* Case-insensitive comparison of s[0..len) with the lowercase word w. */
static bool word_is(const char *s, size_t len, const char *w)
{
    if (strlen(w) != len) return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
        if (c != w[i]) return false;
    }
    return true;
}

/* All of s[0..len) in `set` (and at least one character). */
static bool all_in(const char *s, size_t len, const char *set)
{
    if (len == 0) return false;
    for (size_t i = 0; i < len; i++)
        if (!strchr(set, s[i])) return false;
    return true;
}

/* Digits of s without the characters in `drop`, into out (size ≥ len + 1). */
static void strip(const char *s, size_t len, const char *drop, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!strchr(drop, s[i])) out[n++] = s[i];
    out[n] = '\0';
}

/* The value of the digits s[0..len) in `base`, when it fits in 63 bits. */
static bool base_value(const char *s, size_t len, int base, long long *out)
{
    unsigned long long v = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int d = is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0 || d >= base || v > (0x7FFFFFFFFFFFFFFFull - (unsigned)d) / (unsigned)base) return false;
        v = v * (unsigned)base + (unsigned)d;
    }
    *out = (long long)v;
    return len > 0;
}

/* The exponent form m e x as plain digits, when short enough to write out. */
static bool expand_exponent(const char *s, size_t len, char *out, size_t size)
{
    const char *e = memchr(s, 'e', len);
    if (!e) e = memchr(s, 'E', len);
    if (!e) return false;
    char mant[64], digits[64];
    size_t mlen = (size_t)(e - s);
    if (mlen == 0 || mlen >= sizeof mant) return false;
    memcpy(mant, s, mlen);
    mant[mlen] = '\0';
    int exp;
    if (sscanf(e + 1, "%d", &exp) != 1 || exp > 30 || exp < -30) return false;
    bool neg = mant[0] == '-';
    const char *m = mant + (mant[0] == '-' || mant[0] == '+');
    const char *dot = strchr(m, '.');
    int point = dot ? (int)(dot - m) : (int)strlen(m);
    size_t n = 0;
    for (const char *p = m; *p; p++)
        if (is_digit(*p)) digits[n++] = *p;
    if (n == 0) return false;
    point += exp;
    char buf[128];
    size_t w = 0;
    if (neg) buf[w++] = '-';
    if (point <= 0) {
        buf[w++] = '0';
        buf[w++] = '.';
        for (int i = 0; i < -point; i++) buf[w++] = '0';
        for (size_t i = 0; i < n; i++) buf[w++] = digits[i];
    } else {
        for (int i = 0; i < point; i++) buf[w++] = (size_t)i < n ? digits[i] : '0';
        if ((size_t)point < n) {
            buf[w++] = '.';
            for (size_t i = (size_t)point; i < n; i++) buf[w++] = digits[i];
        }
    }
    buf[w] = '\0';
    /* Tidy: no leading zeros in the integer part, no trailing zeros after a point. */
    char *p = buf + (neg ? 1 : 0);
    while (p[0] == '0' && is_digit(p[1])) memmove(p, p + 1, strlen(p));
    if (strchr(buf, '.')) {
        size_t l = strlen(buf);
        while (buf[l - 1] == '0') buf[--l] = '\0';
        if (buf[l - 1] == '.') buf[--l] = '\0';
    }
    snprintf(out, size, "%s", buf);
    return true;
}

/* A written form being classified, and what to say about it. */
typedef struct form {
    const char *s;       /* as written */
    size_t len;
    const char *body;    /* without a leading sign */
    size_t blen;
    const char *sign;    /* "-" or "" */
    char quoted[80];     /* 's', shortened */
    char why[200], hint[200];
} form;

/* .inf, inf, Infinity, .nan, nan (any case, any sign). */
static bool not_finite(form *f)
{
    static const char *const words[] = { ".inf", "inf", "infinity", ".nan", "nan", NULL };
    for (int i = 0; words[i]; i++)
        if (word_is(f->body, f->blen, words[i])) {
            snprintf(f->why, sizeof f->why, _("%s is not a finite number"), f->quoted);
            snprintf(f->hint, sizeof f->hint, _("write the number itself, e.g. 0"));
            return true;
        }
    return false;
}

/* 0x1A, 0o17, 0b101 (YAML 1.1 and 1.2). */
static bool other_base(form *f)
{
    const char *b = f->body;
    if (f->blen <= 2 || b[0] != '0' || !strchr("xXoObB", b[1]) || !all_in(b + 2, f->blen - 2, "0123456789abcdefABCDEF_"))
        return false;
    int base = strchr("xX", b[1]) ? 16 : strchr("oO", b[1]) ? 8 : 2;
    snprintf(f->why, sizeof f->why, _("%s is %s number"), f->quoted, base == 16 ? _("a hexadecimal") : base == 8 ? _("an octal") : _("a binary"));
    char digits[64];
    long long v;
    snprintf(f->hint, sizeof f->hint, _("write it in decimal digits"));
    if (f->blen - 2 < sizeof digits) {
        strip(b + 2, f->blen - 2, "_", digits);
        if (base_value(digits, strlen(digits), base, &v)) snprintf(f->hint, sizeof f->hint, _("write it in decimal: %s%lld"), f->sign, v);
    }
    return true;
}

/* 1e3, 2.5E-4 (YAML 1.2 and 1.1). */
static bool exponent(form *f)
{
    const char *e = memchr(f->body, 'e', f->blen);
    if (!e) e = memchr(f->body, 'E', f->blen);
    if (!e || e == f->body) return false;
    size_t ml = (size_t)(e - f->body), xl = f->blen - ml - 1;
    const char *x = e + 1;
    if (xl && (x[0] == '-' || x[0] == '+')) x++, xl--;
    if (!all_in(f->body, ml, "0123456789.") || !all_in(x, xl, "0123456789") ||
        memchr(f->body, '.', ml) != memrchr(f->body, '.', ml))
        return false;
    snprintf(f->why, sizeof f->why, _("%s is written with an exponent"), f->quoted);
    char full[128];
    if (expand_exponent(f->s, f->len, full, sizeof full) && strlen(full) <= 40)
        snprintf(f->hint, sizeof f->hint, _("write the number in full: %s"), full);
    else
        snprintf(f->hint, sizeof f->hint, _("write the number in full, without an exponent"));
    return true;
}

/* 1:30 (YAML 1.1 reads it as 90). */
static bool sexagesimal(form *f)
{
    if (!memchr(f->body, ':', f->blen) || !all_in(f->body, f->blen, "0123456789:_.") || !is_digit(f->body[0])) return false;
    snprintf(f->why, sizeof f->why, _("%s is a base-60 number in YAML 1.1 (1:30 is 90)"), f->quoted);
    snprintf(f->hint, sizeof f->hint, _("quote it if it is text, e.g. '1:30', or write the number it means"));
    return true;
}

/* Digits written in a way the accepted form does not allow: 1_000, +3,
 * .5, 5., 010. */
static bool odd_digits(form *f)
{
    const char *b = f->body;
    size_t n = f->blen;
    if (!all_in(b, n, "0123456789._") || memchr(b, '.', n) != memrchr(b, '.', n) || f->len >= 96) return false;
    int shown = n > 60 ? 60 : (int)n;
    if (memchr(b, '_', n)) {
        char digits[96];
        strip(f->s, f->len, "_+", digits);
        snprintf(f->why, sizeof f->why, _("%s has digit separators"), f->quoted);
        snprintf(f->hint, sizeof f->hint, _("write %.60s; a column's format \"#,##0\" prints separators"), digits);
    } else if (f->s[0] == '+') {
        snprintf(f->why, sizeof f->why, _("%s has a plus sign"), f->quoted);
        snprintf(f->hint, sizeof f->hint, _("write %.*s"), shown, b);
    } else if (b[0] == '.' || b[n - 1] == '.') {
        snprintf(f->why, sizeof f->why, _("%s has no digit on one side of its point"), f->quoted);
        if (b[0] == '.') snprintf(f->hint, sizeof f->hint, _("write %s0%.*s"), f->sign, shown, b);
        else snprintf(f->hint, sizeof f->hint, _("write %s%.*s"), f->sign, shown - 1, b);
    } else if (n > 1 && b[0] == '0' && is_digit(b[1])) {
        size_t k = 0;
        while (k + 1 < n && b[k] == '0' && is_digit(b[k + 1])) k++;
        int rest = n - k > 60 ? 60 : (int)(n - k);
        long long octal;
        if (!memchr(b, '.', n) && base_value(b, n, 8, &octal))
            snprintf(f->why, sizeof f->why, _("%s has a leading zero: YAML 1.1 reads it as octal (%lld), YAML 1.2 as %.*s"),
                     f->quoted, octal, rest, b + k);
        else
            snprintf(f->why, sizeof f->why, _("%s has a leading zero"), f->quoted);
        snprintf(f->hint, sizeof f->hint, _("write %s%.*s without the leading zero"), f->sign, rest, b + k);
    } else {
        return false;
    }
    return true;
}

/* Recognises the forms a YAML 1.1 or 1.2 library reads as numbers but
 * reportc does not take; fills why/hint and returns true. */
static bool refusal(const char *s, size_t len, char *why, size_t whylen, char *hint, size_t hintlen)
{
    form f = { .s = s, .len = len, .body = s, .blen = len, .sign = "" };
    snprintf(f.quoted, sizeof f.quoted, "'%.*s'", len > 60 ? 60 : (int)len, s);
    if (len && (s[0] == '-' || s[0] == '+')) {
        f.body++, f.blen--;
        f.sign = s[0] == '-' ? "-" : "";
    }
    if (!not_finite(&f) && !other_base(&f) && !exponent(&f) && !sexagesimal(&f) && !odd_digits(&f)) return false;
    if (why) snprintf(why, whylen, "%s", f.why);
    if (hint) snprintf(hint, hintlen, "%s", f.hint);
    return true;
}

decimal_status decimal_parse(const char *s, size_t len, decimal *out, char *why, size_t whylen, char *hint,
                             size_t hintlen)
{
    if (!accepted_form(s, len))
        return refusal(s, len, why, whylen, hint, hintlen) ? DECIMAL_REFUSED : DECIMAL_NOT_A_NUMBER;
    bool neg = s[0] == '-';
    uint64_t v = 0;
    int scale = 0;
    bool point = false, zero = true;
    /* Magnitude limit: |INT64_MIN| for a negative number, INT64_MAX else. */
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (size_t i = neg; i < len; i++) {
        if (s[i] == '.') {
            point = true;
            continue;
        }
        unsigned d = (unsigned)(s[i] - '0');
        zero &= d == 0;
        if (v > (limit - d) / 10 || (point && scale == DECIMAL_MAX_SCALE)) {
            if (why) snprintf(why, whylen, _("'%.*s%s' has more digits than reportc keeps exact (up to 18 digits, "
                                           "or 9,223,372,036,854,775,807)"), (int)(len > 60 ? 60 : len), s, len > 60 ? "…" : "");
            if (hint) snprintf(hint, hintlen, _("quote it if it is text, e.g. '%.*s'"), (int)(len > 40 ? 40 : len), s);
            return DECIMAL_TOO_LARGE;
        }
        v = v * 10 + d;
        if (point) scale++;
    }
    if (neg && zero) {
        if (why) snprintf(why, whylen, _("'%.*s' is a negative zero"), (int)(len > 60 ? 60 : len), s);
        if (hint) snprintf(hint, hintlen, _("write %.*s"), (int)(len - 1 > 60 ? 60 : len - 1), s + 1);
        return DECIMAL_REFUSED;
    }
    out->units = neg ? (int64_t)(0 - v) : (int64_t)v;
    out->scale = scale;
    return DECIMAL_OK;
}

static wide pow10w(int n)
{
    wide p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

bool decimal_add(decimal a, decimal b, decimal *out)
{
    int scale = a.scale > b.scale ? a.scale : b.scale;
    wide x = (wide)a.units * pow10w(scale - a.scale), y = (wide)b.units * pow10w(scale - b.scale), sum = x + y;
    if (sum > INT64_MAX || sum < INT64_MIN) return false;
    *out = (decimal){ (int64_t)sum, scale };
    return true;
}

int decimal_compare(decimal a, decimal b)
{
    int scale = a.scale > b.scale ? a.scale : b.scale;
    wide x = (wide)a.units * pow10w(scale - a.scale), y = (wide)b.units * pow10w(scale - b.scale);
    return x < y ? -1 : x > y;
}

bool decimal_is_integer(decimal v)
{
    return v.scale == 0 || (wide)v.units % pow10w(v.scale) == 0;
}

bool decimal_is_negative(decimal v) { return v.units < 0; }

size_t decimal_format_text(decimal v, decimal_format f, char *out, bool *rounded)
{
    /* The magnitude's digits, at least scale + 1 of them. */
    uint64_t mag = v.units < 0 ? (uint64_t)0 - (uint64_t)v.units : (uint64_t)v.units;
    char digits[48];
    /* Without snprintf: it was most of the cost of a 78,000-number table. */
    int n = (int)(numtext_uint(digits, mag) - digits);
    digits[n] = '\0';
    if (n <= v.scale) {
        int pad = v.scale + 1 - n;
        memmove(digits + pad, digits, (size_t)n + 1);
        memset(digits, '0', (size_t)pad);
        n += pad;
    }
    int int_len = n - v.scale;
    int want = f.decimals < 0 ? v.scale : f.decimals;
    bool dropped = false;
    if (want < v.scale) {
        /* Round half away from zero on the magnitude. */
        for (int i = int_len + want; i < n; i++) dropped |= digits[i] != '0';
        bool up = digits[int_len + want] >= '5';
        n = int_len + want;
        digits[n] = '\0';
        for (int i = n - 1; up && i >= 0; i--) {
            if (digits[i] == '9') digits[i] = '0';
            else digits[i]++, up = false;
        }
        if (up) {   /* 9.99 → 10.0: one more integer digit */
            memmove(digits + 1, digits, (size_t)n + 1);
            digits[0] = '1';
            n++;
            int_len++;
        }
    }
    if (rounded) *rounded = dropped;
    bool all_zero = true;
    for (int i = 0; i < n; i++) all_zero &= digits[i] == '0';
    size_t w = 0;
    if (v.units < 0 && !all_zero) out[w++] = '-';
    for (int i = 0; i < int_len; i++) {
        if (f.thousands && i > 0 && (int_len - i) % 3 == 0) out[w++] = ',';
        out[w++] = digits[i];
    }
    if (want > 0) {
        out[w++] = '.';
        for (int i = 0; i < want; i++) out[w++] = int_len + i < n ? digits[int_len + i] : '0';
    }
    out[w] = '\0';
    return w;
}

/* ---- what text meant as a number should be ---------------------------------- */

/* s with full-width digits, point and minus (U+FF10–FF19, FF0E, FF0D) made
 * ASCII and, when drop_commas, ',' and '，' (U+FF0C) dropped, into out
 * (size ≥ len + 1); false when nothing changed. */
static bool normalised(const char *s, size_t len, bool drop_commas, char *out)
{
    size_t w = 0;
    bool changed = false;
    for (size_t i = 0; i < len;) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (len - i >= 3 && u[0] == 0xEF && u[1] == 0xBC && ((u[2] >= 0x90 && u[2] <= 0x99) || u[2] == 0x8E || u[2] == 0x8D)) {
            out[w++] = u[2] == 0x8E ? '.' : u[2] == 0x8D ? '-' : (char)('0' + u[2] - 0x90);
            i += 3;
            changed = true;
        } else if (drop_commas && len - i >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8C) {
            i += 3;
            changed = true;
        } else if (drop_commas && u[0] == ',') {
            i++;
            changed = true;
        } else {
            out[w++] = s[i++];
        }
    }
    out[w] = '\0';
    return changed;
}

static bool is_number(const char *s, size_t len)
{
    decimal v;
    return len > 0 && decimal_parse(s, len, &v, NULL, 0, NULL, 0) == DECIMAL_OK;
}

bool decimal_text_hint(const char *s, size_t len, char *hint, size_t size)
{
    enum { LONGEST = 64 };
    if (len == 0 || len > 3 * LONGEST) return false;
    char t[3 * LONGEST + 1];
    if (normalised(s, len, false, t) && is_number(t, strlen(t))) {
        snprintf(hint, size, _("write it in ASCII digits: %s"), t);
        return true;
    }
    if (normalised(s, len, true, t) && is_number(t, strlen(t))) {
        snprintf(hint, size, _("write %s: no separators in a number (a column's format \"#,##0\" prints them)"), t);
        return true;
    }
    /* A unit after the number: the longest number at the start. */
    normalised(s, len, true, t);
    size_t n = strlen(t), k = 0;
    while (k < n && (t[k] == '-' || t[k] == '.' || (t[k] >= '0' && t[k] <= '9'))) k++;
    while (k > 0 && !is_number(t, k)) k--;
    if (k > 0 && k < n) {
        snprintf(hint, size, _("write the number alone: %.*s"), (int)k, t);
        return true;
    }
    return false;
}

bool decimal_format_parse(const char *s, decimal_format *f)
{
    *f = DECIMAL_AS_WRITTEN;
    if (strcmp(s, "as-written") == 0) return true;
    if (strcmp(s, "integer") == 0) {
        f->decimals = 0;
        return true;
    }
    const char *q = s;
    if (strncmp(q, "#,##", 4) == 0) {
        f->thousands = true;
        q += 4;
    }
    if (*q != '0') return false;
    q++;
    int dec = 0;
    if (*q == '.') {
        q++;
        while (*q == '0' && dec < 9) q++, dec++;
        if (dec == 0) q--;
    }
    if (*q != '\0') return false;
    f->decimals = dec;
    return true;
}
