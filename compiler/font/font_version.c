/* font_version.c — the version of HarfBuzz, the font service's library
 * (reportc --version), from its run-time call. */
#include "fontset.h"

#include <hb.h>

void font_version_print(FILE *out)
{
    fprintf(out, "  %-9s %-14s %s\n", "HarfBuzz", hb_version_string(), "(run time: hb_version_string)");
}
