/* layout_version.c — the version of ICU, the layout stage's library
 * (reportc --version), from its run-time call. */
#include "layout.h"

#include <unicode/uversion.h>

void layout_version_print(FILE *out)
{
    UVersionInfo v;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v);
    u_versionToString(v, text);
    fprintf(out, "  %-9s %-14s %s\n", "ICU", text, "(run time: u_getVersion)");
}
