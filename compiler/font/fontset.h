/* fontset.h — font roles (song, hei, kai, fangsong, title …) resolved to faces.
 *
 * The font table (parse/font_config.h: fonts/fonts.yaml, with the files
 * found) lists, per role, candidate TrueType files; the first usable one
 * wins.  A per-character fallback chain (the role's face, then the faces of
 * the table's `fallback` roles) covers characters a face lacks.  Layout and
 * the back end both reach fonts through this interface. */
#ifndef REPORTC_FONTSET_H
#define REPORTC_FONTSET_H

#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "font_face.h"
#include "parse/font_config.h"

typedef struct fontset fontset;

/* Opens the faces of the font table `fc` (which must outlive the set: its
 * files stay mapped).  A candidate that is not a usable TrueType face is a
 * warning and the next one is tried; a role none of whose files exist is not
 * an error here (only when a layout uses it: fontset_role).  The caller
 * owns the result: fontset_free. */
fontset *fontset_open(diag *d, const font_config *fc);
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

/* Prints the version of HarfBuzz (reportc --version). */
void font_version_print(FILE *out);

#endif
