/* ofd_zip.c — see ofd_zip.h.  minizip 1.1 writes through file functions;
 * ours keep the archive in a growable buffer with a position (minizip
 * seeks back to fill in each local header). */
#include "ofd_zip.h"

#include <minizip/zip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct membuf {
    uint8_t *data;
    size_t len, cap, pos;
    bool failed;
} membuf;

struct ofd_zip {
    membuf buf;
    zipFile zf;
};

static voidpf ZCALLBACK mem_open(voidpf opaque, const char *name, int mode)
{
    (void)name, (void)mode;
    return opaque;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *out, uLong size)
{
    (void)opaque;
    membuf *b = stream;
    size_t n = b->pos < b->len ? b->len - b->pos : 0;
    if (n > size) n = size;
    memcpy(out, b->data + b->pos, n);
    b->pos += n;
    return (uLong)n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *in, uLong size)
{
    (void)opaque;
    membuf *b = stream;
    if (b->failed) return 0;
    if (b->pos + size > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->pos + size) cap *= 2;
        uint8_t *p = realloc(b->data, cap);
        if (!p) {
            b->failed = true;
            return 0;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->pos, in, size);
    b->pos += size;
    if (b->pos > b->len) b->len = b->pos;
    return size;
}

static long ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return (long)((membuf *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, uLong offset, int origin)
{
    (void)opaque;
    membuf *b = stream;
    size_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? b->pos : b->len;
    if (base + offset > b->len) return -1;
    b->pos = base + offset;
    return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((membuf *)stream)->failed;
}

ofd_zip *ofd_zip_open(void)
{
    ofd_zip *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    zlib_filefunc_def io = { mem_open, mem_read, mem_write, mem_tell, mem_seek, mem_close, mem_error, &z->buf };
    z->zf = zipOpen2("reportc.ofd", APPEND_STATUS_CREATE, NULL, &io);
    if (!z->zf) {
        free(z);
        return NULL;
    }
    return z;
}

bool ofd_zip_add(ofd_zip *zip, const char *name, const uint8_t *data, size_t len, const uint8_t *z, size_t zlen,
                 char *err, size_t errlen)
{
    /* A zlib stream: 2 bytes of header, raw deflate, 4 bytes of Adler-32. */
    if (z && zlen < 6) {
        snprintf(err, errlen, "internal: %s is not a zlib stream", name);
        return false;
    }
    if ((z && ((z[0] & 0x0F) != Z_DEFLATED || (z[1] & 0x20))) || len > 0xFFFFFFFFu || zlen > 0xFFFFFFFFu) {
        snprintf(err, errlen, "internal: %s is not a zlib stream of at most 4 GB", name);
        return false;
    }
    /* The earliest DOS time, 1980-01-01 00:00:00: tmz_date is ignored when
     * dosDate is not 0. */
    zip_fileinfo fi;
    memset(&fi, 0, sizeof fi);
    fi.dosDate = (1u << 21) | (1u << 16);
    uLong crc = crc32(crc32(0L, Z_NULL, 0), data, (uInt)len);
    int rc = zipOpenNewFileInZip2(zip->zf, name, &fi, NULL, 0, NULL, 0, NULL, z ? Z_DEFLATED : 0, z ? 1 : 0, 1);
    if (rc == ZIP_OK && (z ? zlen > 6 : len > 0))
        rc = z ? zipWriteInFileInZip(zip->zf, z + 2, (unsigned)(zlen - 6)) : zipWriteInFileInZip(zip->zf, data, (unsigned)len);
    if (rc == ZIP_OK) rc = zipCloseFileInZipRaw(zip->zf, (uLong)len, crc);
    if (rc != ZIP_OK || zip->buf.failed) {
        snprintf(err, errlen, "minizip error %d adding %s%s", rc, name, zip->buf.failed ? " (out of memory)" : "");
        return false;
    }
    return true;
}

bool ofd_zip_finish(ofd_zip *zip, uint8_t **out, size_t *len, char *err, size_t errlen)
{
    int rc = zipClose(zip->zf, NULL);
    zip->zf = NULL;
    bool ok = rc == ZIP_OK && !zip->buf.failed;
    if (ok) {
        *out = zip->buf.data;
        *len = zip->buf.len;
        zip->buf.data = NULL;
    } else {
        snprintf(err, errlen, "minizip error %d closing the archive%s", rc, zip->buf.failed ? " (out of memory)" : "");
    }
    ofd_zip_free(zip);
    return ok;
}

void ofd_zip_free(ofd_zip *zip)
{
    if (!zip) return;
    if (zip->zf) zipClose(zip->zf, NULL);
    free(zip->buf.data);
    free(zip);
}
