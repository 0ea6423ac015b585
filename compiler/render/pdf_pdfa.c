/* pdf_pdfa.c — XMP metadata, output intent and /ID for PDF/A-1b (pdf_pdfa.h).
 *
 * Clauses cited are ISO 19005-1:2005 (= GB/T 23286.1-2009). */
#include "pdf_pdfa.h"

#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

bool pdf_pdfa_add_output_intent(HPDF_Doc pdf, const uint8_t *icc, size_t len, char *err, size_t errlen)
{
    /* PDF 1.4 §4.5.4 (ICCBased streams) and §9.10.4 (output intents); each
     * new object is attached at once, so the document owns it. */
    HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
    HPDF_STATUS ret = intents ? HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents) : HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_Dict intent = ret == HPDF_OK ? HPDF_Dict_New(pdf->mmgr) : NULL;
    if (intent) ret = HPDF_Array_Add(intents, intent);
    HPDF_Dict profile = ret == HPDF_OK && intent ? HPDF_DictStream_New(pdf->mmgr, pdf->xref) : NULL;
    if (profile) {
        ret = HPDF_Dict_Add(intent, "DestOutputProfile", profile);
        ret |= HPDF_Dict_AddName(intent, "Type", "OutputIntent");
        ret |= HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
        ret |= HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                             HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
        ret |= HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
        ret |= HPDF_Dict_AddNumber(profile, "N", 3);
        profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        ret |= HPDF_Stream_Write(profile->stream, icc, (HPDF_UINT)len);
    } else {
        ret = HPDF_FAILD_TO_ALLOC_MEM;
    }
    if (ret != HPDF_OK) snprintf(err, errlen, "libharu could not take the output intent");
    return ret == HPDF_OK;
}

/* A growing byte buffer for the XMP packet. */
typedef struct buf {
    char *p;
    size_t len, cap;
    bool oom;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 2048;
        while (cap < b->len + n) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

/* s as XML character data: & < > escaped (XMP must be well-formed); characters XML 1.0 forbids (C0 controls other than tab and newline)
 * become spaces, as they cannot be written at all. */
static void put_text(buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '&') puts_(b, "&amp;");
        else if (c == '<') puts_(b, "&lt;");
        else if (c == '>') puts_(b, "&gt;");
        else if (c < 0x20 && c != '\t' && c != '\n') puts_(b, " ");
        else put(b, s, 1);
    }
}

static void element(buf *b, const char *open, const char *value, const char *close)
{
    if (!value) return;
    puts_(b, open);
    put_text(b, value);
    puts_(b, close);
}

bool pdf_pdfa_add_metadata(HPDF_Doc pdf, const pdfa_meta *m)
{
    buf b = { 0 };
    /* §6.7.5: no 'bytes' or 'encoding' attribute in the packet header. */
    puts_(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    /* §6.7.3: each Info entry present has its XMP equivalent, equal. */
    puts_(&b, "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
              "<dc:format>application/pdf</dc:format>\n");
    element(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", m->title, "</rdf:li></rdf:Alt></dc:title>\n");
    element(&b, "<dc:creator><rdf:Seq><rdf:li>", m->author, "</rdf:li></rdf:Seq></dc:creator>\n");
    element(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", m->subject,
            "</rdf:li></rdf:Alt></dc:description>\n");
    puts_(&b, "</rdf:Description>\n"
              "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    element(&b, "<xmp:CreatorTool>", m->creator, "</xmp:CreatorTool>\n");
    element(&b, "<xmp:CreateDate>", m->date, "</xmp:CreateDate>\n");
    element(&b, "<xmp:ModifyDate>", m->date, "</xmp:ModifyDate>\n");
    puts_(&b, "</rdf:Description>\n"
              "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    element(&b, "<pdf:Producer>", m->producer, "</pdf:Producer>\n");
    element(&b, "<pdf:Keywords>", m->keywords, "</pdf:Keywords>\n");
    puts_(&b, "</rdf:Description>\n"
              "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
              "<pdfaid:part>1</pdfaid:part>\n");
    puts_(&b, m->conformance == 'A' ? "<pdfaid:conformance>A</pdfaid:conformance>\n"
                                    : "<pdfaid:conformance>B</pdfaid:conformance>\n");
    puts_(&b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    if (b.oom) {
        free(b.p);
        return false;
    }
    /* §6.7.2 (PDF 1.4 §10.2.2): a Metadata stream, left uncompressed so
     * that tools which do not parse PDF still find it. */
    HPDF_Dict xmp = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_STATUS ret = HPDF_FAILD_TO_ALLOC_MEM;
    if (xmp) {
        xmp->filter = HPDF_STREAM_FILTER_NONE;
        ret = HPDF_Dict_Add(pdf->catalog, "Metadata", xmp);
        ret |= HPDF_Dict_AddName(xmp, "Type", "Metadata");
        ret |= HPDF_Dict_AddName(xmp, "Subtype", "XML");
        ret |= HPDF_Stream_Write(xmp->stream, (const HPDF_BYTE *)b.p, (HPDF_UINT)b.len);
    }
    free(b.p);
    return ret == HPDF_OK;
}

bool pdf_pdfa_reserve_id(HPDF_Doc pdf)
{
    /* §6.1.3: the trailer has an /ID.  Zeros until pdf_pdfa_set_id. */
    static const HPDF_BYTE zero[HPDF_MD5_KEY_LEN] = { 0 };
    HPDF_Array id = HPDF_Array_New(pdf->mmgr);
    if (!id || HPDF_Dict_Add(pdf->trailer, "ID", id) != HPDF_OK) return false;
    HPDF_STATUS ret = HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)zero, sizeof zero));
    ret |= HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)zero, sizeof zero));
    return ret == HPDF_OK;
}

/* The last occurrence of needle in hay[0..len), or NULL. */
static uint8_t *find_last(uint8_t *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, n) == 0) return hay + i;
    return NULL;
}

/* At p (before end): optional blanks, then <000…0> of 2 × HPDF_MD5_KEY_LEN
 * zeros; returns the first zero, or NULL. */
static uint8_t *zero_string(uint8_t *p, const uint8_t *end)
{
    while (p < end && *p == ' ') p++;
    if (end - p < 2 * HPDF_MD5_KEY_LEN + 2 || *p != '<' || p[2 * HPDF_MD5_KEY_LEN + 1] != '>') return NULL;
    for (int i = 1; i <= 2 * HPDF_MD5_KEY_LEN; i++)
        if (p[i] != '0') return NULL;
    return p + 1;
}

bool pdf_pdfa_set_id(uint8_t *file, size_t len)
{
    const uint8_t *end = file + len;
    uint8_t *trailer = find_last(file, len, "\ntrailer");
    if (!trailer) return false;
    /* libharu writes "/ID [ <…> <…> ]" */
    uint8_t *id = find_last(trailer, len - (size_t)(trailer - file), "/ID [");
    uint8_t *first = id ? zero_string(id + 5, end) : NULL;
    uint8_t *second = first ? zero_string(first + 2 * HPDF_MD5_KEY_LEN + 1, end) : NULL;
    if (!second) return false;
    /* The MD5 of the body's CRC-32, Adler-32 and length (big-endian, 16
       bytes), not of the body itself: libdeflate's checksums cost a
       fraction of an instruction a byte where libharu's MD5 costs 15 (157 M
       instructions on a 10 MB file).  The /ID still follows every byte of
       the content and nothing else (ISO 32000-1 §14.4 asks no more). */
    size_t body = (size_t)(trailer - file);
    uint32_t crc = libdeflate_crc32(0, file, body), adler = libdeflate_adler32(1, file, body);
    HPDF_BYTE sums[16];
    for (int i = 0; i < 4; i++) {
        sums[i] = (HPDF_BYTE)(crc >> (24 - 8 * i));
        sums[4 + i] = (HPDF_BYTE)(adler >> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) sums[8 + i] = (HPDF_BYTE)((uint64_t)body >> (56 - 8 * i));
    HPDF_MD5_CTX ctx;
    HPDF_BYTE digest[HPDF_MD5_KEY_LEN];
    HPDF_MD5Init(&ctx);
    HPDF_MD5Update(&ctx, sums, sizeof sums);
    HPDF_MD5Final(digest, &ctx);
    /* Both entries the same digest: the file was never updated (§14.4). */
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 0; i < HPDF_MD5_KEY_LEN; i++) {
        first[2 * i] = second[2 * i] = (uint8_t)digits[digest[i] >> 4];
        first[2 * i + 1] = second[2 * i + 1] = (uint8_t)digits[digest[i] & 15];
    }
    return true;
}
