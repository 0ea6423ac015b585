/* bench.c — whole-process wall time and peak RSS of a command.
 *
 *   bench RUNS COMMAND [ARGS…]
 *
 * Runs COMMAND RUNS times (after one warm-up run), and prints the median,
 * minimum and maximum wall time and the largest peak RSS (from wait4's
 * ru_maxrss).  No dependencies beyond libc, so `make bench` works on a
 * fresh machine. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Runs argv once; returns wall milliseconds, or -1 on failure. */
static double run_once(char **argv, long *maxrss_kb)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    if (ru.ru_maxrss > *maxrss_kb) *maxrss_kb = ru.ru_maxrss;
    return (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench RUNS COMMAND [ARGS...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1) runs = 1;
    double *ms = calloc((size_t)runs, sizeof *ms);
    long rss = 0;
    if (!ms || run_once(argv + 2, &rss) < 0) {
        fprintf(stderr, "bench: %s failed\n", argv[2]);
        free(ms);
        return 1;
    }
    rss = 0;
    for (int i = 0; i < runs; i++)
        if ((ms[i] = run_once(argv + 2, &rss)) < 0) {
            fprintf(stderr, "bench: run %d failed\n", i + 1);
            free(ms);
            return 1;
        }
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    printf("runs: %d\nwall median: %.1f ms (min %.1f, max %.1f)\npeak RSS: %.1f MB\n", runs, median, ms[0],
           ms[runs - 1], (double)rss / 1024.0);
    free(ms);
    return 0;
}
