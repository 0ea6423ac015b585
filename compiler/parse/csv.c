/* csv.c — see csv.h. */
#include "csv.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "base/utf8.h"
#include "base/i18n.h"

/* ---- decoding ------------------------------------------------------------- */

/* Offset of the first byte of raw that is not strict UTF-8, or len. */
static size_t utf8_valid_prefix(const char *raw, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int k = utf8_decode(raw + i, len - i, &cp);
        if (!k) return i;
        i += (size_t)k;
    }
    return len;
}

/* The text as a source; a lone CR becomes LF (one line end, as the reader
 * and the diagnostics count them). */
static source *make_source(arena *a, const char *name, const char *text, size_t len)
{
    char *t = arena_alloc(a, len + 1);
    for (size_t i = 0; i < len; i++) t[i] = text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n') ? '\n' : text[i];
    t[len] = '\0';
    source *src = arena_alloc(a, sizeof *src);
    *src = (source){ name, t, len, NULL, 0 };
    return src;
}

/* An error at the byte `bad` of the raw file: its line and column counted
 * on the text before it, which is valid. */
static void bad_byte(arena *a, diag *d, const char *name, const char *text, size_t good_len, unsigned char byte,
                     const char *what, const char *hint)
{
    source *src = make_source(a, name, text, good_len);
    diag_error(d, diag_pos_at_offset(src, good_len), hint, "the byte 0x%02X is not %s", byte, what);
}

/* GB18030 (as Excel and WPS save CSV on Chinese Windows) to UTF-8 with
 * ICU; false after an error at the first byte that is not GB18030. */
static bool from_gb18030(arena *a, diag *d, const char *name, const char *raw, size_t len, const char **text, size_t *tlen)
{
    UErrorCode err = U_ZERO_ERROR;
    UConverter *gb = ucnv_open("gb18030", &err), *u8 = U_SUCCESS(err) ? ucnv_open("utf-8", &err) : NULL;
    if (U_SUCCESS(err)) ucnv_setToUCallBack(gb, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    if (U_FAILURE(err)) {
        if (gb) ucnv_close(gb);
        if (u8) ucnv_close(u8);
        diag_failure(d, "parse: ICU cannot open the GB18030 converter: %s", u_errorName(err));
        return false;
    }
    /* Every GB18030 character is at most 4 bytes and 2 UTF-16 units. */
    size_t cap = len * 2 + 4;
    UChar *u = arena_alloc(a, cap * sizeof *u);
    UChar *target = u;
    const char *source_ = raw;
    ucnv_toUnicode(gb, &target, u + cap, &source_, raw + len, NULL, true, &err);
    bool ok = true;
    if (U_FAILURE(err)) {
        /* The bad sequence was consumed: it starts that many bytes back. */
        char bad[32];
        int8_t n = sizeof bad;
        UErrorCode e2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(gb, bad, &n, &e2);
        size_t at = (size_t)(source_ - raw) - (U_SUCCESS(e2) ? (size_t)n : 1);
        /* The text before it, in UTF-8, for its line and column. */
        int32_t units = (int32_t)(target - u);
        UErrorCode e3 = U_ZERO_ERROR;
        int32_t need = ucnv_fromUChars(u8, NULL, 0, u, units, &e3);
        char *prefix = arena_alloc(a, (size_t)need + 1);
        e3 = U_ZERO_ERROR;
        ucnv_fromUChars(u8, prefix, need + 1, u, units, &e3);
        bad_byte(a, d, name, prefix, U_SUCCESS(e3) ? (size_t)need : 0, (unsigned char)raw[at], _("UTF-8 or GB18030"),
                 "save the sheet as \"CSV UTF-8 (逗号分隔)\", or as CSV in GB18030/GBK (Excel's \"CSV (逗号分隔)\")");
        ok = false;
    } else {
        int32_t units = (int32_t)(target - u);
        int32_t need = ucnv_fromUChars(u8, NULL, 0, u, units, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR) err = U_ZERO_ERROR;
        char *out = arena_alloc(a, (size_t)need + 1);
        ucnv_fromUChars(u8, out, need + 1, u, units, &err);
        if (U_FAILURE(err)) {
            diag_failure(d, "parse: ICU cannot convert to UTF-8: %s", u_errorName(err));
            ok = false;
        }
        *text = out;
        *tlen = (size_t)need;
    }
    ucnv_close(gb);
    ucnv_close(u8);
    return ok;
}

static bool decode(arena *a, diag *d, const char *name, const char *raw, size_t len, csv_encoding enc, const char **text,
                   size_t *tlen)
{
    const unsigned char *b = (const unsigned char *)raw;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        source *src = make_source(a, name, "", 0);
        diag_error(d, (src_pos){ src, 1, 1, 0 }, "save the sheet as \"CSV UTF-8 (逗号分隔)\" (Excel) or as CSV (WPS)",
                   "the CSV file is UTF-16 (Excel's \"Unicode 文本\"), not a CSV");
        return false;
    }
    bool bom = len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
    if (bom) {
        raw += 3;
        len -= 3;
    }
    size_t valid = utf8_valid_prefix(raw, len);
    if (enc == CSV_GB18030 && !bom) return from_gb18030(a, d, name, raw, len, text, tlen);
    if (valid == len) {
        *text = raw;
        *tlen = len;
        return true;
    }
    if (enc == CSV_UTF8 || bom) {
        bad_byte(a, d, name, raw, valid, (unsigned char)raw[valid], "UTF-8",
                 bom ? N_("the file starts as UTF-8 (a byte order mark): save it again as \"CSV UTF-8\"")
                     : N_("save the sheet as \"CSV UTF-8\", or leave --csv-encoding out to read GB18030 too"));
        return false;
    }
    return from_gb18030(a, d, name, raw, len, text, tlen);
}

/* ---- records -------------------------------------------------------------- */

typedef struct reader {
    arena *a;
    diag *d;
    source *src;
    const char *s;
    size_t len, i;
    int line, col;
    int record;             /* 1-based, every record counted (the sheet's row) */
} reader;

static src_pos here(const reader *r) { return (src_pos){ r->src, r->line, r->col, r->i }; }

/* Steps over one character (a line end counts as one: CRLF or LF). */
static void step(reader *r)
{
    if (r->s[r->i] == '\r' && r->i + 1 < r->len && r->s[r->i + 1] == '\n') r->i++;
    if (r->s[r->i] == '\n') {
        r->i++;
        r->line++;
        r->col = 1;
        return;
    }
    uint32_t cp;
    int k = utf8_decode(r->s + r->i, r->len - r->i, &cp);
    r->i += k ? (size_t)k : 1;
    r->col++;
}

static bool at_line_end(const reader *r) { return r->s[r->i] == '\n' || r->s[r->i] == '\r'; }

static void cell_name(char *out, size_t size, int column, int record)
{
    char letters[8];
    int n = 0;
    for (int c = column + 1; c > 0 && n < 7; c = (c - 1) / 26) letters[n++] = (char)('A' + (c - 1) % 26);
    int k = 0;
    while (n > 0 && k < (int)size - 1) out[k++] = letters[--n];
    snprintf(out + k, size - (size_t)k, "%d", record);
}

/* One field, from r->i to the comma or line end after it. */
static bool read_field(reader *r, csv_cell *c, int column)
{
    memset(c, 0, sizeof *c);
    c->pos = here(r);
    cell_name(c->name, sizeof c->name, column, r->record);
    if (r->i < r->len && r->s[r->i] == '"') {
        c->quoted = true;
        src_pos open = here(r);
        step(r);
        c->text_pos = here(r);
        char *buf = arena_alloc(r->a, r->len - r->i + 1);
        size_t n = 0;
        for (;;) {
            if (r->i >= r->len) {
                diag_error(r->d, open, "close the cell with a '\"' (a '\"' inside a cell is written \"\")",
                           "cell %s: this quote is never closed", c->name);
                return false;
            }
            if (r->s[r->i] == '"') {
                if (r->i + 1 < r->len && r->s[r->i + 1] == '"') {
                    buf[n++] = '"';
                    step(r);
                    step(r);
                    continue;
                }
                step(r);
                break;
            }
            size_t from = r->i;
            step(r);
            memcpy(buf + n, r->s + from, r->i - from);
            n += r->i - from;
        }
        buf[n] = '\0';
        c->s = buf;
        c->len = n;
        if (r->i < r->len && r->s[r->i] != ',' && !at_line_end(r)) {
            diag_error(r->d, here(r), "put the whole cell in quotes, with \"\" for a quote inside it",
                       "cell %s: text after the closing quote", c->name);
            return false;
        }
        return true;
    }
    c->text_pos = c->pos;
    size_t from = r->i;
    while (r->i < r->len && r->s[r->i] != ',' && !at_line_end(r)) {
        if (r->s[r->i] == '"') {
            diag_error(r->d, here(r), "put the whole cell in quotes, with \"\" for a quote inside it",
                       "cell %s: a quote inside a cell that does not start with one", c->name);
            return false;
        }
        step(r);
    }
    c->s = arena_strndup(r->a, r->s + from, r->i - from);
    c->len = r->i - from;
    return true;
}

const char *csv_trim(const csv_cell *c, size_t *len, size_t *lead)
{
    static const char *const spaces[] = { " ", "\t", "\xE3\x80\x80", "\xC2\xA0", NULL };
    size_t b = 0, e = c->len;
    for (bool more = true; more;) {
        more = false;
        for (int k = 0; spaces[k]; k++) {
            size_t n = strlen(spaces[k]);
            if (e - b >= n && memcmp(c->s + b, spaces[k], n) == 0) b += n, more = true;
            if (e - b >= n && memcmp(c->s + e - n, spaces[k], n) == 0) e -= n, more = true;
        }
    }
    *len = e - b;
    if (lead) *lead = b;
    return c->s + b;
}

bool csv_read(arena *a, diag *d, const char *name, const char *raw, size_t len, csv_encoding enc, csv_file *out)
{
    memset(out, 0, sizeof *out);
    const char *text;
    size_t tlen;
    if (!decode(a, d, name, raw, len, enc, &text, &tlen)) return false;
    reader r = { a, d, make_source(a, name, text, tlen), text, tlen, 0, 1, 1, 1 };
    out->src = r.src;
    int cap = 0;
    while (r.i < r.len) {
        arena_grow(a, (void **)&out->records, &cap, out->n + 1, sizeof *out->records);
        csv_record *rec = &out->records[out->n++];
        memset(rec, 0, sizeof *rec);
        rec->pos = here(&r);
        int ccap = 0;
        rec->blank = true;
        for (;;) {
            arena_grow(a, (void **)&rec->cells, &ccap, rec->n + 1, sizeof *rec->cells);
            csv_cell *c = &rec->cells[rec->n];
            if (!read_field(&r, c, rec->n)) return false;
            rec->n++;
            size_t tl;
            csv_trim(c, &tl, NULL);
            if (tl) rec->blank = false;
            if (r.i < r.len && r.s[r.i] == ',') {
                step(&r);
                continue;
            }
            if (r.i < r.len) step(&r);   /* the line end */
            break;
        }
        r.record++;
    }
    return true;
}
