/* layout.h — the third stage: the document model to pages of positioned text.
 *
 * Blocks become lines on the layout's line grid (every line, title and
 * headings included, takes one grid line: GB/T 9704 §5.2.2), lines become
 * pages (paginate.c), and pages get their numbers (§7.5).  The result is
 * frames (frame.h), which every back end reads.  Fonts come from the font
 * service (font/fontset.h); ICU's line breaking stays inside this stage. */
#ifndef REPORTC_LAYOUT_H
#define REPORTC_LAYOUT_H

#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "font/fontset.h"
#include "frame.h"
#include "model/model.h"

/* Lays out doc into frames allocated in `a`.  Unresolvable font roles are
 * errors; characters without a font are warnings.  Returns NULL on error. */
frame_doc *layout_document(arena *a, diag *d, const model_doc *doc, const fontset *fonts);

/* Prints the version of ICU (reportc --version). */
void layout_version_print(FILE *out);

#endif
