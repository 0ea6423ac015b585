/* style.h — a layout (layouts/NAME.yaml) as the numbers the later stages use.
 *
 * Plain data, the parse stage's reading of a layout file (parse_layout.c).
 * No style number lives in C code: every value here comes from the layout
 * file, the layouts it extends (layouts/base.yaml gives every one), or the
 * report's overrides.  Lengths are millipoints. */
#ifndef REPORTC_STYLE_H
#define REPORTC_STYLE_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/units.h"

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT, ALIGN_JUSTIFY } text_align;

/* The layout words for text_align, NULL-terminated. */
extern const char *const style_align_names[];

/* How one kind of line looks: a title, a heading level, body text.  A style
 * that gives no font or size takes the body's. */
typedef struct text_style {
    const char *font_role;     /* a role of fonts/fonts.yaml: "fangsong", "hei" … */
    src_pos font_role_pos;     /* where the role was named, for diagnostics */
    mpt_t size;
    text_align align;
    int first_line_indent;     /* in characters of this style's size */
    int lines_before, lines_after; /* blank grid lines around the block */
    int max_stretch_permille;  /* justify: most extra space between two characters,
                                  in 1/1000 em; a looser line is set flush left; 0 = no limit */
    int preferred_stretch_permille; /* justify: lines looser than this (1/1000 em between two
                                  characters) only where no set of breaks avoids them */
    const char *numbering;     /* headings: "{一}、", "（{一}）", "{1}.", "（{1}）"; NULL = none */
} text_style;

typedef enum { SIDE_LEFT, SIDE_CENTER, SIDE_RIGHT } page_side;

/* clreq §2, the usual named schemes: 全角 (every mark 1 em, two adjacent
 * marks 1½ em), 开明 (。？！ 1 em, the other marks ½ em), 半角 (every mark
 * ½ em), or none (no adjustment at all). */
typedef enum { PUNCT_NONE, PUNCT_QUANJIAO, PUNCT_KAIMING, PUNCT_BANJIAO } punct_style;

/* How the table width solver weighs a table's height against broken labels
 * (layout/table_widths.c): cost = height × height_weight + line pitch ×
 * (every extra line of a body label × body_break + of a header label ×
 * head_break + a lone last character × lone_char). */
typedef struct table_solver_style {
    int short_label;                    /* labels of at most this many characters stay whole */
    int label_line;                     /* longer labels get at least this many a line, where they can */
    int height_weight, body_break, head_break, lone_char;
} table_solver_style;

/* How tables look (layout key `table`). */
typedef struct table_style {
    text_style cell;                    /* font and size of every cell */
    text_style caption;                 /* above the table; align, lines-before */
    text_style notes;                   /* under the table */
    int line_height_permille;           /* cell line pitch, of the cell size */
    mpt_t padding_x, padding_y;         /* inside every cell */
    mpt_t rule_width, frame_width;      /* inner rules, outer frame */
    mpt_t space_after;                  /* least gap between the table and the next line */
    text_align head_align;              /* column headers and the corner */
    text_align row_head_align;          /* row headers */
    text_align text_align;              /* text in data cells */
    text_align number_align;            /* a column's block of decimal-aligned numbers */
    const char *continued;              /* label over a continued table ("续表"), or NULL */
    text_align continued_align;
    int continued_height_permille;      /* the band the label takes, of the caption size */
    int grown_row_cost_permille;        /* a point a continued row group grows, in points of white space */
    table_solver_style solver;
} table_style;

typedef struct style {
    const char *name;
    mpt_t page_width, page_height;
    mpt_t margin_top, margin_left;      /* GB/T 9704 §5.2.1: 天头, 订口 */
    mpt_t text_width, text_height;      /* 版心 */
    int lines_per_page;                 /* the line grid: pitch = text_height / lines */
    mpt_t line_pitch;                   /* derived */

    const char *language;               /* the document language when meta gives none */
    int utc_offset_minutes;             /* the time zone of dates (PDF and XMP) */
    const char *utc_offset;             /* as written: "+08:00" */

    text_style body, title;
    text_style heading[4];              /* levels 1–4 */

    text_style page_number;
    const char *page_number_format;     /* "— {1} —"; NULL: no page numbers */
    mpt_t page_number_below_text;       /* text block bottom to the number's centre line */
    page_side page_number_odd, page_number_even;
    int page_number_inset;              /* characters (of body size) in from the edge */

    /* Optional running text above and below the text block, besides the
       page number: {title}, {author} and {1} (the page number) are filled in. */
    text_style running[2];              /* 0: header, 1: footer; align */
    const char *running_text[2];        /* NULL: none */
    src_pos running_text_pos[2];
    mpt_t running_distance[2];          /* text block edge to the text's centre line */

    text_style signature;               /* lines_before; font; size */
    int signature_right_inset;          /* chars between issuer and the right edge (§7.3.5.2) */
    int signature_date_offset;          /* date starts this many chars right of the issuer */
    int signature_seal_right_inset;     /* with a seal: chars between the date and the right edge (§7.3.5.1) */
    mpt_t signature_seal_size;          /* width of the seal image; 0: none given */
    int signature_seal_raise_permille;  /* the seal's centre above the middle of issuer and date, in characters */
    const char *date_format;            /* "{y}年{m}月{d}日" */

    table_style table;

    /* GB/T 9704 §7.3.4, §7.3.7: attachments. */
    text_style attachment_label;        /* "附件1": on the attachment's first line */
    text_style attachment_title;        /* centred under it */
    const char *attachment_label_format;/* "附件{1}" ({1}: the number; none for a single one) */
    const char *attachment_note;        /* "附件：", before the titles under the body */
    int attachment_note_lines_before;   /* blank lines between the body and the note */
    int attachment_note_indent;         /* characters before "附件：" */
    const char *attachment_note_number; /* "{1}.": the titles' numbers when there are several */

    int cjk_latin_space_permille;       /* gap between Han and Latin/digits, 1/1000 em */
    int cjk_latin_space_min_permille;   /* … as far as a line may compress it (clreq §3) */
    int cjk_latin_space_max_permille;   /* … as far as justification stretches it first */
    int punctuation;                    /* punct_style: how full-width marks are set */
    bool line_end_squeeze;              /* a line-end mark may be set half width to fit */
    int min_line_height_permille;       /* type whose em × this exceeds the line pitch takes
                                           several grid lines; 1/1000 */
    int bold_stroke_permille;           /* synthetic bold: outline stroke, 1/1000 em */
} style;

#endif
