/* ofd_font.c — see ofd_font.h. */
#include "ofd_font.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct char_list {
    uint32_t *cps;
    size_t n, cap;
} char_list;

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The characters each face draws, sorted and distinct; false when a run
 * names no valid face or memory runs out. */
static bool collect(const frame_doc *doc, char_list *used)
{
    for (int p = 0; p < doc->n_pages; p++)
        for (int i = 0; i < doc->pages[p].n_items; i++) {
            const frame_item *it = &doc->pages[p].items[i];
            if (it->kind != FRAME_TEXT || it->u.text.len <= 0) continue;
            int f = it->u.text.face;
            if (f < 0 || f >= doc->n_faces) return false;
            char_list *l = &used[f];
            if (l->n + (size_t)it->u.text.len > l->cap) {
                size_t cap = 2 * (l->n + (size_t)it->u.text.len);
                uint32_t *more = realloc(l->cps, cap * sizeof *more);
                if (!more) return false;
                l->cps = more;
                l->cap = cap;
            }
            memcpy(l->cps + l->n, it->u.text.text, (size_t)it->u.text.len * sizeof *l->cps);
            l->n += (size_t)it->u.text.len;
        }
    for (int f = 0; f < doc->n_faces; f++) {
        char_list *l = &used[f];
        if (l->n == 0) continue;
        qsort(l->cps, l->n, sizeof *l->cps, compare_u32);
        size_t k = 1;
        for (size_t i = 1; i < l->n; i++)
            if (l->cps[i] != l->cps[k - 1]) l->cps[k++] = l->cps[i];
        l->n = k;
    }
    return true;
}

ofd_font *ofd_fonts_make(const frame_doc *doc, char *err, size_t errlen)
{
    size_t n = doc->n_faces > 0 ? (size_t)doc->n_faces : 1;
    ofd_font *fonts = calloc(n, sizeof *fonts);
    char_list *used = calloc(n, sizeof *used);
    bool ok = fonts && used;
    if (!ok) snprintf(err, errlen, "out of memory");
    if (ok && !(ok = collect(doc, used))) snprintf(err, errlen, "a text run names no valid face, or out of memory");
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
    if (used)
        for (int f = 0; f < doc->n_faces; f++) free(used[f].cps);
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
