/* strindex_test.c — the string index of compiler/base/strindex.h: absent
 * keys, replacement (the returned earlier value), growth across many sizes,
 * keys that differ only late, the empty key.  One PASS/FAIL line per case. */
#include "base/strindex.h"

#include <stdio.h>
#include <string.h>

static int failures;

static void check(bool ok, const char *what)
{
    printf("%s strindex %s\n", ok ? "PASS" : "FAIL", what);
    failures += !ok;
}

int main(void)
{
    strindex ix = { 0 };
    check(strindex_get(&ix, "a") == -1, "an empty index has no key");
    check(strindex_put(&ix, "a", 1) == -1, "a new key returns -1");
    check(strindex_put(&ix, "a", 2) == 1, "putting a key again returns its earlier value");
    check(strindex_get(&ix, "a") == 2, "… and the key then holds the new value");
    check(strindex_put(&ix, "", 7) == -1 && strindex_get(&ix, "") == 7, "the empty key is a key");
    strindex_done(&ix);
    check(ix.n == 0 && strindex_get(&ix, "a") == -1, "strindex_done leaves an empty index");

    /* 200,000 keys "k0" … "k199999", then every one read back, and keys
       never put (sharing prefixes with them) absent. */
    enum { N = 200000 };
    static char keys[N][16];
    bool all = true;
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        all &= strindex_put(&ix, keys[i], i) == -1;
    }
    check(all && ix.n == N, "200,000 distinct keys are all new");
    all = true;
    for (int i = 0; i < N; i++) all &= strindex_get(&ix, keys[i]) == i;
    check(all, "every one of them reads back its value");
    check(strindex_get(&ix, "k200000") == -1 && strindex_get(&ix, "k") == -1 && strindex_get(&ix, "k01") == -1,
          "keys never put are absent (k200000, k, k01)");
    check(ix.cap >= 2 * ix.n, "the index stays at most half full");
    strindex_done(&ix);
    return failures ? 1 : 0;
}
