/* frame_chars.c — the characters each face draws (frame.h). */
#include "frame.h"

#include <stdlib.h>
#include <string.h>

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

bool frame_chars_by_face(const frame_doc *doc, frame_chars *used)
{
    for (int p = 0; p < doc->n_pages; p++)
        for (int i = 0; i < doc->pages[p].n_items; i++) {
            const frame_item *it = &doc->pages[p].items[i];
            if (it->kind != FRAME_TEXT || it->u.text.len <= 0) continue;
            int f = it->u.text.face;
            if (f < 0 || f >= doc->n_faces) return false;
            frame_chars *l = &used[f];
            if (l->n + (size_t)it->u.text.len + 1 > l->cap) {
                size_t cap = 2 * (l->n + (size_t)it->u.text.len + 1);
                uint32_t *more = realloc(l->cps, cap * sizeof *more);
                if (!more) return false;
                l->cps = more;
                l->cap = cap;
            }
            memcpy(l->cps + l->n, it->u.text.text, (size_t)it->u.text.len * sizeof *l->cps);
            l->n += (size_t)it->u.text.len;
            if (it->u.text.space_after) l->cps[l->n++] = ' ';   /* drawn too (render/pdf_write.c) */
        }
    for (int f = 0; f < doc->n_faces; f++) {
        frame_chars *l = &used[f];
        if (l->n == 0) continue;
        qsort(l->cps, l->n, sizeof *l->cps, compare_u32);
        size_t k = 1;
        for (size_t i = 1; i < l->n; i++)
            if (l->cps[i] != l->cps[k - 1]) l->cps[k++] = l->cps[i];
        l->n = k;
    }
    return true;
}

void frame_chars_free(frame_chars *used, int n)
{
    if (!used) return;
    for (int i = 0; i < n; i++) free(used[i].cps);
}
