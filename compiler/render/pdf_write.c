/* pdf_write.c — draws a frame_doc with libharu 2.3.0 (see pdf_write.h).
 *
 * Fonts are pdf_font.c's business.  After any error libharu refuses every
 * further call, so the first failure ends the job. */
#define _POSIX_C_SOURCE 200809L
#include "pdf_write.h"
#include "pdf_content.h"
#include "pdf_font.h"
#include "pdf_image.h"
#include "pdf_pdfa.h"
#include "pdf_tags.h"
#include "base/utf8.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct haru_error {
    HPDF_STATUS no, detail; /* the first error libharu reported */
} haru_error;

/* libharu calls this on every error; we only record it (no longjmp): each
 * call's status is checked where it is made. */
static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    haru_error *e = user;
    if (e->no == 0) {
        e->no = error_no;
        e->detail = detail_no;
    }
}

typedef struct writer {
    HPDF_Doc pdf;
    haru_error herr;
    struct { const image_data *data; HPDF_Image image; } *images; /* loaded once each */
    int n_images, cap_images;
    char *err;
    size_t errlen;
} writer;

/* Records a failed step; always returns false. */
static bool failed(writer *w, const char *step)
{
    HPDF_STATUS no = w->herr.no ? w->herr.no : HPDF_GetError(w->pdf);
    snprintf(w->err, w->errlen, "libharu error 0x%04X (detail %u) in %s", (unsigned)no,
             (unsigned)w->herr.detail, step);
    return false;
}

static float pt(mpt_t v) { return (float)pt_from_mpt(v); }

/* A text string as UTF-16BE with a byte order mark (PDF 1.4 §3.8.1),
 * written as a hex string.  libharu's UTF-8 encoder would turn every
 * character beyond U+FFFF into a space. */
static HPDF_Binary text_string(HPDF_MMgr mmgr, const char *utf8)
{
    size_t n = strlen(utf8);
    HPDF_BYTE *u = malloc(2 + 4 * n), *p = u;
    if (!u) return NULL;
    *p++ = 0xFE;
    *p++ = 0xFF;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_decode(utf8 + i, n - i, &cp);
        i += k ? (size_t)k : 1;
        if (cp >= 0x10000) {
            uint32_t hi = 0xD800 + ((cp - 0x10000) >> 10), lo = 0xDC00 + (cp & 0x3FF);
            *p++ = (HPDF_BYTE)(hi >> 8), *p++ = (HPDF_BYTE)hi;
            cp = lo;
        }
        *p++ = (HPDF_BYTE)(cp >> 8), *p++ = (HPDF_BYTE)cp;
    }
    HPDF_Binary b = HPDF_Binary_New(mmgr, u, (HPDF_UINT)(p - u));
    free(u);
    return b;
}

/* A /Lang PDF/A-1a accepts (ISO 19005-1 §6.8.4, RFC 1766): letters in
 * groups of 1 to 8 joined by hyphens ("zh-CN"; not "es-419"). */
static bool lang_ok(const char *lang)
{
    int run = 0;
    for (const char *p = lang; ; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
            if (++run > 8) return false;
        } else if (*p == '-' || *p == '\0') {
            if (run == 0) return false;
            if (*p == '\0') return true;
            run = 0;
        } else {
            return false;
        }
    }
}

static bool set_info(writer *w, const pdf_info *info, pdfa_meta *m, char *date, size_t datelen)
{
    m->producer = HPDF_GetInfoAttr(w->pdf, HPDF_INFO_PRODUCER); /* libharu sets it */
    if (!info) return true;
    const struct { const char *key; const char *value; } attrs[] = {
        { "Title", info->title },       { "Author", info->author },
        { "Subject", info->subject },   { "Keywords", info->keywords },
        { "Creator", info->creator },
    };
    /* A viewer's title bar shows the document title, not the file name
       (ViewerPreferences /DisplayDocTitle; 2.3.0 has no API for that key). */
    if (info->title) {
        HPDF_Dict prefs = HPDF_Dict_New(w->pdf->mmgr);
        if (!prefs || HPDF_Dict_Add(w->pdf->catalog, "ViewerPreferences", prefs) != HPDF_OK ||
            HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
            return failed(w, "setting ViewerPreferences");
    }
    if (info->language && HPDF_Dict_Add(w->pdf->catalog, "Lang", text_string(w->pdf->mmgr, info->language)) != HPDF_OK)
        return failed(w, "setting /Lang");
    HPDF_Dict dict = w->pdf->info;
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        if (attrs[i].value &&
            (!dict || HPDF_Dict_Add(dict, attrs[i].key, text_string(w->pdf->mmgr, attrs[i].value)) != HPDF_OK))
            return failed(w, "setting the document information");
    /* Level A (accessible): the file is tagged (pdf_tags.h) and its /Lang
       well-formed.  Not claimed: PDF/UA-1 (README, "Tagged PDF"). */
    char conformance = info->language && lang_ok(info->language) ? 'A' : 'B';
    *m = (pdfa_meta){ info->title, info->author, info->subject, info->keywords, info->creator, m->producer, NULL,
                      conformance };
    if (info->year == 0) return true;
    /* The layout's time zone; a 'Z' offset would put libharu in an error
       state, so UTC is written +00'00'. */
    int off = info->utc_offset_minutes < 0 ? -info->utc_offset_minutes : info->utc_offset_minutes;
    HPDF_Date d = { .year = info->year, .month = info->month, .day = info->day,
                    .ind = info->utc_offset_minutes < 0 ? '-' : '+', .off_hour = off / 60, .off_minutes = off % 60 };
    if (HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, d) != HPDF_OK ||
        HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, d) != HPDF_OK)
        return failed(w, "HPDF_SetInfoDateAttr");
    /* The same instant for the XMP, time zone included (ISO 19005-1 §6.7.3). */
    snprintf(date, datelen, "%04d-%02d-%02dT00:00:00%c%02d:%02d", info->year, info->month, info->day, d.ind, off / 60,
             off % 60);
    m->date = date;
    return true;
}

/* Draws the image of text run t (frame.h), loading its file on first use:
 * centred on the run's point, as wide as the layout said, its height from
 * the image's proportions. */
static bool draw_image(writer *w, HPDF_Page page, pdf_content *c, const frame_text *t, mpt_t page_height)
{
    const frame_image *fi = t->image;
    HPDF_Image img = NULL;
    for (int i = 0; i < w->n_images && !img; i++)
        if (w->images[i].data == fi->image) img = w->images[i].image;
    if (!img) {
        if (!(img = pdf_image_load(w->pdf, fi->image, w->err, w->errlen))) return false;
        if (w->n_images == w->cap_images) {
            int cap = w->cap_images ? 2 * w->cap_images : 4;
            void *more = realloc(w->images, (size_t)cap * sizeof *w->images);
            if (!more) {
                snprintf(w->err, w->errlen, "out of memory");
                return false;
            }
            w->images = more;
            w->cap_images = cap;
        }
        w->images[w->n_images].data = fi->image;
        w->images[w->n_images++].image = img;
    }
    HPDF_UINT pw = HPDF_Image_GetWidth(img), ph = HPDF_Image_GetHeight(img);
    const char *name = HPDF_Page_GetXObjectName(page, img);
    if (pw == 0 || ph == 0 || !name) return failed(w, "placing an image");
    int64_t width = fi->width, height = (width * ph + pw / 2) / pw;
    int64_t cx = (int64_t)t->x + fi->dx, cy = (int64_t)page_height - t->y - fi->dy;
    pdf_content_str(c, "q\012");
    pdf_content_num(c, width);
    pdf_content_str(c, "0 0 ");
    pdf_content_num(c, height);
    pdf_content_num(c, cx - width / 2);
    pdf_content_num(c, cy - height / 2);
    pdf_content_str(c, "cm\012/");
    pdf_content_word(c, name);
    pdf_content_str(c, "Do\012Q\012");
    return true;
}

/* Where the text object is: the start of its current line, in PDF
 * coordinates (millipoints from the page's bottom left). */
typedef struct text_pos { bool open; int64_t x, y; } text_pos;

/* Ends the open marked-content sequence, then the text object. */
static bool end_text(writer *w, pdf_content *c, pdf_tags *tags, text_pos *tp)
{
    if (!pdf_tags_close(tags, c)) return failed(w, "ending marked content");
    pdf_content_str(c, "ET\012");
    tp->open = false;
    return true;
}

/* Text run t, piece by piece of one part (frame.h), each in its element's
 * marked content: the first piece placed (Td from the line before), the
 * others following on. */
static bool draw_text(writer *w, pdf_content *c, int page_index, pdf_tags *tags, const frame_item *it,
                      const pdf_fonts *fonts, text_pos *tp, mpt_t page_height)
{
    const frame_text *t = &it->u.text;
    for (int k = 0; k < t->len;) {
        int part = t->parts ? t->parts[k] : t->part, end = t->parts ? k + 1 : t->len;
        while (end < t->len && t->parts[end] == part) end++;
        if (!pdf_tags_mark(tags, c, page_index, &it->tag, part, false, false))
            return failed(w, "marking content");
        if (k == 0) {
            int64_t x = t->x, y = (int64_t)page_height - t->y;
            pdf_content_num(c, x - tp->x);
            pdf_content_num(c, y - tp->y);
            pdf_content_str(c, "Td\012");
            tp->x = x, tp->y = y;
        }
        if (!pdf_fonts_encode(fonts, t->face, t->text + k, end - k, c)) {
            snprintf(w->err, w->errlen, "internal: a text run uses a font that was not prepared");
            return false;
        }
        pdf_content_str(c, "Tj\012");
        k = end;
    }
    /* The word space the layout dropped at the line end, written after
       the line's last character, where it shows nothing. */
    static const uint32_t space = ' ';
    if (t->space_after) {
        if (!pdf_fonts_encode(fonts, t->face, &space, 1, c)) return failed(w, "writing a word space");
        pdf_content_str(c, "Tj\012");
    }
    return true;
}

/* The graphics and text state a page has set, so that each operator is
 * written only when its value changes. */
typedef struct page_state {
    HPDF_Font font;
    mpt_t size, track, width, stroke;
} page_state;

/* Font, size, Tc and the synthetic bold of text run t, where they change. */
static bool text_state(writer *w, HPDF_Page page, pdf_content *c, page_state *st, const frame_text *t, HPDF_Font font)
{
    if (font != st->font || t->size != st->size) {
        const char *name = HPDF_Page_GetLocalFontName(page, font);
        if (!name) return failed(w, "adding a font to the page");
        pdf_content_str(c, "/");
        pdf_content_word(c, name);
        pdf_content_num(c, t->size);
        pdf_content_str(c, "Tf\012");
        st->font = font;
        st->size = t->size;
    }
    if (t->tracking != st->track) {
        pdf_content_num(c, t->tracking);
        pdf_content_str(c, "Tc\012");
        st->track = t->tracking;
    }
    if (t->stroke != st->stroke) {
        /* Synthetic bold for faces without a bold cut: the outline is
           stroked as well as filled, as wide as the layout said. */
        if (t->stroke > 0) {
            pdf_content_num(c, t->stroke);
            pdf_content_str(c, "w\012");
        }
        st->width = -1;
        if ((t->stroke > 0) != (st->stroke > 0)) pdf_content_str(c, t->stroke > 0 ? "2 Tr\012" : "0 Tr\012");
        st->stroke = t->stroke;
    }
    return true;
}

/* A straight rule, in its element's marked content. */
static bool draw_rule(writer *w, pdf_content *c, int page_index, pdf_tags *tags, page_state *st,
                      const frame_item *it, mpt_t page_height)
{
    const frame_rule *r = &it->u.rule;
    if (!pdf_tags_mark(tags, c, page_index, &it->tag, 0, true, false)) return failed(w, "marking a rule");
    if (r->width != st->width) {
        /* Square caps: a table's rules meet at the corners without a notch. */
        if (st->width < 0) pdf_content_str(c, "2 J\012");
        pdf_content_num(c, r->width);
        pdf_content_str(c, "w\012");
        st->width = r->width;
    }
    pdf_content_num(c, r->x0);
    pdf_content_num(c, (int64_t)page_height - r->y0);
    pdf_content_str(c, "m\012");
    pdf_content_num(c, r->x1);
    pdf_content_num(c, (int64_t)page_height - r->y1);
    pdf_content_str(c, "l\012S\012");
    return true;
}

/* One page.  Text runs share one BT…ET block as long as no rule or image
 * interrupts them; font, size and Tc are set only when they change.  Every
 * item goes into marked content (pdf_tags.h), which never crosses BT or ET. */
static bool draw_page(writer *w, const frame_doc *doc, int page_index, HPDF_Page page, pdf_content *c,
                      const pdf_fonts *fonts, pdf_tags *tags)
{
    const frame_page *fp = &doc->pages[page_index];
    const mpt_t H = doc->page_height;
    text_pos tp = { 0 };
    page_state st = { .size = -1, .width = -1 };
    for (int i = 0; i < fp->n_items; i++) {
        const frame_item *it = &fp->items[i];
        if (it->kind == FRAME_TEXT) {
            const frame_text *t = &it->u.text;
            if (t->image) {
                if (tp.open && !end_text(w, c, tags, &tp)) return false;
                if (!pdf_tags_mark(tags, c, page_index, &it->tag, t->part, false, true))
                    return failed(w, "marking an image");
                if (!draw_image(w, page, c, t, H)) return false;
            }
            if (t->len <= 0) continue;
            HPDF_Font font = pdf_fonts_font(fonts, t->face);
            if (!font) {
                snprintf(w->err, w->errlen, "internal: a text run uses a font that was not prepared");
                return false;
            }
            if (!tp.open) {
                if (!pdf_tags_close(tags, c)) return failed(w, "ending marked content");
                pdf_content_str(c, "BT\012");
                tp = (text_pos){ .open = true };
            }
            if (!text_state(w, page, c, &st, t, font)) return false;
            if (!draw_text(w, c, page_index, tags, it, fonts, &tp, H)) return false;
        } else {
            if (tp.open && !end_text(w, c, tags, &tp)) return false;
            if (!draw_rule(w, c, page_index, tags, &st, it, H)) return false;
        }
    }
    if (tp.open && !end_text(w, c, tags, &tp)) return false;
    if (!pdf_tags_close(tags, c)) return failed(w, "ending marked content");
    if (!pdf_content_store(c, page)) {
        snprintf(w->err, w->errlen, "out of memory while writing page %d", page_index + 1);
        return false;
    }
    return true;
}

/* Bookmarks, nested by level: an entry's parent is the latest entry of a
 * smaller level (the root when there is none). */
static bool add_outline(writer *w, const frame_doc *doc, HPDF_Page *pages)
{
    enum { MAX_DEPTH = 16 };
    HPDF_Outline parent[MAX_DEPTH + 1] = { 0 }; /* parent[l]: latest entry of level l */
    HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    if (!utf8) return failed(w, "HPDF_GetEncoder");
    /* A document with headings opens with its bookmarks shown. */
    if (doc->n_outline > 0 && HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK)
        return failed(w, "HPDF_SetPageMode");
    for (int i = 0; i < doc->n_outline; i++) {
        const frame_outline *o = &doc->outline[i];
        if (o->page < 0 || o->page >= doc->n_pages || !o->title) {
            snprintf(w->err, w->errlen, "internal: outline entry %d points to no page", i);
            return false;
        }
        int level = o->level < 1 ? 1 : o->level > MAX_DEPTH ? MAX_DEPTH : o->level;
        HPDF_Outline up = NULL;
        for (int l = level - 1; l >= 1 && !up; l--) up = parent[l];
        HPDF_Outline ol = HPDF_CreateOutline(w->pdf, up, "", utf8); /* NULL: root */
        if (!ol) return failed(w, "HPDF_CreateOutline");
        /* The title as UTF-16 (text_string); no /Type, which belongs to the
         * outline root only (PDF 1.4 Table 8.4).  The destination is a
         * direct array: libharu's is an indirect object, which PDFBox
         * Preflight rejects ("can't convert to Destination").  A null
         * zoom keeps the reader's (libharu's API refuses it). */
        HPDF_Array dst = HPDF_Array_New(w->pdf->mmgr);
        if (HPDF_Dict_Add(ol, "Title", text_string(w->pdf->mmgr, o->title)) != HPDF_OK ||
            HPDF_Dict_RemoveElement(ol, "Type") != HPDF_OK || !dst ||
            HPDF_Dict_Add(ol, "Dest", dst) != HPDF_OK || HPDF_Array_Add(dst, pages[o->page]) != HPDF_OK ||
            HPDF_Array_AddName(dst, "XYZ") != HPDF_OK || HPDF_Array_AddNumber(dst, 0) != HPDF_OK ||
            HPDF_Array_AddReal(dst, pt(doc->page_height) - pt(o->y)) != HPDF_OK ||
            HPDF_Array_Add(dst, HPDF_Null_New(w->pdf->mmgr)) != HPDF_OK)
            return failed(w, "setting an outline entry");
        parent[level] = ol;
        for (int l = level + 1; l <= MAX_DEPTH; l++) parent[l] = NULL;
    }
    return true;
}

/* The saved file, grown as libharu writes it. */
typedef struct file_buf {
    uint8_t *data;
    size_t len, cap;
} file_buf;

/* libharu's write function for the file: appends to the file_buf in the
 * stream's attr. */
static HPDF_STATUS append_to_file(HPDF_Stream stream, const HPDF_BYTE *p, HPDF_UINT n)
{
    file_buf *f = stream->attr;
    if (f->cap - f->len < n) {
        size_t cap = f->cap ? f->cap : 1 << 16;
        while (cap - f->len < n) cap *= 2;
        uint8_t *more = realloc(f->data, cap);
        if (!more) return HPDF_FAILD_TO_ALLOC_MEM;
        f->data = more;
        f->cap = cap;
    }
    memcpy(f->data + f->len, p, n);
    f->len += n;
    return HPDF_OK;
}

/* libharu writes the file through a callback stream straight into one
 * buffer (HPDF_SaveToStream takes the document's stream when one is set),
 * which gets its /ID (PDF/A) and goes to the caller.  Its own memory
 * stream would hold the file in 4 KB blocks, copied byte by byte, and we
 * would copy it once more: two copies of a 10 MB file at the peak. */
static bool save(writer *w, bool pdfa, uint8_t **out, size_t *out_len)
{
    file_buf f = { 0 };
    if (!(w->pdf->stream = HPDF_CallbackWriter_New(w->pdf->mmgr, append_to_file, &f)))
        return failed(w, "HPDF_CallbackWriter_New");
    bool ok = HPDF_SaveToStream(w->pdf) == HPDF_OK && f.len > 0;
    if (!ok) {
        free(f.data);
        return failed(w, "HPDF_SaveToStream");
    }
    if (pdfa && !pdf_pdfa_set_id(f.data, f.len)) {
        snprintf(w->err, w->errlen, "internal: the trailer's /ID placeholder was not found");
        free(f.data);
        return false;
    }
    *out = f.data;
    *out_len = f.len;
    return true;
}

static bool write_doc(writer *w, const frame_doc *doc, const pdf_info *info, const pdf_options *opt,
                      pdf_fonts **fonts, pdf_tags *tags, HPDF_Page *pages, pdf_content *content, uint8_t **out,
                      size_t *len)
{
    if (HPDF_UseUTFEncodings(w->pdf) != HPDF_OK) return failed(w, "HPDF_UseUTFEncodings");
    if (HPDF_SetCurrentEncoder(w->pdf, "UTF-8") != HPDF_OK) return failed(w, "HPDF_SetCurrentEncoder");
    if (HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL) != HPDF_OK)
        return failed(w, "HPDF_SetCompressionMode");
    pdfa_meta meta = { 0 };
    char date[40];
    if (!set_info(w, info, &meta, date, sizeof date)) return false;
    if (opt->pdfa) {
        if (!opt->icc || opt->icc_len < 128) {
            snprintf(w->err, w->errlen, "PDF/A output without an ICC profile");
            return false;
        }
        /* ISO 19005-1 is based on PDF 1.4. */
        w->pdf->pdf_version = HPDF_VER_14;
        if (!pdf_pdfa_add_metadata(w->pdf, &meta)) return failed(w, "writing the XMP metadata");
        if (!pdf_pdfa_add_output_intent(w->pdf, opt->icc, opt->icc_len, w->err, w->errlen)) return false;
        if (!pdf_pdfa_reserve_id(w->pdf)) return failed(w, "adding the trailer /ID");
    }
    if (!(*fonts = pdf_fonts_load(w->pdf, doc, opt->pdfa, w->err, w->errlen))) return false;

    for (int p = 0; p < doc->n_pages; p++) {
        HPDF_Page page = pages[p] = HPDF_AddPage(w->pdf);
        if (!page) return failed(w, "HPDF_AddPage");
        if (HPDF_Page_SetWidth(page, pt(doc->page_width)) != HPDF_OK ||
            HPDF_Page_SetHeight(page, pt(doc->page_height)) != HPDF_OK)
            return failed(w, "setting the page size");
        if (!draw_page(w, doc, p, page, content, *fonts, tags)) return false;
    }
    /* Page labels 1, 2, 3 …, as the printed numbers (GB/T 9704 §7.5). */
    if (doc->n_pages > 0 && HPDF_AddPageLabel(w->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL) != HPDF_OK)
        return failed(w, "HPDF_AddPageLabel");
    if (!add_outline(w, doc, pages)) return false;
    if (!pdf_tags_finish(tags, w->pdf, pages, doc->n_pages)) return failed(w, "writing the structure tree");
    if (!pdf_fonts_finish(*fonts, w->err, w->errlen)) return false;
    return save(w, opt->pdfa, out, len);
}

bool pdf_write(const frame_doc *doc, const pdf_info *info, const pdf_options *opt, diag *d, uint8_t **out,
               size_t *len)
{
    char err[512] = "";
    writer w = { .err = err, .errlen = sizeof err };
    w.pdf = HPDF_New(on_error, &w.herr);
    if (!w.pdf) {
        diag_internal(d, "render", "libharu could not create a document (out of memory)");
        return false;
    }
    pdf_fonts *fonts = NULL;
    HPDF_Page *pages = calloc(doc->n_pages > 0 ? (size_t)doc->n_pages : 1, sizeof *pages);
    pdf_tags *tags = pdf_tags_new(doc);
    bool ok = pages != NULL && tags != NULL;
    if (!ok) snprintf(err, sizeof err, "out of memory");
    pdf_content content = { 0 };
    if (ok) ok = write_doc(&w, doc, info, opt, &fonts, tags, pages, &content, out, len);
    if (!ok) diag_internal(d, "render", "writing the PDF failed: %s", err);
    pdf_content_free(&content);
    free(pages);
    free(w.images);
    pdf_fonts_free(fonts);
    HPDF_Free(w.pdf);
    pdf_tags_free(tags);
    return ok;
}
