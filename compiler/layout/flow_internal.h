/* flow_internal.h — shared by the layout stage's flow files; not for use
 * outside them.  The calls go one way:
 *   layout.c       the entry: blocks to lines, lines to pages, pages to frames
 *   flow_blocks.c  each kind of block as lines (headings, signature, tables …)
 *   paginate.c     lines to pages, and the frames of each page
 *   flow_page.c    what every page carries: page number, running text
 *   flow_lines.c   the lines themselves: paragraphs set on the grid
 * layout.c → flow_blocks.c, paginate.c; paginate.c → flow_page.c;
 * flow_blocks.c, flow_page.c → flow_lines.c. */
#ifndef REPORTC_FLOW_INTERNAL_H
#define REPORTC_FLOW_INTERNAL_H

#include <stdbool.h>

#include "layout.h"
#include "table_layout.h"
#include "text_prepare.h"
#include "text_runs.h"

/* Lines hang from the top of their grid slot: the top of the ideographic em
 * box (EM_BOX_ASCENT_PER_MILLE, text_runs.h) sits on the slot's top edge, so
 * the first line of a page starts at the 版心's top (GB/T 9704 §5.2.1). */

typedef struct line {
    bool blank;              /* an empty grid line (spacing) */
    bool break_ok_before;    /* a page may start with this line */
    bool page_break_before;  /* a page must start with this line */
    mpt_t ascent;            /* baseline below the slot's top */
    int slots;               /* grid lines it takes: more than one for large type */
    frame_text *runs;        /* y = 0 until paginated */
    int n_runs;
    int block;               /* the model block it comes from */
    int sub;                 /* frame_tag.sub: which note or attachment title */
    int outline_level;       /* > 0: a heading starts here */
    const char *outline_title;
    const table_plan *table; /* a table row instead of text: off the line grid */
    int table_row;
    mpt_t height;            /* of a table row */
} line;

enum { ROLE_UNRESOLVED = -2, ROLE_FAILED = -1 };

/* The font-set role of every text style, resolved once. */
typedef struct roles {
    int body, title, heading[4], signature, page_number, table, caption, notes, attachment_label, attachment_title,
        running[2];
} roles;

typedef struct flow {
    arena *a;                /* the lines and table plans: freed when the frames are made */
    arena *out;              /* the frames, the stage's output */
    arena scratch;           /* working memory of one table at a time */
    diag *d;
    const style *st;
    const fontset *fonts;
    text_prep tp;
    roles r;
    line *lines;
    int n_lines, cap_lines;
    int block;               /* the block being set */
    int sub;                 /* its note or title being set (frame_tag.sub) */
    bool keep_next;          /* the next line must stay with the previous one */
    bool force_break;        /* the next line starts a page */
    bool ok;
} flow;

/* A page of the document: lines [first, end). */
typedef struct page_span {
    int first, end;
} page_span;

/* ---- flow_lines.c ---- */
/* Resolves a style's font role once (cached in *slot); < 0 on failure. */
int flow_role(flow *f, const text_style *ts, int *slot);
/* A new line, keeping with the previous one when f->keep_next is set. */
line *flow_new_line(flow *f);
/* `count` empty grid lines; `keep`: kept with what precedes them. */
void flow_blank_lines(flow *f, int count, bool keep);
/* Sets line l to items[start,end) from x, `extra` at every stretchable gap. */
void flow_set_runs(flow *f, line *l, const text_item *items, int start, int end, mpt_t x, mpt_t extra);
/* Lays out a paragraph-like block in style ps; returns its first line's
 * index (f->n_lines when it made none: after an internal error). */
int flow_paragraph(flow *f, const text_span *spans, int n_spans, const text_style *ps);
text_span flow_span(model_text t, int role, mpt_t size);
/* The same, as part `part` (frame_part) of its block. */
text_span flow_part(model_text t, int role, mpt_t size, frame_part part);
/* A text of the compiler's own (numbers, labels) at pos. */
model_text flow_literal(flow *f, const char *s, src_pos pos);

/* ---- flow_blocks.c ---- */
/* Every block of doc as lines. */
void flow_blocks(flow *f, const model_doc *doc);

/* ---- flow_page.c ---- */
void flow_page_number(flow *f, frame_sink *sink, int number);
void flow_running_text(flow *f, frame_sink *sink, int which, int number, const model_meta *meta);

/* ---- paginate.c ---- */
/* Assigns f's lines to pages; top[i] is line i's top below the text
 * block's top, or -1 when dropped.  Returns the number of pages (*out in f->a). */
int paginate_lines(flow *f, const model_doc *doc, mpt_t *top, page_span **out);
/* The frames of the pages. */
void paginate_frames(flow *f, const model_doc *doc, const mpt_t *top, const page_span *spans, int n_pages,
                     frame_doc *out);

#endif
