/* pdf_pdfa.h — what PDF/A-1b (ISO 19005-1, identical to GB/T 23286.1-2009)
 * asks of a file beyond what libharu writes: XMP metadata, an sRGB output
 * intent and a trailer /ID derived from the content.
 *
 * Internal to pdf_write.c.  libharu 2.3.0's own PDF/A mode is not used: it
 * misspells /Subtype, puts the XMP values in unescaped, writes
 * /DestOutputProfile with a trailing blank in the key and derives /ID from
 * the clock.  The font
 * entries (CIDSet, CapHeight) are pdf_font.c's. */
#ifndef REPORTC_PDF_PDFA_H
#define REPORTC_PDF_PDFA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <hpdf.h>
#include "pdf_write.h"

/* The text of the Info dictionary, as UTF-8, to be repeated in the XMP.
 * NULL fields are absent from both. */
typedef struct pdfa_meta {
    const char *title, *author, *subject, *keywords, *creator, *producer;
    const char *date;   /* XMP form, "2024-01-31T00:00:00+08:00", or NULL */
    char conformance;   /* 'A' (tagged, ISO 19005-1 level A) or 'B' */
} pdfa_meta;

/* Adds the catalog's /Metadata: an uncompressed XMP packet with the Info
 * values (dc:title, dc:creator, dc:description, pdf:Keywords,
 * xmp:CreatorTool, pdf:Producer, xmp:CreateDate and ModifyDate) escaped
 * for XML, and pdfaid:part 1 with m->conformance (B unless 'A'). */
bool pdf_pdfa_add_metadata(HPDF_Doc pdf, const pdfa_meta *m);

/* Adds /OutputIntents with one GTS_PDFA1 intent whose DestOutputProfile
 * embeds the ICC profile icc[0..len) (checked by the parse stage); false
 * with a reason in err. */
bool pdf_pdfa_add_output_intent(HPDF_Doc pdf, const uint8_t *icc, size_t len, char *err, size_t errlen);

/* Puts a placeholder /ID into the trailer; pdf_pdfa_set_id fills it in. */
bool pdf_pdfa_reserve_id(HPDF_Doc pdf);

/* Fills the placeholder /ID of the saved file pdf[0..len) with the MD5 of
 * every byte before the trailer: the same content gives the same /ID
 * (ISO 32000-1 §14.4 asks for a digest of the file's contents).  False when
 * the placeholder is not found. */
bool pdf_pdfa_set_id(uint8_t *file, size_t len);

#endif
