/* ofd_write.h — the fourth stage's second writer: frames become an OFD
 * package (GB/T 33190-2016 电子文件存储与交换格式 版式文档).
 *
 * The same frames as the PDF, drawn the same: each text run a TextObject
 * whose glyph origins are the PDF's (to 0.001 mm), table rules as
 * PathObjects, seals as ImageObjects, headings as Outlines, and the fonts
 * embedded as the PDF's HarfBuzz subsets but with a Unicode cmap.  The
 * package is a ZIP made in memory with fixed times and a fixed order: the
 * same input gives the same bytes.  Writing the file to disk is the
 * driver's (output.c). */
#ifndef REPORTC_OFD_WRITE_H
#define REPORTC_OFD_WRITE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "layout/frame.h"

/* Document information (OFD.xml's DocInfo), UTF-8; any field may be NULL. */
typedef struct ofd_info {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;        /* split at , ; ， ； 、 into Keyword elements */
    const char *creator;         /* the tool: "reportc" */
    const char *creator_version; /* "0.1.0" */
    int year, month, day;        /* CreationDate; year 0 = none */
} ofd_info;

/* Renders `doc` as an OFD package in memory: *out (malloc'd; the caller
 * frees it) holds *len bytes.  False after an internal error (a library
 * failure) recorded in d. */
bool ofd_write(const frame_doc *doc, const ofd_info *info, diag *d, uint8_t **out, size_t *len);

/* Prints the version of minizip (reportc --version). */
void ofd_version_print(FILE *out);

#endif
