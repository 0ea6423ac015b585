/* ofd_xml.c — see ofd_xml.h. */
#include "ofd_xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/numtext.h"
#include "base/utf8.h"

static bool reserve(ofd_xml *x, size_t more)
{
    if (x->failed) return false;
    if (x->len + more <= x->cap) return true;
    size_t cap = x->cap ? x->cap : 4096;
    while (cap < x->len + more) cap *= 2;
    uint8_t *p = realloc(x->data, cap);
    if (!p) {
        x->failed = true;
        return false;
    }
    x->data = p;
    x->cap = cap;
    return true;
}

static void bytes(ofd_xml *x, const void *s, size_t n)
{
    if (!reserve(x, n)) return;
    memcpy(x->data + x->len, s, n);
    x->len += n;
}

void ofd_xml_raw(ofd_xml *x, const char *s) { bytes(x, s, strlen(s)); }

/* One character, escaped; control characters (which XML 1.0 cannot hold)
 * and surrogates are dropped. */
static void put_char(ofd_xml *x, uint32_t c)
{
    switch (c) {
    case '&': bytes(x, "&amp;", 5); return;
    case '<': bytes(x, "&lt;", 4); return;
    case '>': bytes(x, "&gt;", 4); return;
    case '"': bytes(x, "&quot;", 6); return;
    default: break;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7F || (c >= 0xD800 && c < 0xE000) || c == 0xFFFE || c == 0xFFFF ||
        c > 0x10FFFF)
        return;
    uint8_t b[4];
    int n;
    if (c < 0x80) b[0] = (uint8_t)c, n = 1;
    else if (c < 0x800) b[0] = (uint8_t)(0xC0 | c >> 6), b[1] = (uint8_t)(0x80 | (c & 0x3F)), n = 2;
    else if (c < 0x10000)
        b[0] = (uint8_t)(0xE0 | c >> 12), b[1] = (uint8_t)(0x80 | (c >> 6 & 0x3F)), b[2] = (uint8_t)(0x80 | (c & 0x3F)),
        n = 3;
    else
        b[0] = (uint8_t)(0xF0 | c >> 18), b[1] = (uint8_t)(0x80 | (c >> 12 & 0x3F)),
        b[2] = (uint8_t)(0x80 | (c >> 6 & 0x3F)), b[3] = (uint8_t)(0x80 | (c & 0x3F)), n = 4;
    bytes(x, b, (size_t)n);
}

void ofd_xml_text(ofd_xml *x, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (k <= 0) { /* not UTF-8: the parse stage lets none through; skip the byte */
            i++;
            continue;
        }
        put_char(x, cp);
        i += (size_t)k;
    }
}

void ofd_xml_chars(ofd_xml *x, const uint32_t *cps, int n)
{
    for (int i = 0; i < n; i++) put_char(x, cps[i]);
}

void ofd_xml_uint(ofd_xml *x, unsigned long v)
{
    char b[20];
    bytes(x, b, (size_t)(numtext_uint(b, v) - b));
}

void ofd_xml_um(ofd_xml *x, long long um)
{
    char b[24];
    bytes(x, b, (size_t)(numtext_thousandths(b, um) - b));
}

void ofd_xml_fmt(ofd_xml *x, const char *fmt, ...)
{
    char b[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof b) {
        x->failed = true;
        return;
    }
    bytes(x, b, (size_t)n);
}

void ofd_xml_free(ofd_xml *x)
{
    free(x->data);
    memset(x, 0, sizeof *x);
}
