/* font_subset.c — hb-subset with a cmap of our own (font_subset.h).
 *
 * Per face used: hb-subset keeps only the glyphs of the characters drawn
 * (and the components of composite glyphs), no hinting, a .notdef outline
 * (so that a missing character shows a box rather than a blank); the cmap
 * is ours: one format-4 segment from code_first, in new-glyph order, so that
 * the codes a PDF writer uses stay few and consecutive. */
#include "font_subset.h"
#include "font_internal.h"

#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

static int cmp_entry(const void *a, const void *b)
{
    const font_glyph *x = a, *y = b;
    if (x->gid != y->gid) return x->gid < y->gid ? -1 : 1;
    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* A cmap table with one (3,1) format-4 subtable of two segments:
 * code_first..code_first+n-1 and the 0xFFFF terminator.  When the glyphs are
 * consecutive one idDelta does; otherwise (a character without a glyph, two
 * characters on one glyph, composite-only glyphs between them) the segment
 * goes through glyphIdArray. */
static hb_blob_t *build_cmap(const font_glyph *e, unsigned n, uint32_t code_first)
{
    bool consecutive = e[0].gid != 0;
    for (unsigned i = 1; i < n && consecutive; i++) consecutive = e[i].gid == e[0].gid + i;
    unsigned sub_len = 32 + (consecutive ? 0 : 2 * n);
    unsigned len = 12 + sub_len;
    uint8_t *b = calloc(1, len);
    if (!b) return NULL;
    put16(b + 0, 0);      /* version */
    put16(b + 2, 1);      /* numTables */
    put16(b + 4, 3);      /* platform: Windows */
    put16(b + 6, 1);      /* encoding: Unicode BMP (libharu reads only this) */
    b[8] = b[9] = b[10] = 0;
    b[11] = 12;           /* offset of the subtable */
    uint8_t *s = b + 12;
    put16(s + 0, 4);                                     /* format */
    put16(s + 2, sub_len);                               /* length */
    put16(s + 4, 0);                                     /* language */
    put16(s + 6, 4);                                     /* segCountX2 */
    put16(s + 8, 4);                                     /* searchRange */
    put16(s + 10, 1);                                    /* entrySelector */
    put16(s + 12, 0);                                    /* rangeShift */
    put16(s + 14, code_first + n - 1); put16(s + 16, 0xFFFF); /* endCode */
    put16(s + 18, 0);                                    /* reservedPad */
    put16(s + 20, code_first); put16(s + 22, 0xFFFF);     /* startCode */
    put16(s + 24, consecutive ? (e[0].gid - code_first) & 0xFFFF : 0);
    put16(s + 26, 1);                                    /* idDelta: FFFF → 0 */
    put16(s + 28, consecutive ? 0 : 4);                  /* idRangeOffset → glyphIdArray */
    put16(s + 30, 0);
    if (!consecutive)
        for (unsigned i = 0; i < n; i++) put16(s + 32 + 2 * i, e[i].gid);
    return hb_blob_create((const char *)b, len, HB_MEMORY_MODE_WRITABLE, b, free);
}

/* Subsets `face` to the characters of `used` and returns the font file with
 * our cmap; fills e[0..n) (n = |used|) sorted by new glyph id. */
static hb_blob_t *subset(const font_face *f, const hb_set_t *used, font_glyph *e, unsigned n, unsigned *n_glyphs,
                         uint32_t code_first, bool unicode_cmap)
{
    hb_face_t *face = font_face_hb(f);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) return NULL;
    hb_set_union(hb_subset_input_unicode_set(in), used);
    /* NOTDEF_OUTLINE: a missing character shows the font's .notdef box rather
     * than a silent blank. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    /* Keep only what libharu reads and embeds; drop cmap too, ours replaces
     * it (the plan still maps through the source cmap). */
    static const hb_tag_t keep[] = {
        HB_TAG('O', 'S', '/', '2'), HB_TAG('g', 'l', 'y', 'f'), HB_TAG('h', 'e', 'a', 'd'),
        HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('l', 'o', 'c', 'a'),
        HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
    };
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_tag_t tags[32];
    unsigned start = 0, count;
    do {
        count = sizeof tags / sizeof tags[0];
        hb_face_get_table_tags(face, start, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            bool kept = false;
            for (unsigned k = 0; k < sizeof keep / sizeof keep[0]; k++) kept |= tags[i] == keep[k];
            if (!kept) hb_set_add(drop, tags[i]);
        }
        start += count;
    } while (count == sizeof tags / sizeof tags[0]);
    /* With unicode_cmap, HarfBuzz's own cmap stays (format 4 and, beyond
     * U+FFFF, format 12): readers that map text through the font need it. */
    if (unicode_cmap) hb_set_del(drop, HB_TAG('c', 'm', 'a', 'p'));
    else hb_set_add(drop, HB_TAG('c', 'm', 'a', 'p'));

    hb_blob_t *out = NULL;
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(face, in);
    hb_subset_input_destroy(in);
    if (!plan) return NULL;
    const hb_map_t *uni_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
    const hb_map_t *old_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    for (unsigned i = 0; hb_set_next(used, &cp); i++) {
        hb_codepoint_t old = hb_map_get(uni_old, cp);
        hb_codepoint_t gid = old == HB_MAP_VALUE_INVALID ? 0 : hb_map_get(old_new, old);
        e[i].cp = cp;
        e[i].gid = gid == HB_MAP_VALUE_INVALID ? 0 : gid;
    }
    /* hb-subset 6.0 keeps old-gid order, so codes are handed out in new-gid
     * order to keep the cmap a single delta where possible. */
    qsort(e, n, sizeof *e, cmp_entry);

    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    if (sub) {
        *n_glyphs = hb_face_get_glyph_count(sub);
        if (unicode_cmap) {
            out = hb_face_reference_blob(sub);
        } else {
            hb_blob_t *cmap = build_cmap(e, n, code_first);
            /* The face hb-subset returns is a face builder, so add_table works. */
            if (cmap && hb_face_builder_add_table(sub, HB_TAG('c', 'm', 'a', 'p'), cmap))
                out = hb_face_reference_blob(sub);
            hb_blob_destroy(cmap);
        }
        hb_face_destroy(sub);
    }
    hb_subset_plan_destroy(plan);
    if (out && hb_blob_get_length(out) == 0) {
        hb_blob_destroy(out);
        out = NULL;
    }
    return out;
}

static bool make(const font_face *face, const uint32_t *cps, unsigned n, uint32_t code_first, bool unicode_cmap,
                 font_subset *out, const char **why)
{
    memset(out, 0, sizeof *out);
    if (n == 0 || n > FONT_MAX_CHARS) {
        *why = "no characters, or more than a face can hold";
        return false;
    }
    hb_set_t *used = hb_set_create();
    for (unsigned i = 0; i < n; i++) hb_set_add(used, cps[i]);
    out->glyphs = malloc(n * sizeof *out->glyphs);
    hb_blob_t *file = NULL;
    if (hb_set_allocation_successful(used) && out->glyphs)
        file = subset(face, used, out->glyphs, n, &out->n_glyphs, code_first, unicode_cmap);
    hb_set_destroy(used);
    unsigned len = 0;
    const char *data = file ? hb_blob_get_data(file, &len) : NULL;
    if (data && (out->file = malloc(len))) {
        memcpy(out->file, data, len);
        out->len = len;
        out->n = n;
    }
    hb_blob_destroy(file);
    if (!out->file) {
        *why = "HarfBuzz could not subset the font (or out of memory)";
        font_subset_free(out);
        return false;
    }
    return true;
}

bool font_subset_make(const font_face *face, const uint32_t *cps, unsigned n, uint32_t code_first, font_subset *out,
                      const char **why)
{
    return make(face, cps, n, code_first, false, out, why);
}

bool font_subset_make_unicode(const font_face *face, const uint32_t *cps, unsigned n, font_subset *out,
                              const char **why)
{
    return make(face, cps, n, 0, true, out, why);
}

void font_subset_free(font_subset *s)
{
    free(s->file);
    free(s->glyphs);
    memset(s, 0, sizeof *s);
}
