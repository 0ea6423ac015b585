/* layout.h — the layout stage: document model to pages of positioned text.
 *
 * Blocks become lines on the layout's line grid (every line, title and
 * headings included, takes one grid line: GB/T 9704 §5.2.2), lines become
 * pages, and pages get their numbers (§7.5). */
#ifndef REPORTC_LAYOUT_H
#define REPORTC_LAYOUT_H

#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "font/fontset.h"
#include "frame.h"
#include "model/model.h"
#include "text_break.h"

/* Lays out doc into frames allocated in `a`.  Unresolvable font roles are
 * errors; characters without a font are warnings.  Returns NULL on error. */
frame_doc *layout_document(arena *a, diag *d, const model_doc *doc, const fontset *fonts, text_breaker *breaker);

/* Prints the frames as stable text (reportc --dump layout): lengths in pt
 * with three decimals, text as UTF-8. */
void layout_dump(const frame_doc *doc, FILE *out);

#endif
