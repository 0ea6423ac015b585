/* pdf_deflate.h — zlib streams deflated on two cores.
 *
 * Deflating the glyphs is the largest cost of writing a PDF.  Each
 * input is cut into pieces of PDF_DEFLATE_PIECE bytes; a worker thread takes
 * pieces from the front of the queue while the main thread does libharu's
 * work, and the main thread takes pieces from the back when it calls
 * pdf_deflate_finish.  Each piece is a raw deflate block sequence primed with
 * the 32 KB before it (as pigz does), so the joined stream is one ordinary
 * zlib stream and compresses almost as well as one made in one go. */
#ifndef REPORTC_PDF_DEFLATE_H
#define REPORTC_PDF_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PDF_DEFLATE_PIECE (64 * 1024)

typedef struct pdf_deflater pdf_deflater;

/* Starts deflating inputs[0..n) (lengths lens[]) at zlib level 1.  The
 * inputs must stay valid and unchanged until pdf_deflate_finish returns.
 * NULL when out of memory.  A failure to start the thread is not an error:
 * the work is then all done in pdf_deflate_finish. */
pdf_deflater *pdf_deflate_start(const uint8_t *const *inputs, const size_t *lens, int n);

/* Helps with the remaining pieces, waits for the worker and joins the
 * pieces.  False when zlib or memory failed. */
bool pdf_deflate_finish(pdf_deflater *d);

/* The zlib stream of input i (borrowed; lives until pdf_deflate_free). */
const uint8_t *pdf_deflate_result(const pdf_deflater *d, int i, size_t *len);

/* Waits for the worker if still running and frees everything; NULL is allowed. */
void pdf_deflate_free(pdf_deflater *d);

#endif
