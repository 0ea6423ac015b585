/* image.h — seal images (PNG or JPEG) checked and made ready for the PDF.
 *
 * The report names a seal image; the caller reads the file into memory and
 * hands the bytes here.  They are untrusted: image_decode never crashes,
 * loops or allocates without bound on hostile bytes, and refuses whatever
 * it cannot fully vouch for, with a short English reason.
 *
 * A PNG is decoded (libpng's simplified API) and composited onto white,
 * since PDF/A-1 forbids transparency; a JPEG is not decoded (the PDF embeds
 * it as DCTDecode data) but its marker structure is walked and checked, and
 * a cleaned copy is kept: only the segments a decoder needs, no metadata,
 * nothing after the end-of-image marker. */
#ifndef REPORTC_IMAGE_H
#define REPORTC_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

typedef enum { IMAGE_PNG, IMAGE_JPEG } image_kind;

typedef struct image_data {
    image_kind kind;
    uint32_t width, height;   /* pixels */
    int components;           /* PNG: always 3 (RGB); JPEG: 1 (grey) or 3 */
    const uint8_t *bytes;     /* PNG: width*height*3 bytes of 8-bit RGB, composited onto white;
                                 JPEG: a cleaned copy of the file (see above) */
    size_t len;
} image_data;

/* Largest image accepted, in pixels (width × height): 4,194,304 (2048 × 2048;
   a 42 mm seal at 600 dpi is about 1,000 × 1,000). */
#define IMAGE_MAX_PIXELS (4u * 1024u * 1024u)

/* Checks and decodes file[0..len).  On success fills *out (memory in `a`) and
   returns true; on failure returns false with a one-line English reason in
   why (e.g. "not a PNG or JPEG file", "the PNG data is truncated",
   "8192 × 8192 pixels; the limit is 4,194,304 pixels (2048 × 2048)",
   "a CMYK JPEG; PDF/A output needs RGB or grey"); nothing is left in `a`. */
bool image_decode(arena *a, const uint8_t *file, size_t len, image_data *out, char *why, size_t whylen);

#endif
