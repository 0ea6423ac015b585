/* frame.h — the layout stage's output: positioned text runs, rules and
 * images on pages, and which block of the model each belongs to.
 *
 * This is the plain data structure every back end consumes.  All decisions
 * (line breaks, justification, font per character, positions, stroke
 * widths) are already made; a writer only draws.  Coordinates are
 * millipoints from the page's top-left corner, y growing downwards (a PDF
 * writer flips them). */
#ifndef REPORTC_FRAME_H
#define REPORTC_FRAME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/units.h"
#include "parse/image.h"

struct font_face;

/* An image drawn just before a text run, under it and whatever follows
 * (the seal over the 落款).  Its box is `width` wide, as high as the image's
 * proportions make it, centred at (dx, dy) from the run's (x, y). */
typedef struct frame_image {
    const image_data *image;  /* checked and decoded by the parse stage */
    mpt_t dx, dy;
    mpt_t width;
} frame_image;

/* Which part of its block a character belongs to, for a structure tree:
 * the block's own text, or a label, run-in paragraph, caption, note … */
typedef enum {
    FRAME_PART_BODY,     /* the block's text: a title, heading, paragraph, cell, the issuer */
    FRAME_PART_LABEL,    /* a heading's number ("一、"), an attachment's label ("附件1") */
    FRAME_PART_RUN_IN,   /* the paragraph on a run-in heading's line */
    FRAME_PART_CAPTION,  /* a table's caption */
    FRAME_PART_NOTE,     /* a note under a table (frame_tag.sub: which) */
    FRAME_PART_DATE,     /* the signature's date */
} frame_part;

typedef struct frame_text {
    /* (Pointers first, then the 32-bit fields, then the bytes: no padding
       inside a run, which is most of a page's frame_item.) */
    const uint32_t *text;/* Unicode scalar values, all served by `face` */
    const frame_image *image; /* drawn first; NULL: none */
    const uint8_t *parts;/* NULL: all are `part`; else the frame_part of each (a heading's number,
                            text and run-in paragraph may share a run) */
    int face;            /* index into frame_doc.faces */
    mpt_t size;          /* font size */
    mpt_t x, y;          /* start of the baseline, from the page's top-left */
    mpt_t tracking;      /* extra space after every character (PDF Tc) */
    mpt_t stroke;        /* > 0: synthetic bold, the outline also stroked this wide */
    int len;
    uint8_t part;        /* frame_part of its characters */
    bool space_after;    /* a word space ends its line: not drawn, but a reader of the text
                            needs it between the words ("lazy" / "dog") */
} frame_text;

typedef struct frame_rule {
    mpt_t x0, y0, x1, y1;  /* a straight line segment */
    mpt_t width;           /* stroke width */
} frame_rule;

typedef enum { FRAME_TEXT, FRAME_RULE } frame_item_kind;

/* Where an item comes from, for a structure tree (tagged PDF) and for
 * readers of the frames: the model block (index into model_doc.blocks),
 * the table cell (index into the block's table cells), or page furniture. */
typedef struct frame_tag {
    int block;             /* -1: not from a block (page numbers, running text) */
    int cell;              /* -1: not a table cell */
    bool artifact;         /* furniture: page numbers, running text, repeated table headers,
                              rules, a spanning row label drawn again on a later page */
    int sub;               /* which note of a table, which title of an attachment note */
} frame_tag;

typedef struct frame_item {
    frame_item_kind kind;
    frame_tag tag;
    union {
        frame_text text;
        frame_rule rule;
    } u;
} frame_item;

typedef struct frame_page {
    frame_item *items;
    int n_items;
} frame_page;

/* A heading, for the outline (bookmarks).  A title holds at most
 * FRAME_OUTLINE_MAX_CHARS characters: a PDF string holds 65,535 bytes
 * (PDF 1.4 Appendix C) and UTF-16 takes up to 4 bytes a character. */
enum { FRAME_OUTLINE_MAX_CHARS = 8000 };

/* Pages a document may have: libharu keeps every page in one /Kids array of
 * at most 32,767 entries, and 10,000 pages are four times what the input
 * limits allow of text (page breaks alone could make 250,000). */
enum { FRAME_MAX_PAGES = 10000 };

typedef struct frame_outline {
    int level;          /* 1 = top */
    const char *title;  /* UTF-8, at most FRAME_OUTLINE_MAX_CHARS characters */
    int page;           /* 0-based page index */
    mpt_t y;            /* top of the heading line */
} frame_outline;

/* The logical structure of the model's blocks, for a structure tree
 * (frame_tag.block indexes frame_doc.blocks). */
typedef enum {
    FRAME_BLOCK_NONE,          /* a page break */
    FRAME_BLOCK_TITLE,
    FRAME_BLOCK_HEADING,
    FRAME_BLOCK_PARAGRAPH,
    FRAME_BLOCK_SIGNATURE,
    FRAME_BLOCK_TABLE,
    FRAME_BLOCK_ATTACHMENT_NOTE,
    FRAME_BLOCK_ATTACHMENT,    /* an attachment starts: the blocks up to the next belong to it */
} frame_block_kind;

typedef enum { FRAME_CELL_DATA, FRAME_CELL_COL_HEAD, FRAME_CELL_ROW_HEAD, FRAME_CELL_CORNER } frame_cell_role;

typedef struct frame_cell {
    int row, col, rowspan, colspan;   /* of the model's grid (frame_tag.cell indexes them) */
    frame_cell_role role;
} frame_cell;

typedef struct frame_block {
    frame_block_kind kind;
    int level;                 /* headings: 1–4 */
    bool has_label;            /* headings: a number; attachments: a label */
    bool has_run_in;           /* headings: a paragraph on the heading's line */
    const char *seal_alt;      /* signature with a seal: its text alternative (UTF-8) */
    int n_items;               /* attachment note: titles; tables: notes */
    bool has_caption;          /* tables */
    int n_rows, n_cols, header_rows;
    const frame_cell *cells;   /* tables: ordered by (row, col) of their top-left slot */
    int n_cells;
} frame_block;

typedef struct frame_doc {
    mpt_t page_width, page_height;
    frame_page *pages;
    int n_pages;
    struct font_face *const *faces; /* the font service's faces (font/font_face.h), borrowed */
    int n_faces;
    frame_outline *outline;
    int n_outline;
    const frame_block *blocks; /* the model's blocks in logical (reading) order */
    int n_blocks;
} frame_doc;

/* Appends items to a page (layout's helper for building frames).  A page's
 * items are gathered in one malloc'ed buffer, reused page after page, and
 * copied into the arena, exactly sized, by frame_sink_end: an array doubled
 * inside the arena would leave every smaller copy behind. */
typedef struct frame_sink {
    arena *a;
    frame_page *page;      /* the page being drawn (frame_sink_begin) */
    arena *scratch;        /* working memory of whoever draws into the sink */
    frame_tag tag;         /* given to every item pushed */
    frame_item *buf;       /* the page's items until frame_sink_end */
    int cap;               /* of buf */
    const image_data **images; /* images copied into `a` (malloc'ed): the parse stage's, then */
    int n_images;              /* their copies, side by side (2 × n_images) */
} frame_sink;

/* Starts drawing `page` (its items until now are dropped). */
void frame_sink_begin(frame_sink *s, frame_page *page);
/* Gives the page its items, in the arena, and copies there what their runs
 * point to (text, parts, image, the image's pixels: one copy an image): the
 * drawer's memory and the earlier stages' may then be freed. */
void frame_sink_end(frame_sink *s);
/* Frees the sink's buffer. */
void frame_sink_free(frame_sink *s);
void frame_sink_text(frame_sink *s, frame_text t);
void frame_sink_rule(frame_sink *s, frame_rule r);

/* Prints the frames as stable text (reportc --dump layout): lengths in pt
 * with three decimals, text as UTF-8. */
void frame_dump(const frame_doc *doc, FILE *out);

/* frame_chars.c: the characters each face of a document draws, for the
 * back ends that embed font subsets. */
typedef struct frame_chars {
    uint32_t *cps;      /* sorted, distinct; malloc'ed: free with frame_chars_free */
    size_t n, cap;
} frame_chars;

/* Fills used[0..doc->n_faces) (zeroed by the caller) with the characters
 * each face draws.  False when a run names no valid face or memory runs out. */
bool frame_chars_by_face(const frame_doc *doc, frame_chars *used);

/* Frees the lists of used[0..n). */
void frame_chars_free(frame_chars *used, int n);

#endif
