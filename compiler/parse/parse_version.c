/* parse_version.c — the versions of the parse stage's libraries (reportc
 * --version): libyaml and libpng, each from its own run-time call. */
#include "parse.h"

#include <png.h>
#include <yaml.h>

void parse_version_print(FILE *out)
{
    fprintf(out, "  %-9s %-14s %s\n", "libyaml", yaml_get_version_string(), "(run time: yaml_get_version_string)");
    fprintf(out, "  %-9s %-14s %s\n", "libpng", png_get_libpng_ver(NULL), "(run time: png_get_libpng_ver)");
}
