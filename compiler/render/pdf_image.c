/* pdf_image.c — a checked seal image as a libharu image (pdf_image.h). */
#include "pdf_image.h"

#include <stdio.h>
#include <string.h>

HPDF_Image pdf_image_load(HPDF_Doc pdf, const image_data *img, char *err, size_t errlen)
{
    HPDF_Image out = img->kind == IMAGE_PNG
                         ? HPDF_LoadRawImageFromMem(pdf, img->bytes, img->width, img->height, HPDF_CS_DEVICE_RGB, 8)
                         : HPDF_LoadJpegImageFromMem(pdf, img->bytes, (HPDF_UINT)img->len);
    if (!out) {
        snprintf(err, errlen, "libharu error 0x%04X taking a %ux%u %s image", (unsigned)HPDF_GetError(pdf),
                 (unsigned)img->width, (unsigned)img->height, img->kind == IMAGE_PNG ? "PNG" : "JPEG");
        return NULL;
    }
    const char *cs = HPDF_Image_GetColorSpace(out);
    if (cs && strcmp(cs, "DeviceCMYK") == 0) {   /* the parse stage refuses these */
        snprintf(err, errlen, "a CMYK JPEG reached the PDF writer");
        return NULL;
    }
    return out;
}
