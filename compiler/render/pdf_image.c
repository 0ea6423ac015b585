/* pdf_image.c — PNG flattened onto white, JPEG passed through (pdf_image.h). */
#include "pdf_image.h"

#include "pdf_write.h"

#include <errno.h>
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HPDF_Image load_png(HPDF_Doc pdf, const char *path, char *err, size_t errlen)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) {
        snprintf(err, errlen, "cannot read the PNG image %s: %s", path, img.message);
        return NULL;
    }
    if (img.width > PDF_IMAGE_MAX_SIDE || img.height > PDF_IMAGE_MAX_SIDE) {
        snprintf(err, errlen, "the image %s is %ux%u pixels; the limit is %d on either side", path,
                 (unsigned)img.width, (unsigned)img.height, PDF_IMAGE_MAX_SIDE);
        png_image_free(&img);
        return NULL;
    }
    /* libpng composites whatever alpha the file has (an alpha channel,
     * tRNS, a grey+alpha palette …) onto the background it is given. */
    img.format = PNG_FORMAT_RGB;
    png_byte *rgb = malloc(PNG_IMAGE_SIZE(img));
    if (!rgb) {
        snprintf(err, errlen, "out of memory");
        png_image_free(&img);
        return NULL;
    }
    png_color white = { 255, 255, 255 };
    HPDF_Image out = NULL;
    if (!png_image_finish_read(&img, &white, rgb, 0, NULL))
        snprintf(err, errlen, "cannot decode the PNG image %s: %s", path, img.message);
    else if (!(out = HPDF_LoadRawImageFromMem(pdf, rgb, img.width, img.height, HPDF_CS_DEVICE_RGB, 8)))
        snprintf(err, errlen, "libharu error 0x%04X taking the image %s", (unsigned)HPDF_GetError(pdf), path);
    free(rgb);
    return out;
}

static HPDF_Image load_jpeg(HPDF_Doc pdf, const char *path, char *err, size_t errlen)
{
    HPDF_Image out = HPDF_LoadJpegImageFromFile(pdf, path);
    if (!out) {
        snprintf(err, errlen, "cannot read the JPEG image %s (libharu error 0x%04X)", path,
                 (unsigned)HPDF_GetError(pdf));
        return NULL;
    }
    const char *cs = HPDF_Image_GetColorSpace(out);
    if (cs && strcmp(cs, "DeviceCMYK") == 0) {
        snprintf(err, errlen, "the JPEG image %s is CMYK; PDF/A output needs RGB or grey", path);
        return NULL;
    }
    return out;
}

typedef enum { KIND_NONE, KIND_PNG, KIND_JPEG } image_kind;

/* The kind of the file at path by its first bytes; KIND_NONE with a reason. */
static image_kind kind_of(const char *path, char *why, size_t whylen)
{
    unsigned char magic[8] = { 0 };
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, whylen, "%s", strerror(errno));
        return KIND_NONE;
    }
    size_t got = fread(magic, 1, sizeof magic, f);
    fclose(f);
    if (got == sizeof magic && png_sig_cmp(magic, 0, sizeof magic) == 0) return KIND_PNG;
    if (got >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF) return KIND_JPEG;
    snprintf(why, whylen, "neither PNG nor JPEG");
    return KIND_NONE;
}

bool pdf_image_check(const char *path, char *why, size_t whylen)
{
    image_kind kind = kind_of(path, why, whylen);
    if (kind != KIND_PNG) return kind == KIND_JPEG;
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) {
        snprintf(why, whylen, "%s", img.message);
        return false;
    }
    bool ok = img.width <= PDF_IMAGE_MAX_SIDE && img.height <= PDF_IMAGE_MAX_SIDE;
    if (!ok)
        snprintf(why, whylen, "%ux%u pixels; the limit is %d on either side", (unsigned)img.width,
                 (unsigned)img.height, PDF_IMAGE_MAX_SIDE);
    png_image_free(&img);
    return ok;
}

HPDF_Image pdf_image_load(HPDF_Doc pdf, const char *path, char *err, size_t errlen)
{
    char why[160];
    switch (kind_of(path, why, sizeof why)) {
    case KIND_PNG: return load_png(pdf, path, err, errlen);
    case KIND_JPEG: return load_jpeg(pdf, path, err, errlen);
    default: snprintf(err, errlen, "the image %s: %s", path, why); return NULL;
    }
}
