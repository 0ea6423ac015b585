/* csv.h — reading a CSV file of numbers (RFC 4180) with every cell's line
 * and column; internal to the parse stage.
 *
 * Hand-written rather than libcsv: libcsv reports no line or column (only
 * a byte offset on a strict error), trims spaces, drops blank lines and
 * keeps a BOM in the first field.  Here: a BOM only at the start; CRLF, LF
 * and a lone CR each end a record (also mixed, and no line end at the
 * end); quoted fields with commas, line breaks and "" inside; `"ab"c`,
 * `ab"c` and an unterminated quote are errors (the last at its opening
 * quote).  Lines are counted as an editor counts them (a line break inside
 * a quoted cell is a line), columns in characters. */
#ifndef REPORTC_CSV_H
#define REPORTC_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

typedef enum { CSV_AUTO, CSV_UTF8, CSV_GB18030 } csv_encoding;

typedef struct csv_cell {
    const char *s;      /* the cell's text, quotes and "" undone; UTF-8, NUL-terminated */
    size_t len;
    src_pos pos;        /* of its first character (its opening quote, if quoted) */
    src_pos text_pos;   /* of its first character of content */
    bool quoted;
    char name[24];      /* as a spreadsheet names it: C5 (column letters, record number) */
} csv_cell;

typedef struct csv_record {
    csv_cell *cells;
    int n;
    src_pos pos;
    bool blank;         /* no cell holds anything but spaces */
} csv_record;

typedef struct csv_file {
    source *src;        /* the text decoded to UTF-8: the diagnostics quote it */
    csv_record *records;
    int n;
} csv_file;

/* Decodes raw[0..len) (a BOM'd or strictly valid UTF-8 file is UTF-8,
 * anything else GB18030, unless `enc` says) and reads its records.  Errors
 * at the CSV's line:column; false after one.  `name` names the file in the
 * diagnostics. */
bool csv_read(arena *a, diag *d, const char *name, const char *raw, size_t len, csv_encoding enc, csv_file *out);

/* The cell's text without the spaces a spreadsheet leaves around a number
 * (ASCII space and tab, U+3000, U+00A0); *len is set. */
const char *csv_trim(const csv_cell *c, size_t *len, size_t *lead);

#endif
