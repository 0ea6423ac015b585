/* numtext.h — integers and thousandths as ASCII text, without printf.
 *
 * For the writers' hot paths: a 6,000-row table writes about a million
 * numbers into its page streams, structure tree and OFD pages, where
 * snprintf cost several hundred instructions each.  Each function writes
 * at p, returns the end and writes no NUL. */
#ifndef REPORTC_NUMTEXT_H
#define REPORTC_NUMTEXT_H

#include <stdint.h>

/* v in decimal digits: at most 20 characters. */
static inline char *numtext_uint(char *p, uint64_t v)
{
    char rev[20];
    int n = 0;
    do rev[n++] = (char)('0' + v % 10); while ((v /= 10) > 0);
    while (n > 0) *p++ = rev[--n];
    return p;
}

/* v with its sign: at most 20 characters. */
static inline char *numtext_int(char *p, int64_t v)
{
    if (v < 0) *p++ = '-';
    return numtext_uint(p, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

/* v / 1000 exactly, in its shortest form ("12", "12.5", "-0.025"): a length
 * in millipoints or micrometres.  At most 24 characters. */
static inline char *numtext_thousandths(char *p, int64_t v)
{
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (v < 0) *p++ = '-';
    p = numtext_uint(p, u / 1000);
    unsigned frac = (unsigned)(u % 1000);
    if (frac) {
        *p++ = '.';
        for (unsigned div = 100; frac; div /= 10) {
            *p++ = (char)('0' + frac / div);
            frac %= div;
        }
    }
    return p;
}

#endif
