/* ofd_xml.h — a growable byte buffer that writes OFD's XML.
 *
 * Internal to the OFD writer.  OFD's XML is a fixed, small vocabulary
 * written once, top to bottom: no DOM, no namespaces beyond the one prefix,
 * no reading back.  So instead of libxml2's xmlTextWriter (a dependency and
 * ~10× the instructions per element for the same bytes) a buffer with text
 * escaping and locale-independent numbers does it.  What must be escaped is
 * escaped here: & < > " in text and attributes, control characters dropped
 * (XML 1.0 forbids them).  Lengths are written from integer micrometres, so
 * the text never depends on the locale, has at most three decimals, no
 * exponent and no "-0". */
#ifndef REPORTC_OFD_XML_H
#define REPORTC_OFD_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ofd_xml {
    uint8_t *data;
    size_t len, cap;
    bool failed;        /* out of memory: every later call does nothing */
} ofd_xml;

/* Appends bytes as they are (markup the caller wrote). */
void ofd_xml_raw(ofd_xml *x, const char *s);

/* Appends UTF-8 text escaped for element content or an attribute value. */
void ofd_xml_text(ofd_xml *x, const char *utf8);

/* Appends Unicode scalar values cps[0..n) as escaped UTF-8. */
void ofd_xml_chars(ofd_xml *x, const uint32_t *cps, int n);

/* Appends an unsigned integer. */
void ofd_xml_uint(ofd_xml *x, unsigned long v);

/* Appends a length given in micrometres as millimetres ("3.704", "210", "-0.5"). */
void ofd_xml_um(ofd_xml *x, long long um);

/* Appends printf-style markup (no text from the input: that goes through
 * ofd_xml_text). */
void ofd_xml_fmt(ofd_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Frees the buffer; a zeroed one is fine. */
void ofd_xml_free(ofd_xml *x);

#endif
