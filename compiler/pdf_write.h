/* pdf_write.h — the back end: a frame_doc becomes a PDF file through libharu.
 *
 * Fonts are subset with hb-subset and handed to libharu with a compact
 * private-use cmap; our own ToUnicode CMap maps them back (see
 * ../shared/reference/font-pipeline.md).  The writer never measures or breaks
 * text: it draws what the layout placed. */
#ifndef REPORTC_PDF_WRITE_H
#define REPORTC_PDF_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include "frame.h"

/* Document information, UTF-8; any field may be NULL. */
typedef struct pdf_info {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;
    const char *creator;   /* the tool, e.g. "reportc 0.1" */
    const char *language;  /* e.g. "zh-CN": the catalog's /Lang */
    int year, month, day;  /* creation/modification date; year 0 = none */
} pdf_info;

/* Writes `doc` to the file `path` (created or truncated).  Returns true on
 * success.  On failure writes a one-line English reason into err (size
 * errlen) — a library or I/O failure, never a user mistake — and may leave a
 * partial file at `path` (the caller writes to a temporary name). */
bool pdf_write(const frame_doc *doc, const pdf_info *info, const char *path,
               char *err, size_t errlen);

#endif
