/* ofd_png.c — see ofd_png.h (PNG, ISO/IEC 15948 §5, §11.2). */
#include "ofd_png.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

uint8_t *ofd_png_scanlines(const image_data *img, size_t *len)
{
    size_t row = (size_t)img->width * 3;
    if (img->kind != IMAGE_PNG || img->len < row * img->height) return NULL;
    *len = (row + 1) * img->height;
    uint8_t *s = malloc(*len ? *len : 1);
    if (!s) return NULL;
    for (uint32_t y = 0; y < img->height; y++) {
        s[y * (row + 1)] = 0; /* filter: none */
        memcpy(s + y * (row + 1) + 1, img->bytes + y * row, row);
    }
    return s;
}

static uint8_t *put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
    return p + 4;
}

/* A chunk: length, type, data, CRC of type and data. */
static uint8_t *chunk(uint8_t *p, const char *type, const uint8_t *data, size_t n)
{
    p = put32(p, (uint32_t)n);
    memcpy(p, type, 4);
    if (n) memcpy(p + 4, data, n);
    uLong crc = crc32(crc32(0L, Z_NULL, 0), p, (uInt)(4 + n));
    return put32(p + 4 + n, (uint32_t)crc);
}

uint8_t *ofd_png_file(const image_data *img, const uint8_t *z, size_t zlen, size_t *len)
{
    static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    if (zlen > 0x7FFFFFFFu) return NULL;
    uint8_t ihdr[13];
    put32(ihdr, img->width);
    put32(ihdr + 4, img->height);
    ihdr[8] = 8;  /* bit depth */
    ihdr[9] = 2;  /* colour type: RGB */
    ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, adaptive filtering, no interlace */
    *len = 8 + (12 + 13) + (12 + zlen) + 12;
    uint8_t *f = malloc(*len), *p = f;
    if (!f) return NULL;
    memcpy(p, sig, 8);
    p = chunk(p + 8, "IHDR", ihdr, 13);
    p = chunk(p, "IDAT", z, zlen);
    chunk(p, "IEND", NULL, 0);
    return f;
}
