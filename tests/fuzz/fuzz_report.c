/* fuzz_report.c — libFuzzer target: the input is a report.
 *
 * It is compiled as reports are (layouts from layouts/, fonts from
 * fonts/fonts.yaml), from memory: parse → model → layout → PDF bytes.  Run
 * by `make fuzz` (build), `make check` (30 s), `make fuzz-long`. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_find_root();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *paths[] = { "fuzz.yaml" };
    const char *texts[] = { (const char *)data };
    size_t lens[] = { size };
    source_files files = { paths, texts, lens, 1, NULL, NULL };
    /* One input in eight is written as plain PDF: both halves of the writer run. */
    fuzz_compile("fuzz.yaml", &files, size > 0 && data[0] % 8 == 0);
    return 0;
}
