/* ofd_font.c — see ofd_font.h. */
#include "ofd_font.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ofd_font *ofd_fonts_make(const frame_doc *doc, char *err, size_t errlen)
{
    size_t n = doc->n_faces > 0 ? (size_t)doc->n_faces : 1;
    ofd_font *fonts = calloc(n, sizeof *fonts);
    frame_chars *used = calloc(n, sizeof *used);
    bool ok = fonts && used;
    if (!ok) snprintf(err, errlen, "out of memory");
    if (ok && !(ok = frame_chars_by_face(doc, used))) snprintf(err, errlen, "a text run names no valid face, or out of memory");
    for (int f = 0; ok && f < doc->n_faces; f++) {
        if (!used[f].n) continue;
        const font_face *face = doc->faces[f];
        const char *why = NULL;
        if (used[f].n > FONT_MAX_CHARS) {
            snprintf(err, errlen, "%zu distinct characters in one font; the limit is %d (font %s)", used[f].n,
                     FONT_MAX_CHARS, font_face_path(face));
            ok = false;
        } else if (!font_subset_make_unicode(face, used[f].cps, (unsigned)used[f].n, &fonts[f].sub, &why)) {
            snprintf(err, errlen, "%s (font %s, face %u)", why, font_face_path(face), font_face_index(face));
            ok = false;
        } else {
            fonts[f].used = true;
            fonts[f].family = font_face_family(face);
            fonts[f].name = font_face_postscript_name(face);
            if (!fonts[f].name) fonts[f].name = fonts[f].family;
        }
    }
    frame_chars_free(used, doc->n_faces);
    free(used);
    if (!ok) {
        ofd_fonts_free(fonts, doc->n_faces);
        return NULL;
    }
    return fonts;
}

void ofd_fonts_free(ofd_font *fonts, int n)
{
    if (!fonts) return;
    for (int f = 0; f < n; f++) font_subset_free(&fonts[f].sub);
    free(fonts);
}
