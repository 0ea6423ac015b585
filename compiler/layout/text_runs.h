/* text_runs.h — one line of measured items to positioned text runs.
 *
 * Shared by paragraphs (flow.c) and table cells (table_layout.c): a run is a
 * stretch of items in one face, size, weight and spacing. */
#ifndef REPORTC_TEXT_RUNS_H
#define REPORTC_TEXT_RUNS_H

#include "base/arena.h"
#include "frame.h"
#include "text_prepare.h"

/* The top of the ideographic em box is 0.88 em above the baseline
 * (OpenType's ideographic baseline convention, bottom at −0.12 em): lines
 * and cell text are placed by their em box. */
enum { EM_BOX_ASCENT_PER_MILLE = 880 };

/* Turns items[start,end) into runs starting at x, baseline y = 0; every
 * stretchable gap (linebreak_gap_stretches) gets `extra`; bold runs get
 * tp's stroke width.  Returns the number of runs (*out in a); *max_size is
 * the largest type size. */
int text_runs_build(arena *a, const text_prep *tp, const text_item *items, int start, int end, mpt_t x, mpt_t extra,
                    frame_text **out, mpt_t *max_size);

#endif
