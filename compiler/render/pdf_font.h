/* pdf_font.h — the back end's fonts: one compact subset per face used.
 *
 * Internal to pdf_write.c.  For every face a frame_doc draws with, this
 * collects the characters used, has the font service subset the face
 * (font/font_subset.h) with the i-th character (in new-glyph order) on the
 * code 0x100+i, loads that font into libharu and replaces libharu's
 * ToUnicode CMap with one mapping those codes back to the text.  At most
 * FONT_MAX_CHARS distinct characters per face: layout reports more as an
 * error at the character that goes past it. */
#ifndef REPORTC_PDF_FONT_H
#define REPORTC_PDF_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <hpdf.h>
#include "layout/frame.h"
#include "pdf_content.h"

typedef struct pdf_fonts pdf_fonts;

/* Builds and loads the fonts of every face `doc` draws with into `pdf`
 * (which must already use the UTF-8 encoder); with `pdfa`, each font
 * descriptor gets the CIDSet PDF/A-1 asks for.  Call once per document,
 * after all text is known and before any drawing.  NULL on failure, with a
 * one-line reason in err. */
pdf_fonts *pdf_fonts_load(HPDF_Doc pdf, const frame_doc *doc, bool pdfa, char *err, size_t errlen);

/* Waits for the font files deflated in the background and puts them into
 * their FontFile2 streams.  Call after drawing, before saving.  False with a
 * reason in err on failure. */
bool pdf_fonts_finish(pdf_fonts *pf, char *err, size_t errlen);

/* The libharu font of face `face`, or NULL when the document never uses it. */
HPDF_Font pdf_fonts_font(const pdf_fonts *pf, int face);

/* Appends text[0..len) of face `face` to content as a PDF hex string of
 * its 2-byte codes and a space ("<01a2…> "): the operand of Tj.  False if
 * some character was not collected by pdf_fonts_load (a run outside
 * `doc`); out of memory is content->oom, as for every appender. */
bool pdf_fonts_encode(const pdf_fonts *pf, int face, const uint32_t *text, int len, pdf_content *content);

/* Frees the tables; the libharu objects belong to the HPDF_Doc. NULL is allowed. */
void pdf_fonts_free(pdf_fonts *pf);

#endif
