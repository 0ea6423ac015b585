/* frame.h — the layout stage's output: positioned text runs and rules on pages.
 *
 * This is the plain data structure the PDF writer consumes.  All decisions
 * (line breaks, justification, font per character, positions) are already
 * made; the writer only draws.  Coordinates are millipoints from the page's
 * top-left corner, y growing downwards (the writer flips them for PDF). */
#ifndef REPORTC_FRAME_H
#define REPORTC_FRAME_H

#include <stdint.h>
#include "base/units.h"

/* An image drawn just before a text run, under it and whatever follows
 * (the seal over the 落款).  Its box is `width` wide, as high as the image's
 * proportions make it, centred at (dx, dy) from the run's (x, y). */
typedef struct frame_image {
    const char *path;    /* a PNG or JPEG file */
    mpt_t dx, dy;
    mpt_t width;
} frame_image;

typedef struct frame_text {
    int face;            /* index into frame_doc.faces */
    mpt_t size;          /* font size */
    mpt_t x, y;          /* start of the baseline, from the page's top-left */
    mpt_t tracking;      /* extra space after every character (PDF Tc) */
    int bold;            /* synthetic bold: outline stroked as well as filled */
    const uint32_t *text;/* Unicode scalar values, all served by `face` */
    int len;
    const frame_image *image; /* drawn first; NULL: none */
} frame_text;

typedef struct frame_rule {
    mpt_t x0, y0, x1, y1;  /* a straight line segment */
    mpt_t width;           /* stroke width */
} frame_rule;

typedef enum { FRAME_TEXT, FRAME_RULE } frame_item_kind;

typedef struct frame_item {
    frame_item_kind kind;
    union {
        frame_text text;
        frame_rule rule;
    } u;
} frame_item;

typedef struct frame_page {
    frame_item *items;
    int n_items;
} frame_page;

/* A heading, for the PDF outline (bookmarks). */
typedef struct frame_outline {
    int level;          /* 1 = top */
    const char *title;  /* UTF-8 */
    int page;           /* 0-based page index */
    mpt_t y;            /* top of the heading line */
} frame_outline;

struct font_face;

typedef struct frame_doc {
    mpt_t page_width, page_height;
    frame_page *pages;
    int n_pages;
    struct font_face *const *faces; /* borrowed from the font set */
    int n_faces;
    frame_outline *outline;
    int n_outline;
} frame_doc;

#endif
