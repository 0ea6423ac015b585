/* fontset.h — font roles (song, hei, kai, fangsong, title …) resolved to faces.
 *
 * fonts/fonts.yaml lists, per role, candidate TrueType files; the first one
 * found wins.  Directories are searched in this order: --font-dir, then
 * REPORTC_FONT_PATH, then the config's `search` list (Debian's font dirs).
 * A per-character fallback chain (the role's face, then the faces of the
 * config's `fallback` roles) covers characters a face lacks. */
#ifndef REPORTC_FONTSET_H
#define REPORTC_FONTSET_H

#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "font_face.h"

typedef struct fontset fontset;

/* Loads the role table from config_path and opens the faces it finds.
 * Mistakes in the config are diagnostics; a role none of whose files exist
 * is not an error here (only when a layout uses it: fontset_role).  Returns
 * NULL on error.  The caller owns the result: fontset_free. */
fontset *fontset_load(diag *d, const char *config_path, const char *const *user_dirs, int n_user_dirs);
void fontset_free(fontset *fs);

/* Index of role `name`, or -1 after an error at `pos` (unknown role, or no
 * file of it installed: the hint names the candidates and Debian packages). */
int fontset_role(const fontset *fs, diag *d, const char *name, src_pos pos);

/* The face (index into fontset_faces) that draws cp for role `role`: the
 * role's face if it has cp, else the first fallback face that does; -1 when
 * no face has it. */
int fontset_face_for(const fontset *fs, int role, uint32_t cp);

/* All opened faces, deduplicated by file and index (borrowed). */
font_face *const *fontset_faces(const fontset *fs, int *n);

/* Prints which file serves each role, and the fallback chain (--list-fonts). */
void fontset_list(const fontset *fs, FILE *out);

#endif
