/* pdf_deflate.c — see pdf_deflate.h. */
#include "pdf_deflate.h"

#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct task {
    uint8_t *out;      /* the zlib stream */
    size_t out_len;
    bool ok;
} task;

struct pdf_deflater {
    const uint8_t *const *inputs;
    const size_t *lens;
    int n;
    task *tasks;                 /* one per input */
    int next_front, next_back;   /* queue ends, guarded by lock */
    pthread_mutex_t lock;
    pthread_t worker;
    bool worker_running;
};

/* Compresses input i as one zlib stream with compressor c. */
static void deflate_input(const pdf_deflater *d, struct libdeflate_compressor *c, int i)
{
    task *t = &d->tasks[i];
    size_t cap = libdeflate_zlib_compress_bound(c, d->lens[i]);
    t->out = malloc(cap ? cap : 1);
    if (!t->out) return;
    t->out_len = libdeflate_zlib_compress(c, d->inputs[i], d->lens[i], t->out, cap);
    t->ok = t->out_len > 0;
}

/* Takes the next input from the front (worker) or the back (main thread);
 * -1 when none is left. */
static int take(pdf_deflater *d, bool front)
{
    int i = -1;
    pthread_mutex_lock(&d->lock);
    if (d->next_front <= d->next_back) i = front ? d->next_front++ : d->next_back--;
    pthread_mutex_unlock(&d->lock);
    return i;
}

/* Compresses inputs from one end of the queue until none is left.  False
 * when libdeflate could not allocate its compressor (the inputs it did not
 * take stay for the other end; those it took fail). */
static bool drain(pdf_deflater *d, bool front)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(PDF_DEFLATE_LEVEL);
    for (int i; (i = take(d, front)) >= 0;)
        if (c) deflate_input(d, c, i);
    libdeflate_free_compressor(c);
    return c != NULL;
}

static void *work(void *arg)
{
    drain(arg, true);
    return NULL;
}

pdf_deflater *pdf_deflate_start(const uint8_t *const *inputs, const size_t *lens, int n)
{
    pdf_deflater *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->inputs = inputs;
    d->lens = lens;
    d->n = n;
    d->tasks = calloc((size_t)(n ? n : 1), sizeof *d->tasks);
    if (!d->tasks || pthread_mutex_init(&d->lock, NULL) != 0) {
        free(d->tasks);
        free(d);
        return NULL;
    }
    d->next_front = 0;
    d->next_back = n - 1;
    /* A worker only pays off with two inputs or more. */
    d->worker_running = n > 1 && pthread_create(&d->worker, NULL, work, d) == 0;
    return d;
}

static void join(pdf_deflater *d)
{
    if (d->worker_running) pthread_join(d->worker, NULL);
    d->worker_running = false;
}

bool pdf_deflate_finish(pdf_deflater *d)
{
    drain(d, false);
    join(d);
    for (int i = 0; i < d->n; i++)
        if (!d->tasks[i].ok) return false;
    return true;
}

const uint8_t *pdf_deflate_result(const pdf_deflater *d, int i, size_t *len)
{
    *len = d->tasks[i].out_len;
    return d->tasks[i].out;
}

void pdf_deflate_free(pdf_deflater *d)
{
    if (!d) return;
    join(d);
    for (int i = 0; i < d->n; i++) free(d->tasks[i].out);
    pthread_mutex_destroy(&d->lock);
    free(d->tasks);
    free(d);
}

/* Writes the /Filter of a stream deflated here: libharu removes a /Filter
 * key from streams it does not filter, but calls this hook while writing
 * the dictionary. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

HPDF_STATUS pdf_deflate_put(HPDF_Dict obj, const uint8_t *z, size_t zlen)
{
    HPDF_MemStream_FreeData(obj->stream);
    obj->filter = HPDF_STREAM_FILTER_NONE; /* libharu must not deflate again */
    obj->write_fn = write_flate_filter;
    return HPDF_Stream_Write(obj->stream, z, (HPDF_UINT)zlen);
}
