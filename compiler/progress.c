/* progress.c — see progress.h. */
#define _GNU_SOURCE
#include "progress.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"

struct progress {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    struct timespec start;   /* CLOCK_MONOTONIC */
    long after_ms;           /* PROGRESS_AFTER_MS, or REPORTC_PROGRESS_AFTER_MS */
    const char *stage;       /* under lock */
    bool stop;               /* under lock */
};

static struct timespec after_ms(struct timespec t, long ms)
{
    t.tv_sec += ms / 1000;
    t.tv_nsec += (ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) t.tv_sec++, t.tv_nsec -= 1000000000L;
    return t;
}

/* The thread: sleeps until p->after_ms, then redraws the line every
 * PROGRESS_EVERY_MS until told to stop; clears it at the end. */
static void *progress_main(void *arg)
{
    progress *p = arg;
    bool shown = false;
    struct timespec next = after_ms(p->start, p->after_ms);
    if (pthread_mutex_lock(&p->lock) != 0) return NULL;
    while (!p->stop) {
        int rc = pthread_cond_timedwait(&p->wake, &p->lock, &next);
        if (p->stop) break;
        if (rc == ETIMEDOUT) {
            struct timespec now;
            if (clock_gettime(CLOCK_MONOTONIC, &now) != 0) break;
            double s = (double)(now.tv_sec - p->start.tv_sec) + (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
            /* \r and "erase to the end of the line" (ECMA-48 EL): the line is
               redrawn in place, whatever was longer before. */
            fprintf(stderr, "\r\033[Kreportc: %s... %.1f s", p->stage, s);
            fflush(stderr);
            shown = true;
            next = after_ms(next, PROGRESS_EVERY_MS);
        } else if (rc != 0) {
            break;   /* cannot wait: no more drawing */
        }
    }
    if (shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

progress *progress_start(void)
{
    if (!isatty(STDERR_FILENO)) return NULL;
    progress *p = xcalloc(1, sizeof *p);
    p->stage = "compiling";
    p->after_ms = PROGRESS_AFTER_MS;
    const char *env = getenv("REPORTC_PROGRESS_AFTER_MS");
    if (env && *env) {
        char *end;
        long ms = strtol(env, &end, 10);
        if (*end == '\0' && ms >= 0 && ms <= 600000) p->after_ms = ms;
    }
    pthread_condattr_t attr;
    bool attr_ok = pthread_condattr_init(&attr) == 0;
    bool ok = attr_ok && pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
              clock_gettime(CLOCK_MONOTONIC, &p->start) == 0 && pthread_mutex_init(&p->lock, NULL) == 0;
    if (ok && pthread_cond_init(&p->wake, &attr) != 0) {
        pthread_mutex_destroy(&p->lock);
        ok = false;
    }
    if (attr_ok) pthread_condattr_destroy(&attr);
    /* The thread is born with every signal blocked, so SIGINT and SIGTERM
       always reach the main thread, whose mask output.c controls. */
    sigset_t all, prev;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &prev);
    if (ok && pthread_create(&p->thread, NULL, progress_main, p) != 0) {
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
        ok = false;
    }
    pthread_sigmask(SIG_SETMASK, &prev, NULL);
    if (!ok) {
        free(p);
        return NULL;
    }
    return p;
}

void progress_stage(progress *p, const char *stage)
{
    if (!p || pthread_mutex_lock(&p->lock) != 0) return;
    p->stage = stage;
    pthread_mutex_unlock(&p->lock);
}

void progress_stop(progress *p)
{
    if (!p) return;
    if (pthread_mutex_lock(&p->lock) == 0) {
        p->stop = true;
        pthread_cond_signal(&p->wake);
        pthread_mutex_unlock(&p->lock);
    } else {
        /* Cannot happen with a default mutex; the thread would then never
           learn to stop, so it is left running rather than joined. */
        return;
    }
    pthread_join(p->thread, NULL);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
