/* image_test.c — unit checks of the seal-image reader (compiler/parse/image.c).
 *
 * The inputs are made at run time: PNGs with libpng's simplified write API,
 * or chunk by chunk for the hostile ones; JPEGs by editing, in memory, three
 * tiny files cjpeg made from a 4 × 4 colour gradient (`cjpeg -quality 90
 * -optimize`, `-progressive`, `-grayscale -optimize`; arrays from xxd -i).
 * Prints "PASS image <name>" or "FAIL image <name>" per check and exits 1 if
 * any failed; IMAGE_TEST_VERBOSE=1 also prints the reason of each refusal.
 *
 * gcc -std=c11 … -Icompiler $(pkg-config --cflags libpng) -o image_test \
 *     tests/unit/image_test.c compiler/parse/image.c compiler/base/arena.c \
 *     $(pkg-config --libs libpng) -lz */
#define _POSIX_C_SOURCE 200809L
#include "parse/image.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

static const uint8_t base_jpg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x03, 0x02, 0x02, 0x03, 0x02, 0x02, 0x03,
  0x03, 0x03, 0x03, 0x04, 0x03, 0x03, 0x04, 0x05, 0x08, 0x05, 0x05, 0x04, 0x04, 0x05, 0x0a, 0x07,
  0x07, 0x06, 0x08, 0x0c, 0x0a, 0x0c, 0x0c, 0x0b, 0x0a, 0x0b, 0x0b, 0x0d, 0x0e, 0x12, 0x10, 0x0d,
  0x0e, 0x11, 0x0e, 0x0b, 0x0b, 0x10, 0x16, 0x10, 0x11, 0x13, 0x14, 0x15, 0x15, 0x15, 0x0c, 0x0f,
  0x17, 0x18, 0x16, 0x14, 0x18, 0x12, 0x14, 0x15, 0x14, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x03, 0x04,
  0x04, 0x05, 0x04, 0x05, 0x09, 0x05, 0x05, 0x09, 0x14, 0x0d, 0x0b, 0x0d, 0x14, 0x14, 0x14, 0x14,
  0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
  0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
  0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0xff, 0xc0,
  0x00, 0x11, 0x08, 0x00, 0x04, 0x00, 0x04, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11,
  0x01, 0xff, 0xc4, 0x00, 0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xff, 0xc4, 0x00, 0x1e, 0x10, 0x00, 0x01, 0x01,
  0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x04,
  0x06, 0x07, 0x08, 0x16, 0x25, 0x51, 0x61, 0xa1, 0xff, 0xc4, 0x00, 0x14, 0x01, 0x01, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xff, 0xc4,
  0x00, 0x21, 0x11, 0x00, 0x01, 0x02, 0x04, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x04, 0x01, 0x02, 0x00, 0x05, 0x23, 0x42, 0x13, 0x15, 0x31, 0x32, 0x51, 0x61,
  0xd1, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0xa1,
  0x0f, 0x65, 0xfd, 0xcb, 0xa5, 0xd9, 0xad, 0x9d, 0x4c, 0x26, 0x80, 0x01, 0x85, 0x1c, 0x56, 0x3b,
  0xea, 0xbb, 0x55, 0xb9, 0x7d, 0x87, 0xe4, 0x13, 0x23, 0x72, 0xa1, 0xab, 0xbf, 0x63, 0x6e, 0x5e,
  0x13, 0xb8, 0xff, 0xd9
};
static const uint8_t prog_jpg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x03, 0x02, 0x02, 0x03, 0x02, 0x02, 0x03,
  0x03, 0x03, 0x03, 0x04, 0x03, 0x03, 0x04, 0x05, 0x08, 0x05, 0x05, 0x04, 0x04, 0x05, 0x0a, 0x07,
  0x07, 0x06, 0x08, 0x0c, 0x0a, 0x0c, 0x0c, 0x0b, 0x0a, 0x0b, 0x0b, 0x0d, 0x0e, 0x12, 0x10, 0x0d,
  0x0e, 0x11, 0x0e, 0x0b, 0x0b, 0x10, 0x16, 0x10, 0x11, 0x13, 0x14, 0x15, 0x15, 0x15, 0x0c, 0x0f,
  0x17, 0x18, 0x16, 0x14, 0x18, 0x12, 0x14, 0x15, 0x14, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x03, 0x04,
  0x04, 0x05, 0x04, 0x05, 0x09, 0x05, 0x05, 0x09, 0x14, 0x0d, 0x0b, 0x0d, 0x14, 0x14, 0x14, 0x14,
  0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
  0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
  0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0xff, 0xc2,
  0x00, 0x11, 0x08, 0x00, 0x04, 0x00, 0x04, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11,
  0x01, 0xff, 0xc4, 0x00, 0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xff, 0xc4, 0x00, 0x14, 0x01, 0x01, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xff, 0xda,
  0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x10, 0x03, 0x10, 0x00, 0x00, 0x01, 0xa0, 0x15, 0xff, 0x00,
  0xff, 0xc4, 0x00, 0x17, 0x10, 0x00, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x05, 0x06, 0x14, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00,
  0x01, 0x05, 0x02, 0x5f, 0x3e, 0x16, 0x5f, 0xff, 0xc4, 0x00, 0x1b, 0x11, 0x00, 0x02, 0x01, 0x05,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x04, 0x00,
  0x14, 0x22, 0x31, 0x41, 0xff, 0xda, 0x00, 0x08, 0x01, 0x03, 0x01, 0x01, 0x3f, 0x01, 0x81, 0x25,
  0xd6, 0xab, 0xcc, 0xe8, 0x76, 0xbf, 0xff, 0xc4, 0x00, 0x19, 0x11, 0x00, 0x02, 0x03, 0x01, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x00, 0x12, 0x22,
  0x91, 0xff, 0xda, 0x00, 0x08, 0x01, 0x02, 0x01, 0x01, 0x3f, 0x01, 0x6b, 0xdb, 0x73, 0xa3, 0xd9,
  0xff, 0xc4, 0x00, 0x16, 0x10, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x23, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x06,
  0x3f, 0x02, 0x59, 0x9f, 0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01,
  0x00, 0x01, 0x3f, 0x21, 0x43, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00,
  0x00, 0x00, 0x10, 0x0f, 0xff, 0xc4, 0x00, 0x18, 0x11, 0x00, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x51, 0x61, 0xa1, 0xff, 0xda,
  0x00, 0x08, 0x01, 0x03, 0x01, 0x01, 0x3f, 0x10, 0xdb, 0xf2, 0x15, 0x9f, 0xff, 0xc4, 0x00, 0x18,
  0x11, 0x00, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x01, 0x41, 0x61, 0xd1, 0xff, 0xda, 0x00, 0x08, 0x01, 0x02, 0x01, 0x01, 0x3f, 0x10,
  0xb1, 0xce, 0x5a, 0x7f, 0xff, 0xc4, 0x00, 0x18, 0x10, 0x00, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x51, 0x61, 0xd1, 0xff, 0xda,
  0x00, 0x08, 0x01, 0x01, 0x00, 0x01, 0x3f, 0x10, 0xd0, 0xd4, 0x2a, 0x3f, 0xff, 0xd9
};
static const uint8_t grey_jpg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x03, 0x02, 0x02, 0x03, 0x02, 0x02, 0x03,
  0x03, 0x03, 0x03, 0x04, 0x03, 0x03, 0x04, 0x05, 0x08, 0x05, 0x05, 0x04, 0x04, 0x05, 0x0a, 0x07,
  0x07, 0x06, 0x08, 0x0c, 0x0a, 0x0c, 0x0c, 0x0b, 0x0a, 0x0b, 0x0b, 0x0d, 0x0e, 0x12, 0x10, 0x0d,
  0x0e, 0x11, 0x0e, 0x0b, 0x0b, 0x10, 0x16, 0x10, 0x11, 0x13, 0x14, 0x15, 0x15, 0x15, 0x0c, 0x0f,
  0x17, 0x18, 0x16, 0x14, 0x18, 0x12, 0x14, 0x15, 0x14, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x04,
  0x00, 0x04, 0x01, 0x01, 0x11, 0x00, 0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xff, 0xc4, 0x00, 0x1e,
  0x10, 0x00, 0x01, 0x01, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x04, 0x06, 0x07, 0x08, 0x16, 0x25, 0x51, 0x61, 0xa1, 0xff, 0xda, 0x00, 0x08,
  0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x42, 0x1e, 0xcb, 0xfb, 0x97, 0x4b, 0xb3, 0x5b, 0x3a, 0x30,
  0x34, 0xbf, 0xff, 0xd9
};

static int failures;
static bool verbose;

static void check(const char *name, bool ok)
{
    printf("%s image %s\n", ok ? "PASS" : "FAIL", name);
    if (!ok) failures++;
}

/* ---- byte buffers ------------------------------------------------------- */

typedef struct buf {
    uint8_t *p;
    size_t n;
} buf;

static buf copy_of(const uint8_t *p, size_t n)
{
    buf b = { malloc(n ? n : 1), n };
    if (!b.p) abort();
    memcpy(b.p, p, n);
    return b;
}

/* Replaces b[at .. at+cut) by the n bytes of s. */
static void splice(buf *b, size_t at, size_t cut, const void *s, size_t n)
{
    uint8_t *p = malloc(b->n - cut + n + 1);
    if (!p) abort();
    memcpy(p, b->p, at);
    memcpy(p + at, s, n);
    memcpy(p + at + n, b->p + at + cut, b->n - at - cut);
    free(b->p);
    b->p = p;
    b->n = b->n - cut + n;
}

static bool contains(const buf *b, uint8_t x, uint8_t y)
{
    for (size_t i = 0; i + 1 < b->n; i++)
        if (b->p[i] == x && b->p[i + 1] == y) return true;
    return false;
}

/* ---- PNG makers --------------------------------------------------------- */

static buf make_png(png_uint_32 format, uint32_t w, uint32_t h, const void *pixels, const void *cmap, int entries)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = w;
    img.height = h;
    img.format = format;
    img.colormap_entries = (png_uint_32)entries;
    png_alloc_size_t n = 0;
    buf b = { NULL, 0 };
    if (!png_image_write_to_memory(&img, NULL, &n, 0, pixels, 0, cmap)) {
        fprintf(stderr, "png_image_write_to_memory: %s\n", img.message);
        return b;
    }
    b.p = malloc(n);
    if (!b.p || !png_image_write_to_memory(&img, b.p, &n, 0, pixels, 0, cmap)) abort();
    b.n = n;
    return b;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

/* A whole chunk (length, type, data, CRC) inserted into b at `at`. */
static void insert_chunk(buf *b, size_t at, const char *type, const uint8_t *data, size_t n)
{
    uint8_t *c = malloc(n + 12);
    if (!c) abort();
    put32(c, (uint32_t)n);
    memcpy(c + 4, type, 4);
    if (n) memcpy(c + 8, data, n);
    put32(c + 8 + n, (uint32_t)crc32(0, c + 4, (uInt)n + 4));
    splice(b, at, 0, c, n + 12);
    free(c);
}

/* The offset of the first chunk of that type (its length field), or 0. */
static size_t find_chunk(const buf *b, const char *type)
{
    for (size_t pos = 8; pos + 12 <= b->n;) {
        uint32_t n = (uint32_t)b->p[pos] << 24 | (uint32_t)b->p[pos + 1] << 16 | (uint32_t)b->p[pos + 2] << 8 | b->p[pos + 3];
        if (memcmp(b->p + pos + 4, type, 4) == 0) return pos;
        pos += (size_t)n + 12;
    }
    return 0;
}

/* Signature, IHDR w × h 8-bit RGB, one IDAT of a single zero row, IEND:
 * the header claims what it likes, the data is far too short. */
static buf png_claiming(uint32_t w, uint32_t h)
{
    static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    uint8_t ihdr[13] = { 0 };
    put32(ihdr, w);
    put32(ihdr + 4, h);
    ihdr[8] = 8, ihdr[9] = 2;
    uint8_t row[16] = { 0 }, z[64];
    uLongf zn = sizeof z;
    if (compress(z, &zn, row, sizeof row) != Z_OK) abort();
    buf b = copy_of(sig, sizeof sig);
    insert_chunk(&b, b.n, "IHDR", ihdr, sizeof ihdr);
    insert_chunk(&b, b.n, "IDAT", z, zn);
    insert_chunk(&b, b.n, "IEND", NULL, 0);
    return b;
}

/* The pixels exactly as render/pdf_image.c gets them: from a file. */
static uint8_t *decode_like_writer(const buf *png)
{
    char path[] = "/tmp/image_test_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, png->p, png->n) != (ssize_t)png->n) abort();
    close(fd);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    uint8_t *rgb = NULL;
    if (png_image_begin_read_from_file(&img, path)) {
        img.format = PNG_FORMAT_RGB;
        rgb = malloc(PNG_IMAGE_SIZE(img));
        png_color white = { 255, 255, 255 };
        if (rgb && !png_image_finish_read(&img, &white, rgb, 0, NULL)) free(rgb), rgb = NULL;
    }
    png_image_free(&img);
    unlink(path);
    return rgb;
}

/* ---- decoding ----------------------------------------------------------- */

/* Refused, with a reason (containing `want` if not NULL), nothing left in the arena. */
static void expect_refused(const char *name, const uint8_t *p, size_t n, const char *want)
{
    arena a;
    arena_init(&a);
    image_data out;
    char why[200] = "unset";
    bool ok = image_decode(&a, p, n, &out, why, sizeof why);
    arena_mark m = arena_save(&a);
    if (verbose) printf("      %s: %s\n", name, ok ? "(accepted)" : why);
    check(name, !ok && why[0] && strcmp(why, "unset") != 0 && (!want || strstr(why, want)) && !m.head);
    arena_done(&a);
}

static void expect_refused_buf(const char *name, buf b, const char *want)
{
    expect_refused(name, b.p, b.n, want);
    free(b.p);
}

static bool decode(arena *a, const buf *b, image_data *out)
{
    char why[200] = "";
    bool ok = image_decode(a, b->p, b->n, out, why, sizeof why);
    if (!ok) printf("      refused: %s\n", why);
    return ok;
}

static bool same_bytes(const image_data *d, const uint8_t *p, size_t n)
{
    return d->len == n && memcmp(d->bytes, p, n) == 0;
}

static bool near(int got, int want) { return got >= want - 1 && got <= want + 1; }

static long max_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

/* ---- PNG ---------------------------------------------------------------- */

static void png_accepted(void)
{
    arena a;
    arena_init(&a);
    image_data d, t;

    static const uint8_t rgb[18] = { 1, 2, 3, 40, 50, 60, 255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128 };
    buf b = make_png(PNG_FORMAT_RGB, 3, 2, rgb, NULL, 0);
    check("png rgb 3x2 decoded as it is", b.p && decode(&a, &b, &d) && d.kind == IMAGE_PNG && d.width == 3 &&
                                               d.height == 2 && d.components == 3 && same_bytes(&d, rgb, 18));
    free(b.p);

    static const uint8_t rgba[16] = { 255, 0, 0, 255, 0, 0, 0, 0, 200, 100, 50, 128, 10, 20, 30, 255 };
    b = make_png(PNG_FORMAT_RGBA, 2, 2, rgba, NULL, 0);
    bool ok = b.p && decode(&a, &b, &d) && d.len == 12 && d.components == 3;
    check("png rgba: opaque pixels kept", ok && memcmp(d.bytes, rgba, 3) == 0 && memcmp(d.bytes + 9, rgba + 12, 3) == 0);
    check("png rgba: transparent pixel white", ok && d.bytes[3] == 255 && d.bytes[4] == 255 && d.bytes[5] == 255);
    /* (200, 100, 50) at alpha 128: libpng mixes in linear light, with
     * gamma 2.2 for sRGB (decoded, mixed 128:127 with white, encoded again):
     * 229.4, 196.2, 188.1 (±1 for its 8-bit tables); mixing the stored
     * values would give 227, 177, 152. */
    check("png rgba: half-transparent pixel composited onto white",
          ok && near(d.bytes[6], 229) && near(d.bytes[7], 196) && near(d.bytes[8], 188));
    uint8_t *ref = b.p ? decode_like_writer(&b) : NULL;
    check("png rgba: pixels identical to the PDF writer's reading of the file", ok && ref && memcmp(ref, d.bytes, 12) == 0);
    free(ref);

    /* Text chunks before IDAT are kept from libpng: the same pixels. */
    buf x = copy_of(b.p, b.n);
    static const uint8_t text[] = "Comment\0a seal", itxt[] = "Author\0\0\0\0\0someone";
    uint8_t ztxt[64] = "Title\0";
    uLongf zn = sizeof ztxt - 7;
    if (compress(ztxt + 7, &zn, (const Bytef *)"the title", 9) != Z_OK) abort();
    insert_chunk(&x, find_chunk(&x, "IDAT"), "tEXt", text, sizeof text - 1);
    insert_chunk(&x, find_chunk(&x, "IDAT"), "zTXt", ztxt, 7 + zn);
    insert_chunk(&x, find_chunk(&x, "IDAT"), "iTXt", itxt, sizeof itxt - 1);
    check("png with tEXt, zTXt and iTXt before IDAT: same pixels", decode(&a, &x, &t) && same_bytes(&t, d.bytes, 12));

    /* 20 zTXt chunks each inflating to 7.9 MB: libpng would keep all that
     * text (158 MB) when the file is opened. */
    size_t big = 7900000;
    uint8_t *src = malloc(big), *z = malloc(9 + compressBound(big));
    if (!src || !z) abort();
    memset(src, 'A', big);
    memcpy(z, "Comment\0", 9);
    zn = compressBound(big);
    if (compress2(z + 9, &zn, src, big, 9) != Z_OK) abort();
    free(src);
    for (int i = 0; i < 20; i++) insert_chunk(&x, find_chunk(&x, "IDAT"), "zTXt", z, 9 + zn);
    free(z);
    long before = max_rss_kb();
    ok = decode(&a, &x, &t) && same_bytes(&t, d.bytes, 12);
    long grew = max_rss_kb() - before;
    if (verbose) printf("      zTXt bomb of %zu bytes: peak RSS grew by %ld KB\n", x.n, grew);
    check("png zTXt bomb (20 x 7.9 MB of text) accepted, peak memory up < 32 MB", ok && grew < 32 * 1024);
    free(x.p);
    free(b.p);

    static const uint8_t grey[4] = { 0, 85, 170, 255 };
    b = make_png(PNG_FORMAT_GRAY, 2, 2, grey, NULL, 0);
    ok = b.p && decode(&a, &b, &d) && d.len == 12;
    for (int i = 0; ok && i < 12; i++) ok = d.bytes[i] == grey[i / 3];
    check("png grey: each grey level as R = G = B", ok);
    free(b.p);

    static const uint8_t idx[4] = { 0, 1, 2, 1 };
    static const uint8_t pal[12] = { 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 0 }; /* blue is transparent */
    b = make_png(PNG_FORMAT_RGBA_COLORMAP, 2, 2, idx, pal, 3);
    ok = b.p && decode(&a, &b, &d) && d.len == 12;
    check("png palette with tRNS: colours looked up, transparent entry white",
          ok && memcmp(d.bytes, "\xff\x00\x00\x00\xff\x00\xff\xff\xff\x00\xff\x00", 12) == 0);
    free(b.p);
    arena_done(&a);
}

static void png_refused(void)
{
    expect_refused("refuses an empty file", (const uint8_t *)"", 0, "empty");
    expect_refused("refuses 3 random bytes", (const uint8_t *)"\x13\x37\xA5", 3, "not a PNG or JPEG");
    expect_refused("refuses a PNG signature alone", (const uint8_t *)"\x89PNG\r\n\x1a\n", 8, "PNG");

    uint8_t noise[64 * 64 * 3];
    uint32_t r = 12345;
    for (size_t i = 0; i < sizeof noise; i++) noise[i] = (uint8_t)((r = r * 1103515245u + 12345u) >> 16);
    buf b = make_png(PNG_FORMAT_RGB, 64, 64, noise, NULL, 0);
    size_t idat = find_chunk(&b, "IDAT");
    size_t n = (size_t)b.p[idat] << 24 | (size_t)b.p[idat + 1] << 16 | (size_t)b.p[idat + 2] << 8 | b.p[idat + 3];
    expect_refused("refuses a PNG cut in the middle of IDAT", b.p, idat + 8 + n / 2, "truncated");
    b.p[idat + 8 + n] ^= 0x55;
    expect_refused("refuses a PNG with a corrupted CRC", b.p, b.n, "CRC");
    free(b.p);

    /* libpng would allocate and zero the 1.5 GB this chunk claims. */
    b = make_png(PNG_FORMAT_RGB, 3, 2, noise, NULL, 0);
    insert_chunk(&b, find_chunk(&b, "IDAT"), "tEXt", (const uint8_t *)"Comment\0hi", 10);
    put32(b.p + find_chunk(&b, "tEXt"), 0x60000000u);
    long before = max_rss_kb();
    expect_refused_buf("refuses a PNG text chunk claiming 1.5 GB", b, "truncated");
    check("refusing it raised peak memory by < 4 MB", max_rss_kb() - before < 4096);

    before = max_rss_kb();
    expect_refused_buf("refuses a PNG claiming 8192 x 8192", png_claiming(8192, 8192),
                       "8192 × 8192 pixels; the limit is 4,194,304 pixels (2048 × 2048)");
    check("refusing 8192 x 8192 raised peak memory by < 4 MB", max_rss_kb() - before < 4096);
    expect_refused_buf("refuses a PNG of 1 x (IMAGE_MAX_PIXELS + 1)", png_claiming(1, IMAGE_MAX_PIXELS + 1), NULL);
    expect_refused_buf("refuses a PNG of 2049 x 2048", png_claiming(2049, 2048), "2049 × 2048 pixels");
    expect_refused_buf("refuses a PNG of 2048 x 2048 with too little data", png_claiming(2048, 2048), "PNG");
}

/* ---- JPEG --------------------------------------------------------------- */

/* The offset of the first marker m (FF m) before the scan data, or 0. */
static size_t find_segment(const buf *b, uint8_t m)
{
    size_t pos = 2;
    while (pos + 4 <= b->n && b->p[pos] == 0xFF) {
        if (b->p[pos + 1] == m) return pos;
        if (b->p[pos + 1] == 0xDA) break;
        pos += 2 + ((size_t)b->p[pos + 2] << 8 | b->p[pos + 3]);
    }
    return 0;
}

static size_t seg_len(const buf *b, size_t at) { return 2 + ((size_t)b->p[at + 2] << 8 | b->p[at + 3]); }

static void jpeg_accepted(void)
{
    arena a;
    arena_init(&a);
    image_data d;
    buf base = copy_of(base_jpg, sizeof base_jpg), prog = copy_of(prog_jpg, sizeof prog_jpg),
        grey = copy_of(grey_jpg, sizeof grey_jpg);
    check("jpeg baseline: 4 x 4 RGB, cleaned copy identical to the file",
          decode(&a, &base, &d) && d.kind == IMAGE_JPEG && d.width == 4 && d.height == 4 && d.components == 3 &&
              same_bytes(&d, base.p, base.n));
    check("jpeg progressive: 4 x 4 RGB, cleaned copy identical to the file",
          decode(&a, &prog, &d) && d.width == 4 && d.height == 4 && d.components == 3 && same_bytes(&d, prog.p, prog.n));
    check("jpeg grey: 1 component, identical", decode(&a, &grey, &d) && d.components == 1 && same_bytes(&d, grey.p, grey.n));

    buf x = copy_of(base.p, base.n);
    static const uint8_t com[] = "\xFF\xFE\x00\x0Bmade by x", app1[] = "\xFF\xE1\x00\x10" "Exif\0\0MM\0\x2A\0\0\0\x08";
    splice(&x, 2, 0, app1, sizeof app1 - 1);
    splice(&x, 2, 0, com, sizeof com - 1);
    splice(&x, find_segment(&x, 0xDB), 0, "\xFF\xFF", 2); /* fill bytes before a marker */
    uint8_t junk[100];
    for (int i = 0; i < 100; i++) junk[i] = (uint8_t)(i * 37 + 0xD8);
    splice(&x, x.n, 0, junk, sizeof junk);
    bool ok = decode(&a, &x, &d);
    buf o = { (uint8_t *)d.bytes, d.len };
    check("jpeg with COM, EXIF APP1, fill bytes and 100 trailing bytes: no FFFE", ok && !contains(&o, 0xFF, 0xFE));
    check("jpeg with COM, EXIF APP1 …: no FFE1", ok && !contains(&o, 0xFF, 0xE1));
    check("jpeg with COM, EXIF APP1 …: ends with FFD9, shorter", ok && o.n < x.n && o.p[o.n - 2] == 0xFF && o.p[o.n - 1] == 0xD9);
    check("jpeg with COM, EXIF APP1 …: cleaned copy identical to the clean file", ok && same_bytes(&d, base.p, base.n));
    free(x.p);

    /* Adobe APP14 kept (its transform flag says whether 3 components are
     * YCbCr), a JFXX APP0 (thumbnail extension) dropped. */
    static const uint8_t adobe[] = "\xFF\xEE\x00\x0E" "Adobe\0\x64\0\0\0\0\x01", jfxx[] = "\xFF\xE0\x00\x08JFXX\0\x10";
    x = copy_of(base.p, base.n);
    size_t after_app0 = 2 + seg_len(&x, 2);
    splice(&x, after_app0, 0, jfxx, sizeof jfxx - 1);
    splice(&x, after_app0, 0, adobe, sizeof adobe - 1);
    buf want = copy_of(base.p, base.n);
    splice(&want, after_app0, 0, adobe, sizeof adobe - 1);
    check("jpeg: Adobe APP14 kept, JFXX APP0 dropped", decode(&a, &x, &d) && same_bytes(&d, want.p, want.n));
    free(x.p);
    free(want.p);

    /* Restart markers and stuffed zero bytes belong to the scan data. */
    x = copy_of(base.p, base.n);
    splice(&x, find_segment(&x, 0xDA), 0, "\xFF\xDD\x00\x04\x00\x01", 6);
    splice(&x, x.n - 4, 0, "\xFF\x00\xFF\xD0\xFF\x00", 6);
    check("jpeg with DRI, RST0 and FF00 in the scan: kept as they are", decode(&a, &x, &d) && same_bytes(&d, x.p, x.n));
    free(x.p);

    free(base.p);
    free(prog.p);
    free(grey.p);
    arena_done(&a);
}

/* base_jpg with the byte at offset `at` from marker m set to v. */
static buf base_with(uint8_t m, size_t at, uint8_t v)
{
    buf b = copy_of(base_jpg, sizeof base_jpg);
    b.p[find_segment(&b, m) + at] = v;
    return b;
}

static void jpeg_refused(void)
{
    buf base = copy_of(base_jpg, sizeof base_jpg);
    expect_refused("refuses SOI alone", base.p, 2, "truncated");
    expect_refused("refuses a JPEG cut before EOI", base.p, base.n - 2, "truncated");
    expect_refused("refuses a JPEG cut inside a Huffman table", base.p, find_segment(&base, 0xC4) + 10, "truncated");
    expect_refused_buf("refuses a segment length running past the end", base_with(0xE0, 2, 0xFF), "truncated");
    expect_refused_buf("refuses a segment length field of 0", base_with(0xE0, 3, 0), "length");
    expect_refused_buf("refuses a segment length field of 1", base_with(0xE0, 3, 1), "length");
    expect_refused_buf("refuses SOF3 (lossless)", base_with(0xC0, 1, 0xC3), "lossless");
    expect_refused_buf("refuses SOF9 (arithmetic)", base_with(0xC0, 1, 0xC9), "arithmetic");
    expect_refused_buf("refuses SOF55 (JPEG-LS)", base_with(0xC0, 1, 0xF7), "JPEG-LS");
    expect_refused_buf("refuses 12-bit samples", base_with(0xC0, 4, 12), "12-bit");
    expect_refused_buf("refuses height 0 (DNL)", base_with(0xC0, 6, 0), "DNL"); /* height was 00 04 */
    buf b = copy_of(base.p, base.n);
    memset(b.p + find_segment(&b, 0xC0) + 5, 0xFF, 4);
    expect_refused_buf("refuses 65535 x 65535", b, "65535 × 65535");
    expect_refused_buf("refuses a sampling factor of 5", base_with(0xC0, 11, 0x51), "sampling");
    expect_refused_buf("refuses fractional subsampling (2 and 3)", base_with(0xC0, 14, 0x31), "fractional");
    expect_refused_buf("refuses a Huffman table of 2 one-bit codes", base_with(0xC4, 5, 2), "code lengths");
    expect_refused_buf("refuses a scan using an undefined Huffman table", base_with(0xDA, 6, 0x33), "Huffman");

    static const uint8_t cmyk[] = { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x14, 8, 0, 4, 0, 4, 4, 1, 0x11, 0, 2,
                                    0x11, 0, 3, 0x11, 0, 4, 0x11, 0, 0xFF, 0xD9 };
    expect_refused("refuses a CMYK (4-component) frame", cmyk, sizeof cmyk, "a CMYK JPEG; PDF/A output needs RGB or grey");

    b = copy_of(base.p, find_segment(&base, 0xDA));
    splice(&b, b.n, 0, "\xFF\xD9", 2);
    expect_refused_buf("refuses a JPEG without a scan (SOS)", b, "scan");

    b = copy_of(base.p, base.n);
    size_t sof = find_segment(&b, 0xC0);
    splice(&b, sof, 0, base.p + sof, seg_len(&b, sof));
    expect_refused_buf("refuses two frame headers", b, "two frame headers");

    b = copy_of(base.p, base.n);
    splice(&b, find_segment(&b, 0xDB), 0, "\x00", 1);
    expect_refused_buf("refuses stray bytes between segments", b, "stray");
    free(base.p);
}

int main(void)
{
    const char *v = getenv("IMAGE_TEST_VERBOSE");
    verbose = v && *v && strcmp(v, "0") != 0;
    png_accepted();
    png_refused();
    jpeg_accepted();
    jpeg_refused();
    return failures ? 1 : 0;
}
