/* text_clreq.h — Chinese line-breaking rules on top of ICU's (clreq §3.1.7).
 *
 * ICU's `zh` tailoring of UAX #14 already keeps most closing marks off a
 * line start and opening marks off a line end; these rules add what it
 * still allows (clreq: W3C, Requirements for Chinese Text Layout, §3). */
#ifndef REPORTC_TEXT_CLREQ_H
#define REPORTC_TEXT_CLREQ_H

#include <stdbool.h>
#include <stdint.h>

/* Clears can_break_before[i] wherever a break would put a prohibited mark at
 * a line start or end, split a number from its unit, or split —— or ……. */
void text_clreq_restrict_breaks(const uint32_t *text, int n, uint8_t *can_break_before);

/* A mark that may not start a line (clreq §3.1.7): pause and stop marks,
 * closing quotes and brackets, connectors … */
bool text_clreq_no_line_start(uint32_t cp);

/* A mark that may not end a line: opening quotes and brackets. */
bool text_clreq_no_line_end(uint32_t cp);

/* Where a full-width mark's blank half lies in a GB font (clreq §2: marks
 * sit at the bottom left; opening brackets hug the text on their right):
 * +1 blank on the right (pause and stop marks, closing brackets and quotes),
 * -1 blank on the left (opening brackets and quotes), 0 not such a mark. */
int text_clreq_blank_side(uint32_t cp);

/* 。？！: the marks the 开明 style keeps full width. */
bool text_clreq_is_sentence_end(uint32_t cp);

/* A Han character (an ideograph or 〇), as opposed to punctuation. */
bool text_clreq_is_han(uint32_t cp);

/* A Latin letter or a European digit. */
bool text_clreq_is_latin_or_digit(uint32_t cp);

#endif
