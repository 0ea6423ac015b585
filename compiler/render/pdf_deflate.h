/* pdf_deflate.h — zlib streams deflated on two cores, with libdeflate.
 *
 * Deflating the glyphs is the largest cost of writing a PDF.  Each input is
 * compressed as one zlib stream by libdeflate (fewer instructions than zlib
 * at level 1 and smaller output than zlib at level 9); a worker thread takes
 * inputs from the front of the queue while the main thread does libharu's
 * work, and the main thread takes inputs from the back when it calls
 * pdf_deflate_finish. */
#ifndef REPORTC_PDF_DEFLATE_H
#define REPORTC_PDF_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

/* libdeflate's level: measured on data/2023.yaml's fonts (README, Performance). */
#define PDF_DEFLATE_LEVEL 6

typedef struct pdf_deflater pdf_deflater;

/* Starts deflating inputs[0..n) (lengths lens[]) at PDF_DEFLATE_LEVEL.  The
 * inputs must stay valid and unchanged until pdf_deflate_finish returns.
 * NULL when out of memory.  A failure to start the thread is not an error:
 * the work is then all done in pdf_deflate_finish. */
pdf_deflater *pdf_deflate_start(const uint8_t *const *inputs, const size_t *lens, int n);

/* Compresses the inputs the worker has not taken and waits for it.  False
 * when libdeflate or memory failed. */
bool pdf_deflate_finish(pdf_deflater *d);

/* The zlib stream of input i (borrowed; lives until pdf_deflate_free). */
const uint8_t *pdf_deflate_result(const pdf_deflater *d, int i, size_t *len);

/* Waits for the worker if still running and frees everything; NULL is allowed. */
void pdf_deflate_free(pdf_deflater *d);

/* Makes libharu stream object `obj` hold z[0..zlen), a zlib stream deflated
 * here, with /Filter /FlateDecode: libharu neither deflates it again nor
 * drops the key. */
HPDF_STATUS pdf_deflate_put(HPDF_Dict obj, const uint8_t *z, size_t zlen);

#endif
