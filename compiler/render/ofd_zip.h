/* ofd_zip.h — the OFD container: a ZIP archive built in memory.
 *
 * Internal to the OFD writer.  minizip (zlib's contrib, Debian
 * libminizip-dev) writes the archive; its "raw" mode takes data that is
 * already deflated, so the entries are deflated by pdf_deflate.c, the code
 * the PDF's font files go through, and minizip only frames them.  Every
 * entry has the same fixed time (1980-01-01 00:00, the earliest a ZIP holds),
 * the CRC and sizes are in the local header (minizip seeks back: no data
 * descriptor), no ZIP64, no extra fields: the same entries in the same order
 * give the same bytes. */
#ifndef REPORTC_OFD_ZIP_H
#define REPORTC_OFD_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ofd_zip ofd_zip;

/* An empty archive in memory; NULL when out of memory. */
ofd_zip *ofd_zip_open(void);

/* Adds entry `name` (ASCII, '/'-separated): data[0..len) and its zlib
 * stream z[0..zlen) (RFC 1950, as pdf_deflate makes them; the raw deflate
 * data inside is what the archive stores); z NULL: stored as it is (an
 * image, compressed already).  False with a reason in err. */
bool ofd_zip_add(ofd_zip *zip, const char *name, const uint8_t *data, size_t len, const uint8_t *z, size_t zlen,
                 char *err, size_t errlen);

/* Writes the central directory and hands over the archive: *out (malloc'd)
 * holds *len bytes.  Frees zip in any case.  False with a reason in err. */
bool ofd_zip_finish(ofd_zip *zip, uint8_t **out, size_t *len, char *err, size_t errlen);

/* Frees an unfinished archive; NULL is allowed. */
void ofd_zip_free(ofd_zip *zip);

#endif
