/* fontset.c — see fontset.h. */
#define _DEFAULT_SOURCE
#include "fontset.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "parse/schema.h"
#include "parse/source.h"
#include "parse/yaml_tree.h"

enum { MAX_ROLES = 32, MAX_FACES = 64, MAX_CANDIDATES = 16 };

typedef struct candidate {
    const char *file;      /* relative to a search dir, or a bare name */
    const char *package;   /* Debian package that provides it, or NULL */
    unsigned index;
} candidate;

typedef struct role {
    const char *name;
    candidate cands[MAX_CANDIDATES];
    int n_cands;
    int face;              /* index into faces, -1 when none found */
} role;

struct fontset {
    arena a;
    role roles[MAX_ROLES];
    int n_roles;
    int fallback[MAX_ROLES];   /* role indices */
    int n_fallback;
    font_face *faces[MAX_FACES];
    int n_faces;
    const char **dirs;
    int n_dirs;
    int n_user_dirs;           /* the first n dirs are the office's: matched by name, any case */
};

/* Finds `file` in the user dirs (by base name, case-insensitively: office
 * fonts come from Windows as SIMFANG.TTF or simfang.ttf) or in the system
 * dirs (by relative path).  Returns a path in fs->a or NULL. */
static const char *locate(fontset *fs, const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    for (int i = 0; i < fs->n_dirs; i++) {
        if (i < fs->n_user_dirs) {
            DIR *dir = opendir(fs->dirs[i]);
            if (!dir) continue;
            const char *found = NULL;
            struct dirent *e;
            while (!found && (e = readdir(dir)))
                if (strcasecmp(e->d_name, base) == 0) found = arena_printf(&fs->a, "%s/%s", fs->dirs[i], e->d_name);
            closedir(dir);
            if (found && source_file_exists(found)) return found;
        } else {
            const char *p = arena_printf(&fs->a, "%s/%s", fs->dirs[i], file);
            if (source_file_exists(p)) return p;
        }
    }
    return NULL;
}

static int add_face(fontset *fs, const char *path, unsigned index, const char **why)
{
    for (int i = 0; i < fs->n_faces; i++)
        if (font_face_index(fs->faces[i]) == index && strcmp(font_face_path(fs->faces[i]), path) == 0) return i;
    if (fs->n_faces == MAX_FACES) {
        *why = "too many font faces";
        return -1;
    }
    font_face *f = font_face_open(path, index, why);
    if (!f) return -1;
    /* Two files with one PostScript name (a copy of the same font under
       another name) are one font: libharu merges fonts by that name. */
    const char *ps = font_face_postscript_name(f);
    for (int i = 0; ps && i < fs->n_faces; i++) {
        const char *other = font_face_postscript_name(fs->faces[i]);
        if (other && strcmp(other, ps) == 0) {
            font_face_free(f);
            return i;
        }
    }
    fs->faces[fs->n_faces] = f;
    return fs->n_faces++;
}

static bool parse_candidate(diag *d, const ynode *n, candidate *c)
{
    if (n->kind == YNODE_SCALAR) return schema_string(d, n, "a font file", &c->file);
    static const char *const keys[] = { "file", "index", "package", NULL };
    if (!schema_check_keys(d, n, "a font candidate", keys)) return false;
    const ynode *v = ynode_lookup(n, "file");
    if (!v) {
        diag_error(d, n->pos, NULL, "a font candidate needs 'file'");
        return false;
    }
    if (!schema_string(d, v, "file", &c->file)) return false;
    long idx = 0;
    if ((v = ynode_lookup(n, "index")) && !schema_int(d, v, "index", 0, 255, &idx)) return false;
    c->index = (unsigned)idx;
    if ((v = ynode_lookup(n, "package")) && !schema_string(d, v, "package", &c->package)) return false;
    return true;
}

static void resolve_role(fontset *fs, diag *d, role *r, const ynode *list)
{
    r->face = -1;
    for (int i = 0; i < list->n && i < MAX_CANDIDATES; i++) {
        candidate *c = &r->cands[r->n_cands];
        if (!parse_candidate(d, list->items[i], c)) continue;
        r->n_cands++;
        if (r->face >= 0) continue;
        const char *path = locate(fs, c->file);
        const char *why = NULL;
        if (path && (r->face = add_face(fs, path, c->index, &why)) < 0)
            diag_warning(d, list->items[i]->pos, NULL, "font %s (index %u) is not usable: %s", path, c->index, why);
    }
}

static int role_index(const fontset *fs, const char *name)
{
    for (int i = 0; i < fs->n_roles; i++)
        if (strcmp(fs->roles[i].name, name) == 0) return i;
    return -1;
}

static bool load_config(fontset *fs, diag *d, const ynode *root)
{
    static const char *const keys[] = { "search", "roles", "fallback", NULL };
    if (!schema_check_keys(d, root, "the font table", keys)) return false;
    const ynode *search = ynode_lookup(root, "search"), *roles = ynode_lookup(root, "roles"),
                *fallback = ynode_lookup(root, "fallback");
    if (search && search->kind == YNODE_SEQ) {
        const char **dirs = arena_alloc(&fs->a, (size_t)(fs->n_dirs + search->n) * sizeof *dirs);
        memcpy(dirs, fs->dirs, (size_t)fs->n_dirs * sizeof *dirs);
        for (int i = 0; i < search->n; i++)
            if (schema_string(d, search->items[i], "a font directory", &dirs[fs->n_dirs])) fs->n_dirs++;
        fs->dirs = dirs;
    }
    if (!roles || roles->kind != YNODE_MAP) {
        diag_error(d, root->pos, NULL, "the font table needs a 'roles' mapping");
        return false;
    }
    for (int i = 0; i < roles->n && fs->n_roles < MAX_ROLES; i++) {
        const ynode *list = roles->pairs[i].value;
        if (list->kind != YNODE_SEQ) {
            diag_error(d, list->pos, NULL, "a font role must list candidate files");
            continue;
        }
        role *r = &fs->roles[fs->n_roles++];
        r->name = roles->pairs[i].key->str;
        resolve_role(fs, d, r, list);
    }
    if (fallback && fallback->kind == YNODE_SEQ)
        for (int i = 0; i < fallback->n && fs->n_fallback < MAX_ROLES; i++) {
            const char *name;
            if (!schema_string(d, fallback->items[i], "a fallback role", &name)) continue;
            int r = role_index(fs, name);
            if (r < 0) diag_error(d, fallback->items[i]->pos, NULL, "fallback names unknown role '%s'", name);
            else fs->fallback[fs->n_fallback++] = r;
        }
    return d->errors == 0;
}

fontset *fontset_load(diag *d, const char *config_path, const char *const *user_dirs, int n_user_dirs)
{
    fontset *fs = xcalloc(1, sizeof *fs);
    arena_init(&fs->a);
    fs->dirs = arena_alloc(&fs->a, (size_t)(n_user_dirs ? n_user_dirs : 1) * sizeof *fs->dirs);
    memcpy(fs->dirs, user_dirs, (size_t)n_user_dirs * sizeof *fs->dirs);
    for (int i = 0; i < n_user_dirs; i++) {
        DIR *dir = opendir(user_dirs[i]);
        if (dir) closedir(dir);
        else diag_warning(d, (src_pos){ NULL, 0, 0 }, NULL, "font directory %s cannot be read; it is skipped", user_dirs[i]);
    }
    fs->n_dirs = fs->n_user_dirs = n_user_dirs;
    source *src = arena_alloc(&fs->a, sizeof *src);
    const char *err;
    yaml_limits limits = yaml_limits_default();
    if (!source_read(&fs->a, config_path, arena_strdup(&fs->a, config_path), limits.max_input_bytes, src, &err)) {
        diag_error(d, (src_pos){ NULL, 0, 0 }, "reportc looks for fonts/fonts.yaml next to its binary",
                   "cannot read the font table %s: %s", config_path, err);
        fontset_free(fs);
        return NULL;
    }
    int before = d->errors;
    ynode *root = yaml_tree_parse(&fs->a, d, src, &limits);
    if (!root || !load_config(fs, d, root) || d->errors > before) {
        fontset_free(fs);
        return NULL;
    }
    return fs;
}

void fontset_free(fontset *fs)
{
    if (!fs) return;
    for (int i = 0; i < fs->n_faces; i++) font_face_free(fs->faces[i]);
    arena_done(&fs->a);
    free(fs);
}

int fontset_role(const fontset *fs, diag *d, const char *name, src_pos pos)
{
    int r = role_index(fs, name);
    if (r < 0) {
        const char *names[MAX_ROLES + 1];
        for (int i = 0; i < fs->n_roles; i++) names[i] = fs->roles[i].name;
        names[fs->n_roles] = NULL;
        const char *near = schema_suggest(name, names);
        char hint[128];
        snprintf(hint, sizeof hint, "did you mean '%s'?", near ? near : "song");
        diag_error(d, pos, near ? hint : "the roles are listed in fonts/fonts.yaml", "unknown font role '%s'", name);
        return -1;
    }
    if (fs->roles[r].face < 0) {
        char hint[1024] = "install one of: ";
        size_t used = strlen(hint);
        for (int i = 0; i < fs->roles[r].n_cands && used < sizeof hint; i++) {
            const candidate *c = &fs->roles[r].cands[i];
            used += (size_t)snprintf(hint + used, sizeof hint - used, "%s%s%s%s%s", i ? ", " : "", c->file,
                                     c->package ? " (Debian package " : "", c->package ? c->package : "",
                                     c->package ? ")" : "");
        }
        diag_error(d, pos, hint, "no font file for role '%s' is installed (or pass --font-dir)", name);
        return -1;
    }
    return r;
}

int fontset_face_for(const fontset *fs, int r, uint32_t cp)
{
    int own = fs->roles[r].face;
    if (own >= 0 && font_face_has_char(fs->faces[own], cp)) return own;
    for (int i = 0; i < fs->n_fallback; i++) {
        int f = fs->roles[fs->fallback[i]].face;
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
    for (int i = 0; i < fs->n_roles; i++) {
        const role *r = &fs->roles[i];
        if (r->face < 0) {
            fprintf(out, "%-10s (none installed)\n", r->name);
            continue;
        }
        const font_face *f = fs->faces[r->face];
        fprintf(out, "%-10s %s (index %u, %s)\n", r->name, font_face_path(f), font_face_index(f), font_face_family(f));
    }
    fprintf(out, "fallback  ");
    for (int i = 0; i < fs->n_fallback; i++) fprintf(out, "%s%s", i ? " → " : "", fs->roles[fs->fallback[i]].name);
    fputc('\n', out);
}

