/* font_face.h — one TrueType face, opened through HarfBuzz.
 *
 * The font service (font/): the only files that include HarfBuzz.  Layout
 * asks a face which characters it has and how wide they are; the back end
 * asks for a subset of it (font_subset.h).  Neither sees HarfBuzz. */
#ifndef REPORTC_FONT_FACE_H
#define REPORTC_FONT_FACE_H

#include <stdbool.h>
#include <stdint.h>

#include "parse/font_config.h"

typedef struct font_face font_face;

/* Opens face `index` (0 for a plain .ttf, the member of a .ttc) of the
 * TrueType file `file` (mapped by the parse stage; it must stay mapped
 * while the face lives).  Returns NULL when it is not a font, has no such
 * index, or has CFF outlines (libharu 2.3.0 embeds only glyf TrueType);
 * then *why (if non-NULL) points to a static English reason.  The caller
 * owns the result: free it with font_face_free. */
font_face *font_face_open(const font_file *file, unsigned index, const char **why);

/* Frees a face from font_face_open; NULL is allowed. */
void font_face_free(font_face *face);

/* True when the face's cmap maps `cp` (any plane) to a glyph other than 0. */
bool font_face_has_char(const font_face *face, uint32_t cp);

/* Horizontal advance of `cp` in 1/1000 em, truncated toward zero exactly as
 * libharu 2.3.0 computes the /W widths (trunc(advance * 1000 / upem)), so
 * what layout measures is what viewers advance.  0 when the face lacks cp. */
int font_face_advance_milli_em(const font_face *face, uint32_t cp);

/* The file the face came from, and its index (borrowed; lives with the face). */
const char *font_face_path(const font_face *face);
unsigned font_face_index(const font_face *face);

/* The face's family name from the `name` table (UTF-8; borrowed), or the
 * file's base name when it has none. */
const char *font_face_family(const font_face *face);

/* The face's PostScript name (name ID 6; borrowed), or NULL when it has none. */
const char *font_face_postscript_name(const font_face *face);

#endif
