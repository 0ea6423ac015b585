/* suggest.h — "did you mean …?": the closest of some words to a misspelt one. */
#ifndef REPORTC_SUGGEST_H
#define REPORTC_SUGGEST_H

/* The closest of `choices` (NULL-terminated) to `word` by edit distance, or
 * NULL if none is close enough to be a plausible typo. */
const char *suggest_word(const char *word, const char *const *choices);

#endif
