/* text_prepare.h — model text to measured items ready for line breaking.
 *
 * For every character: the face that draws it (role face or fallback),
 * its advance, whether a line may start before it (ICU), and whether it is
 * a collapsible space.  Characters no font has are warned about at their
 * source position. */
#ifndef REPORTC_TEXT_PREPARE_H
#define REPORTC_TEXT_PREPARE_H

#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "font/fontset.h"
#include "model/model.h"
#include "text_break.h"
#include "base/units.h"

typedef struct text_item {
    uint32_t cp;
    int face;             /* index into the font set's faces */
    mpt_t size;
    mpt_t advance;
    mpt_t gap_after;      /* fixed space after it: the Han–Latin gap (clreq §4), or
                             negative: a squeezed mark's removed blank */
    mpt_t shrink;         /* how much more of its blank may go to make a line fit
                             (clreq §3: compress before stretching) */
    mpt_t gap_shrink;     /* how much of a Han–Latin gap_after a line may take back */
    mpt_t gap_stretch;    /* how much a Han–Latin gap_after may grow when the line is
                             justified, before the gaps between characters do */
    mpt_t end_hang;       /* blank that may hang past the line end when the mark
                             ends a line (GB/T 15834 §5.1.10: half width there) */
    uint8_t break_before; /* a line may start here */
    uint8_t space;        /* a space: dropped at line ends, never drawn there */
    uint8_t flags;        /* RUN_BOLD, RUN_LITERAL of the model's inline markup */
    uint8_t part;         /* its span's frame_part (frame.h) */
} text_item;

/* A stretch of text in one style. */
typedef struct text_span {
    model_text text;
    int role;             /* fontset role */
    mpt_t size;
    uint8_t part;         /* frame_part (frame.h): what the text is to its block */
} text_span;

/* The distinct characters each face draws, counted as text is prepared:
 * a face can embed at most FONT_MAX_CHARS (font/font_subset.h), and the
 * character that goes past that is an error at its position. */
typedef struct text_face_usage {
    arena *a;                     /* for the bitmaps: lives as long as the layout */
    uint8_t *(*seen)[17];         /* per face and Unicode plane: a bit per code point, allocated on first use */
    int *count;
    int n_faces;
} text_face_usage;

typedef struct text_prep {
    arena *a;
    diag *d;
    const fontset *fonts;
    text_breaker *breaker;
    text_face_usage *usage;       /* shared by every copy of the text_prep */
    int cjk_latin_space_permille; /* Han–Latin gap in 1/1000 em; 0 = keep the source's spaces */
    int cjk_latin_min_permille;   /* … compressed at most to this */
    int cjk_latin_max_permille;   /* … stretched at most to this */
    int punctuation;              /* punct_style */
    bool line_end_squeeze;        /* a line-end mark may be set half width to fit */
    int bold_stroke_permille;     /* **bold**: the outline's stroke, 1/1000 em */
} text_prep;

/* Counting of the distinct characters per face, for tp->usage (in a). */
text_face_usage *text_face_usage_new(arena *a, int n_faces);

/* Builds the items of spans[0..n_spans) as one paragraph.  Whitespace runs
 * collapse to one space, and vanish between two wide characters (a YAML line
 * fold inside Chinese text is not a space) and at the ends.  Between a Han
 * character and a Latin letter or digit the gap is set to tp's Han–Latin
 * space whether the source has a space there or not (clreq §4).  Returns the
 * number of items (in *out, allocated in tp->a), or -1 on an ICU failure. */
int text_prepare(const text_prep *tp, const text_span *spans, int n_spans, text_item **out);

/* Keeps only the opportunities of items[0..n) that fall between words
 * (ICU's word boundaries), so that a title or a centred heading breaks
 * between words (GB/T 9704 §7.3.1 词意完整) — unless a word would then be
 * wider than `width`: then the items keep every opportunity.  False on an
 * ICU failure. */
bool text_prepare_word_breaks(const text_prep *tp, text_item *items, int n, mpt_t width);

/* True when the item is a full em wide in its face: only such marks have a
 * blank half to squeeze (proportional quotes in some faces have none). */
bool text_item_full_width(const text_item *item);

/* Width of items[0..n) on one line: advances and the gaps between them
 * (not the gap after the last). */
mpt_t text_width(const text_item *items, int n);

#endif
