/* ofd_doc.h — the package's document-level XML: OFD.xml, Document.xml and
 * the two resource files (GB/T 33190 §7.4, §7.5, §7.9).
 *
 * Internal to the OFD writer; every element in the order the standard's
 * schemas (附录A) require, none of them empty where the schemas forbid it. */
#ifndef REPORTC_OFD_DOC_H
#define REPORTC_OFD_DOC_H

#include <stdbool.h>

#include "layout/frame.h"
#include "ofd_font.h"
#include "ofd_write.h"
#include "ofd_xml.h"

/* OFD.xml: DocBody with DocInfo (doc_id: 32 hex digits) and DocRoot. */
void ofd_doc_main(ofd_xml *x, const ofd_info *info, const char *doc_id);

/* Doc_0/Document.xml: CommonData (MaxUnitID, PageArea, PublicRes and
 * DocumentRes when there are fonts and images), Pages (page_id[i] for page
 * i, at Pages/Page_i/Content.xml) and Outlines from the headings. */
void ofd_doc_document(ofd_xml *x, const frame_doc *doc, unsigned max_id, const unsigned *page_id, bool public_res,
                      bool document_res);

/* Doc_0/PublicRes.xml: a Font per embedded face (font_id[f] ≠ 0), its file
 * Res/font_<ID>.ttf. */
void ofd_doc_public_res(ofd_xml *x, const ofd_font *fonts, const unsigned *font_id, int n);

/* Doc_0/DocumentRes.xml: a MultiMedia per image, its file
 * Res/image_<ID>.png or .jpg. */
void ofd_doc_document_res(ofd_xml *x, const image_data *const *images, const unsigned *image_id, int n);

/* The file name (under Doc_0/Res/) of image `img` with MultiMedia ID `id`. */
void ofd_doc_image_name(char *out, size_t outlen, const image_data *img, unsigned id);

#endif
