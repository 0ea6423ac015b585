/* pdf_image.h — a seal image into the PDF.
 *
 * Internal to pdf_write.c.  The parse stage has checked and decoded the file
 * (parse/image.h): a PNG arrives as flat 8-bit RGB already composited onto
 * white (PDF/A-1 forbids transparency, ISO 19005-1 §6.4, and libharu would
 * turn alpha into an /SMask), a JPEG as a cleaned copy embedded as DCT data.
 * A seal drawn this way hides what is under it, which is why the writer
 * draws it before the text (frame.h). */
#ifndef REPORTC_PDF_IMAGE_H
#define REPORTC_PDF_IMAGE_H

#include <stddef.h>
#include <hpdf.h>

#include "parse/image.h"

/* The image as a libharu XObject of `pdf`; NULL with a reason in err. */
HPDF_Image pdf_image_load(HPDF_Doc pdf, const image_data *img, char *err, size_t errlen);

#endif
