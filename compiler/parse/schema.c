/* schema.c — see schema.h. */
#include "schema.h"

#include "base/suggest.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *schema_suggest(const char *word, const char *const *choices) { return suggest_word(word, choices); }

/* "a, b or c" into buf. */
static void join_choices(const char *const *choices, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    int n = 0;
    while (choices[n]) n++;
    for (int i = 0; i < n && used < size; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? _(" or ") : _(", ");
        int k = snprintf(buf + used, size - used, "%s%s", sep, choices[i]);
        if (k < 0) break;
        used += (size_t)k;
    }
}

bool schema_check_keys(diag *d, const ynode *n, const char *what, const char *const *allowed)
{
    if (n->kind != YNODE_MAP) {
        const char *typo = n->kind == YNODE_SCALAR ? yaml_typo_hint(n->str, n->len) : NULL;
        diag_error(d, n->pos, typo ? typo : N_("write it as 'key: value' lines"), "%s must be a mapping, not %s", what,
                   yaml_kind_name(n));
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n->n; i++) {
        const char *key = n->pairs[i].key->str;
        bool known = false;
        for (int k = 0; allowed[k] && !known; k++) known = strcmp(allowed[k], key) == 0;
        if (known) continue;
        ok = false;
        char hint[512] = "";
        /* Past the cap the error is only counted: no hint to compute. */
        if (!diag_full(d)) {
            const char *typo = yaml_typo_hint(key, strlen(key)), *near = typo ? NULL : schema_suggest(key, allowed);
            if (typo)
                snprintf(hint, sizeof hint, "%s", typo);
            else if (near)
                snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
            else {
                char list[400];
                join_choices(allowed, list, sizeof list);
                snprintf(hint, sizeof hint, _("the keys of %s are %s"), what, list);
            }
        }
        diag_error(d, n->pairs[i].key->pos, hint, "unknown key '%.80s' in %s", key, what);
    }
    return ok;
}

bool schema_string(diag *d, const ynode *n, const char *what, const char **out)
{
    if (n->kind != YNODE_SCALAR || yaml_is_null(n)) {
        diag_error(d, n->pos, "write the text after the colon", "%s must be text, not %s", what,
                   yaml_kind_name(n));
        return false;
    }
    *out = n->str;
    return true;
}

static bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

bool schema_language(diag *d, const ynode *n, const char *what, const char **out)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    bool ok = n->len >= 1 && n->len <= 35;
    for (size_t start = 0, k = 0; ok && start <= n->len; k++) {
        size_t len = strcspn(s + start, "-");
        ok = len >= 1 && len <= 8;
        for (size_t i = 0; ok && i < len; i++) {
            char c = s[start + i];
            ok = is_ascii_alnum(c) && (k > 0 || !(c >= '0' && c <= '9'));   /* the language: letters */
        }
        if (ok && k == 0 && len == 1) ok = strchr("xXiI", s[0]) != NULL;       /* private use, grandfathered */
        start += len + 1;
    }
    if (!ok) {
        int shown = n->len > 40 ? 40 : (int)n->len;
        while (shown > 0 && shown < (int)n->len && (s[shown] & 0xC0) == 0x80) shown--;   /* whole characters */
        diag_error(d, n->pos, "a language tag such as zh-CN, zh-Hans-CN or en", "%s '%.*s%s' is not a language tag (BCP 47)",
                   what, shown, s, shown < (int)n->len ? "…" : "");
        return false;
    }
    *out = s;
    return true;
}

bool schema_int(diag *d, const ynode *n, const char *what, long min, long max, long *out)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    decimal v;
    char why[200], hint[200];
    decimal_status st = decimal_parse(s, n->len, &v, why, sizeof why, hint, sizeof hint);
    if (st == DECIMAL_REFUSED) {
        diag_error(d, n->pos, hint, "%s: %s", what, why);
        return false;
    }
    if (st == DECIMAL_NOT_A_NUMBER || (st == DECIMAL_OK && v.scale > 0)) {
        if (st == DECIMAL_OK || !decimal_text_hint(s, n->len, hint, sizeof hint))
            snprintf(hint, sizeof hint, _("write digits only, e.g. %ld"), min > 0 ? min : 0);
        diag_error(d, n->pos, hint, "%s must be a whole number, not '%.80s'", what, s);
        return false;
    }
    if (st != DECIMAL_OK || v.units < min || v.units > max) {
        snprintf(hint, sizeof hint, _("give a whole number from %ld to %ld"), min, max);
        diag_error(d, n->pos, hint, "%s must be between %ld and %ld, not %.80s", what, min, max, s);
        return false;
    }
    *out = (long)v.units;
    return true;
}

/* Reads n as an exact decimal; an error at n names what is wrong and what
 * to write instead. */
static bool schema_decimal(diag *d, const ynode *n, const char *what, decimal *out)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    char why[200], hint[200];
    switch (decimal_parse(s, n->len, out, why, sizeof why, hint, sizeof hint)) {
    case DECIMAL_OK:
        if (n->plain) return true;
        diag_error(d, n->pos, "write the number without quotes", "%s must be a number, not the text '%.80s'", what, s);
        return false;
    case DECIMAL_NOT_A_NUMBER:
        diag_error(d, n->pos, decimal_text_hint(s, n->len, hint, sizeof hint) ? hint : N_("write the number itself, e.g. 0 or 1.5"),
                   "%s must be a number, not '%.80s'", what, s);
        return false;
    default:
        diag_error(d, n->pos, hint, "%s: %s", what, why);
        return false;
    }
}

/* v × num / den, rounded half away from zero; false when it leaves int32. */
static bool scaled(decimal v, int64_t num, int64_t den, int32_t *out)
{
    __int128 p = (__int128)v.units * num, q = den;
    for (int i = 0; i < v.scale; i++) q *= 10;
    __int128 r = (p < 0 ? p - q / 2 : p + q / 2) / q;
    if (r > INT32_MAX || r < INT32_MIN) return false;
    *out = (int32_t)r;
    return true;
}

bool schema_permille(diag *d, const ynode *n, const char *what, int min, int max, int *out)
{
    decimal v;
    if (!schema_decimal(d, n, what, &v)) return false;
    int32_t m;
    if (!scaled(v, 1000, 1, &m) || m < min || m > max) {
        diag_error(d, n->pos, "give a number in that range, e.g. 1.5", "%s must be between %d.%03d and %d.%03d, not %.80s", what, min / 1000, min % 1000,
                   max / 1000, max % 1000, n->str);
        return false;
    }
    *out = m;
    return true;
}

bool schema_em(diag *d, const ynode *n, const char *what, int min_permille, int max_permille, int *out)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    if (n->len < 3 || strcmp(s + n->len - 2, "em") != 0) {
        diag_error(d, n->pos, "write a number of em, e.g. 0.5em", "%s must be a length in em, not '%.80s'", what, s);
        return false;
    }
    decimal v;
    char why[200], hint[200];
    int32_t m;
    if (decimal_parse(s, n->len - 2, &v, why, sizeof why, hint, sizeof hint) != DECIMAL_OK || !scaled(v, 1000, 1, &m) ||
        m < min_permille || m > max_permille) {
        diag_error(d, n->pos, "give a length in em in that range, e.g. 0.05em", "%s must be between %d.%03dem and %d.%03dem, not '%.80s'", what,
                   min_permille / 1000, min_permille % 1000, max_permille / 1000, max_permille % 1000, s);
        return false;
    }
    *out = m;
    return true;
}

bool schema_scalar_list(diag *d, const ynode *n, const char *what, const ynode *const **out, int *count)
{
    if (n->kind != YNODE_SEQ) {
        diag_error(d, n->pos, "e.g. [a, b]", "%s must be a list, not %s", what, yaml_kind_name(n));
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n->n; i++)
        if (n->items[i]->kind != YNODE_SCALAR || yaml_is_null(n->items[i])) {
            diag_error(d, n->items[i]->pos, "write each item as a word, e.g. [a, b]", "an item of %s must be text, not %s", what,
                       yaml_kind_name(n->items[i]));
            ok = false;
        }
    *out = (const ynode *const *)n->items;
    *count = n->n;
    return ok;
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
    /* 1 pt = 1000 mpt; 1 in = 72 pt; 1 mm = 72/25.4 pt = 360000/127 mpt. */
    static const struct { const char *unit; int64_t num, den; } units[] = {
        { "mm", 360000, 127 }, { "cm", 3600000, 127 }, { "pt", 1000, 1 }, { "in", 72000, 1 },
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t ul = strlen(units[i].unit);
        if (n->len <= ul || strcmp(s + n->len - ul, units[i].unit) != 0) continue;
        decimal v;
        int32_t m;
        if (decimal_parse(s, n->len - ul, &v, NULL, 0, NULL, 0) != DECIMAL_OK) break;
        if (decimal_is_negative(v) || !scaled(v, units[i].num, units[i].den, &m) || m > SCHEMA_MAX_LENGTH) {
            diag_error(d, n->pos, "lengths run from 0 to 14400pt (200in, PDF's largest page)",
                       "%s is out of range: %.80s", what, s);
            return false;
        }
        *out = m;
        return true;
    }
    diag_error(d, n->pos, "write a number and a unit: mm, cm, pt or in, e.g. 37mm or 15.75pt",
               "%s must be a length, not '%.80s'", what, s);
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
        snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
    else
        snprintf(hint, sizeof hint, _("choose %s"), list);
    diag_error(d, n->pos, hint, "%s must be one of %s, not '%.80s'", what, list, s);
    return false;
}

/* Days in month m of year y (0 for no such month). */
static int month_days(int y, int m)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12) return 0;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mdays[m - 1] + (m == 2 && leap);
}

/* Year, month and day as written another common way: 2024年1月31日,
 * 2024/1/31, 2024.01.31, 2024-1-31 (what to suggest instead). */
static bool other_date_form(const char *s, int *y, int *m, int *dd)
{
    int used = 0;
    if (sscanf(s, "%4d年%2d月%2d日%n", y, m, dd, &used) == 3 && s[used] == '\0') return true;
    static const char *const forms[] = { "%4d/%2d/%2d%n", "%4d.%2d.%2d%n", "%4d-%2d-%2d%n", NULL };
    for (int i = 0; forms[i]; i++)
        if (sscanf(s, forms[i], y, m, dd, &used) == 3 && s[used] == '\0') return true;
    return false;
}

bool schema_date(diag *d, const ynode *n, const char *what, int *year, int *month, int *day)
{
    const char *s;
    if (!schema_string(d, n, what, &s)) return false;
    int y, m, dd, used = 0;
    bool iso = sscanf(s, "%4d-%2d-%2d%n", &y, &m, &dd, &used) == 3 && s[used] == '\0' && strlen(s) == 10;
    if (iso && y >= 1000 && dd >= 1 && dd <= month_days(y, m)) {
        *year = y;
        *month = m;
        *day = dd;
        return true;
    }
    char hint[160] = "write the date as YYYY-MM-DD, e.g. 2024-01-31";
    if (iso && month_days(y, m) == 0)
        snprintf(hint, sizeof hint, _("there is no month %d"), m);
    else if (iso)
        snprintf(hint, sizeof hint, _("%04d-%02d has %d days"), y, m, month_days(y, m));
    else if (other_date_form(s, &y, &m, &dd) && y >= 1000 && dd >= 1 && dd <= month_days(y, m))
        snprintf(hint, sizeof hint, _("write %04d-%02d-%02d (YYYY-MM-DD)"), y, m, dd);
    diag_error(d, n->pos, hint, "%s must be a date, not '%.80s'", what, s);
    return false;
}
