/* suggest.c — see suggest.h. */
#include "suggest.h"

#include <string.h>

static int min3(int a, int b, int c) { return a < b ? (a < c ? a : c) : (b < c ? b : c); }

/* Levenshtein distance, bounded to short words (longer ones are never close). */
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

const char *suggest_word(const char *word, const char *const *choices)
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
