/* text_clreq.c — see text_clreq.h. */
#include "text_clreq.h"

#include <stddef.h>
#include <string.h>

/* clreq §3.1.7, "basic" level plus GB/T 15834 practice: marks that may not
 * start a line (pause and stop marks, closing quotes and brackets,
 * connectors, interpunct, solidus, percent and degree signs). */
static const uint32_t no_line_start[] = {
    0x3001, 0xFF0C, 0x3002, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF0E, /* 、，。：；！？． */
    0x201D, 0x2019, 0xFF09, 0xFF3D, 0x3015, 0x3011, 0x300B, 0x3009, /* ”’）］〕】》〉 */
    0x300D, 0x300F, 0x3017, 0xFF5D, 0x3019,                         /* 」』〗｝〙 */
    0xFF5E, 0x301C, 0x2013, 0x2014, 0x2026, 0x22EF, 0x2E3A,         /* ～〜–—…⋯⸺ */
    0x00B7, 0x30FB, 0x2027, 0x002F, 0xFF0F,                         /* ·・‧ / ／ */
    0x0025, 0xFF05, 0x2030, 0x2103, 0x00B0,                         /* %％‰℃° */
    0x002C, 0x002E, 0x003A, 0x003B, 0x0021, 0x003F, 0x0029, 0x005D, /* ,.:;!?)] */
    0x301E, 0x301F, 0x203C, 0x2047, 0x2048, 0x2049, 0x3005,         /* 〞〟‼⁇⁈⁉々 */
    0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFE5A, /* small forms ﹐﹑﹒﹔﹕﹖﹗﹚ */
    0xFE5C, 0xFE5E, 0xFF61, 0xFF63, 0xFF64, 0xFF65,                 /* ﹜﹞ and half-width ｡｣､･ */
};

/* clreq §3.1.7: marks that may not end a line (opening quotes and brackets;
 * GB style adds the solidus). */
static const uint32_t no_line_end[] = {
    0x201C, 0x2018, 0xFF08, 0xFF3B, 0x3014, 0x3010, 0x300A, 0x3008, /* “‘（［〔【《〈 */
    0x300C, 0x300E, 0x3016, 0xFF5B, 0x3018,                         /* 「『〖｛〘 */
    0x002F, 0xFF0F, 0x0028, 0x005B,                                 /* / ／ ( [ */
    0x301D, 0xFE59, 0xFE5B, 0xFE5D, 0xFF62,                         /* 〝﹙﹛﹝｢ */
};

static bool in(const uint32_t *set, size_t n, uint32_t cp)
{
    /* Han characters (CJK Ext. A to the compatibility forms) and ASCII
       letters and digits are in none of the sets: the common case answers
       at once (the line breaker asks for every character it tries). */
    if ((cp >= 0x3400 && cp < 0xFE00) || (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
        return false;
    /* Of ASCII only these twelve are in any set: the rest ("-" of row
       labels such as 项目1-2-17, space, quotes) answers at once too. */
    static const char ascii_in_sets[] = "!%(),./:;?[]";
    if (cp < 0x80 && !memchr(ascii_in_sets, (int)cp, sizeof ascii_in_sets - 1)) return false;
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp) return true;
    return false;
}

int text_clreq_blank_side(uint32_t cp)
{
    static const uint32_t right[] = { 0x3001, 0xFF0C, 0x3002, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
                                      0xFF09, 0xFF3D, 0x3015, 0x3011, 0x300B, 0x3009, 0x300D, 0x300F,
                                      0x3017, 0xFF5D, 0x201D, 0x2019 };
    static const uint32_t left[] = { 0xFF08, 0xFF3B, 0x3014, 0x3010, 0x300A, 0x3008, 0x300C, 0x300E,
                                     0x3016, 0xFF5B, 0x201C, 0x2018 };
    if (in(right, sizeof right / sizeof right[0], cp)) return 1;
    if (in(left, sizeof left / sizeof left[0], cp)) return -1;
    return 0;
}

bool text_clreq_is_sentence_end(uint32_t cp) { return cp == 0x3002 || cp == 0xFF1F || cp == 0xFF01; }

bool text_clreq_no_line_start(uint32_t cp)
{
    return in(no_line_start, sizeof no_line_start / sizeof no_line_start[0], cp);
}

bool text_clreq_no_line_end(uint32_t cp) { return in(no_line_end, sizeof no_line_end / sizeof no_line_end[0], cp); }

bool text_clreq_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD) || cp == 0x3007;
}

bool text_clreq_is_latin_or_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

void text_clreq_restrict_breaks(const uint32_t *text, int n, uint8_t *brk)
{
    const size_t n_start = sizeof no_line_start / sizeof no_line_start[0];
    const size_t n_end = sizeof no_line_end / sizeof no_line_end[0];
    for (int i = 1; i < n; i++) {
        if (!brk[i]) continue;
        uint32_t before = text[i - 1], here = text[i];
        if (in(no_line_start, n_start, here) || in(no_line_end, n_end, before)) brk[i] = 0;
        /* —— and …… are one unit of two characters (clreq §3.1.8). */
        else if (before == here && (here == 0x2014 || here == 0x2026 || here == 0x22EF)) brk[i] = 0;
        /* A number stays with its unit: "61.35元", "2023年", "15件" (clreq §4). */
        else if ((is_digit(before) || before == '%') && text_clreq_is_han(here)) brk[i] = 0;
    }
}

static bool ascii_token_char(uint32_t cp) { return cp > 0x20 && cp < 0x7F; }

static bool url_separator(uint32_t cp) { return cp && strchr("/.-_?&=@#~", (int)cp) != NULL; }

static bool ascii_letter(uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

/* Whether text[s, e) reads as a URL, an e-mail address or a file name. */
static bool url_like(const uint32_t *t, int s, int e)
{
    int at = -1, last_dot = -1;
    for (int i = s; i < e; i++) {
        if (i + 2 < e && t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/') return true;
        if (t[i] == '@' && at < 0) at = i;
        if (t[i] == '.') last_dot = i;
    }
    if (e - s > 4 && (t[s] | 0x20) == 'w' && (t[s + 1] | 0x20) == 'w' && (t[s + 2] | 0x20) == 'w' && t[s + 3] == '.')
        return true;
    if (at > s && last_dot > at + 1 && last_dot + 1 < e) return true;     /* name@host.domain */
    /* A file name: a letter, digit or _ before a dot and 2–4 letters or digits after it. */
    int ext = e - last_dot - 1;
    if (last_dot > s && ext >= 2 && ext <= 4 && (ascii_letter(t[last_dot - 1]) || is_digit(t[last_dot - 1]) || t[last_dot - 1] == '_')) {
        for (int i = last_dot + 1; i < e; i++)
            if (!ascii_letter(t[i]) && !is_digit(t[i])) return false;
        for (int i = last_dot + 1; i < e; i++)
            if (ascii_letter(t[i])) return true;
    }
    return false;
}

void text_clreq_url_breaks(const uint32_t *text, int n, uint8_t *brk)
{
    int s = 0;
    while (s < n) {
        if (!ascii_token_char(text[s])) {
            s++;
            continue;
        }
        int e = s;
        while (e < n && ascii_token_char(text[e])) e++;
        /* A closing bracket or stop typed after the address is not part of it. */
        int end = e;
        while (end > s && strchr(".,;:!?)]'\"", (int)text[end - 1])) end--;
        if (url_like(text, s, end))
            for (int i = s + 1; i < end; i++)
                brk[i] = url_separator(text[i - 1]) && !url_separator(text[i]) && !text_clreq_no_line_start(text[i]);
        s = e;
    }
}
