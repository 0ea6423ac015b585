/* flow_internal.h — shared by the layout stage's flow files: flow.c (lines,
 * paragraphs, pagination, the frames), flow_blocks.c (headings, tables,
 * signature, attachments as lines), flow_page.c (page numbers and running
 * text).  Not for use outside them. */
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
    int outline_level;       /* > 0: a heading starts here */
    const char *outline_title;
    const table_plan *table; /* a table row instead of text: off the line grid */
    int table_row;
    mpt_t height;            /* of a table row */
} line;

enum { ROLE_UNRESOLVED = -2, ROLE_FAILED = -1 };

typedef struct flow {
    arena *a;
    arena scratch;           /* working memory of one table at a time */
    diag *d;
    const style *st;
    const fontset *fonts;
    text_prep tp;
    line *lines;
    int n_lines, cap_lines;
    bool keep_next;          /* the next line must stay with the previous one */
    bool force_break;        /* the next line starts a page */
    bool ok;
} flow;

typedef struct roles {
    int body, title, heading[4], signature, page_number, table, caption, notes, attachment_label, attachment_title,
        running[2];
} roles;

/* ---- flow.c ---- */
/* Resolves a style's font role once (cached in *slot); < 0 on failure. */
int role_of(flow *f, const text_style *ts, int *slot);
/* A new line, keeping with the previous one when f->keep_next is set. */
line *new_line(flow *f);
/* `count` empty grid lines; `keep`: kept with what precedes them. */
void blank_lines(flow *f, int count, bool keep);
/* Sets line l to items[start,end) from x, `extra` at every stretchable gap. */
void build_runs(flow *f, line *l, const text_item *items, int start, int end, mpt_t x, mpt_t extra);
/* Lays out a paragraph-like block in style ps; returns its first line's index. */
int emit_paragraph(flow *f, const text_span *spans, int n_spans, const text_style *ps);
text_span span_of(model_text t, int role, mpt_t size);
/* A text of the compiler's own (numbers, labels) at pos. */
model_text literal(flow *f, const char *s, src_pos pos);

/* ---- flow_blocks.c ---- */
void emit_heading(flow *f, roles *r, const model_block *b);
void emit_signature(flow *f, roles *r, const model_block *b);
void emit_table(flow *f, roles *r, const model_block *b);
void emit_attachment_note(flow *f, roles *r, const model_block *b);
void emit_attachment(flow *f, roles *r, const model_block *b);

/* ---- flow_page.c ---- */
void add_page_number(flow *f, roles *r, frame_sink *sink, int number);
void add_running_text(flow *f, roles *r, frame_sink *sink, int which, int number, const model_meta *meta);

#endif
