/* ofd_font.h — the OFD writer's fonts: one subset per face used.
 *
 * Internal to the OFD writer.  The same hb-subset cut as the PDF's
 * (font/font_subset.h), but with HarfBuzz's own Unicode cmap: an OFD
 * reader maps each TextCode character through the embedded font's cmap
 * (GB/T 33190 §11.3), so the PDF's private codes cannot serve.  The face's
 * names go into PublicRes.xml (some readers go by name alone). */
#ifndef REPORTC_OFD_FONT_H
#define REPORTC_OFD_FONT_H

#include <stdbool.h>
#include <stddef.h>

#include "font/font_subset.h"
#include "layout/frame.h"

typedef struct ofd_font {
    bool used;
    font_subset sub;        /* the subset file (sub.file, sub.len) */
    const char *name;       /* PostScript name, else the family (borrowed from the face) */
    const char *family;     /* family name (borrowed) */
} ofd_font;

/* Subsets every face `doc` draws with: out[f] for face f (doc->n_faces
 * entries, malloc'd; free with ofd_fonts_free).  NULL with a reason in err. */
ofd_font *ofd_fonts_make(const frame_doc *doc, char *err, size_t errlen);

void ofd_fonts_free(ofd_font *fonts, int n);

#endif
