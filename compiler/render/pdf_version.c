/* pdf_version.c — the versions of the PDF writer's libraries (reportc
 * --version): libharu and zlib, each from its run-time call. */
#include "pdf_write.h"

#include <hpdf.h>
#include <zlib.h>

void pdf_version_print(FILE *out)
{
    fprintf(out, "  %-9s %-14s %s\n", "libharu", HPDF_GetVersion(), "(run time: HPDF_GetVersion)");
    fprintf(out, "  %-9s %-14s %s\n", "zlib", zlibVersion(), "(run time: zlibVersion)");
}
