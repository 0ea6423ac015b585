/* pdf_write.h — the fourth stage: frames become a PDF file through libharu.
 *
 * Fonts are subset by the font service and handed to libharu with a
 * compact cmap of our own; our own ToUnicode CMap maps them back
 * (pdf_font.h).  The writer never measures or breaks text: it draws what the
 * layout placed.  By default the file is PDF/A-1b (pdf_pdfa.h), and the same
 * input gives the same bytes.  Writing the file to disk is the driver's
 * (output.c). */
#ifndef REPORTC_PDF_WRITE_H
#define REPORTC_PDF_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "layout/frame.h"

/* Document information, UTF-8; any field may be NULL. */
typedef struct pdf_info {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;
    const char *creator;   /* the tool, e.g. "reportc 0.1" */
    const char *language;  /* e.g. "zh-CN": the catalog's /Lang */
    int year, month, day;  /* creation/modification date; year 0 = none */
    int utc_offset_minutes;/* the time zone of that date */
} pdf_info;

/* How to write. */
typedef struct pdf_options {
    bool pdfa;               /* PDF/A-1b (ISO 19005-1, GB/T 23286.1) */
    const uint8_t *icc;      /* with pdfa: the sRGB ICC profile (checked by the parse stage) */
    size_t icc_len;
} pdf_options;

/* Renders `doc` as a PDF file in memory: *out (malloc'd; the caller frees
 * it) holds *len bytes.  False after an internal error (a library failure)
 * recorded in d: the frames are the layout's, so nothing here is the
 * user's mistake. */
bool pdf_write(const frame_doc *doc, const pdf_info *info, const pdf_options *opt, diag *d, uint8_t **out,
               size_t *len);

/* Prints the versions of libharu and zlib, one a line (reportc --version). */
void pdf_version_print(FILE *out);

#endif
