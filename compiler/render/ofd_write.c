/* ofd_write.c — frames to an OFD package (ofd_write.h).
 *
 * Order of work: fonts subset (ofd_font.c) and, with the seals' scanlines,
 * sent to the deflater on the second core (pdf_deflate.c, the PDF's own);
 * meanwhile the pages' Content.xml (ofd_page.c) and the document XML
 * (ofd_doc.c) are written, then deflated too; minizip frames the deflated
 * entries (ofd_zip.c).  IDs come from one counter, as ofdrw's do: fonts,
 * images, pages, then each page's layer and objects. */
#include "ofd_write.h"
#include "ofd_doc.h"
#include "ofd_font.h"
#include "ofd_page.h"
#include "ofd_png.h"
#include "ofd_xml.h"
#include "ofd_zip.h"
#include "pdf_deflate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One file of the package. */
typedef struct entry {
    char name[64];
    const uint8_t *data;  /* the file (borrowed) */
    size_t len;
    int deflated;         /* index of its zlib stream in the XML deflater, -1: stored */
} entry;

typedef struct job {
    const frame_doc *doc;
    ofd_font *fonts;
    unsigned *font_id;
    const image_data **images;
    unsigned *image_id;
    int n_images;
    unsigned *page_id;
    ofd_xml *xml;           /* n_pages pages, then Document, PublicRes, DocumentRes, OFD */
    int n_xml;
    uint8_t **scan;         /* per PNG image: its scanlines; NULL for a JPEG */
    size_t *scan_len;
    uint8_t **png;          /* per PNG image: the file */
    size_t *png_len;
    pdf_deflater *bin;      /* fonts and scanlines */
    pdf_deflater *text;     /* the XML */
    const uint8_t **in;     /* inputs of the binary deflater */
    size_t *in_len;
    const uint8_t **tin;    /* inputs of the XML deflater */
    size_t *tin_len;
    char *err;
    size_t errlen;
} job;

static bool oom(job *j)
{
    snprintf(j->err, j->errlen, "out of memory");
    return false;
}

/* The distinct images the runs draw, in order of first use. */
static bool collect_images(job *j)
{
    const frame_doc *doc = j->doc;
    int cap = 0;
    for (int p = 0; p < doc->n_pages; p++)
        for (int i = 0; i < doc->pages[p].n_items; i++) {
            const frame_item *it = &doc->pages[p].items[i];
            if (it->kind != FRAME_TEXT || !it->u.text.image || !it->u.text.image->image) continue;
            const image_data *img = it->u.text.image->image;
            bool seen = false;
            for (int k = 0; k < j->n_images && !seen; k++) seen = j->images[k] == img;
            if (seen) continue;
            if (j->n_images == cap) {
                cap = cap ? 2 * cap : 4;
                const image_data **more = realloc(j->images, (size_t)cap * sizeof *more);
                if (!more) return oom(j);
                j->images = more;
            }
            j->images[j->n_images++] = img;
        }
    return true;
}

/* IDs, subsets, and the deflater of fonts and scanlines started. */
static bool prepare(job *j, unsigned *next)
{
    const frame_doc *doc = j->doc;
    if (!(j->fonts = ofd_fonts_make(doc, j->err, j->errlen))) return false;
    if (!collect_images(j)) return false;
    size_t nf = doc->n_faces > 0 ? (size_t)doc->n_faces : 1, ni = j->n_images > 0 ? (size_t)j->n_images : 1;
    j->font_id = calloc(nf, sizeof *j->font_id);
    j->image_id = calloc(ni, sizeof *j->image_id);
    j->scan = calloc(ni, sizeof *j->scan);
    j->scan_len = calloc(ni, sizeof *j->scan_len);
    j->png = calloc(ni, sizeof *j->png);
    j->png_len = calloc(ni, sizeof *j->png_len);
    j->page_id = calloc(doc->n_pages > 0 ? (size_t)doc->n_pages : 1, sizeof *j->page_id);
    j->in = calloc(nf + ni, sizeof *j->in);
    j->in_len = calloc(nf + ni, sizeof *j->in_len);
    if (!j->font_id || !j->image_id || !j->scan || !j->scan_len || !j->png || !j->png_len || !j->page_id || !j->in ||
        !j->in_len)
        return oom(j);
    int n_in = 0;
    for (int f = 0; f < doc->n_faces; f++)
        if (j->fonts[f].used) {
            j->font_id[f] = ++*next;
            j->in[n_in] = j->fonts[f].sub.file;
            j->in_len[n_in++] = j->fonts[f].sub.len;
        }
    for (int i = 0; i < j->n_images; i++) {
        j->image_id[i] = ++*next;
        if (j->images[i]->kind != IMAGE_PNG) continue;
        if (!(j->scan[i] = ofd_png_scanlines(j->images[i], &j->scan_len[i]))) return oom(j);
        j->in[n_in] = j->scan[i];
        j->in_len[n_in++] = j->scan_len[i];
    }
    for (int p = 0; p < doc->n_pages; p++) j->page_id[p] = ++*next;
    if (!(j->bin = pdf_deflate_start(j->in, j->in_len, n_in))) return oom(j);
    return true;
}

/* DocID: 32 hex digits from two FNV-1a hashes of the document's XML, so
 * that it names the content and stays the same for the same input. */
static void doc_id(const job *j, char out[33])
{
    uint64_t h1 = 0xcbf29ce484222325u, h2 = 0x84222325cbf29ce4u;
    for (int k = 0; k < j->n_xml - 1; k++)
        for (size_t i = 0; i < j->xml[k].len; i++) {
            h1 = (h1 ^ j->xml[k].data[i]) * 0x100000001b3u;
            h2 = (h2 ^ j->xml[k].data[i]) * 0x100000001b3u + 1;
        }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
}

/* Every XML file, then their deflating started. */
static bool write_xml(job *j, const ofd_info *info, unsigned *next)
{
    const frame_doc *doc = j->doc;
    j->n_xml = doc->n_pages + 4;
    j->xml = calloc((size_t)j->n_xml, sizeof *j->xml);
    j->tin = calloc((size_t)j->n_xml, sizeof *j->tin);
    j->tin_len = calloc((size_t)j->n_xml, sizeof *j->tin_len);
    if (!j->xml || !j->tin || !j->tin_len) return oom(j);
    ofd_refs refs = { doc, j->font_id, j->images, j->image_id, j->n_images, *next };
    for (int p = 0; p < doc->n_pages; p++)
        if (!ofd_page_write(&refs, &doc->pages[p], &j->xml[p], j->err, j->errlen)) return false;
    *next = refs.next_id;
    bool fonts = false;
    for (int f = 0; f < doc->n_faces; f++) fonts |= j->font_id[f] != 0;
    ofd_xml *x = &j->xml[doc->n_pages];
    ofd_doc_document(&x[0], doc, *next, j->page_id, fonts, j->n_images > 0);
    if (fonts) ofd_doc_public_res(&x[1], j->fonts, j->font_id, doc->n_faces);
    if (j->n_images > 0) ofd_doc_document_res(&x[2], j->images, j->image_id, j->n_images);
    char id[33];
    doc_id(j, id);
    ofd_doc_main(&x[3], info, id);
    for (int k = 0; k < j->n_xml; k++) {
        if (j->xml[k].failed) return oom(j);
        j->tin[k] = j->xml[k].data;
        j->tin_len[k] = j->xml[k].len;
    }
    if (!(j->text = pdf_deflate_start(j->tin, j->tin_len, j->n_xml))) return oom(j);
    return true;
}

static bool add(job *j, ofd_zip *zip, const char *name, const uint8_t *data, size_t len, const pdf_deflater *d,
                int k)
{
    size_t zlen = 0;
    const uint8_t *z = d ? pdf_deflate_result(d, k, &zlen) : NULL;
    return ofd_zip_add(zip, name, data, len, z, zlen, j->err, j->errlen);
}

/* The archive, in a fixed order: OFD.xml, Document.xml, the resource
 * files, the pages, the fonts, the images. */
static bool package(job *j, uint8_t **out, size_t *len)
{
    const frame_doc *doc = j->doc;
    if (!pdf_deflate_finish(j->text) || !pdf_deflate_finish(j->bin)) {
        snprintf(j->err, j->errlen, "deflating failed (out of memory)");
        return false;
    }
    ofd_zip *zip = ofd_zip_open();
    if (!zip) return oom(j);
    const ofd_xml *x = j->xml;
    int np = doc->n_pages;
    bool ok = add(j, zip, "OFD.xml", x[np + 3].data, x[np + 3].len, j->text, np + 3) &&
              add(j, zip, "Doc_0/Document.xml", x[np].data, x[np].len, j->text, np) &&
              (!x[np + 1].len || add(j, zip, "Doc_0/PublicRes.xml", x[np + 1].data, x[np + 1].len, j->text, np + 1)) &&
              (!x[np + 2].len ||
               add(j, zip, "Doc_0/DocumentRes.xml", x[np + 2].data, x[np + 2].len, j->text, np + 2));
    char name[96];
    for (int p = 0; ok && p < np; p++) {
        snprintf(name, sizeof name, "Doc_0/Pages/Page_%d/Content.xml", p);
        ok = add(j, zip, name, x[p].data, x[p].len, j->text, p);
    }
    int k = 0; /* index into the binary deflater's inputs */
    for (int f = 0; ok && f < doc->n_faces; f++)
        if (j->font_id[f]) {
            snprintf(name, sizeof name, "Doc_0/Res/font_%u.ttf", j->font_id[f]);
            ok = add(j, zip, name, j->fonts[f].sub.file, j->fonts[f].sub.len, j->bin, k++);
        }
    for (int i = 0; ok && i < j->n_images; i++) {
        const image_data *img = j->images[i];
        char file[64];
        ofd_doc_image_name(file, sizeof file, img, j->image_id[i]);
        snprintf(name, sizeof name, "Doc_0/Res/%s", file);
        if (img->kind == IMAGE_PNG) {
            size_t zlen;
            const uint8_t *z = pdf_deflate_result(j->bin, k++, &zlen);
            if (!(j->png[i] = ofd_png_file(img, z, zlen, &j->png_len[i]))) ok = oom(j);
            /* A PNG is deflated already: stored. */
            if (ok) ok = add(j, zip, name, j->png[i], j->png_len[i], NULL, 0);
        } else {
            ok = add(j, zip, name, img->bytes, img->len, NULL, 0);
        }
    }
    if (!ok) {
        ofd_zip_free(zip);
        return false;
    }
    return ofd_zip_finish(zip, out, len, j->err, j->errlen);
}

bool ofd_write(const frame_doc *doc, const ofd_info *info, diag *d, uint8_t **out, size_t *len)
{
    char err[512] = "";
    job j = { .doc = doc, .err = err, .errlen = sizeof err };
    unsigned next = 0;
    bool ok = prepare(&j, &next) && write_xml(&j, info, &next) && package(&j, out, len);
    if (!ok) diag_internal(d, "render", "writing the OFD failed: %s", err);
    pdf_deflate_free(j.bin);
    pdf_deflate_free(j.text);
    for (int k = 0; j.xml && k < j.n_xml; k++) ofd_xml_free(&j.xml[k]);
    for (int i = 0; i < j.n_images; i++) {
        if (j.scan) free(j.scan[i]);
        if (j.png) free(j.png[i]);
    }
    free(j.xml);
    free(j.scan), free(j.scan_len), free(j.png), free(j.png_len);
    free(j.in), free(j.in_len), free(j.tin), free(j.tin_len);
    free(j.page_id), free(j.font_id), free(j.image_id), free(j.images);
    ofd_fonts_free(j.fonts, doc->n_faces);
    return ok;
}
