/* ofd_version.c — the version of minizip, the OFD writer's library
 * (reportc --version).  minizip has neither a version call nor a version
 * macro (its headers say "Version 1.1" in a comment only), so the Makefile
 * passes the version of the package built against (REPORTC_MINIZIP_VERSION:
 * Debian's libminizip-dev; pkg-config's minizip.pc gives zlib's version,
 * not minizip's). */
#include "ofd_write.h"

#ifndef REPORTC_MINIZIP_VERSION
#define REPORTC_MINIZIP_VERSION "unknown"
#endif

void ofd_version_print(FILE *out)
{
    fprintf(out, "  %-9s %-14s %s\n", "minizip", REPORTC_MINIZIP_VERSION,
            "(build time: the libminizip-dev package; minizip has no version call or macro)");
}
