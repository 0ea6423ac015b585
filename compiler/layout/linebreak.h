/* linebreak.h — choosing line ends for a paragraph of measured items.
 *
 * A pure function of the items and the line widths: no fonts, no pages. */
#ifndef REPORTC_LINEBREAK_H
#define REPORTC_LINEBREAK_H

#include <stdbool.h>

#include "base/arena.h"
#include "text_prepare.h"
#include "base/units.h"

typedef struct line_range {
    int start, end;     /* items [start, end) are drawn; spaces at either end are not */
    mpt_t natural;      /* their width */
} line_range;

/* Fills lines greedily: each line takes as much as fits before the last
 * break opportunity.  A stretch without opportunities wider than a line is
 * cut between characters rather than overflow, where the cut breaks no
 * line-start or line-end rule if any such place exists.  The first line is
 * first_width wide, the others width.  Returns the number of lines (*out in a). */
int linebreak_greedy(arena *a, const text_item *items, int n, mpt_t first_width, mpt_t width,
                     line_range **out);

/* The widest stretch between two break opportunities (trailing spaces
 * excluded): a measure narrower than this cuts between characters. */
mpt_t linebreak_widest_stretch(const text_item *items, int n);

/* The number of lines linebreak_greedy makes with every line `width` wide,
 * without allocating (the table width solver calls it often); *lone_last
 * (may be NULL): the last of several lines holds a lone Han character. */
int linebreak_count(const text_item *items, int n, mpt_t width, bool *lone_last);

/* For a centred text that greedy filling at `width` sets in `count` lines:
 * the narrowest measure (to `precision`) that still needs no more lines, so
 * that the lines come out balanced, not full then short.  The first line is
 * `indent` narrower. */
mpt_t linebreak_balanced_width(const text_item *items, int n, mpt_t indent, mpt_t width, int count, mpt_t precision);

/* The measure a paragraph is justified to, and how loose its lines may be. */
typedef struct linebreak_measure {
    mpt_t first_width, width;     /* the first line's (after its indent), the others' */
    mpt_t em;                     /* the body size: looseness is in em */
    int max_stretch_permille;     /* no line looser than this between two characters */
    int preferred_stretch_permille; /* looser only where no set of breaks avoids it */
} linebreak_measure;

/* Chooses the breaks of a justified paragraph as a whole (total fit, after
 * Knuth and Plass): the least total cost, where a last line holding one Han
 * character (孤字, clreq §5) costs most, then a line looser than
 * m->max_stretch_permille per stretchable gap, then one looser than the
 * preferred stretch, then a line ending inside a token wider than a line
 * (cut between characters, 禁则 permitting), then each line; among lines
 * loose enough, one line a character short of the measure beats two (the
 * GB/T 9704 grid of 28 characters), and slack is otherwise spread evenly.
 * Falls back to the greedy fill when no set of breaks fits.  Returns the
 * number of lines (*out in a). */
int linebreak_total_fit(arena *a, const text_item *items, int n, const linebreak_measure *m, line_range **out);

/* Makes line r fit `avail` by taking from its Han–Latin gaps down to their
 * minimum (text_item.gap_shrink), then from the blanks of its squeezable
 * marks (text_item.shrink), evenly; r->natural is updated.  Nothing to do
 * for a line that already fits. */
void linebreak_squeeze(text_item *items, line_range *r, mpt_t avail);

/* Justifies line r to `avail`: Han–Latin gaps grow first, up to their
 * maximum (their gap_after changes, r->natural too); returns the tracking
 * every other stretchable gap then takes — 0 when that would be looser than
 * max_stretch_permille of `em` (the line is left short). */
mpt_t linebreak_justify(text_item *items, line_range *r, mpt_t avail, int max_stretch_permille, mpt_t em);

/* True when justification may add space after item k (before k+1): between
 * Chinese characters and at word spaces, never inside a Latin word or a
 * number, nor where a fixed gap (Han–Latin, squeezed punctuation) is
 * (clreq §3). */
bool linebreak_gap_stretches(const text_item *items, int k);

/* clreq §5 孤字不成行: when the last of `count` lines holds a single Han
 * character (with any closing marks after it), breaks the line before it
 * one opportunity earlier and refills the rest, so that the character has
 * company.  Returns the new number of lines (lines may be replaced in a). */
int linebreak_avoid_lone_char(arena *a, const text_item *items, int n, mpt_t width, line_range **lines,
                              int count);

#endif
