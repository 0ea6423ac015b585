/* frame_chars.c — the characters each face draws (frame.h).
 *
 * A document of a big table draws millions of characters but only a few
 * hundred distinct ones per face: they are marked in a bitmap per Unicode
 * plane (allocated on first use), which lists them sorted and distinct
 * without sorting the millions (a sort of them all was most of the cost). */
#include "frame.h"

#include <stdlib.h>
#include <string.h>

enum { PLANES = 17, PLANE_WORDS = 0x10000 / 64 };

/* The characters of one face seen so far: a bit per code point. */
typedef struct char_set {
    uint64_t *plane[PLANES];
    size_t n;                   /* distinct characters marked */
    uint32_t *beyond;           /* values past U+10FFFF (none come from UTF-8), unsorted */
    size_t n_beyond, cap_beyond;
} char_set;

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static bool mark(char_set *s, uint32_t cp)
{
    if (cp > 0x10FFFF) {
        for (size_t i = 0; i < s->n_beyond; i++)
            if (s->beyond[i] == cp) return true;
        if (s->n_beyond == s->cap_beyond) {
            size_t cap = s->cap_beyond ? 2 * s->cap_beyond : 8;
            uint32_t *more = realloc(s->beyond, cap * sizeof *more);
            if (!more) return false;
            s->beyond = more;
            s->cap_beyond = cap;
        }
        s->beyond[s->n_beyond++] = cp;
        s->n++;
        return true;
    }
    uint64_t **plane = &s->plane[cp >> 16];
    if (!*plane && !(*plane = calloc(PLANE_WORDS, sizeof **plane))) return false;
    uint64_t *word = &(*plane)[(cp & 0xFFFF) >> 6], bit = (uint64_t)1 << (cp & 63);
    if (!(*word & bit)) {
        *word |= bit;
        s->n++;
    }
    return true;
}

/* The marked characters in ascending order into l (replacing its list). */
static bool list(char_set *s, frame_chars *l)
{
    free(l->cps);
    l->cps = malloc((s->n ? s->n : 1) * sizeof *l->cps);
    l->n = 0;
    l->cap = s->n;
    if (!l->cps) return false;
    for (uint32_t p = 0; p < PLANES; p++) {
        if (!s->plane[p]) continue;
        for (uint32_t w = 0; w < PLANE_WORDS; w++)
            for (uint32_t b = 0; b < 64 && s->plane[p][w] >> b; b++)
                if (s->plane[p][w] >> b & 1) l->cps[l->n++] = (p << 16) | (w << 6) | b;
    }
    if (s->n_beyond) {
        qsort(s->beyond, s->n_beyond, sizeof *s->beyond, compare_u32);
        memcpy(l->cps + l->n, s->beyond, s->n_beyond * sizeof *s->beyond);
        l->n += s->n_beyond;
    }
    return true;
}

static void char_set_free(char_set *s)
{
    for (int p = 0; p < PLANES; p++) free(s->plane[p]);
    free(s->beyond);
}

bool frame_chars_by_face(const frame_doc *doc, frame_chars *used)
{
    char_set *sets = calloc(doc->n_faces > 0 ? (size_t)doc->n_faces : 1, sizeof *sets);
    bool ok = sets != NULL;
    for (int p = 0; ok && p < doc->n_pages; p++)
        for (int i = 0; ok && i < doc->pages[p].n_items; i++) {
            const frame_item *it = &doc->pages[p].items[i];
            if (it->kind != FRAME_TEXT || it->u.text.len <= 0) continue;
            int f = it->u.text.face;
            if (f < 0 || f >= doc->n_faces) {
                ok = false;
                break;
            }
            for (int k = 0; ok && k < it->u.text.len; k++) ok = mark(&sets[f], it->u.text.text[k]);
            if (ok && it->u.text.space_after) ok = mark(&sets[f], ' ');   /* drawn too (render/pdf_write.c) */
        }
    for (int f = 0; ok && f < doc->n_faces; f++)
        if (sets[f].n) ok = list(&sets[f], &used[f]);
    for (int f = 0; sets && f < doc->n_faces; f++) char_set_free(&sets[f]);
    free(sets);
    return ok;
}

void frame_chars_free(frame_chars *used, int n)
{
    if (!used) return;
    for (int i = 0; i < n; i++) free(used[i].cps);
}
