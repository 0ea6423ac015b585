/* parse_fonts.c — fonts/fonts.yaml and the font files it names (parse.h).
 *
 * Per role, candidate TrueType files; each one found is mapped into memory
 * (read lazily by the font service: only the tables used are touched).
 * Directories are searched in this order: --font-dir, then
 * REPORTC_FONT_PATH (both by file name in any case: an office's copy of
 * C:\Windows\Fonts has SIMFANG.TTF or simfang.ttf), then the table's own
 * `search` list (by the relative path given). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "parse_internal.h"

/* Bounds on the table: more would be a mistake, not a font setup. */
enum { MAX_ROLES = 64, MAX_CANDIDATES = 32, MAX_DIRS = 64 };

typedef struct fparser {
    parse_ctx *p;
    font_config *fc;
    const char **dirs;
    int n_dirs, n_user_dirs;
    int cap_files;
} fparser;

/* The mapped file at path (mapping it once); NULL with why when it cannot
 * be mapped (why is empty when there is no such file). */
static const font_file *map_file(fparser *f, const char *path, char *why, size_t whylen)
{
    for (int i = 0; i < f->fc->n_files; i++)
        if (strcmp(f->fc->files[i]->path, path) == 0) return f->fc->files[i];
    size_t len;
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT) {
        why[0] = '\0';
        return NULL;
    }
    const uint8_t *data = source_map_file(path, &len, why, whylen);
    if (!data) return NULL;
    arena_grow(f->p->a, (void **)&f->fc->files, &f->cap_files, f->fc->n_files + 1, sizeof *f->fc->files);
    font_file *ff = arena_alloc(f->p->a, sizeof *ff);
    *ff = (font_file){ arena_strdup(f->p->a, path), data, len };
    f->fc->files[f->fc->n_files++] = ff;
    return ff;
}

/* Finds candidate c's file in the user dirs (by base name, in any case) or
 * the system dirs (by relative path); NULL when it is not installed.  One
 * that is there but cannot be used (empty, a directory, unreadable) is a
 * warning, and the search goes on. */
static const font_file *locate(fparser *f, const font_candidate *c)
{
    const char *file = c->file;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    for (int i = 0; i < f->n_dirs; i++) {
        const char *found = NULL;
        if (i < f->n_user_dirs) {
            DIR *dir = opendir(f->dirs[i]);
            if (!dir) continue;
            struct dirent *e;
            while (!found && (e = readdir(dir)))
                if (strcasecmp(e->d_name, base) == 0) found = arena_printf(f->p->a, "%s/%s", f->dirs[i], e->d_name);
            closedir(dir);
        } else {
            found = arena_printf(f->p->a, "%s/%s", f->dirs[i], file);
        }
        if (!found) continue;
        char why[200];
        const font_file *ff = map_file(f, found, why, sizeof why);
        if (ff) return ff;
        if (why[0])
            diag_warning(f->p->d, c->pos, "the next candidate is tried", "font %s is not usable: %s%s", found,
                         strncmp(why, "is ", 3) == 0 ? "it " : "", why);
    }
    return NULL;
}

static bool parse_candidate(fparser *f, const ynode *n, font_candidate *c)
{
    parse_ctx *p = f->p;
    c->pos = n->pos;
    syn_scalar s;
    if (n->kind == YNODE_SCALAR) {
        if (!parse_text(p, n, "a font file", &s)) return false;
        c->file = s.s;
        return true;
    }
    static const char *const keys[] = { "file", "index", "package", NULL };
    if (!parse_keys(p, n, "a font candidate", keys)) return false;
    const ynode *v = yaml_lookup(n, "file");
    if (!v) {
        parse_error(p, n->pos, "e.g. {file: arphic/uming.ttc, package: fonts-arphic-uming}", "a font candidate needs 'file'");
        return false;
    }
    if (!parse_text(p, v, "file", &s)) return false;
    c->file = s.s;
    long idx = 0;
    if ((v = yaml_lookup(n, "index")) && !schema_int(p->d, v, "index", 0, 255, &idx)) {
        p->ok = false;
        return false;
    }
    c->index = (unsigned)idx;
    if ((v = yaml_lookup(n, "package"))) {
        if (!parse_text(p, v, "package", &s)) return false;
        c->package = s.s;
    }
    return true;
}

static void parse_role(fparser *f, const ypair *pair, font_role_config *r)
{
    r->name = pair->key->str;
    const ynode *list = pair->value;
    if (list->kind != YNODE_SEQ) {
        parse_error(f->p, list->pos, "e.g. song: [simsun.ttc, {file: arphic/uming.ttc, package: fonts-arphic-uming}]",
                    "a font role must list candidate files");
        return;
    }
    if (list->n > MAX_CANDIDATES) {
        parse_error(f->p, list->items[MAX_CANDIDATES]->pos, "keep the few files an office may have", "more than %d candidates for one role", MAX_CANDIDATES);
        return;
    }
    r->cands = arena_alloc(f->p->a, (size_t)(list->n ? list->n : 1) * sizeof *r->cands);
    for (int i = 0; i < list->n; i++) {
        font_candidate *c = &r->cands[r->n_cands];
        if (!parse_candidate(f, list->items[i], c)) continue;
        c->found = locate(f, c);
        r->n_cands++;
    }
}

static void parse_table_of_fonts(fparser *f, const ynode *root)
{
    parse_ctx *p = f->p;
    static const char *const keys[] = { "search", "roles", "fallback", NULL };
    if (!parse_keys(p, root, "the font table", keys)) return;
    const ynode *search = yaml_lookup(root, "search"), *roles = yaml_lookup(root, "roles"),
                *fallback = yaml_lookup(root, "fallback");
    if (search) {
        const ynode *const *items;
        int n;
        if (!schema_scalar_list(p->d, search, "search", &items, &n)) {
            p->ok = false;
            return;
        }
        for (int i = 0; i < n && f->n_dirs < MAX_DIRS; i++) f->dirs[f->n_dirs++] = items[i]->str;
    }
    if (!roles || roles->kind != YNODE_MAP) {
        parse_error(p, roles ? roles->pos : root->pos, "e.g. roles: {song: [simsun.ttc]}", "the font table needs a 'roles' mapping");
        return;
    }
    if (roles->n > MAX_ROLES) {
        parse_error(p, roles->pos, "a layout uses a handful of roles", "more than %d font roles", MAX_ROLES);
        return;
    }
    font_config *fc = f->fc;
    fc->roles = arena_alloc(p->a, (size_t)(roles->n ? roles->n : 1) * sizeof *fc->roles);
    fc->n_roles = roles->n;
    for (int i = 0; i < roles->n; i++) parse_role(f, &roles->pairs[i], &fc->roles[i]);
    if (!fallback) return;
    const ynode *const *items;
    int n;
    if (!schema_scalar_list(p->d, fallback, "fallback", &items, &n)) {
        p->ok = false;
        return;
    }
    fc->fallback = arena_alloc(p->a, (size_t)(n ? n : 1) * sizeof *fc->fallback);
    for (int i = 0; i < n; i++) {
        int r = -1;
        for (int k = 0; k < fc->n_roles && r < 0; k++)
            if (strcmp(fc->roles[k].name, items[i]->str) == 0) r = k;
        if (r < 0) parse_error(p, items[i]->pos, "name roles listed under roles:", "fallback names unknown role '%.80s'", items[i]->str);
        else fc->fallback[fc->n_fallback++] = r;
    }
}

font_config *parse_fonts(arena *a, diag *d, const char *config_path, const char *const *user_dirs, int n_user_dirs)
{
    parse_ctx p = { .a = a, .tree = a, .d = d, .base_dir = ".", .ok = true };
    font_config *fc = arena_alloc(a, sizeof *fc);
    fparser f = { &p, fc, arena_alloc(a, (MAX_DIRS + 1) * sizeof(char *)), 0, 0, 0 };
    for (int i = 0; i < n_user_dirs && f.n_dirs < MAX_DIRS; i++) {
        DIR *dir = opendir(user_dirs[i]);
        if (dir) closedir(dir);
        else diag_warning(d, (src_pos){ 0 }, "check --font-dir and REPORTC_FONT_PATH", "font directory %s cannot be read; it is skipped", user_dirs[i]);
        f.dirs[f.n_dirs++] = user_dirs[i];
    }
    f.n_user_dirs = f.n_dirs;
    yaml_limits limits = yaml_limits_default();
    const char *text;
    size_t len;
    char why[200];
    if (source_read_file(a, NULL, config_path, limits.max_input_bytes, false, &text, &len, why, sizeof why) != SOURCE_OK) {
        diag_failure(d, "cannot read the font table %s: %s (reportc looks for fonts/fonts.yaml next to its binary)",
                     config_path, why);
        return NULL;
    }
    source *src = arena_alloc(a, sizeof *src);
    *src = (source){ arena_strdup(a, config_path), text, len, NULL, 0 };
    const ynode *root = yaml_tree_parse(a, a, d, src, &limits);
    if (root) parse_table_of_fonts(&f, root);
    if (!root || !p.ok) {
        parse_fonts_release(fc);
        return NULL;
    }
    return fc;
}

void parse_fonts_release(font_config *fc)
{
    if (!fc) return;
    for (int i = 0; i < fc->n_files; i++) source_unmap(fc->files[i]->data, fc->files[i]->len);
    fc->n_files = 0;
}
