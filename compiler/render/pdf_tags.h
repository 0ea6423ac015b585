/* pdf_tags.h — tagged PDF: the structure tree of the frames' blocks and the
 * marked content of the page streams, which libharu 2.3.0 cannot write.
 *
 * The tree is built from frame_doc.blocks in their logical order before
 * anything is drawn (Document → Title, H1…H4 with Lbl, P, Table with
 * Caption/THead/TBody/TR/TH/TD, Figure, Sect for attachments).  While a page
 * is drawn, each item is put into a marked-content sequence of its element
 * (BDC with an MCID) or an artifact; consecutive items of one element share
 * one sequence.  At the end the elements, the ParentTree and the catalog's
 * /StructTreeRoot and /MarkInfo are added; the elements are written
 * compactly by a libharu write hook (their bytes are most of the cost). */
#ifndef REPORTC_PDF_TAGS_H
#define REPORTC_PDF_TAGS_H

#include <stdbool.h>

#include <hpdf.h>

#include "layout/frame.h"
#include "pdf_content.h"

typedef struct pdf_tags pdf_tags;

/* The elements of doc's blocks; NULL when out of memory. */
pdf_tags *pdf_tags_new(const frame_doc *doc);

/* What is drawn next on page `page` (0-based): an item with tag `tag`, of
 * part `part` (frame_part; a text piece), or a rule, or a run's image.  Opens
 * the marked-content sequence it belongs in unless it is already open.
 * Written into the page's content c.  Call it only outside a path; close
 * before BT or ET. */
bool pdf_tags_mark(pdf_tags *t, pdf_content *c, int page_index, const frame_tag *tag, int part, bool rule,
                   bool image);

/* Ends the open sequence, if any (before BT, ET, and at the page's end). */
bool pdf_tags_close(pdf_tags *t, pdf_content *c);

/* After every page is drawn: the element objects, the ParentTree, each
 * page's /StructParents, the catalog's /StructTreeRoot and /MarkInfo. */
bool pdf_tags_finish(pdf_tags *t, HPDF_Doc pdf, HPDF_Page *pages, int n_pages);

/* Frees t (after the file is saved: the elements are written from it). */
void pdf_tags_free(pdf_tags *t);

#endif
