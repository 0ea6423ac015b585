/* pdf_write.h — the back end: a frame_doc becomes a PDF file through libharu.
 *
 * Fonts are subset with hb-subset and handed to libharu with a compact
 * private-use cmap; our own ToUnicode CMap maps them back (see
 * ../shared/reference/font-pipeline.md).  The writer never measures or breaks
 * text: it draws what the layout placed.  By default the file is PDF/A-1b
 * (pdf_pdfa.h) and the same input gives the same bytes. */
#ifndef REPORTC_PDF_WRITE_H
#define REPORTC_PDF_WRITE_H

#include <stdbool.h>
#include <stddef.h>
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
} pdf_info;

/* How to write. */
typedef struct pdf_options {
    bool pdfa;               /* PDF/A-1b (ISO 19005-1, GB/T 23286.1) */
    const char *icc_profile; /* with pdfa: an sRGB profile that pdf_icc_check accepts */
} pdf_options;

/* Where an sRGB profile is looked for when none is named: files of Debian
 * packages (icc-profiles-free first), NULL-terminated. */
extern const char *const pdf_icc_default_paths[];

/* Whether the file `path` is an ICC profile PDF/A-1 can use as its output
 * intent: version 2, RGB, display or output class.  False with a reason
 * in why. */
bool pdf_icc_check(const char *path, char *why, size_t whylen);

/* Whether the file `path` is an image the writer can draw (frame_image): a
 * PNG (of at most PDF_IMAGE_MAX_SIDE pixels a side) or a JPEG.  Reads only
 * the header.  False with a reason in why. */
bool pdf_image_check(const char *path, char *why, size_t whylen);

/* Writes `doc` to the file `path` (created or truncated).  Returns true on
 * success.  On failure writes a one-line English reason into err (size
 * errlen) — a library or I/O failure, never a user mistake — and may leave a
 * partial file at `path` (the caller writes to a temporary name). */
bool pdf_write(const frame_doc *doc, const pdf_info *info, const pdf_options *opt,
               const char *path, char *err, size_t errlen);

#endif
