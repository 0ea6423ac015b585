/* pdf_content.h — a page's content stream, written by reportc itself.
 *
 * libharu 2.3.0 pays for every operator: it clears and copies a 512-byte
 * buffer, formats floats and tracks state reportc never reads, then
 * deflates the page with zlib.  Here the operators go into one growing
 * buffer; numbers are the frames' millipoints written exactly (3 decimals
 * at most, no float on the way); the page is deflated once with libdeflate
 * and handed to libharu as a finished stream.  Internal to pdf_write.c and
 * pdf_tags.c. */
#ifndef REPORTC_PDF_CONTENT_H
#define REPORTC_PDF_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <hpdf.h>

#include "base/units.h"

typedef struct pdf_content {
    char *buf;
    size_t len, cap;
    bool oom;                 /* a growth failed: the page is lost, see pdf_content_store */
    struct libdeflate_compressor *deflater;
    uint8_t *z;               /* the deflated page */
    size_t z_cap;
} pdf_content;

/* Makes room for n more bytes; false (and c->oom) when memory ran out.
 * The slow path of the appenders below. */
bool pdf_content_grow(pdf_content *c, size_t n);

/* Appends the NUL-terminated operator text s as it is.  Inline: called
 * with literals, the length and the copy fold away (a 6,000-row table
 * appends 700,000 of them). */
static inline void pdf_content_str(pdf_content *c, const char *s)
{
    size_t n = strlen(s);
    if (c->cap - c->len < n && !pdf_content_grow(c, n)) return;
    memcpy(c->buf + c->len, s, n);
    c->len += n;
}

/* Appends the number v/1000 (a length in millipoints, or any value kept in
 * thousandths) in its shortest exact decimal form, then a space. */
void pdf_content_num(pdf_content *c, int64_t v);

/* Appends the integer v, with nothing after it. */
void pdf_content_int(pdf_content *c, int64_t v);

/* Appends the NUL-terminated string s, then a space. */
void pdf_content_word(pdf_content *c, const char *s);

/* Deflates what was written and makes it the content stream of `page`,
 * then empties c for the next page.  False when memory or libdeflate
 * failed (also for a growth that failed earlier). */
bool pdf_content_store(pdf_content *c, HPDF_Page page);

/* Frees the buffers; c itself is the caller's. */
void pdf_content_free(pdf_content *c);

#endif
