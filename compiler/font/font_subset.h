/* font_subset.h — a face cut down to the characters a document uses.
 *
 * The font service's second job (after measuring, font_face.h): the back
 * end embeds the subset.  HarfBuzz's hb-subset does the cutting; the cmap
 * is replaced by one mapping `code_first + i` to the glyph of the i-th
 * character, so that a PDF writer can draw with small codes of its own. */
#ifndef REPORTC_FONT_SUBSET_H
#define REPORTC_FONT_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "font_face.h"

/* The most distinct characters one face may draw in one document: the codes
 * code_first + i stay below the UTF-16 surrogates (and within the size of
 * the BMP's private-use area, where they once were). */
#define FONT_MAX_CHARS 6400

typedef struct font_glyph {
    uint32_t cp;          /* the character */
    uint32_t gid;         /* its glyph in the subset (0: the face lacks it) */
} font_glyph;

typedef struct font_subset {
    uint8_t *file;        /* the subset font file (TrueType), malloc'd */
    size_t len;
    font_glyph *glyphs;   /* the characters in new-glyph order, malloc'd */
    unsigned n;
    unsigned n_glyphs;    /* glyphs in the subset, .notdef included */
} font_subset;

/* Subsets `face` to cps[0..n) (ascending, distinct, n ≤ FONT_MAX_CHARS).
 * False with a static reason in *why on failure. */
bool font_subset_make(const font_face *face, const uint32_t *cps, unsigned n, uint32_t code_first, font_subset *out,
                      const char **why);

/* The same subset with HarfBuzz's own Unicode cmap ((3,1) format 4 and,
 * for characters beyond U+FFFF, (3,10) format 12) instead of ours: for
 * formats whose readers map text through the embedded font (OFD). */
bool font_subset_make_unicode(const font_face *face, const uint32_t *cps, unsigned n, font_subset *out,
                              const char **why);

/* Frees what font_subset_make allocated; a zeroed subset is fine. */
void font_subset_free(font_subset *s);

#endif
