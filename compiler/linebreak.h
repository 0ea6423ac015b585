/* linebreak.h — choosing line ends for a paragraph of measured items.
 *
 * A pure function of the items and the line widths: no fonts, no pages. */
#ifndef REPORTC_LINEBREAK_H
#define REPORTC_LINEBREAK_H

#include "arena.h"
#include "text_prepare.h"
#include "units.h"

typedef struct line_range {
    int start, end;     /* items [start, end) are drawn; spaces at either end are not */
    mpt_t natural;      /* their width */
} line_range;

/* Fills lines greedily: each line takes as much as fits before the last
 * break opportunity.  A stretch without opportunities wider than a line is
 * cut between characters rather than overflow.  The first line is
 * first_width wide, the others width.  Returns the number of lines (*out in a). */
int linebreak_greedy(arena *a, const text_item *items, int n, mpt_t first_width, mpt_t width,
                     line_range **out);

/* clreq §5 孤字不成行: when the last of `count` lines holds a single Han
 * character (with any closing marks after it), breaks the line before it
 * one opportunity earlier and refills the rest, so that the character has
 * company.  Returns the new number of lines (lines may be replaced in a). */
int linebreak_avoid_lone_char(arena *a, const text_item *items, int n, mpt_t width, line_range **lines,
                              int count);

#endif
