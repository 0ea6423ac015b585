/* pdf_image.h — images for the PDF: PNG and JPEG files made PDF/A-1 safe.
 *
 * Internal to pdf_write.c; the only user of libpng.  PDF/A-1 forbids
 * transparency (ISO 19005-1 §6.4: no soft masks), and libharu turns a PNG's
 * alpha channel into an /SMask; so a PNG is decoded here and composited
 * onto white, and libharu gets the flat RGB pixels.  A seal drawn this way
 * hides what is under it, which is why the writer draws it before the text
 * (frame.h). */
#ifndef REPORTC_PDF_IMAGE_H
#define REPORTC_PDF_IMAGE_H

#include <stddef.h>
#include <hpdf.h>

/* Limit on either side of an image, in pixels (a 42 mm seal at 600 dpi is
 * about 1,000): larger ones are refused before their pixels are decoded. */
#define PDF_IMAGE_MAX_SIDE 8192

/* Loads the PNG or JPEG file `path` into `pdf`: a PNG flattened onto white
 * as 8-bit RGB, a JPEG as it is (DCT) unless it is CMYK, which an sRGB
 * output intent does not cover.  NULL with a reason in err on failure. */
HPDF_Image pdf_image_load(HPDF_Doc pdf, const char *path, char *err, size_t errlen);

#endif
