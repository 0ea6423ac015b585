/* pdf_font.c — compact subset fonts with our own codes for libharu 2.3.0.
 *
 * Per face used: the font service's subset (font/font_subset.h: hb-subset,
 * our format-4 cmap CODE_FIRST+i → i-th used glyph) → libharu through a
 * memfd → mark every glyph used → our ToUnicode → our own
 * FontDescriptor/FontFile2 and CIDToGIDMap, deflated by us at level 1.
 * libharu never sees a real code point, only our codes, and its 65,536-code
 * loops in HPDF_GetFont are cut to the codes used (get_font).
 *
 * libharu 2.3.0's own TrueType path embeds whole CJK faces (≈ 400 KB each),
 * writes a ToUnicode CMap poppler rejects, and empties composite glyphs'
 * components it never measured; hence all of the above.  The libharu
 * internals used (HPDF_FontAttr, HPDF_TTFontDefAttr, stream and dict
 * functions) are declared in its installed headers; pin 2.3.0. */
#define _GNU_SOURCE /* memfd_create */
#include "pdf_font.h"
#include "pdf_deflate.h"
#include "pdf_content.h"
#include "font/font_subset.h"

#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The codes libharu sees: CODE_FIRST + i for the i-th character in new-glyph
 * order.  Any BMP non-surrogate codes would do, since our ToUnicode says what
 * each one is; low codes keep libharu's per-CID tables (/W,
 * CIDToGIDMap) as short as the character list (see get_font). */
#define CODE_FIRST 0x0100u

typedef font_glyph entry;

/* A character and the code it is drawn with. */
typedef struct code_of {
    uint32_t cp, code;
} code_of;

typedef struct pf_face {
    HPDF_Font font;      /* NULL: face unused */
    code_of *codes;      /* sorted by cp, for pdf_fonts_encode */
    uint16_t ascii[128]; /* the code of each ASCII character used, else 0:
                            digits are most of a statistical table's text */
    font_subset sub;     /* the subset font file and its characters */
    const entry *e;      /* sub.glyphs: the characters, in new-glyph order */
    unsigned n_e;
    HPDF_Dict font_file; /* its FontFile2 stream, filled by pdf_fonts_finish */
    HPDF_Dict map;       /* its CIDToGIDMap stream, filled by pdf_fonts_finish */
    uint8_t *map_bytes;  /* the CIDToGIDMap data */
    size_t map_len;
    unsigned n_glyphs;   /* glyphs in the subset, .notdef included */
    uint8_t *cid_set;    /* PDF/A: the CIDSet data, or NULL */
    size_t cid_set_len;
} pf_face;

struct pdf_fonts {
    int n;
    pf_face *faces;
    pdf_deflater *deflater;  /* font files and maps, deflated while libharu works */
    const uint8_t **inputs;  /* what it deflates: per used face, file then map */
    size_t *lens;
    int *input_face;         /* face of inputs[2k] and inputs[2k+1] */
    int n_inputs;
};

static void fail(char *err, size_t errlen, const char *what, const font_face *f)
{
    snprintf(err, errlen, "%s (font %s, face %u)", what, font_face_path(f), font_face_index(f));
}

static void fail_haru(char *err, size_t errlen, HPDF_Doc pdf, const char *step, const font_face *f)
{
    char what[96];
    snprintf(what, sizeof what, "libharu error 0x%04X in %s", (unsigned)HPDF_GetError(pdf), step);
    fail(err, errlen, what, f);
}

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* Hands the font file to libharu through an anonymous memory file: libharu
 * 2.3.0 loads TrueType only from a file name, and keeps its own
 * handle, so ours is closed at once. */
static const char *load_into_haru(HPDF_Doc pdf, const font_subset *font)
{
    size_t len = font->len;
    const uint8_t *data = font->file;
    int fd = memfd_create("reportc-font", MFD_CLOEXEC);
    if (fd < 0) return NULL;
    for (size_t done = 0; done < len;) {
        ssize_t w = write(fd, data + done, len - done);
        if (w <= 0) {
            close(fd);
            return NULL;
        }
        done += (size_t)w;
    }
    char path[40];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
    close(fd);
    return name;
}

/* UTF-16BE hex of a scalar value, with a surrogate pair beyond U+FFFF. */
static int utf16_hex(char *p, uint32_t cp)
{
    if (cp < 0x10000) return sprintf(p, "%04X", (unsigned)cp);
    cp -= 0x10000;
    return sprintf(p, "%04X%04X", (unsigned)(0xD800 + (cp >> 10)), (unsigned)(0xDC00 + (cp & 0x3FF)));
}

/* libharu writes its encoder's CID CMap as ToUnicode, which poppler rejects
 * (it declares a CMap resource); we rewrite that stream object in place with a real
 * ToUnicode: bfrange for runs of consecutive BMP characters that stay inside
 * one low-byte block on both sides, bfchar for the rest, ≤ 100 per block
 * (ISO 32000-1 §9.10.3). */
static bool write_tounicode(HPDF_Font font, const entry *e, unsigned n)
{
    HPDF_Dict cm = ((HPDF_FontAttr)font->attr)->cmap_stream;
    if (!cm) return false;
    size_t cap = 1024 + (size_t)n * 28;
    char *buf = malloc(cap), *p = buf;
    /* (start index, length) of ranges and single characters */
    unsigned *rng = malloc(2 * (size_t)n * sizeof *rng), *chr = malloc((size_t)n * sizeof *chr);
    if (!buf || !rng || !chr) {
        free(buf), free(rng), free(chr);
        return false;
    }
    unsigned n_rng = 0, n_chr = 0;
    for (unsigned i = 0; i < n;) {
        unsigned r = 1;
        while (i + r < n && e[i].cp + r < 0x10000 && e[i + r].cp == e[i].cp + r &&
               ((CODE_FIRST + i + r) & 0xFF) != 0 && ((e[i].cp + r) & 0xFF) != 0)
            r++;
        if (r >= 2) {
            rng[2 * n_rng] = i;
            rng[2 * n_rng++ + 1] = r;
        } else {
            chr[n_chr++] = i;
        }
        i += r;
    }
    p += sprintf(p, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (unsigned b = 0; b < n_rng; b += 100) {
        unsigned m = n_rng - b < 100 ? n_rng - b : 100;
        p += sprintf(p, "%u beginbfrange\n", m);
        for (unsigned k = b; k < b + m; k++) {
            unsigned i = rng[2 * k], r = rng[2 * k + 1];
            p += sprintf(p, "<%04X> <%04X> <", CODE_FIRST + i, CODE_FIRST + i + r - 1);
            p += utf16_hex(p, e[i].cp);
            p += sprintf(p, ">\n");
        }
        p += sprintf(p, "endbfrange\n");
    }
    for (unsigned b = 0; b < n_chr; b += 100) {
        unsigned m = n_chr - b < 100 ? n_chr - b : 100;
        p += sprintf(p, "%u beginbfchar\n", m);
        for (unsigned k = b; k < b + m; k++) {
            p += sprintf(p, "<%04X> <", CODE_FIRST + chr[k]);
            p += utf16_hex(p, e[chr[k]].cp);
            p += sprintf(p, ">\n");
        }
        p += sprintf(p, "endbfchar\n");
    }
    p += sprintf(p, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

    /* The keys libharu set for a CMap resource do not belong in a ToUnicode
     * stream. */
    HPDF_MemStream_FreeData(cm->stream);
    HPDF_STATUS ok = HPDF_Dict_RemoveElement(cm, "Type");
    ok |= HPDF_Dict_RemoveElement(cm, "CMapName");
    ok |= HPDF_Dict_RemoveElement(cm, "CIDSystemInfo");
    ok |= HPDF_Dict_RemoveElement(cm, "WMode");
    if (ok == HPDF_OK) ok = HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)buf, (HPDF_UINT)(p - buf));
    free(buf), free(rng), free(chr);
    return ok == HPDF_OK;
}

/* libharu's CIDToGIDMap covers all 65,535 CIDs and gets deflated
 * at level 6 on every save; ours stops after the last of our codes, which
 * is all a CID font with those codes can reach. */
static bool own_cid_to_gid_map(HPDF_Font font, HPDF_Dict *map_out)
{
    HPDF_FontAttr fa = font->attr;
    HPDF_Dict map = fa->map_stream;
    if (!map) return false;
    /* The CIDFont's BeforeWrite resets the filter of fa->map_stream; the
     * object itself stays referenced from /CIDToGIDMap.  Its data (built
     * and deflated by the worker thread) arrives in pdf_fonts_finish. */
    fa->map_stream = NULL;
    *map_out = map;
    return true;
}

/* The CIDToGIDMap bytes: CID CODE_FIRST + i → e[i].gid, big-endian.  With
 * `all_glyphs`, every glyph of the subset that no character reaches (a
 * component of composite glyphs) gets a CID too, after CODE_FIRST + n (which
 * stays unmapped: see get_font), so that the CIDSet can list every glyph
 * present (make_cid_set). */
static uint8_t *cid_to_gid_bytes(const entry *e, unsigned n, unsigned n_glyphs, bool all_glyphs, size_t *len)
{
    uint8_t *reached = all_glyphs ? calloc(n_glyphs ? n_glyphs : 1, 1) : NULL;
    unsigned extra = 0;
    if (all_glyphs) {
        if (!reached) return NULL;
        for (unsigned i = 0; i < n; i++)
            if (e[i].gid < n_glyphs) reached[e[i].gid] = 1;
        for (unsigned g = 1; g < n_glyphs; g++) extra += !reached[g];
    }
    *len = 2 * ((size_t)CODE_FIRST + n + (extra ? 1 + extra : 0));
    uint8_t *m = calloc(1, *len);
    if (m) {
        for (unsigned i = 0; i < n; i++) put16(m + 2 * (CODE_FIRST + i), e[i].gid);
        unsigned cid = CODE_FIRST + n + 1;
        for (unsigned g = 1; extra && g < n_glyphs; g++)
            if (!reached[g]) put16(m + 2 * cid++, g);
    }
    free(reached);
    return m;
}

/* ISO 19005-1 §6.3.5: a CID font subset lists the CIDs present in its
 * font file in a CIDSet, one bit per CID, the high bit first.  Present
 * are the CIDs whose glyph the subset holds: CID 0 (.notdef) and every CID
 * the CIDToGIDMap `map` sends to a glyph other than 0 — every glyph then
 * has a CID (veraPDF also checks that). */
static uint8_t *make_cid_set(const uint8_t *map, size_t map_len, size_t *len)
{
    size_t n_cids = map_len / 2;
    *len = (n_cids + 7) / 8;
    uint8_t *set = calloc(1, *len);
    if (!set) return NULL;
    set[0] = 0x80;
    for (size_t c = 1; c < n_cids; c++)
        if (map[2 * c] | map[2 * c + 1]) set[c / 8] |= (uint8_t)(0x80 >> (c % 8));
    return set;
}

/* Our own FontDescriptor, with the subset font as FontFile2
 * as it is.  libharu builds a descriptor at save time only when this field
 * is NULL, so it then skips HPDF_TTFontDef_SaveFontData, which re-reads and
 * re-checksums the whole font 4 bytes at a time, and we choose the deflate
 * level.  Same keys as libharu's, plus CapHeight (ISO 32000-1 Table 122). */
static bool own_descriptor(HPDF_Font font, const pf_face *face, HPDF_Dict *file_dict)
{
    HPDF_FontAttr fa = font->attr;
    HPDF_FontDef def = fa->fontdef;
    HPDF_TTFontDefAttr tt = def->attr;
    size_t len = face->sub.len;
    HPDF_Dict d = HPDF_Dict_New(font->mmgr), data = NULL;
    HPDF_STATUS ret = HPDF_INVALID_OBJECT;
    /* Xref_Add frees d on error; DictStream_New adds itself to the xref. */
    if (d && HPDF_Xref_Add(fa->xref, d) == HPDF_OK && (data = HPDF_DictStream_New(font->mmgr, fa->xref))) {
        /* the deflated bytes arrive in pdf_fonts_finish */
        ret = HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)len);
        ret |= HPDF_Dict_AddName(d, "Type", "FontDescriptor");
        ret |= HPDF_Dict_AddName(d, "FontName", tt->base_font); /* with the HPDFAA+ tag */
        ret |= HPDF_Dict_AddNumber(d, "Flags", (HPDF_INT32)def->flags);
        ret |= HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(font->mmgr, def->font_bbox));
        ret |= HPDF_Dict_AddNumber(d, "ItalicAngle", def->italic_angle);
        ret |= HPDF_Dict_AddNumber(d, "Ascent", def->ascent);
        ret |= HPDF_Dict_AddNumber(d, "Descent", def->descent);
        ret |= HPDF_Dict_AddNumber(d, "CapHeight", def->cap_height);
        ret |= HPDF_Dict_AddNumber(d, "StemV", def->stemv);
        ret |= HPDF_Dict_AddNumber(d, "XHeight", def->x_height);
        ret |= HPDF_Dict_Add(d, "FontFile2", data);
        if (face->cid_set) {
            HPDF_Dict set = HPDF_DictStream_New(font->mmgr, fa->xref);
            ret |= set ? HPDF_Dict_Add(d, "CIDSet", set) : HPDF_FAILD_TO_ALLOC_MEM;
            if (set) ret |= HPDF_Stream_Write(set->stream, face->cid_set, (HPDF_UINT)face->cid_set_len);
        }
    }
    if (ret != HPDF_OK) return false;
    def->descriptor = d;
    *file_dict = data;
    return true;
}

/* Subsets one face: fills out->sub, the CIDToGIDMap and the CIDSet. */
static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Subsets one face: fills out->sub, the CIDToGIDMap and the CIDSet. */
static bool subset_face(const font_face *f, const frame_chars *used, bool pdfa, pf_face *out, char *err, size_t errlen)
{
    if (used->n > FONT_MAX_CHARS) {
        char what[128];
        snprintf(what, sizeof what, "%zu distinct characters in one font; the limit is %d", used->n, FONT_MAX_CHARS);
        fail(err, errlen, what, f);
        return false;
    }
    const char *why;
    if (!font_subset_make(f, used->cps, (unsigned)used->n, CODE_FIRST, &out->sub, &why)) {
        fail(err, errlen, why, f);
        return false;
    }
    out->e = out->sub.glyphs;
    out->n_e = out->sub.n;
    out->n_glyphs = out->sub.n_glyphs;
    if (!(out->map_bytes = cid_to_gid_bytes(out->e, out->n_e, out->n_glyphs, pdfa, &out->map_len)) ||
        (pdfa && !(out->cid_set = make_cid_set(out->map_bytes, out->map_len, &out->cid_set_len)))) {
        fail(err, errlen, "out of memory", f);
        return false;
    }
    return true;
}

/* HPDF_GetFont with the UTF-8 encoder looks up all 65,536 codes and writes
 * /W and a CIDToGIDMap up to CID 65,535: ~7.7 M instructions per face, the
 * largest fixed cost of a run.  For a CMap encoder it visits only the codes
 * that have a CID and stops at the largest.  So for this one call the
 * document's UTF-8 encoder poses as a CMap encoder knowing just our n codes
 * (CID = code, as the UTF-8 encoder maps them), and is restored right after.
 * One extra code after the last: libharu's /W loop stops before the largest
 * CID (i < max), which must not be a real character. */
static HPDF_Font get_font(HPDF_Doc pdf, const char *name, unsigned n)
{
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    if (!enc) return NULL;
    HPDF_CMapEncoderAttr ea = enc->attr;
    void *saved_cid = malloc(sizeof ea->cid_map), *saved_uni = malloc(sizeof ea->unicode_map);
    HPDF_Font font = NULL;
    if (saved_cid && saved_uni) {
        memcpy(saved_cid, ea->cid_map, sizeof ea->cid_map);
        memcpy(saved_uni, ea->unicode_map, sizeof ea->unicode_map);
        memset(ea->cid_map, 0, sizeof ea->cid_map);
        for (unsigned c = CODE_FIRST; c <= CODE_FIRST + n; c++) {
            ea->cid_map[c >> 8][c & 0xFF] = (HPDF_UINT16)c;
            ea->unicode_map[c >> 8][c & 0xFF] = (HPDF_UNICODE)c;
        }
        HPDF_Encoder_ToUnicode_Func utf8_to_unicode = enc->to_unicode_fn;
        enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
        font = HPDF_GetFont(pdf, name, "UTF-8");
        enc->to_unicode_fn = utf8_to_unicode;
        memcpy(ea->cid_map, saved_cid, sizeof ea->cid_map);
        memcpy(ea->unicode_map, saved_uni, sizeof ea->unicode_map);
    }
    free(saved_cid);
    free(saved_uni);
    return font;
}

/* Loads a subset into libharu and wires up ToUnicode, descriptor and
 * CIDToGIDMap (libharu only: main thread). */
static bool load_face(HPDF_Doc pdf, const font_face *f, pf_face *out, char *err, size_t errlen)
{
    const entry *e = out->e;
    unsigned n = out->n_e;
    const char *name = load_into_haru(pdf, &out->sub);
    if (!name) {
        if (HPDF_GetError(pdf)) fail_haru(err, errlen, pdf, "loading the subset font", f);
        else fail(err, errlen, "cannot pass the subset font to libharu (memfd)", f);
        return false;
    }
    if (!(out->font = get_font(pdf, name, n))) {
        fail_haru(err, errlen, pdf, "HPDF_GetFont", f);
        return false;
    }
    HPDF_FontAttr fa = out->font->attr;
    HPDF_FontDef def = fa->fontdef;
    HPDF_TTFontDefAttr tt = def->attr;
    /* libharu names the character collection after its encoder
     * (Adobe-Identity-H); with Identity-H the collection is Adobe-Identity
     * (ISO 32000-1 §9.7.3), the name Ghostscript and poppler know. */
    HPDF_Dict csi = HPDF_Dict_GetItem(fa->descendant_font, "CIDSystemInfo", HPDF_OCLASS_DICT);
    if (!csi || HPDF_Dict_Add(csi, "Ordering", HPDF_String_New(out->font->mmgr, "Identity", NULL)) != HPDF_OK) {
        fail_haru(err, errlen, pdf, "setting the CIDSystemInfo", f);
        return false;
    }
    /* hb-subset already closed over composite components; libharu would
     * empty every glyph it never measured, nested components included
     * (libharu upstream issue #79). */
    memset(tt->glyph_tbl.flgs, 1, tt->num_glyphs);
    if (!write_tounicode(out->font, e, n)) {
        fail_haru(err, errlen, pdf, "writing the ToUnicode CMap", f);
        return false;
    }
    if (!own_descriptor(out->font, out, &out->font_file) || !own_cid_to_gid_map(out->font, &out->map)) {
        fail_haru(err, errlen, pdf, "writing the font descriptor or CIDToGIDMap", f);
        return false;
    }
    if (!(out->codes = malloc((n ? n : 1) * sizeof *out->codes))) {
        fail(err, errlen, "out of memory", f);
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        out->codes[i] = (code_of){ e[i].cp, CODE_FIRST + i };
        if (e[i].cp < 128) out->ascii[e[i].cp] = (uint16_t)(CODE_FIRST + i);
    }
    qsort(out->codes, n, sizeof *out->codes, compare_u32);   /* by cp: the first member */
    return true;
}

/* Queues every used face's font file and CIDToGIDMap for deflating. */
static bool start_deflate(pdf_fonts *pf, char *err, size_t errlen)
{
    pf->inputs = calloc(2 * (size_t)pf->n + 1, sizeof *pf->inputs);
    pf->lens = calloc(2 * (size_t)pf->n + 1, sizeof *pf->lens);
    pf->input_face = calloc(2 * (size_t)pf->n + 1, sizeof *pf->input_face);
    if (!pf->inputs || !pf->lens || !pf->input_face) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    for (int f = 0; f < pf->n; f++) {
        pf_face *face = &pf->faces[f];
        if (!face->sub.file) continue;
        pf->inputs[pf->n_inputs] = face->sub.file;
        pf->lens[pf->n_inputs] = face->sub.len;
        pf->input_face[pf->n_inputs++] = f;
        pf->inputs[pf->n_inputs] = face->map_bytes;
        pf->lens[pf->n_inputs] = face->map_len;
        pf->input_face[pf->n_inputs++] = f;
    }
    if (!(pf->deflater = pdf_deflate_start(pf->inputs, pf->lens, pf->n_inputs))) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    return true;
}

pdf_fonts *pdf_fonts_load(HPDF_Doc pdf, const frame_doc *doc, bool pdfa, char *err, size_t errlen)
{
    pdf_fonts *pf = calloc(1, sizeof *pf);
    frame_chars *used = calloc(doc->n_faces > 0 ? (size_t)doc->n_faces : 1, sizeof *used);
    if (pf) pf->faces = calloc(doc->n_faces > 0 ? (size_t)doc->n_faces : 1, sizeof *pf->faces);
    bool ok = pf && used && pf->faces;
    if (!ok) snprintf(err, errlen, "out of memory");
    if (ok) {
        pf->n = doc->n_faces;
        ok = frame_chars_by_face(doc, used);
        if (!ok) snprintf(err, errlen, "a text run names no valid face, or out of memory");
    }
    for (int f = 0; ok && f < doc->n_faces; f++)
        if (used[f].n) ok = subset_face(doc->faces[f], &used[f], pdfa, &pf->faces[f], err, errlen);
    /* Deflating the glyphs (the largest cost left) runs on the second core
     * while libharu builds the fonts and pages (pdf_deflate.h). */
    if (ok) ok = start_deflate(pf, err, errlen);
    for (int f = 0; ok && f < doc->n_faces; f++) {
        if (!used[f].n) continue;
        ok = load_face(pdf, doc->faces[f], &pf->faces[f], err, errlen);
        /* libharu merges fonts by PostScript name: two such faces in
         * one document would both draw with the first one's subset. */
        for (int g = 0; ok && g < f; g++)
            if (pf->faces[g].font == pf->faces[f].font) {
                fail(err, errlen, "two fonts in one document share a PostScript name", doc->faces[f]);
                ok = false;
            }
    }
    frame_chars_free(used, doc->n_faces);
    free(used);
    if (!ok) {
        pdf_fonts_free(pf);
        return NULL;
    }
    return pf;
}

bool pdf_fonts_finish(pdf_fonts *pf, char *err, size_t errlen)
{
    if (!pdf_deflate_finish(pf->deflater)) {
        snprintf(err, errlen, "deflating a font file failed (out of memory)");
        return false;
    }
    for (int k = 0; k < pf->n_inputs; k += 2) {
        pf_face *face = &pf->faces[pf->input_face[k]];
        size_t file_len, map_len;
        const uint8_t *file = pdf_deflate_result(pf->deflater, k, &file_len);
        const uint8_t *map = pdf_deflate_result(pf->deflater, k + 1, &map_len);
        if (pdf_deflate_put(face->font_file, file, file_len) != HPDF_OK ||
            pdf_deflate_put(face->map, map, map_len) != HPDF_OK) {
            snprintf(err, errlen, "libharu could not take a font file");
            return false;
        }
    }
    return true;
}

HPDF_Font pdf_fonts_font(const pdf_fonts *pf, int face)
{
    return face >= 0 && face < pf->n ? pf->faces[face].font : NULL;
}

bool pdf_fonts_encode(const pdf_fonts *pf, int face, const uint32_t *text, int len, pdf_content *content)
{
    if (face < 0 || face >= pf->n || !pf->faces[face].codes) return false;
    const pf_face *pff = &pf->faces[face];
    size_t need = 4 * (size_t)len + 3;
    if (content->cap - content->len < need && !pdf_content_grow(content, need)) return true; /* content->oom */
    char *out = content->buf + content->len;
    *out++ = '<';
    for (int i = 0; i < len; i++) {
        uint32_t c = text[i] < 128 ? pff->ascii[text[i]] : 0;
        if (!c) {
            const code_of *hit = bsearch(&text[i], pff->codes, pff->n_e, sizeof *pff->codes, compare_u32);
            if (!hit) return false;
            c = hit->code;   /* < 0x10000: FONT_MAX_CHARS */
        }
        static const char hex[] = "0123456789abcdef";
        out[0] = hex[c >> 12 & 15], out[1] = hex[c >> 8 & 15], out[2] = hex[c >> 4 & 15], out[3] = hex[c & 15];
        out += 4;
    }
    *out++ = '>';
    *out++ = ' ';
    content->len = (size_t)(out - content->buf);
    return true;
}

void pdf_fonts_free(pdf_fonts *pf)
{
    if (!pf) return;
    pdf_deflate_free(pf->deflater);
    free(pf->inputs);
    free(pf->lens);
    free(pf->input_face);
    if (pf->faces)
        for (int f = 0; f < pf->n; f++) {
            free(pf->faces[f].codes);
            font_subset_free(&pf->faces[f].sub);
            free(pf->faces[f].map_bytes);
            free(pf->faces[f].cid_set);
        }
    free(pf->faces);
    free(pf);
}
