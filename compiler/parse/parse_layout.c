/* parse_layout.c — finding a layout, what it extends, the report's
 * overrides (parse_internal.h).
 *
 * A layout is a name (layouts/NAME.yaml in one of the layout directories)
 * or a path (it contains '/' or ends in .yaml; relative to the report's
 * directory, or to the directory of the layout that extends it).  A layout
 * is merged over the one it `extends` (`base` when it names none), mapping
 * by mapping; the report's
 * `layout: {name: …, …}` overrides are merged over the result.  Diagnostics
 * point into whichever file holds the offending value. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "parse_internal.h"

#include "base/strindex.h"
#include "base/i18n.h"

/* How deep layouts may extend each other: base ← gbt9704 ← an office's
 * layout ← a variant is 3. */
enum { MAX_EXTENDS = 8 };

/* Deep-merges `over` onto `base`: mappings merge key by key, anything else
 * is replaced.  New nodes live in `a`; inputs are not modified. */
static ynode *merge(arena *a, const ynode *base, const ynode *over)
{
    if (!base) return (ynode *)over;
    if (!over) return (ynode *)base;
    if (base->kind != YNODE_MAP || over->kind != YNODE_MAP) return (ynode *)over;
    ynode *m = arena_alloc(a, sizeof *m);
    *m = *base;
    m->pairs = arena_alloc(a, (size_t)(base->n + over->n + 1) * sizeof *m->pairs);
    m->n = 0;
    /* Large mappings are looked up through an index of their keys (the
       first of a repeated key), so that two of 100,000 keys merge in linear
       time; small ones, the usual, by a scan. */
    bool indexed = (long)base->n * over->n > 256;
    strindex in_over = { 0 }, in_base = { 0 };
    for (int i = over->n - 1; indexed && i >= 0; i--) strindex_put(&in_over, over->pairs[i].key->str, i);
    for (int i = base->n - 1; indexed && i >= 0; i--) strindex_put(&in_base, base->pairs[i].key->str, i);
    for (int i = 0; i < base->n; i++) {
        const char *key = base->pairs[i].key->str;
        int k = indexed ? strindex_get(&in_over, key) : -1;
        const ypair *o = indexed ? (k >= 0 ? &over->pairs[k] : NULL) : yaml_lookup_pair(over, key);
        m->pairs[m->n++] = (ypair){ o ? o->key : base->pairs[i].key, merge(a, base->pairs[i].value, o ? o->value : NULL) };
    }
    for (int i = 0; i < over->n; i++) {
        const char *key = over->pairs[i].key->str;
        if (indexed ? strindex_get(&in_base, key) < 0 : !yaml_lookup_pair(base, key)) m->pairs[m->n++] = over->pairs[i];
    }
    strindex_done(&in_over);
    strindex_done(&in_base);
    return m;
}

static int compare_names(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static bool is_path(const char *name)
{
    size_t len = strlen(name);
    return strchr(name, '/') || (len > 5 && strcmp(name + len - 5, ".yaml") == 0);
}

/* The file of layout `name`: a path from `dir`, or NAME.yaml in one of dirs.
 * NULL after an error at name_pos. */
static const char *find_layout(parse_ctx *p, const char *name, src_pos name_pos, const char *dir,
                               const char *const *dirs, int n_dirs)
{
    if (is_path(name)) return name[0] == '/' || !dir || strcmp(dir, ".") == 0 ? name : arena_printf(p->a, "%s/%s", dir, name);
    for (int i = 0; i < n_dirs; i++) {
        const char *path = arena_printf(p->a, "%s/%s.yaml", dirs[i], name);
        if (source_is_file(p->files, path)) return path;
    }
    /* The layouts there, to suggest the nearest and list them. */
    enum { LISTED = 32 };
    const char *names[LISTED + 1];
    int n = 0;
    for (int i = 0; i < n_dirs; i++) {
        DIR *d = opendir(dirs[i]);
        if (!d) continue;
        struct dirent *e;
        while (n < LISTED && (e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0 && e->d_name[0] != '.')
                names[n++] = arena_strndup(p->a, e->d_name, len - 5);
        }
        closedir(d);
    }
    names[n] = NULL;
    qsort(names, (size_t)n, sizeof *names, compare_names);
    const char *near = schema_suggest(name, names);
    char hint[1024];
    int used = near ? snprintf(hint, sizeof hint, _("did you mean '%s'? "), near) : 0;
    used += snprintf(hint + used, sizeof hint - (size_t)used, _("the layouts are"));
    for (int i = 0; i < n && (size_t)used < sizeof hint; i++)
        used += snprintf(hint + used, sizeof hint - (size_t)used, "%s %s", i ? "," : "", names[i]);
    if (n == 0) used += snprintf(hint + used, sizeof hint - (size_t)used, _(" none (searched:"));
    for (int i = 0; n == 0 && i < n_dirs && (size_t)used < sizeof hint; i++)
        used += snprintf(hint + used, sizeof hint - (size_t)used, " %s", dirs[i]);
    if (n == 0 && (size_t)used < sizeof hint) snprintf(hint + used, sizeof hint - (size_t)used, ")");
    parse_error(p, name_pos, hint, "unknown layout '%.200s'", name);
    return NULL;
}

typedef struct chain {
    const char *paths[MAX_EXTENDS + 1];
    int n;
} chain;

/* Reads layout `name` and what it extends, merged; NULL after errors. */
static const ynode *load_tree(parse_ctx *p, const char *name, src_pos name_pos, const char *dir,
                              const char *const *dirs, int n_dirs, chain *seen)
{
    const char *path = find_layout(p, name, name_pos, dir, dirs, n_dirs);
    if (!path) return NULL;
    for (int i = 0; i < seen->n; i++)
        if (strcmp(seen->paths[i], path) == 0) {
            parse_error(p, name_pos, "a layout cannot extend itself, directly or through others",
                        "layouts extend each other in a circle: %.200s comes back", path);
            return NULL;
        }
    if (seen->n > MAX_EXTENDS) {
        parse_error(p, name_pos, "merge some of the layouts", "layouts extend each other more than %d deep", MAX_EXTENDS);
        return NULL;
    }
    seen->paths[seen->n++] = path;
    source *src = arena_alloc(p->a, sizeof *src);
    if (!parse_read_named(p, path, name_pos, "layout file", src)) return NULL;
    const ynode *root = yaml_tree_parse(p->a, p->tree, p->d, src, &p->limits);
    if (!root) {
        p->ok = false;
        return NULL;
    }
    /* A layout extends `base` (every value's default) unless it says
       otherwise; base.yaml itself says `extends: ~`. */
    const ynode *base = yaml_lookup(root, "extends");
    if (base && yaml_is_null(base)) return root;
    syn_scalar base_name = { .s = "base" };
    if (base && !parse_text(p, base, "extends", &base_name)) return NULL;
    char *copy = arena_strdup(p->a, path);
    const ynode *under = load_tree(p, base_name.s, base ? base->pos : name_pos, dirname(copy), dirs, n_dirs, seen);
    return under ? merge(p->a, under, root) : NULL;
}

bool parse_layout(parse_ctx *p, const char *name, src_pos name_pos, const ynode *overrides,
                  const char *const *dirs, int n_dirs, const style **st, const template_spec **tmpl)
{
    chain seen = { .n = 0 };
    const ynode *root = load_tree(p, name, name_pos, p->base_dir, dirs, n_dirs, &seen);
    if (!root) return false;
    const ynode *t;
    if (overrides && (t = yaml_lookup(overrides, "template"))) {
        parse_error(p, t->pos, "change the template in a copy of the layout (extends: …)",
                    "a report cannot override its layout's template");
        return false;
    }
    if (root->kind != YNODE_MAP) {
        static const char *const none[] = { NULL };
        parse_keys(p, root, "a layout", none);
        return false;
    }
    *st = parse_style(p, merge(p->a, root, overrides));
    *tmpl = NULL;
    if ((t = yaml_lookup(root, "template"))) *tmpl = parse_template(p, t);
    return *st != NULL && (!t || *tmpl != NULL);
}
