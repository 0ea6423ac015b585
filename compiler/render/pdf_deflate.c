/* pdf_deflate.c — see pdf_deflate.h. */
#include "pdf_deflate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { WINDOW = 32 * 1024, LEVEL = 1 };

typedef struct piece {
    int input;
    size_t from, to;   /* bytes of the input */
    bool last;         /* the input's final piece: ends the deflate stream */
    uint8_t *out;      /* raw deflate data */
    size_t out_len;
    bool ok;
} piece;

typedef struct result {
    uint8_t *data;
    size_t len;
} result;

struct pdf_deflater {
    const uint8_t *const *inputs;
    const size_t *lens;
    int n;
    piece *pieces;
    int n_pieces;
    int next_front, next_back;   /* queue ends, guarded by lock */
    pthread_mutex_t lock;
    pthread_t worker;
    bool worker_running;
    result *results;
};

/* Raw-deflates one piece, primed with the window before it; a non-final
 * piece ends on a byte boundary (Z_SYNC_FLUSH) so the next one can follow. */
static void deflate_piece(const pdf_deflater *d, piece *p)
{
    const uint8_t *in = d->inputs[p->input];
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
    size_t dict_from = p->from > WINDOW ? p->from - WINDOW : 0;
    if (p->from > 0 && deflateSetDictionary(&z, in + dict_from, (uInt)(p->from - dict_from)) != Z_OK) {
        deflateEnd(&z);
        return;
    }
    size_t cap = deflateBound(&z, (uLong)(p->to - p->from)) + 16;
    p->out = malloc(cap);
    if (p->out) {
        z.next_in = (Bytef *)(in + p->from);
        z.avail_in = (uInt)(p->to - p->from);
        z.next_out = p->out;
        z.avail_out = (uInt)cap;
        int rc = deflate(&z, p->last ? Z_FINISH : Z_SYNC_FLUSH);
        p->ok = p->last ? rc == Z_STREAM_END : rc == Z_OK && z.avail_in == 0;
        p->out_len = cap - z.avail_out;
    }
    deflateEnd(&z);
}

/* Takes the next piece from the front (worker) or the back (main thread). */
static piece *take(pdf_deflater *d, bool front)
{
    piece *p = NULL;
    pthread_mutex_lock(&d->lock);
    if (d->next_front <= d->next_back) p = &d->pieces[front ? d->next_front++ : d->next_back--];
    pthread_mutex_unlock(&d->lock);
    return p;
}

static void *work(void *arg)
{
    pdf_deflater *d = arg;
    for (piece *p; (p = take(d, true));) deflate_piece(d, p);
    return NULL;
}

pdf_deflater *pdf_deflate_start(const uint8_t *const *inputs, const size_t *lens, int n)
{
    pdf_deflater *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->inputs = inputs;
    d->lens = lens;
    d->n = n;
    int count = 0;
    for (int i = 0; i < n; i++) count += lens[i] ? (int)((lens[i] + PDF_DEFLATE_PIECE - 1) / PDF_DEFLATE_PIECE) : 1;
    d->pieces = calloc((size_t)(count ? count : 1), sizeof *d->pieces);
    d->results = calloc((size_t)(n ? n : 1), sizeof *d->results);
    if (!d->pieces || !d->results || pthread_mutex_init(&d->lock, NULL) != 0) {
        free(d->pieces);
        free(d->results);
        free(d);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        size_t from = 0;
        do {
            size_t to = lens[i] - from > PDF_DEFLATE_PIECE ? from + PDF_DEFLATE_PIECE : lens[i];
            d->pieces[d->n_pieces++] = (piece){ .input = i, .from = from, .to = to, .last = to == lens[i] };
            from = to;
        } while (from < lens[i]);
    }
    d->next_front = 0;
    d->next_back = d->n_pieces - 1;
    d->worker_running = pthread_create(&d->worker, NULL, work, d) == 0;
    return d;
}

static void join(pdf_deflater *d)
{
    if (d->worker_running) pthread_join(d->worker, NULL);
    d->worker_running = false;
}

bool pdf_deflate_finish(pdf_deflater *d)
{
    for (piece *p; (p = take(d, false));) deflate_piece(d, p);
    join(d);
    /* zlib framing (RFC 1950) around the raw pieces: header, data, Adler-32. */
    for (int i = 0, k = 0; i < d->n; i++) {
        size_t total = 6;
        int first = k;
        for (; k < d->n_pieces && d->pieces[k].input == i; k++) {
            if (!d->pieces[k].ok) return false;
            total += d->pieces[k].out_len;
        }
        uint8_t *z = malloc(total);
        if (!z) return false;
        size_t used = 0;
        z[used++] = 0x78;
        z[used++] = 0x01;   /* 32 KB window, fastest level, (0x7801 % 31 == 0) */
        for (int j = first; j < k; j++) {
            memcpy(z + used, d->pieces[j].out, d->pieces[j].out_len);
            used += d->pieces[j].out_len;
        }
        uLong adler = adler32(adler32(0L, Z_NULL, 0), d->inputs[i], (uInt)d->lens[i]);
        for (int s = 24; s >= 0; s -= 8) z[used++] = (uint8_t)(adler >> s);
        d->results[i] = (result){ z, used };
    }
    return true;
}

const uint8_t *pdf_deflate_result(const pdf_deflater *d, int i, size_t *len)
{
    *len = d->results[i].len;
    return d->results[i].data;
}

void pdf_deflate_free(pdf_deflater *d)
{
    if (!d) return;
    join(d);
    for (int i = 0; i < d->n_pieces; i++) free(d->pieces[i].out);
    for (int i = 0; i < d->n; i++) free(d->results[i].data);
    pthread_mutex_destroy(&d->lock);
    free(d->pieces);
    free(d->results);
    free(d);
}
