/* ofd_doc.c — see ofd_doc.h. */
#include "ofd_doc.h"

#include <stdio.h>
#include <string.h>

#include "ofd_page.h"

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define NS "xmlns:ofd=\"http://www.ofdspec.org/2016\""

static void element(ofd_xml *x, const char *name, const char *text)
{
    if (!text || !*text) return;
    ofd_xml_fmt(x, "<ofd:%s>", name);
    ofd_xml_text(x, text);
    ofd_xml_fmt(x, "</ofd:%s>\n", name);
}

/* The length of the separator (, ; ， ； 、) at s, or 0. */
static size_t separator(const char *s)
{
    static const char *const seps[] = { ",", ";", "\xEF\xBC\x8C", "\xEF\xBC\x9B", "\xE3\x80\x81" };
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (strncmp(s, seps[i], strlen(seps[i])) == 0) return strlen(seps[i]);
    return 0;
}

/* Keywords/Keyword+: the keywords split at separators, blanks trimmed;
 * nothing when none is left (an empty Keywords fails the schema). */
static void keywords(ofd_xml *x, const char *kw)
{
    if (!kw) return;
    bool open = false;
    for (const char *s = kw; *s;) {
        while (*s == ' ' || *s == '\t') s++;
        const char *e = s;
        while (*e && !separator(e)) e++;
        const char *end = e;
        while (end > s && (end[-1] == ' ' || end[-1] == '\t')) end--;
        if (end > s) {
            if (!open) ofd_xml_raw(x, "<ofd:Keywords>");
            open = true;
            char buf[1024];
            ofd_xml_raw(x, "<ofd:Keyword>");
            /* Keywords are short; a long one is written in pieces. */
            for (const char *p = s; p < end;) {
                size_t n = (size_t)(end - p) < sizeof buf - 1 ? (size_t)(end - p) : sizeof buf - 1;
                while (n > 0 && p + n < end && ((unsigned char)p[n] & 0xC0) == 0x80) n--; /* whole characters */
                memcpy(buf, p, n);
                buf[n] = '\0';
                ofd_xml_text(x, buf);
                p += n;
            }
            ofd_xml_raw(x, "</ofd:Keyword>");
        }
        s = *e ? e + separator(e) : e;
    }
    if (open) ofd_xml_raw(x, "</ofd:Keywords>\n");
}

void ofd_doc_main(ofd_xml *x, const ofd_info *info, const char *doc_id)
{
    ofd_xml_raw(x, XML_HEAD "<ofd:OFD " NS " Version=\"1.0\" DocType=\"OFD\">\n<ofd:DocBody>\n<ofd:DocInfo>\n");
    element(x, "DocID", doc_id);
    element(x, "Title", info->title);
    element(x, "Author", info->author);
    element(x, "Subject", info->subject);
    if (info->year > 0) {
        char date[16];
        snprintf(date, sizeof date, "%04d-%02d-%02d", info->year % 10000, info->month % 100, info->day % 100);
        element(x, "CreationDate", date);
        element(x, "ModDate", date);
    }
    keywords(x, info->keywords);
    element(x, "Creator", info->creator);
    element(x, "CreatorVersion", info->creator_version);
    ofd_xml_raw(x, "</ofd:DocInfo>\n<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>\n</ofd:DocBody>\n</ofd:OFD>\n");
}

/* Outlines: nested OutlineElem, an entry's parent the latest entry of a
 * smaller level; each goes to its heading's page, at the heading's top. */
static void outlines(ofd_xml *x, const frame_doc *doc, const unsigned *page_id)
{
    enum { MAX_DEPTH = 64 };
    int open[MAX_DEPTH], n_open = 0; /* levels of the open entries */
    int written = 0;
    for (int i = 0; i < doc->n_outline; i++) {
        const frame_outline *o = &doc->outline[i];
        if (o->page < 0 || o->page >= doc->n_pages || !o->title) continue;
        if (!written++) ofd_xml_raw(x, "<ofd:Outlines>\n");
        while (n_open > 0 && open[n_open - 1] >= o->level) {
            ofd_xml_raw(x, "</ofd:OutlineElem>\n");
            n_open--;
        }
        if (n_open == MAX_DEPTH) { /* deeper than any heading: a sibling */
            ofd_xml_raw(x, "</ofd:OutlineElem>\n");
            n_open--;
        }
        ofd_xml_raw(x, "<ofd:OutlineElem Title=\"");
        ofd_xml_text(x, o->title);
        ofd_xml_fmt(x, "\"><ofd:Actions><ofd:Action Event=\"CLICK\"><ofd:Goto><ofd:Dest Type=\"XYZ\" PageID=\"%u\" "
                       "Left=\"0\" Top=\"",
                    page_id[o->page]);
        ofd_xml_um(x, ofd_um(o->y));
        ofd_xml_raw(x, "\"/></ofd:Goto></ofd:Action></ofd:Actions>\n");
        open[n_open++] = o->level;
    }
    while (n_open-- > 0) ofd_xml_raw(x, "</ofd:OutlineElem>\n");
    if (written) ofd_xml_raw(x, "</ofd:Outlines>\n");
}

void ofd_doc_document(ofd_xml *x, const frame_doc *doc, unsigned max_id, const unsigned *page_id, bool public_res,
                      bool document_res)
{
    ofd_xml_raw(x, XML_HEAD "<ofd:Document " NS ">\n<ofd:CommonData>\n");
    ofd_xml_fmt(x, "<ofd:MaxUnitID>%u</ofd:MaxUnitID>\n<ofd:PageArea><ofd:PhysicalBox>0 0 ", max_id);
    ofd_xml_um(x, ofd_um(doc->page_width));
    ofd_xml_raw(x, " ");
    ofd_xml_um(x, ofd_um(doc->page_height));
    ofd_xml_raw(x, "</ofd:PhysicalBox></ofd:PageArea>\n");
    if (public_res) ofd_xml_raw(x, "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>\n");
    if (document_res) ofd_xml_raw(x, "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>\n");
    ofd_xml_raw(x, "</ofd:CommonData>\n<ofd:Pages>\n");
    for (int p = 0; p < doc->n_pages; p++)
        ofd_xml_fmt(x, "<ofd:Page ID=\"%u\" BaseLoc=\"Pages/Page_%d/Content.xml\"/>\n", page_id[p], p);
    ofd_xml_raw(x, "</ofd:Pages>\n");
    outlines(x, doc, page_id);
    ofd_xml_raw(x, "</ofd:Document>\n");
}

void ofd_doc_public_res(ofd_xml *x, const ofd_font *fonts, const unsigned *font_id, int n)
{
    ofd_xml_raw(x, XML_HEAD "<ofd:Res " NS " BaseLoc=\"Res\">\n<ofd:Fonts>\n");
    for (int f = 0; f < n; f++) {
        if (!font_id[f]) continue;
        ofd_xml_fmt(x, "<ofd:Font ID=\"%u\" FontName=\"", font_id[f]);
        ofd_xml_text(x, fonts[f].name ? fonts[f].name : "");
        ofd_xml_raw(x, "\"");
        if (fonts[f].family) {
            ofd_xml_raw(x, " FamilyName=\"");
            ofd_xml_text(x, fonts[f].family);
            ofd_xml_raw(x, "\"");
        }
        ofd_xml_fmt(x, "><ofd:FontFile>font_%u.ttf</ofd:FontFile></ofd:Font>\n", font_id[f]);
    }
    ofd_xml_raw(x, "</ofd:Fonts>\n</ofd:Res>\n");
}

void ofd_doc_image_name(char *out, size_t outlen, const image_data *img, unsigned id)
{
    snprintf(out, outlen, "image_%u.%s", id, img->kind == IMAGE_PNG ? "png" : "jpg");
}

void ofd_doc_document_res(ofd_xml *x, const image_data *const *images, const unsigned *image_id, int n)
{
    ofd_xml_raw(x, XML_HEAD "<ofd:Res " NS " BaseLoc=\"Res\">\n<ofd:MultiMedias>\n");
    for (int i = 0; i < n; i++) {
        char name[64];
        ofd_doc_image_name(name, sizeof name, images[i], image_id[i]);
        ofd_xml_fmt(x, "<ofd:MultiMedia ID=\"%u\" Type=\"Image\" Format=\"%s\"><ofd:MediaFile>%s</ofd:MediaFile>"
                       "</ofd:MultiMedia>\n",
                    image_id[i], images[i]->kind == IMAGE_PNG ? "PNG" : "JPEG", name);
    }
    ofd_xml_raw(x, "</ofd:MultiMedias>\n</ofd:Res>\n");
}
