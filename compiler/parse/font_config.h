/* font_config.h — fonts/fonts.yaml as read by the parse stage, with the
 * font files it found mapped into memory.
 *
 * Per role, the candidate files in order; the font service (font/fontset.h)
 * takes the first usable one and falls back, per character, along the
 * `fallback` roles. */
#ifndef REPORTC_FONT_CONFIG_H
#define REPORTC_FONT_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

/* A font file found and mapped (read-only) into memory. */
typedef struct font_file {
    const char *path;
    const uint8_t *data;
    size_t len;
} font_file;

typedef struct font_candidate {
    const char *file;         /* relative to a search directory, or a bare name */
    const char *package;      /* the Debian package providing it, or NULL */
    unsigned index;           /* the face in a collection (.ttc) */
    src_pos pos;
    const font_file *found;   /* NULL: not installed */
} font_candidate;

typedef struct font_role_config {
    const char *name;
    font_candidate *cands;
    int n_cands;
} font_role_config;

typedef struct font_config {
    font_role_config *roles;
    int n_roles;
    int *fallback;            /* role indices, in order */
    int n_fallback;
    font_file **files;        /* every file mapped (parse_fonts_release unmaps them) */
    int n_files;
} font_config;

#endif
