/* ofd_png.h — a seal's pixels as a PNG file for the OFD package.
 *
 * Internal to the OFD writer.  The parse stage hands over a PNG seal
 * decoded to 8-bit RGB on white (parse/image.h); OFD wants an image file,
 * so the pixels are written back as the simplest PNG: one IDAT of
 * unfiltered scanlines, deflated by pdf_deflate.c like everything else. */
#ifndef REPORTC_OFD_PNG_H
#define REPORTC_OFD_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse/image.h"

/* The scanlines to deflate: each row of img (IMAGE_PNG) after a filter
 * byte 0.  malloc'd; NULL when out of memory. */
uint8_t *ofd_png_scanlines(const image_data *img, size_t *len);

/* The PNG file around z[0..zlen), the zlib stream of those scanlines:
 * malloc'd, NULL when out of memory. */
uint8_t *ofd_png_file(const image_data *img, const uint8_t *z, size_t zlen, size_t *len);

#endif
