/* fuzz_layout.c — libFuzzer target: the input is a layout file.
 *
 * Layouts are input too (offices copy and edit them).  The input is served
 * as fuzz.layout.yaml to two fixed reports that name it: a general report
 * with every kind of block, and one on a template (when the layout has a
 * `template:`, its own; when it extends gov-info-disclosure-annual, that
 * one).  Run by `make fuzz` (build), `make check` (30 s), `make fuzz-long`. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char general[] =
    "layout: fuzz.layout.yaml\n"
    "meta: {title: 报告, author: 某局, date: 2024-01-31}\n"
    "body:\n"
    "  - title: 某局2023年政府信息公开工作年度报告\n"
    "  - h1: 总体情况\n"
    "  - h2: 主动公开\n"
    "    run-in: 本年新收申请**12**件，`2023`年。\n"
    "  - 正文段落，包括English words、数字12345和“引号”。\n"
    "  - table:\n"
    "      caption: 表1\n"
    "      corner: 项目\n"
    "      columns: [甲, {title: 乙, children: [丙, {title: 丁, format: '#,##0'}]}]\n"
    "      rows:\n"
    "        - {head: 一、新收, values: [1, 2, 1234]}\n"
    "        - head: 二、办理\n"
    "          children:\n"
    "            - {head: （一）公开, values: [0, 1.5, 3]}\n"
    "      notes: [注：无。]\n"
    "  - page-break:\n"
    "  - h3: 三级\n"
    "  - h4: 四级\n"
    "  - signature:\n"
    "attachments:\n"
    "  - {title: 附件标题, body: [附件正文。]}\n";

static const char templated[] =
    "layout: fuzz.layout.yaml\n"
    "issuer: 某某局\n"
    "year: 2023\n"
    "missing-numbers: zero\n"
    "sections:\n"
    "  overview: [本年新收申请3件，行政复议1件。]\n"
    "data:\n"
    "  applications:\n"
    "    new: {natural_person: 3, total: 3}\n"
    "    results: {disclosed: {natural_person: 2}}\n"
    "    carried_forward: {natural_person: 1}\n"
    "  reviews: {reconsideration: {upheld: 1}}\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_find_root();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *paths[] = { "fuzz.yaml", "fuzz.layout.yaml" };
    const char *texts[] = { general, (const char *)data };
    size_t lens[] = { sizeof general - 1, size };
    source_files files = { paths, texts, lens, 2, NULL, NULL };
    fuzz_compile("fuzz.yaml", &files, 0);
    if (memmem(data, size, "template", 8) || memmem(data, size, "annual", 6)) {
        texts[0] = templated;
        lens[0] = sizeof templated - 1;
        fuzz_compile("fuzz.yaml", &files, 1);
    }
    return 0;
}
