/* font_face.c — one TrueType face through HarfBuzz (see font_face.h).
 *
 * Opening is cheap on purpose: the file is mapped by the parse stage and
 * only the table directory, head, and name are read here; glyph data is
 * touched later, by the cmap/hmtx lookups of layout and by hb-subset
 * (font_subset.c). */
#define _POSIX_C_SOURCE 200809L
#include "font_face.h"
#include "font_internal.h"

#include <hb-ot.h>

#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"

/* What the face answered for the characters asked about lately.  Layout
 * asks about every character it prepares, which face has it and then how
 * wide it is, and a report is mostly the same few hundred characters over
 * and over: each answer from HarfBuzz costs a cmap search (two for the
 * width: glyph, then advance).  A slot per hash of the character; a
 * collision only asks HarfBuzz again. */
enum { CHAR_SLOT_BITS = 12, CHAR_SLOTS = 1 << CHAR_SLOT_BITS };

typedef struct char_answer {
    uint32_t key;      /* the character + 1; 0: an empty slot */
    uint32_t glyph;    /* 0: the face lacks it */
    int advance;       /* in 1/1000 em, as font_face_advance_milli_em */
} char_answer;

struct font_face {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;   /* scale = upem, so advances are in font units */
    unsigned upem;
    unsigned index;
    char *path;
    char *family;
    char *postscript; /* may be NULL */
    char_answer *answers; /* CHAR_SLOTS of them */
};

/* Family name (name ID 1) in UTF-8: English if present, else any language.
 * Returns a malloc'd string or NULL. */
static char *read_name(hb_face_t *face, hb_ot_name_id_t id)
{
    hb_language_t lang = hb_language_from_string("en", -1);
    unsigned len = hb_ot_name_get_utf8(face, id, lang, NULL, NULL);
    if (len == 0) {
        /* No English record: take the first record of any language. */
        unsigned n = 0;
        const hb_ot_name_entry_t *e = hb_ot_name_list_names(face, &n);
        for (unsigned i = 0; i < n; i++)
            if (e[i].name_id == id) {
                lang = e[i].language;
                len = hb_ot_name_get_utf8(face, id, lang, NULL, NULL);
                break;
            }
    }
    if (len == 0) return NULL;
    char *s = malloc(len + 1);
    if (!s) return NULL;
    unsigned size = len + 1; /* in: buffer size incl. NUL; out: length */
    hb_ot_name_get_utf8(face, id, lang, &size, s);
    s[size < len ? size : len] = '\0';
    return s;
}

static unsigned table_length(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *t = hb_face_reference_table(face, tag);
    unsigned len = hb_blob_get_length(t);
    hb_blob_destroy(t);
    return len;
}

/* The table directory of face `index` (OpenType §"Organization of an
 * OpenType font"; a collection's header first): every table inside the
 * file, and the tables a TrueType face needs present.  HarfBuzz clamps a
 * table that runs past the end of the file to what is there, so a file
 * cut short (an interrupted copy) would fail only when subset, as an
 * internal error.  NULL when sound, else why not. */
static const char *check_directory(const uint8_t *d, size_t len, unsigned index)
{
    static const char cut[] = "the file is cut short or damaged (its table directory points past its end)";
    size_t at = 0;
    if (len >= 12 && memcmp(d, "ttcf", 4) == 0) {
        if (index >= bytes_be32(d + 8) || 12 + 4 * (size_t)index + 4 > len) return cut;
        at = bytes_be32(d + 12 + 4 * (size_t)index);
    }
    if (at > len || len - at < 12) return cut;
    unsigned n = bytes_be16(d + at + 4);
    if ((len - at - 12) / 16 < n) return cut;
    /* glyf is checked after (a CFF font gets its own message). */
    static const char needed[][5] = { "cmap", "head", "hhea", "hmtx", "maxp" };
    bool present[5] = { false };
    for (unsigned i = 0; i < n; i++) {
        const uint8_t *rec = d + at + 12 + 16 * (size_t)i;
        uint64_t off = bytes_be32(rec + 8), length = bytes_be32(rec + 12);
        if (off + length > len) return cut;
        for (int k = 0; k < 5; k++)
            if (memcmp(rec, needed[k], 4) == 0) present[k] = true;
    }
    for (int k = 0; k < 5; k++)
        if (!present[k]) return "a table every font needs (cmap, head, hhea, hmtx or maxp) is missing";
    return NULL;
}

static char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return strdup(b ? b + 1 : path);
}

font_face *font_face_open(const font_file *file, unsigned index, const char **why)
{
    const char *dummy;
    if (!why) why = &dummy;
    const char *path = file->path;
    /* The data stays mapped until the driver releases the font table. */
    hb_blob_t *blob = hb_blob_create_or_fail((const char *)file->data, (unsigned)file->len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    if (!blob || file->len > UINT32_MAX) {
        hb_blob_destroy(blob);
        *why = "cannot read the font file";
        return NULL;
    }
    unsigned count = hb_face_count(blob);
    if (count == 0) {
        hb_blob_destroy(blob);
        *why = "not a TrueType/OpenType font file";
        return NULL;
    }
    if (index >= count) {
        hb_blob_destroy(blob);
        *why = "no face with that index in the font collection";
        return NULL;
    }
    const char *damaged = check_directory(file->data, file->len, index);
    if (damaged) {
        hb_blob_destroy(blob);
        *why = damaged;
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, index);
    /* hb_face_reference_table only slices the mapped file: no glyph data read. */
    if (table_length(face, HB_TAG('g', 'l', 'y', 'f')) == 0) {
        bool cff = table_length(face, HB_TAG('C', 'F', 'F', ' ')) || table_length(face, HB_TAG('C', 'F', 'F', '2'));
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        /* libharu 2.3.0 embeds only glyf outlines, not CFF. */
        *why = cff ? "the font has CFF (PostScript) outlines; only TrueType (glyf) fonts can be embedded"
                   : "the font has no TrueType (glyf) outlines";
        return NULL;
    }

    font_face *f = calloc(1, sizeof *f);
    if (!f) {
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        *why = "out of memory";
        return NULL;
    }
    f->blob = blob;
    f->face = face;
    f->font = hb_font_create(face);
    f->upem = hb_face_get_upem(face);
    f->index = index;
    f->path = strdup(path);
    f->family = read_name(face, HB_OT_NAME_ID_FONT_FAMILY);
    f->postscript = read_name(face, HB_OT_NAME_ID_POSTSCRIPT_NAME);
    if (!f->family) f->family = base_name(path);
    f->answers = calloc(CHAR_SLOTS, sizeof *f->answers);
    if (!f->path || !f->family || !f->answers || f->upem == 0) {
        *why = f->upem == 0 ? "the font has no valid 'head' table" : "out of memory";
        font_face_free(f);
        return NULL;
    }
    return f;
}

void font_face_free(font_face *f)
{
    if (!f) return;
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    free(f->path);
    free(f->family);
    free(f->postscript);
    free(f->answers);
    free(f);
}

/* The face's answer for cp, from HarfBuzz on a miss. */
static const char_answer *answer(const font_face *f, uint32_t cp)
{
    /* Fibonacci hashing (Knuth): the top bits of cp × 2³² / φ. */
    char_answer *a = &f->answers[(uint32_t)(cp * 2654435761u) >> (32 - CHAR_SLOT_BITS)];
    if (a->key == cp + 1) return a;
    hb_codepoint_t g = 0;
    if (!hb_font_get_nominal_glyph(f->font, cp, &g)) g = 0;
    int advance = 0;
    if (g != 0) {
        hb_position_t adv = hb_font_get_glyph_h_advance(f->font, g);
        /* libharu truncates adv*1000/upem for /W; so do we (what layout measures is what viewers advance). */
        advance = (int)((int64_t)adv * 1000 / (int64_t)f->upem);
    }
    *a = (char_answer){ cp + 1, g, advance };
    return a;
}

bool font_face_has_char(const font_face *f, uint32_t cp) { return answer(f, cp)->glyph != 0; }

int font_face_advance_milli_em(const font_face *f, uint32_t cp) { return answer(f, cp)->advance; }

const char *font_face_path(const font_face *f) { return f->path; }
unsigned font_face_index(const font_face *f) { return f->index; }
const char *font_face_family(const font_face *f) { return f->family; }
const char *font_face_postscript_name(const font_face *f) { return f->postscript; }

hb_face_t *font_face_hb(const font_face *f) { return f->face; }
