/* schema.c — see schema.h. */
#include "schema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int min3(int a, int b, int c) { return a < b ? (a < c ? a : c) : (b < c ? b : c); }

/* Levenshtein distance, bounded to short keys (longer ones are never close). */
static int edit_distance(const char *a, const char *b)
{
    enum { MAXLEN = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= MAXLEN || lb >= MAXLEN) return MAXLEN;
    int row[MAXLEN + 1];
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag_prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            row[j] = min3(row[j] + 1, row[j - 1] + 1, diag_prev + (a[i - 1] != b[j - 1]));
            diag_prev = up;
        }
    }
    return row[lb];
}

const char *schema_suggest(const char *word, const char *const *choices)
{
    const char *best = NULL;
    int best_d = 1 << 30;
    for (int i = 0; choices[i]; i++) {
        int dist = edit_distance(word, choices[i]);
        if (dist < best_d) {
            best_d = dist;
            best = choices[i];
        }
    }
    int len = (int)strlen(word);
    int limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    return best_d <= limit ? best : NULL;
}

/* "a, b or c" into buf. */
static void join_choices(const char *const *choices, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    int n = 0;
    while (choices[n]) n++;
    for (int i = 0; i < n && used < size; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
        int k = snprintf(buf + used, size - used, "%s%s", sep, choices[i]);
        if (k < 0) break;
        used += (size_t)k;
    }
}

bool schema_check_keys(diag *d, const ynode *n, const char *what, const char *const *allowed)
{
    if (n->kind != YNODE_MAP) {
        diag_error(d, n->pos, "write it as 'key: value' lines", "%s must be a mapping, not %s", what,
                   ynode_kind_name(n));
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n->n; i++) {
        const char *key = n->pairs[i].key->str;
        bool known = false;
        for (int k = 0; allowed[k] && !known; k++) known = strcmp(allowed[k], key) == 0;
        if (known) continue;
        ok = false;
        const char *near = schema_suggest(key, allowed);
        char hint[512];
        if (near)
            snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        else {
            char list[400];
            join_choices(allowed, list, sizeof list);
            snprintf(hint, sizeof hint, "the keys of %s are %s", what, list);
        }
        diag_error(d, n->pairs[i].key->pos, hint, "unknown key '%s' in %s", key, what);
    }
    return ok;
}

bool schema_string(diag *d, const ynode *n, const char *what, const char **out)
{
    if (n->kind != YNODE_SCALAR || ynode_is_null(n)) {
        diag_error(d, n->pos, "write the text after the colon", "%s must be text, not %s", what,
                   ynode_kind_name(n));
        return false;
    }
    *out = n->str;
    return true;
}

bool schema_int(diag *d, const ynode *n, const char *what, long min, long max, long *out)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno) {
        diag_error(d, n->pos, NULL, "%s must be a whole number, not '%s'", what, s);
        return false;
    }
    if (v < min || v > max) {
        diag_error(d, n->pos, NULL, "%s must be between %ld and %ld, not %ld", what, min, max, v);
        return false;
    }
    *out = v;
    return true;
}

bool schema_number(diag *d, const ynode *n, const char *what, double min, double max, double *out)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end) {
        diag_error(d, n->pos, NULL, "%s must be a number, not '%s'", what, s);
        return false;
    }
    if (v < min || v > max) {
        diag_error(d, n->pos, NULL, "%s must be between %g and %g, not %g", what, min, max, v);
        return false;
    }
    *out = v;
    return true;
}

bool schema_bool(diag *d, const ynode *n, const char *what, bool *out)
{
    static const char *const names[] = { "true", "false", "yes", "no", "on", "off", NULL };
    int i;
    if (!schema_enum(d, n, what, names, &i)) return false;
    *out = i % 2 == 0;
    return true;
}

bool schema_length(diag *d, const ynode *n, const char *what, mpt_t *out)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    char *end;
    double v = strtod(s, &end);
    static const struct { const char *unit; double pt; } units[] = {
        { "mm", 72.0 / 25.4 }, { "cm", 720.0 / 25.4 }, { "pt", 1.0 }, { "in", 72.0 },
    };
    if (end != s && v >= 0 && v < 100000)
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            if (strcmp(end, units[i].unit) == 0) {
                *out = mpt_from_pt(v * units[i].pt);
                return true;
            }
    diag_error(d, n->pos, "write a number and a unit: mm, cm, pt or in, e.g. 37mm or 15.75pt",
               "%s must be a length, not '%s'", what, s);
    return false;
}

bool schema_enum(diag *d, const ynode *n, const char *what, const char *const *choices, int *out)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    for (int i = 0; choices[i]; i++)
        if (strcmp(s, choices[i]) == 0) {
            *out = i;
            return true;
        }
    char hint[512], list[400];
    const char *near = schema_suggest(s, choices);
    join_choices(choices, list, sizeof list);
    if (near)
        snprintf(hint, sizeof hint, "did you mean '%s'?", near);
    else
        snprintf(hint, sizeof hint, "choose %s", list);
    diag_error(d, n->pos, hint, "%s must be one of %s, not '%s'", what, list, s);
    return false;
}

bool schema_date(diag *d, const ynode *n, const char *what, int *year, int *month, int *day)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    int y, m, dd, used = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &dd, &used) == 3 && s[used] == '\0' && strlen(s) == 10) {
        static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (y >= 1000 && m >= 1 && m <= 12 && dd >= 1 && dd <= mdays[m - 1] && !(m == 2 && dd == 29 && !leap)) {
            *year = y;
            *month = m;
            *day = dd;
            return true;
        }
    }
    diag_error(d, n->pos, "write the date as YYYY-MM-DD, e.g. 2024-01-31", "%s must be a date, not '%s'",
               what, s);
    return false;
}
