/* ofd_page.c — see ofd_page.h.
 *
 * Positions: every glyph origin is computed as the PDF's text state puts
 * it — the run's start plus, per glyph before it, the advance (the face's
 * width in 1/1000 em, truncated as libharu's /W is: font_face.h) times the
 * size, plus the tracking (Tc) — then rounded once to 0.001 mm.  TextCode's
 * X and DeltaX are differences of those rounded positions, so no error
 * accumulates along a line (ofd.md §6.4). */
#include "ofd_page.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "font/font_face.h"

long long ofd_um(double mpt) { return llround(mpt * 25.4 / 72.0); }

/* The box a run's Boundary gets around its glyphs, in em: the Boundary
 * clips (§8.5), so it is generous — above the baseline 1.15 em, below it
 * 0.35 em, 0.25 em at either end (more than any CJK or Latin face of the
 * font table reaches). */
#define ASCENT_EM 1.15
#define DESCENT_EM 0.35
#define SIDE_EM 0.25

static bool is_blank(uint32_t c) { return c == ' ' || c == '\t'; }

/* Characters a TextCode cannot hold: XML forbids them (ofd_xml drops them). */
static bool is_unwritable(uint32_t c)
{
    return (c < 0x20 && c != '\t') || c == 0x7F || (c >= 0xD800 && c < 0xE000) || c == 0xFFFE || c == 0xFFFF ||
           c > 0x10FFFF;
}

/* One TextCode for t->text[from..to), no blank at either end. */
static void text_code(ofd_xml *x, const frame_text *t, const long long *gx, int from, int to, long long left,
                      long long ascent)
{
    ofd_xml_raw(x, "<ofd:TextCode X=\"");
    ofd_xml_um(x, gx[from] - left);
    ofd_xml_raw(x, "\" Y=\"");
    ofd_xml_um(x, ascent);
    ofd_xml_raw(x, "\"");
    if (to - from > 1) {
        /* n−1 advances; k ≥ 3 equal ones as "g k v" (表46). */
        ofd_xml_raw(x, " DeltaX=\"");
        for (int i = from; i < to - 1;) {
            long long d = gx[i + 1] - gx[i];
            int k = 1;
            while (i + k < to - 1 && gx[i + k + 1] - gx[i + k] == d) k++;
            if (i > from) ofd_xml_raw(x, " ");
            if (k >= 3) {
                ofd_xml_raw(x, "g ");
                ofd_xml_uint(x, (unsigned long)k);
                ofd_xml_raw(x, " ");
                ofd_xml_um(x, d);
            } else {
                for (int j = 0; j < k; j++) {
                    if (j) ofd_xml_raw(x, " ");
                    ofd_xml_um(x, d);
                }
            }
            i += k;
        }
        ofd_xml_raw(x, "\"");
    }
    ofd_xml_raw(x, ">");
    ofd_xml_chars(x, t->text + from, to - from);
    ofd_xml_raw(x, "</ofd:TextCode>");
}

static void image_object(ofd_refs *r, ofd_xml *x, const frame_text *t)
{
    const frame_image *fi = t->image;
    unsigned id = 0;
    for (int i = 0; i < r->n_images && !id; i++)
        if (r->images[i] == fi->image) id = r->image_id[i];
    if (!id || fi->image->width == 0) return;
    /* As the PDF: width as given, height in the image's proportions,
       centred at (x + dx, y + dy). */
    double w = fi->width, h = w * (double)fi->image->height / (double)fi->image->width;
    long long wu = ofd_um(w), hu = ofd_um(h);
    if (wu <= 0 || hu <= 0) return;
    ofd_xml_fmt(x, "<ofd:ImageObject ID=\"%u\" Boundary=\"", ++r->next_id);
    ofd_xml_um(x, ofd_um(t->x + fi->dx - w / 2));
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, ofd_um(t->y + fi->dy - h / 2));
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, wu);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, hu);
    ofd_xml_raw(x, "\" CTM=\"");
    ofd_xml_um(x, wu);
    ofd_xml_raw(x, " 0 0 ");
    ofd_xml_um(x, hu);
    ofd_xml_fmt(x, " 0 0\" ResourceID=\"%u\"/>\n", id);
}

static bool text_object(ofd_refs *r, ofd_xml *x, const frame_text *t, long long *gx, char *err, size_t errlen)
{
    const frame_doc *doc = r->doc;
    if (t->face < 0 || t->face >= doc->n_faces || !r->font_id[t->face]) {
        snprintf(err, errlen, "internal: a text run uses a font that was not embedded");
        return false;
    }
    const font_face *face = doc->faces[t->face];
    double pos = t->x;
    for (int i = 0; i <= t->len; i++) {
        gx[i] = ofd_um(pos);
        if (i < t->len) pos += font_face_advance_milli_em(face, t->text[i]) * (double)t->size / 1000.0 + t->tracking;
    }
    int first = 0, last = t->len;
    while (first < last && (is_blank(t->text[first]) || is_unwritable(t->text[first]))) first++;
    while (last > first && (is_blank(t->text[last - 1]) || is_unwritable(t->text[last - 1]))) last--;
    if (first == last) return true; /* nothing visible */
    long long size = ofd_um(t->size), stroke = t->stroke > 0 ? ofd_um(t->stroke) : 0;
    if (size <= 0) return true;
    long long ascent = llround(ASCENT_EM * (double)size), descent = llround(DESCENT_EM * (double)size);
    long long side = llround(SIDE_EM * (double)size) + stroke;
    long long left = gx[first] - side, right = gx[last] + side, top = ofd_um(t->y) - ascent;
    ofd_xml_fmt(x, "<ofd:TextObject ID=\"%u\" Boundary=\"", ++r->next_id);
    ofd_xml_um(x, left);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, top);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, right - left);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, ascent + descent);
    ofd_xml_fmt(x, "\" Font=\"%u\" Size=\"", r->font_id[t->face]);
    ofd_xml_um(x, size);
    ofd_xml_raw(x, "\"");
    if (stroke > 0) {
        /* Synthetic bold, as in the PDF: the outline stroked as well. */
        ofd_xml_raw(x, " Stroke=\"true\" LineWidth=\"");
        ofd_xml_um(x, stroke);
        ofd_xml_raw(x, "\"");
    }
    ofd_xml_raw(x, ">");
    /* TextCodes: a run of BMP characters each; a character beyond U+FFFF
       alone (readers index DeltaX by UTF-16 unit, ofd.md §2); blanks at a
       TextCode's ends and unwritable characters left out. */
    for (int i = first; i < last;) {
        while (i < last && (is_blank(t->text[i]) || is_unwritable(t->text[i]))) i++;
        if (i == last) break;
        int j = i + 1;
        if (t->text[i] < 0x10000)
            while (j < last && t->text[j] < 0x10000 && !is_unwritable(t->text[j])) j++;
        int end = j;
        while (end > i && is_blank(t->text[end - 1])) end--;
        text_code(x, t, gx, i, end, left, ascent);
        i = j;
    }
    ofd_xml_raw(x, "</ofd:TextObject>\n");
    return true;
}

/* A rule: the segment in a box grown by half the width on every side (the
 * PDF's square caps reach that far). */
static void path_object(ofd_refs *r, ofd_xml *x, const frame_rule *ru)
{
    long long w = ofd_um(ru->width);
    if (w <= 0) return;
    long long x0 = ofd_um(ru->x0), y0 = ofd_um(ru->y0), x1 = ofd_um(ru->x1), y1 = ofd_um(ru->y1);
    long long bx = (x0 < x1 ? x0 : x1) - w / 2, by = (y0 < y1 ? y0 : y1) - w / 2;
    long long bw = llabs(x1 - x0) + w, bh = llabs(y1 - y0) + w;
    ofd_xml_fmt(x, "<ofd:PathObject ID=\"%u\" Boundary=\"", ++r->next_id);
    ofd_xml_um(x, bx);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, by);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, bw);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, bh);
    ofd_xml_raw(x, "\" LineWidth=\"");
    ofd_xml_um(x, w);
    ofd_xml_raw(x, "\" Cap=\"Square\"><ofd:AbbreviatedData>M ");
    ofd_xml_um(x, x0 - bx);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, y0 - by);
    ofd_xml_raw(x, " L ");
    ofd_xml_um(x, x1 - bx);
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, y1 - by);
    ofd_xml_raw(x, "</ofd:AbbreviatedData></ofd:PathObject>\n");
}

bool ofd_page_write(ofd_refs *r, const frame_page *p, ofd_xml *x, char *err, size_t errlen)
{
    ofd_xml_raw(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\">");
    if (p->n_items == 0) {
        ofd_xml_raw(x, "</ofd:Page>\n");
        return true;
    }
    int longest = 0;
    for (int i = 0; i < p->n_items; i++)
        if (p->items[i].kind == FRAME_TEXT && p->items[i].u.text.len > longest) longest = p->items[i].u.text.len;
    long long *gx = malloc(((size_t)longest + 1) * sizeof *gx);
    if (!gx) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    ofd_xml_fmt(x, "<ofd:Content><ofd:Layer ID=\"%u\">\n", ++r->next_id);
    bool ok = true;
    for (int i = 0; ok && i < p->n_items; i++) {
        const frame_item *it = &p->items[i];
        if (it->kind == FRAME_TEXT) {
            if (it->u.text.image) image_object(r, x, &it->u.text);
            if (it->u.text.len > 0) ok = text_object(r, x, &it->u.text, gx, err, errlen);
        } else {
            path_object(r, x, &it->u.rule);
        }
    }
    free(gx);
    ofd_xml_raw(x, "</ofd:Layer></ofd:Content></ofd:Page>\n");
    return ok;
}
