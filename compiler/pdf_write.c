/* pdf_write.c — draws a frame_doc with libharu 2.3.0 (see pdf_write.h).
 *
 * Pitfalls of 2.3.0 this file works around are measured in
 * ../shared/reference/libharu-2.3.md (cited "lh §n"); fonts are pdf_font.c's
 * business.  After any error libharu refuses every further call (lh §6), so
 * the first failure ends the job. */
#define _POSIX_C_SOURCE 200809L
#include "pdf_write.h"
#include "pdf_font.h"

#include <hpdf.h>
#include <hpdf_doc.h>
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

static bool set_info(writer *w, const pdf_info *info)
{
    if (!info) return true;
    const struct { HPDF_InfoType type; const char *value; } attrs[] = {
        { HPDF_INFO_TITLE, info->title },       { HPDF_INFO_AUTHOR, info->author },
        { HPDF_INFO_SUBJECT, info->subject },   { HPDF_INFO_KEYWORDS, info->keywords },
        { HPDF_INFO_CREATOR, info->creator },
    };
    /* A viewer's title bar shows the document title, not the file name
       (ViewerPreferences /DisplayDocTitle; 2.3.0 has no API for that key). */
    if (info->title) {
        HPDF_Dict prefs = HPDF_Dict_New(w->pdf->mmgr);
        if (!prefs || HPDF_Dict_Add(w->pdf->catalog, "ViewerPreferences", prefs) != HPDF_OK ||
            HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
            return failed(w, "setting ViewerPreferences");
    }
    /* The current encoder is UTF-8, so libharu writes UTF-16BE strings (lh §6). */
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        if (attrs[i].value && HPDF_SetInfoAttr(w->pdf, attrs[i].type, attrs[i].value) != HPDF_OK)
            return failed(w, "HPDF_SetInfoAttr");
    if (info->year == 0) return true;
    /* A 'Z' offset puts libharu in an error state (lh §6): use +08'00'. */
    HPDF_Date d = { .year = info->year, .month = info->month, .day = info->day,
                    .ind = '+', .off_hour = 8, .off_minutes = 0 };
    if (HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, d) != HPDF_OK ||
        HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, d) != HPDF_OK)
        return failed(w, "HPDF_SetInfoDateAttr");
    return true;
}

/* One page.  Text runs share one BT…ET block as long as no rule interrupts
 * them; font, size and Tc are set only when they change. */
static bool draw_page(writer *w, const frame_doc *doc, const frame_page *fp, HPDF_Page page,
                      const pdf_fonts *fonts, char *buf)
{
    const float H = pt(doc->page_height);
    bool in_text = false;
    HPDF_Font cur_font = NULL;
    mpt_t cur_size = -1, cur_track = 0, cur_width = -1;
    int cur_bold = 0;
    for (int i = 0; i < fp->n_items; i++) {
        const frame_item *it = &fp->items[i];
        if (it->kind == FRAME_TEXT) {
            const frame_text *t = &it->u.text;
            if (t->len <= 0) continue;
            HPDF_Font font = pdf_fonts_font(fonts, t->face);
            if (!font || !pdf_fonts_encode(fonts, t->face, t->text, t->len, buf)) {
                snprintf(w->err, w->errlen, "internal: a text run uses a font that was not prepared");
                return false;
            }
            if (!in_text) {
                if (HPDF_Page_BeginText(page) != HPDF_OK) return failed(w, "HPDF_Page_BeginText");
                in_text = true;
            }
            if (font != cur_font || t->size != cur_size) {
                if (HPDF_Page_SetFontAndSize(page, font, pt(t->size)) != HPDF_OK)
                    return failed(w, "HPDF_Page_SetFontAndSize");
                cur_font = font;
                cur_size = t->size;
            }
            if (t->tracking != cur_track) {
                if (HPDF_Page_SetCharSpace(page, pt(t->tracking)) != HPDF_OK)
                    return failed(w, "HPDF_Page_SetCharSpace");
                cur_track = t->tracking;
            }
            if (t->bold != cur_bold) {
                /* Synthetic bold for faces without a bold cut: the outline is
                   stroked as well as filled, with a stroke of 1/30 em. */
                if (t->bold && (HPDF_Page_SetLineWidth(page, pt(t->size) / 30) != HPDF_OK))
                    return failed(w, "HPDF_Page_SetLineWidth");
                cur_width = -1;
                if (HPDF_Page_SetTextRenderingMode(page, t->bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL) != HPDF_OK)
                    return failed(w, "HPDF_Page_SetTextRenderingMode");
                cur_bold = t->bold;
            }
            if (HPDF_Page_TextOut(page, pt(t->x), H - pt(t->y), buf) != HPDF_OK)
                return failed(w, "HPDF_Page_TextOut");
        } else {
            const frame_rule *r = &it->u.rule;
            if (in_text) {
                if (HPDF_Page_EndText(page) != HPDF_OK) return failed(w, "HPDF_Page_EndText");
                in_text = false;
            }
            if (r->width != cur_width) {
                /* Square caps: a table's rules meet at the corners without a notch. */
                if (cur_width < 0 && HPDF_Page_SetLineCap(page, HPDF_PROJECTING_SCUARE_END) != HPDF_OK)
                    return failed(w, "HPDF_Page_SetLineCap");
                if (HPDF_Page_SetLineWidth(page, pt(r->width)) != HPDF_OK)
                    return failed(w, "HPDF_Page_SetLineWidth");
                cur_width = r->width;
            }
            if (HPDF_Page_MoveTo(page, pt(r->x0), H - pt(r->y0)) != HPDF_OK ||
                HPDF_Page_LineTo(page, pt(r->x1), H - pt(r->y1)) != HPDF_OK ||
                HPDF_Page_Stroke(page) != HPDF_OK)
                return failed(w, "drawing a rule");
        }
    }
    if (in_text && HPDF_Page_EndText(page) != HPDF_OK) return failed(w, "HPDF_Page_EndText");
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
        HPDF_Outline ol = HPDF_CreateOutline(w->pdf, up, o->title, utf8); /* NULL: root */
        if (!ol) return failed(w, "HPDF_CreateOutline");
        HPDF_Destination dst = HPDF_Page_CreateDestination(pages[o->page]);
        if (!dst) return failed(w, "HPDF_Page_CreateDestination");
        /* Zoom 0 ("keep") is rejected and poisons the document (lh §7). */
        if (HPDF_Destination_SetXYZ(dst, 0, pt(doc->page_height) - pt(o->y), 1) != HPDF_OK ||
            HPDF_Outline_SetDestination(ol, dst) != HPDF_OK)
            return failed(w, "setting an outline destination");
        parent[level] = ol;
        for (int l = level + 1; l <= MAX_DEPTH; l++) parent[l] = NULL;
    }
    return true;
}

static bool write_doc(writer *w, const frame_doc *doc, const pdf_info *info, const char *path,
                      pdf_fonts **fonts, HPDF_Page *pages, char **buf)
{
    if (HPDF_UseUTFEncodings(w->pdf) != HPDF_OK) return failed(w, "HPDF_UseUTFEncodings");
    if (HPDF_SetCurrentEncoder(w->pdf, "UTF-8") != HPDF_OK) return failed(w, "HPDF_SetCurrentEncoder");
    if (HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL) != HPDF_OK)
        return failed(w, "HPDF_SetCompressionMode");
    if (!set_info(w, info)) return false;
    if (!(*fonts = pdf_fonts_load(w->pdf, doc, w->err, w->errlen))) return false;

    int longest = 0;
    for (int p = 0; p < doc->n_pages; p++)
        for (int i = 0; i < doc->pages[p].n_items; i++)
            if (doc->pages[p].items[i].kind == FRAME_TEXT && doc->pages[p].items[i].u.text.len > longest)
                longest = doc->pages[p].items[i].u.text.len;
    if (!(*buf = malloc(3 * (size_t)longest + 1))) {
        snprintf(w->err, w->errlen, "out of memory");
        return false;
    }
    for (int p = 0; p < doc->n_pages; p++) {
        HPDF_Page page = pages[p] = HPDF_AddPage(w->pdf);
        if (!page) return failed(w, "HPDF_AddPage");
        if (HPDF_Page_SetWidth(page, pt(doc->page_width)) != HPDF_OK ||
            HPDF_Page_SetHeight(page, pt(doc->page_height)) != HPDF_OK)
            return failed(w, "setting the page size");
        if (!draw_page(w, doc, &doc->pages[p], page, *fonts, *buf)) return false;
    }
    if (!add_outline(w, doc, pages)) return false;
    if (!pdf_fonts_finish(*fonts, w->err, w->errlen)) return false;
    if (HPDF_SaveToFile(w->pdf, path) != HPDF_OK) {
        /* libharu puts errno into the detail of its file errors. */
        if (w->herr.no == HPDF_FILE_OPEN_ERROR || w->herr.no == HPDF_FILE_IO_ERROR) {
            snprintf(w->err, w->errlen, "cannot write %s: %s", path, strerror((int)w->herr.detail));
            return false;
        }
        return failed(w, "HPDF_SaveToFile");
    }
    return true;
}

bool pdf_write(const frame_doc *doc, const pdf_info *info, const char *path, char *err,
               size_t errlen)
{
    writer w = { .err = err, .errlen = errlen };
    w.pdf = HPDF_New(on_error, &w.herr);
    if (!w.pdf) {
        snprintf(err, errlen, "libharu could not create a document (out of memory)");
        return false;
    }
    pdf_fonts *fonts = NULL;
    char *buf = NULL;
    HPDF_Page *pages = calloc(doc->n_pages > 0 ? (size_t)doc->n_pages : 1, sizeof *pages);
    bool ok = pages != NULL;
    if (!ok) snprintf(err, errlen, "out of memory");
    if (ok) ok = write_doc(&w, doc, info, path, &fonts, pages, &buf);
    free(buf);
    free(pages);
    pdf_fonts_free(fonts);
    HPDF_Free(w.pdf);
    return ok;
}
