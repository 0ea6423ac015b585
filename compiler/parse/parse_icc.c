/* parse_icc.c — the sRGB ICC profile that PDF/A output embeds as its output
 * intent (parse.h).  Read and checked here; the PDF writer only copies the
 * bytes. */
#include <stdio.h>
#include <string.h>

#include "parse.h"

#include "base/bytes.h"
#include "base/i18n.h"
/* Where a profile is looked for when none is named: files of Debian
 * packages, icc-profiles-free (sRGB, ICC 2.3) first. */
static const char *const default_paths[] = {
    "/usr/share/color/icc/sRGB.icc",             /* icc-profiles-free */
    "/usr/share/color/icc/ghostscript/srgb.icc", /* libgs-common */
    "/usr/share/color/icc/colord/sRGB.icc",      /* colord-data */
    NULL,
};

/* A profile is a few kilobytes; this bounds what is read. */
enum { MAX_ICC_BYTES = 4 << 20 };

/* ICC.1 §7.2: the 128-byte header.  PDF/A-1 allows profiles up to version
 * 2.x (ISO 19005-1 §6.2.2, as PDF 1.4 does); the DeviceRGB and DeviceGray
 * of the pages need an RGB intent. */
static bool icc_ok(const uint8_t *p, size_t len, char *why, size_t whylen)
{
    if (len < 128 || memcmp(p + 36, "acsp", 4) != 0) {
        snprintf(why, whylen, _("not an ICC profile"));
        return false;
    }
    if (bytes_be32(p) != len) {
        snprintf(why, whylen, _("ICC profile truncated (header says %u bytes, file has %zu)"), (unsigned)bytes_be32(p), len);
        return false;
    }
    if (p[8] != 2) {
        snprintf(why, whylen, _("ICC version %u.%u; PDF/A-1 needs version 2"), p[8], p[9] >> 4);
        return false;
    }
    if (memcmp(p + 16, "RGB ", 4) != 0) {
        snprintf(why, whylen, _("not an RGB profile"));
        return false;
    }
    if (memcmp(p + 12, "mntr", 4) != 0 && memcmp(p + 12, "prtr", 4) != 0) {
        snprintf(why, whylen, _("neither a display nor an output profile"));
        return false;
    }
    return true;
}

static bool try_profile(arena *a, const char *path, const uint8_t **data, size_t *len, char *why, size_t whylen)
{
    const char *text;
    if (source_read_file(a, NULL, path, MAX_ICC_BYTES, false, &text, len, why, whylen) != SOURCE_OK) return false;
    *data = (const uint8_t *)text;
    return icc_ok(*data, *len, why, whylen);
}

bool parse_icc_profile(arena *a, diag *d, const char *named, const uint8_t **data, size_t *len)
{
    char why[200];
    if (named) {
        if (try_profile(a, named, data, len, why, sizeof why)) return true;
        diag_failure(d, "the ICC profile %s cannot serve PDF/A-1: %s", named, why);
        return false;
    }
    for (int i = 0; default_paths[i]; i++)
        if (try_profile(a, default_paths[i], data, len, why, sizeof why)) return true;
    char list[1024];
    size_t used = 0;
    for (int i = 0; default_paths[i] && used < sizeof list; i++) {
        try_profile(a, default_paths[i], data, len, why, sizeof why);
        used += (size_t)snprintf(list + used, sizeof list - used, "\n    %s: %s", default_paths[i], why);
    }
    diag_failure(d,
                 "PDF/A-1 needs an sRGB ICC profile of version 2, and none was found:%s\n"
                 "    = hint: install Debian's icc-profiles-free, name a profile with --icc-profile FILE,\n"
                 "      or write a plain PDF with --no-pdfa",
                 list);
    return false;
}
