/* font_internal.h — the HarfBuzz objects behind a font_face.
 *
 * Internal to the font service: font_face.c and font_subset.c.  Everyone
 * else uses font_face.h and font_subset.h and never sees HarfBuzz. */
#ifndef REPORTC_FONT_INTERNAL_H
#define REPORTC_FONT_INTERNAL_H

#include <hb.h>
#include "font_face.h"

/* Borrowed; lives as long as the face. */
hb_face_t *font_face_hb(const font_face *face);

#endif
