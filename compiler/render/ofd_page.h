/* ofd_page.h — one page's Content.xml (GB/T 33190 §7.7) from its frames.
 *
 * Internal to the OFD writer.  Every frame item becomes one graphic unit in
 * one layer, in the frames' order (the order the PDF draws them): a seal's
 * image as an ImageObject, a text run as a TextObject whose glyph origins
 * are where the PDF puts them, a rule as a PathObject. */
#ifndef REPORTC_OFD_PAGE_H
#define REPORTC_OFD_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/frame.h"
#include "ofd_xml.h"

/* What a page refers to, and the document's one ID counter. */
typedef struct ofd_refs {
    const frame_doc *doc;
    const unsigned *font_id;           /* per face of doc; 0: not embedded */
    const image_data *const *images;   /* the distinct images */
    const unsigned *image_id;          /* their MultiMedia IDs */
    int n_images;
    unsigned next_id;                  /* the last ID issued */
} ofd_refs;

/* Millimetres × 1000 (micrometres) of a length in millipoints, rounded. */
long long ofd_um(double mpt);

/* Writes page p's Content.xml into x.  False with a reason in err (a run
 * whose face has no font: a broken invariant). */
bool ofd_page_write(ofd_refs *r, const frame_page *p, ofd_xml *x, char *err, size_t errlen);

#endif
