/* fontset.c — see fontset.h. */
#include "fontset.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/suggest.h"
#include "base/i18n.h"

struct fontset {
    const font_config *fc;
    int *role_face;            /* per role: index into faces, -1 when none found */
    font_face **faces;
    int n_faces;
};

/* The face `index` of file f, opened once; -1 with *why when unusable. */
static int add_face(fontset *fs, const font_file *f, unsigned index, const char **why)
{
    for (int i = 0; i < fs->n_faces; i++)
        if (font_face_index(fs->faces[i]) == index && strcmp(font_face_path(fs->faces[i]), f->path) == 0) return i;
    font_face *face = font_face_open(f, index, why);
    if (!face) return -1;
    /* Two files with one PostScript name (a copy of the same font under
       another name) are one font: libharu merges fonts by that name. */
    const char *ps = font_face_postscript_name(face);
    for (int i = 0; ps && i < fs->n_faces; i++) {
        const char *other = font_face_postscript_name(fs->faces[i]);
        if (other && strcmp(other, ps) == 0) {
            font_face_free(face);
            return i;
        }
    }
    fs->faces[fs->n_faces] = face;
    return fs->n_faces++;
}

fontset *fontset_open(diag *d, const font_config *fc)
{
    fontset *fs = xcalloc(1, sizeof *fs);
    fs->fc = fc;
    fs->role_face = xcalloc((size_t)fc->n_roles + 1, sizeof *fs->role_face);
    int cands = 0;
    for (int r = 0; r < fc->n_roles; r++) cands += fc->roles[r].n_cands;
    fs->faces = xcalloc((size_t)cands + 1, sizeof *fs->faces);
    for (int r = 0; r < fc->n_roles; r++) {
        fs->role_face[r] = -1;
        for (int i = 0; i < fc->roles[r].n_cands && fs->role_face[r] < 0; i++) {
            const font_candidate *c = &fc->roles[r].cands[i];
            const char *why = NULL;
            if (c->found && (fs->role_face[r] = add_face(fs, c->found, c->index, &why)) < 0)
                diag_warning(d, c->pos, "the next candidate is tried", "font %s (index %u) is not usable: %s", c->found->path, c->index, why);
        }
    }
    return fs;
}

void fontset_free(fontset *fs)
{
    if (!fs) return;
    for (int i = 0; i < fs->n_faces; i++) font_face_free(fs->faces[i]);
    free(fs->faces);
    free(fs->role_face);
    free(fs);
}

static int role_index(const fontset *fs, const char *name)
{
    for (int i = 0; i < fs->fc->n_roles; i++)
        if (strcmp(fs->fc->roles[i].name, name) == 0) return i;
    return -1;
}

int fontset_role(const fontset *fs, diag *d, const char *name, src_pos pos)
{
    const font_config *fc = fs->fc;
    int r = role_index(fs, name);
    if (r < 0) {
        const char **names = xcalloc((size_t)fc->n_roles + 1, sizeof *names);
        for (int i = 0; i < fc->n_roles; i++) names[i] = fc->roles[i].name;
        const char *near = suggest_word(name, names);
        char hint[128];
        snprintf(hint, sizeof hint, _("did you mean '%s'?"), near ? near : "song");
        diag_error(d, pos, near ? hint : N_("the roles are listed in fonts/fonts.yaml"), "unknown font role '%.80s'", name);
        free(names);
        return -1;
    }
    if (fs->role_face[r] < 0) {
        char hint[1024];
        snprintf(hint, sizeof hint, "%s", _("install one of: "));
        size_t used = strlen(hint);
        for (int i = 0; i < fc->roles[r].n_cands && used < sizeof hint; i++) {
            const font_candidate *c = &fc->roles[r].cands[i];
            used += (size_t)snprintf(hint + used, sizeof hint - used, "%s%s%s%s%s", i ? ", " : "", c->file,
                                     c->package ? _(" (Debian package ") : "", c->package ? c->package : "",
                                     c->package ? ")" : "");
        }
        diag_error(d, pos, hint, "no font file for role '%s' is installed (or pass --font-dir)", name);
        return -1;
    }
    return r;
}

int fontset_face_for(const fontset *fs, int r, uint32_t cp)
{
    int own = fs->role_face[r];
    if (own >= 0 && font_face_has_char(fs->faces[own], cp)) return own;
    for (int i = 0; i < fs->fc->n_fallback; i++) {
        int f = fs->role_face[fs->fc->fallback[i]];
        if (f >= 0 && f != own && font_face_has_char(fs->faces[f], cp)) return f;
    }
    return -1;
}

font_face *const *fontset_faces(const fontset *fs, int *n)
{
    *n = fs->n_faces;
    return fs->faces;
}

void fontset_list(const fontset *fs, FILE *out)
{
    for (int i = 0; i < fs->fc->n_roles; i++) {
        const char *name = fs->fc->roles[i].name;
        if (fs->role_face[i] < 0) {
            fprintf(out, "%-10s (none installed)\n", name);
            continue;
        }
        const font_face *f = fs->faces[fs->role_face[i]];
        fprintf(out, "%-10s %s (index %u, %s)\n", name, font_face_path(f), font_face_index(f), font_face_family(f));
    }
    fprintf(out, "fallback  ");
    for (int i = 0; i < fs->fc->n_fallback; i++) fprintf(out, "%s%s", i ? " → " : "", fs->fc->roles[fs->fc->fallback[i]].name);
    fputc('\n', out);
}
