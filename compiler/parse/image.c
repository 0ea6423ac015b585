/* image.c — seal images checked and made ready for the PDF (image.h).
 *
 * PNG: decoded by libpng's simplified API from memory, with exactly the
 * settings the PDF writer has always used on files (8-bit RGB composited onto
 * white), so the pixels are byte-identical.  Decoding is bounded by the
 * dimensions, which are checked before anything is allocated; libpng reads
 * IDAT in pieces of a fixed size, and stops inflating when the rows are full.
 * Opening the file is not bounded that well: png_image_begin_read_* reads
 * every chunk before the first IDAT, before the simplified API gets to ignore
 * the ones it does not use; and while libpng's compiled-in limits on text
 * hold (pnglibconf.h: 8,000,000 bytes inflated per chunk, 1000 chunks), its
 * limit on a chunk's length is only a warning there.  So those chunks are walked
 * here first: one claiming more bytes than the file has is refused (libpng
 * would allocate and zero what it claims, up to 2 GB), and text chunks, which
 * libpng keeps decompressed (up to 8 MB from a ~8 KB zTXt: a 771 KB file of
 * 100 took 790 MB) and which never affect the pixels, are left out of the
 * copy libpng is given.
 *
 * JPEG: no decoder is linked (the PDF embeds the data as DCTDecode), so the
 * marker structure is walked and checked here (ITU-T T.81 annex B), and a
 * copy is made of just the segments a decoder needs, in order; metadata
 * (EXIF, XMP, ICC, comments) and anything after EOI are left out.  The walk
 * runs twice, first to measure the copy, then to write it. */
#include "image.h"

#include <png.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/i18n.h"
static bool vrefuse(char *why, size_t whylen, const char *fmt, va_list ap)
{
    if (why && whylen) vsnprintf(why, whylen, gettext(fmt), ap);
    return false;
}

static bool refuse(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool refuse(char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vrefuse(why, whylen, fmt, ap);
    va_end(ap);
    return false;
}

static bool check_size(uint64_t w, uint64_t h, char *why, size_t whylen)
{
    if (w == 0 || h == 0)
        return refuse(why, whylen, "%llu × %llu pixels: the image is empty", (unsigned long long)w,
                      (unsigned long long)h);
    if (w * h > IMAGE_MAX_PIXELS) /* both below 2^32: no overflow in 64 bits */
        return refuse(why, whylen, "%llu × %llu pixels; the limit is 4,194,304 pixels (2048 × 2048)",
                      (unsigned long long)w, (unsigned long long)h);
    return true;
}

/* ---- PNG ---------------------------------------------------------------- */

static const uint8_t png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static bool is_text_chunk(const uint8_t *type)
{
    return memcmp(type, "tEXt", 4) == 0 || memcmp(type, "zTXt", 4) == 0 || memcmp(type, "iTXt", 4) == 0;
}

/* Walks the chunks before the first IDAT (what png_image_begin_read_* reads)
 * and returns the length of the PNG without its text chunks there, written
 * to dst unless it is NULL; 0 if one of those chunks runs past the end of the
 * file.  libpng would refuse such a file too, but only after allocating and
 * zeroing the length the chunk claims (up to 2 GB for a 50-byte file: the
 * "chunk data is too large" limit is only a warning to the simplified API).
 * The first chunk is kept whatever it is, so that libpng still refuses a
 * file that does not start with IHDR; a text chunk with a bad CRC or keyword
 * is only a warning to libpng, so leaving one out changes no verdict. */
static size_t png_without_text(const uint8_t *file, size_t len, uint8_t *dst)
{
    size_t pos = sizeof png_signature, out = pos;
    if (dst) memcpy(dst, file, pos);
    while (len - pos >= 8 && memcmp(file + pos + 4, "IDAT", 4) != 0) {
        uint32_t n = bytes_be32(file + pos);
        if (len - pos < 12 || n > len - pos - 12) return 0;
        size_t whole = (size_t)n + 12;
        if (pos == sizeof png_signature || !is_text_chunk(file + pos + 4)) {
            if (dst) memcpy(dst + out, file + pos, whole);
            out += whole;
        }
        pos += whole;
    }
    if (dst) memcpy(dst + out, file + pos, len - pos);
    return out + (len - pos);
}

static bool png_refuse(png_image *img, char *why, size_t whylen)
{
    if (strstr(img->message, "beyond end") || strstr(img->message, "Not enough image data"))
        return refuse(why, whylen, "the PNG data is truncated (libpng: %s)", img->message);
    return refuse(why, whylen, "the PNG file is damaged (libpng: %s)",
                  img->message[0] ? img->message : "unknown error");
}

static bool decode_png(arena *a, const uint8_t *file, size_t len, image_data *out, char *why, size_t whylen)
{
    size_t clean_len = png_without_text(file, len, NULL);
    if (!clean_len) return refuse(why, whylen, "the PNG data is truncated (a chunk runs past the end of the file)");
    uint8_t *clean = NULL;
    if (clean_len != len) {
        clean = xmalloc(clean_len);
        png_without_text(file, len, clean);
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    bool ok = false;
    if (!png_image_begin_read_from_memory(&img, clean ? clean : file, clean_len)) {
        png_refuse(&img, why, whylen);
    } else if (check_size(img.width, img.height, why, whylen)) {
        /* libpng composites whatever alpha the file has (an alpha channel,
         * tRNS, a grey+alpha palette …) onto the background it is given. */
        img.format = PNG_FORMAT_RGB;
        arena_mark mark = arena_save(a);
        png_bytep rgb = arena_alloc(a, PNG_IMAGE_SIZE(img));
        png_color white = { 255, 255, 255 };
        if (png_image_finish_read(&img, &white, rgb, 0, NULL)) {
            *out = (image_data){ IMAGE_PNG, img.width, img.height, 3, rgb, PNG_IMAGE_SIZE(img) };
            ok = true;
        } else {
            png_refuse(&img, why, whylen);
            arena_restore(a, mark);
        }
    }
    png_image_free(&img); /* harmless after png_image_finish_read freed it */
    free(clean);
    return ok;
}

/* ---- JPEG --------------------------------------------------------------- */

enum {
    M_SOF0 = 0xC0, M_SOF1 = 0xC1, M_SOF2 = 0xC2, M_DHT = 0xC4, M_SOI = 0xD8, M_EOI = 0xD9,
    M_SOS = 0xDA, M_DQT = 0xDB, M_DNL = 0xDC, M_DRI = 0xDD, M_APP0 = 0xE0, M_APP14 = 0xEE, M_COM = 0xFE,
};

/* A progressive file from cjpeg has 10 scans.  Thousands of tiny scans are
 * a known way to make a viewer's decoder crawl (each costs a pass over every
 * block of the image), and nothing legitimate needs more than this. */
enum { MAX_SCANS = 100 };

typedef struct jpeg_walk {
    const uint8_t *p;
    size_t len;
    uint8_t *dst; /* NULL: only measure */
    size_t out;
    char *why;
    size_t whylen;
    int sof; /* the frame header's marker, 0 before it */
    int scans;
    uint32_t width, height;
    int ncomp;
    uint8_t id[3], h[3], v[3], tq[3];
    bool scanned[3];
    bool dqt[4], dht[2][4]; /* tables defined so far: [0] DC, [1] AC */
} jpeg_walk;

static void emit(jpeg_walk *w, const uint8_t *s, size_t n)
{
    if (w->dst) memcpy(w->dst + w->out, s, n);
    w->out += n;
}

static void emit_marker(jpeg_walk *w, int m)
{
    const uint8_t b[2] = { 0xFF, (uint8_t)m };
    emit(w, b, 2);
}

/* The coding process a marker belongs to, if it is one refused here (all
 * but Huffman-coded baseline, extended and progressive DCT), or NULL. */
static const char *unsupported_kind(int m)
{
    switch (m) {
    case 0xC3: return _("a lossless JPEG (SOF3)");
    case 0xC5: case 0xC6: case 0xC7: case 0xDE: case 0xDF: return _("a hierarchical JPEG");
    case 0xC9: case 0xCA: case 0xCB: case 0xCC: return _("an arithmetic-coded JPEG");
    case 0xCD: case 0xCE: case 0xCF: return _("a hierarchical arithmetic-coded JPEG");
    case 0xF7: case 0xF8: return _("a JPEG-LS file");
    default: return NULL;
    }
}

static bool jpeg_refuse(jpeg_walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool jpeg_refuse(jpeg_walk *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vrefuse(w->why, w->whylen, fmt, ap);
    va_end(ap);
    return false;
}

static bool frame_header(jpeg_walk *w, int m, const uint8_t *s, size_t n)
{
    if (w->sof) return jpeg_refuse(w, "a JPEG with two frame headers");
    if (n < 6) return jpeg_refuse(w, "a JPEG frame header that is too short");
    if (s[0] != 8) return jpeg_refuse(w, "a JPEG of %d-bit samples; only 8-bit is supported", s[0]);
    w->height = bytes_be16(s + 1);
    w->width = bytes_be16(s + 3);
    if (w->height == 0) return jpeg_refuse(w, "a JPEG whose height comes after the image (DNL); not supported");
    if (!check_size(w->width, w->height, w->why, w->whylen)) return false;
    w->ncomp = s[5];
    if (w->ncomp == 4) return jpeg_refuse(w, "a CMYK JPEG; PDF/A output needs RGB or grey");
    if (w->ncomp != 1 && w->ncomp != 3)
        return jpeg_refuse(w, "a JPEG of %d colour components; only grey (1) or RGB (3) is supported", w->ncomp);
    if (n != 6 + 3 * (size_t)w->ncomp) return jpeg_refuse(w, "a JPEG frame header of the wrong length");
    for (int i = 0; i < w->ncomp; i++) {
        const uint8_t *c = s + 6 + 3 * i;
        w->id[i] = c[0];
        w->h[i] = c[1] >> 4;
        w->v[i] = c[1] & 15;
        w->tq[i] = c[2];
        if (w->h[i] < 1 || w->h[i] > 4 || w->v[i] < 1 || w->v[i] > 4)
            return jpeg_refuse(w, "a JPEG with a sampling factor outside 1–4");
        if (w->tq[i] > 3) return jpeg_refuse(w, "a JPEG naming quantisation table %d (0–3 exist)", w->tq[i]);
        for (int j = 0; j < i; j++)
            if (w->id[j] == w->id[i]) return jpeg_refuse(w, "a JPEG with two components of the same id");
    }
    /* libjpeg upsamples by whole factors only (jdsample.c): 2 and 3 side by
     * side cannot be decoded by the viewers built on it. */
    int hmax = 0, vmax = 0;
    for (int i = 0; i < w->ncomp; i++) {
        if (w->h[i] > hmax) hmax = w->h[i];
        if (w->v[i] > vmax) vmax = w->v[i];
    }
    for (int i = 0; i < w->ncomp; i++)
        if (hmax % w->h[i] || vmax % w->v[i]) return jpeg_refuse(w, "a JPEG with fractional chroma subsampling");
    w->sof = m;
    return true;
}

static bool quant_tables(jpeg_walk *w, const uint8_t *s, size_t n)
{
    size_t i = 0;
    do {
        if (i >= n) return jpeg_refuse(w, "an empty JPEG quantisation table segment");
        int pq = s[i] >> 4, t = s[i] & 15;
        size_t size = pq ? 128 : 64;
        if (pq > 1 || t > 3 || n - i - 1 < size) return jpeg_refuse(w, "a malformed JPEG quantisation table");
        w->dqt[t] = true;
        i += 1 + size;
    } while (i < n);
    return true;
}

/* Also checks what libjpeg checks before decoding (jdhuff.c): the code
 * lengths fit (no more codes of a length than there is room for) and DC
 * symbols are at most 15 — a viewer would otherwise fail on the page. */
static bool huffman_tables(jpeg_walk *w, const uint8_t *s, size_t n)
{
    size_t i = 0;
    do {
        if (n - i < 17) return jpeg_refuse(w, "a malformed JPEG Huffman table");
        int tc = s[i] >> 4, th = s[i] & 15;
        if (tc > 1 || th > 3) return jpeg_refuse(w, "a malformed JPEG Huffman table");
        size_t count = 0;
        uint32_t code = 0;
        for (int l = 1; l <= 16; l++) {
            count += s[i + l];
            code += s[i + l];
            if (code >= (1u << l)) /* the all-ones code is reserved (T.81 C.2) */
                return jpeg_refuse(w, "a JPEG Huffman table with impossible code lengths");
            code <<= 1;
        }
        if (count > 256 || n - i - 17 < count) return jpeg_refuse(w, "a malformed JPEG Huffman table");
        for (size_t k = 0; tc == 0 && k < count; k++)
            if (s[i + 17 + k] > 15) return jpeg_refuse(w, "a malformed JPEG Huffman table");
        w->dht[tc][th] = true;
        i += 17 + count;
    } while (i < n);
    return true;
}

static bool scan_header(jpeg_walk *w, const uint8_t *s, size_t n)
{
    if (!w->sof) return jpeg_refuse(w, "a JPEG scan before the frame header");
    if (++w->scans > MAX_SCANS) return jpeg_refuse(w, "a JPEG of more than %d scans", MAX_SCANS);
    int ns = n ? s[0] : 0;
    if (ns < 1 || ns > 4 || n != 4 + 2 * (size_t)ns) return jpeg_refuse(w, "a malformed JPEG scan header");
    int ss = s[1 + 2 * ns], se = s[2 + 2 * ns], ah = s[3 + 2 * ns] >> 4, al = s[3 + 2 * ns] & 15;
    bool progressive = w->sof == M_SOF2;
    if (!progressive ? ss != 0 || se != 63 || ah != 0 || al != 0
                     : se > 63 || ss > se || ah > 13 || al > 13 || (ss == 0) != (se == 0) || (ss > 0 && ns != 1) ||
                           (ah != 0 && al != ah - 1))
        return jpeg_refuse(w, "a JPEG scan with impossible spectral or bit ranges");
    bool need_dc = !progressive || (ss == 0 && ah == 0), need_ac = !progressive || ss > 0;
    int blocks = 0;
    bool seen[3] = { false, false, false };
    for (int i = 0; i < ns; i++) {
        int k = 0;
        while (k < w->ncomp && w->id[k] != s[1 + 2 * i]) k++;
        if (k == w->ncomp || seen[k]) return jpeg_refuse(w, "a JPEG scan naming a component wrongly");
        seen[k] = true;
        if (!progressive && w->scanned[k]) return jpeg_refuse(w, "a sequential JPEG scanning a component twice");
        w->scanned[k] = true;
        int td = s[2 + 2 * i] >> 4, ta = s[2 + 2 * i] & 15;
        if (td > 3 || ta > 3 || (need_dc && !w->dht[0][td]) || (need_ac && !w->dht[1][ta]))
            return jpeg_refuse(w, "a JPEG scan using an undefined Huffman table");
        if (!w->dqt[w->tq[k]]) return jpeg_refuse(w, "a JPEG scan using an undefined quantisation table");
        blocks += w->h[k] * w->v[k];
    }
    if (ns > 1 && blocks > 10) return jpeg_refuse(w, "a JPEG scan of more than 10 blocks per MCU");
    return true;
}

/* The end of the entropy-coded data from pos: the first marker that is
 * neither a stuffed zero byte (FF00) nor a restart (FFD0–FFD7), both of
 * which belong to the data; 0 if the file ends first. */
static size_t entropy_end(const uint8_t *p, size_t len, size_t pos)
{
    while (pos < len) {
        const uint8_t *ff = memchr(p + pos, 0xFF, len - pos);
        if (!ff) return 0;
        pos = (size_t)(ff - p);
        if (len - pos < 2) return 0;
        uint8_t m = p[pos + 1];
        if (m != 0x00 && (m < 0xD0 || m > 0xD7)) return pos; /* FFFF: fill before a marker */
        pos += 2;
    }
    return 0;
}

static bool walk_jpeg(jpeg_walk *w)
{
    const uint8_t *p = w->p;
    size_t len = w->len, pos = 2;
    emit_marker(w, M_SOI);
    for (;;) {
        if (pos >= len) return jpeg_refuse(w, "the JPEG data is truncated (no end-of-image marker)");
        if (p[pos] != 0xFF) return jpeg_refuse(w, "stray bytes between JPEG segments at offset %zu", pos);
        while (pos < len && p[pos] == 0xFF) pos++; /* fill bytes */
        if (pos >= len) return jpeg_refuse(w, "the JPEG data is truncated (no end-of-image marker)");
        int m = p[pos++];
        if (m == M_EOI) {
            if (!w->sof) return jpeg_refuse(w, "a JPEG without a frame header");
            if (!w->scans) return jpeg_refuse(w, "a JPEG without a scan");
            for (int k = 0; k < w->ncomp; k++)
                if (!w->scanned[k]) return jpeg_refuse(w, "a JPEG with a component no scan covers");
            emit_marker(w, M_EOI);
            return true; /* anything after EOI is dropped */
        }
        const char *kind = unsupported_kind(m);
        if (kind) return jpeg_refuse(w, "%s; only baseline, extended and progressive JPEG are supported", kind);
        if (m == M_DNL) return jpeg_refuse(w, "a JPEG whose height comes after the image (DNL); not supported");
        bool known = m == M_SOF0 || m == M_SOF1 || m == M_SOF2 || m == M_DHT || m == M_SOS || m == M_DQT ||
                     m == M_DRI || (m >= M_APP0 && m <= 0xEF) || m == M_COM;
        if (!known) return jpeg_refuse(w, "an unexpected JPEG marker FF%02X at offset %zu", (unsigned)m, pos - 2);
        if (len - pos < 2) return jpeg_refuse(w, "the JPEG data is truncated (in a segment header)");
        size_t seglen = bytes_be16(p + pos);
        if (seglen < 2) return jpeg_refuse(w, "a JPEG segment whose length field is %zu (at least 2)", seglen);
        if (seglen > len - pos)
            return jpeg_refuse(w, "the JPEG data is truncated (a segment runs past the end of the file)");
        const uint8_t *s = p + pos + 2;
        size_t n = seglen - 2;
        bool keep = true, ok = true;
        switch (m) {
        case M_SOF0: case M_SOF1: case M_SOF2: ok = frame_header(w, m, s, n); break;
        case M_DQT: ok = quant_tables(w, s, n); break;
        case M_DHT: ok = huffman_tables(w, s, n); break;
        case M_DRI: if (n != 2) ok = jpeg_refuse(w, "a malformed JPEG restart interval"); break;
        case M_SOS: ok = scan_header(w, s, n); break;
        /* JFIF and Adobe segments say how a decoder turns the components into
         * colours (YCbCr or not); the Adobe transform flag in particular
         * decides it for 3-component files.  Other APPn (EXIF, XMP, ICC …)
         * and COM are metadata a PDF does not need. */
        case M_APP0: keep = n >= 5 && memcmp(s, "JFIF\0", 5) == 0; break;
        case M_APP14: keep = n >= 5 && memcmp(s, "Adobe", 5) == 0; break;
        default: keep = false; break;
        }
        if (!ok) return false;
        if (keep) {
            emit_marker(w, m);
            emit(w, p + pos, seglen);
        }
        pos += seglen;
        if (m == M_SOS) {
            size_t end = entropy_end(p, len, pos);
            if (!end) return jpeg_refuse(w, "the JPEG data is truncated (in a scan)");
            emit(w, p + pos, end - pos);
            pos = end;
        }
    }
}

static bool decode_jpeg(arena *a, const uint8_t *file, size_t len, image_data *out, char *why, size_t whylen)
{
    jpeg_walk w = { .p = file, .len = len, .why = why, .whylen = whylen };
    if (!walk_jpeg(&w)) return false;
    arena_mark mark = arena_save(a);
    uint8_t *dst = arena_alloc(a, w.out);
    w = (jpeg_walk){ .p = file, .len = len, .dst = dst, .why = why, .whylen = whylen };
    if (!walk_jpeg(&w)) { /* cannot happen: the same walk again */
        arena_restore(a, mark);
        return false;
    }
    *out = (image_data){ IMAGE_JPEG, w.width, w.height, w.ncomp, dst, w.out };
    return true;
}

bool image_decode(arena *a, const uint8_t *file, size_t len, image_data *out, char *why, size_t whylen)
{
    if (why && whylen) why[0] = '\0';
    if (!file || len == 0) return refuse(why, whylen, "an empty file");
    if (len >= 2 && file[0] == 0xFF && file[1] == 0xD8) return decode_jpeg(a, file, len, out, why, whylen);
    if (len >= sizeof png_signature && memcmp(file, png_signature, sizeof png_signature) == 0)
        return decode_png(a, file, len, out, why, whylen);
    if (len < sizeof png_signature && len >= 4 && memcmp(file, png_signature, len) == 0)
        return refuse(why, whylen, "the PNG data is truncated");
    return refuse(why, whylen, "not a PNG or JPEG file");
}
