/* font_face_hb.h — the HarfBuzz objects behind a font_face.
 *
 * Internal: only pdf_font.c includes this (it subsets the face).  Everyone
 * else uses font_face.h and never sees HarfBuzz. */
#ifndef REPORTC_FONT_FACE_HB_H
#define REPORTC_FONT_FACE_HB_H

#include <hb.h>
#include "font_face.h"

/* Borrowed; lives as long as the face. */
hb_face_t *font_face_hb(const font_face *face);

#endif
