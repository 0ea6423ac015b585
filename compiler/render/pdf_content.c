/* pdf_content.c — see pdf_content.h. */
#include "pdf_content.h"
#include "pdf_deflate.h"
#include "base/numtext.h"

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

/* libdeflate's level for page streams.  Operators repeat so much that the
 * fastest level is within a few per cent of level 6 (README, Performance). */
#define PDF_CONTENT_LEVEL 1

bool pdf_content_grow(pdf_content *c, size_t n)
{
    if (c->oom) return false;
    if (c->cap - c->len >= n) return true;
    size_t cap = c->cap ? 2 * c->cap : 4096;
    while (cap - c->len < n) cap *= 2;
    char *more = realloc(c->buf, cap);
    if (!more) {
        c->oom = true;
        return false;
    }
    c->buf = more;
    c->cap = cap;
    return true;
}

/* Room for n more bytes. */
static inline bool reserve(pdf_content *c, size_t n)
{
    return c->cap - c->len >= n || pdf_content_grow(c, n);
}

void pdf_content_word(pdf_content *c, const char *s)
{
    pdf_content_str(c, s);
    if (reserve(c, 1)) c->buf[c->len++] = ' ';
}

void pdf_content_int(pdf_content *c, int64_t v)
{
    if (!reserve(c, 20)) return;
    c->len = (size_t)(numtext_int(c->buf + c->len, v) - c->buf);
}

void pdf_content_num(pdf_content *c, int64_t v)
{
    if (!reserve(c, 25)) return;
    char *p = numtext_thousandths(c->buf + c->len, v);
    *p++ = ' ';
    c->len = (size_t)(p - c->buf);
}

bool pdf_content_store(pdf_content *c, HPDF_Page page)
{
    bool ok = !c->oom;
    if (ok && !c->deflater) ok = (c->deflater = libdeflate_alloc_compressor(PDF_CONTENT_LEVEL)) != NULL;
    size_t bound = ok ? libdeflate_zlib_compress_bound(c->deflater, c->len) : 0;
    if (ok && bound > c->z_cap) {
        uint8_t *more = realloc(c->z, bound);
        if ((ok = more != NULL)) c->z = more, c->z_cap = bound;
    }
    size_t zlen = ok ? libdeflate_zlib_compress(c->deflater, c->buf, c->len, c->z, c->z_cap) : 0;
    HPDF_PageAttr attr = page->attr;
    ok = zlen > 0 && pdf_deflate_put(attr->contents, c->z, zlen) == HPDF_OK;
    c->len = 0;
    c->oom = false;
    return ok;
}

void pdf_content_free(pdf_content *c)
{
    free(c->buf);
    free(c->z);
    libdeflate_free_compressor(c->deflater);
    *c = (pdf_content){ 0 };
}
