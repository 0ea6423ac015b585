#!/usr/bin/env python3
"""check-structure.py — the pipeline's rules, checked on the sources and the
objects of build/obj/ (make builds them first).  One PASS/FAIL line per rule.

The rules (README, "How the compiler is built"):
  stages      compiler/parse → model → layout → render, with base/ and font/
              as services: a file includes headers of its own folder, of
              base/, and only the *output* headers of the stages and services
              before it; nothing includes a later stage.
  yaml        only compiler/parse/ includes yaml_tree.h or <yaml.h>.
  files       only compiler/parse/ opens files to read (fopen, open, opendir,
              mmap …); the driver (main.c, output.c) writes the output.
  circles     no two files call each other, directly or through others
              (from the objects' defined and undefined symbols).
  prefixes    every exported function of DIR/STEM.c starts with STEM_ or with
              the first word of STEM and _ (flow_blocks.c: flow_…); arena.c's
              x-allocators (malloc that ends the run when memory is out) keep
              the names C programmers know.
  dead        every exported function is called from another file (the
              fuzzers' entry compile_pipeline aside).
  exits       exit() and abort() only in main.c and base/arena.c (the one
              out-of-memory path).
  globals     no writable global data but output.c's signal-handler state.
  size        no source file longer than 700 lines.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "compiler")
OBJ = os.path.join(ROOT, "build", "obj")

ORDER = {"base": 0, "parse": 1, "model": 2, "font": 2, "layout": 3, "render": 4, "": 5}
# What a folder shows the stages after it: its output headers.
OUTPUT = {
    "base": None,  # every header of base/ is a service
    "parse": {"parse.h", "syntax.h", "style.h", "template_spec.h", "font_config.h", "image.h", "source.h"},
    "model": {"model.h", "model_table.h", "template.h"},
    "font": {"fontset.h", "font_face.h", "font_subset.h"},
    "layout": {"layout.h", "frame.h"},
    "render": {"pdf_write.h", "ofd_write.h"},
}
# font/ is a service of layout and render; it reads the parse stage's font table.
MAY_USE = {
    "base": set(),
    "parse": {"base"},
    "model": {"base", "parse"},
    "font": {"base", "parse"},
    "layout": {"base", "parse", "model", "font"},
    "render": {"base", "parse", "font", "layout"},
    "": {"base", "parse", "model", "font", "layout", "render"},
}
OPENERS = {"fopen", "fopen64", "freopen", "open", "open64", "openat", "opendir", "mmap", "mmap64", "creat"}
DRIVER = {"main.c", "output.c"}

failures = 0


def report(name, problems):
    global failures
    if problems:
        failures += 1
        print(f"FAIL structure {name}")
        for p in problems[:30]:
            print(f"    {p}")
    else:
        print(f"PASS structure {name}")


def sources():
    for dirpath, _, files in os.walk(SRC):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                path = os.path.join(dirpath, f)
                yield os.path.relpath(path, SRC), path


def folder(rel):
    return os.path.dirname(rel)


def check_includes():
    stage_problems, yaml_problems = [], []
    for rel, path in sources():
        here = folder(rel)
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
            if not m:
                continue
            kind, name = m.groups()
            if ("yaml.h" == name or name.endswith("yaml_tree.h")) and here != "parse":
                yaml_problems.append(f"{rel}:{n}: includes {name}")
            if kind == "<":
                continue
            target = name if "/" in name else (here + "/" + name if here else name)
            there = folder(target)
            if there == here:
                continue
            base = os.path.basename(target)
            if there not in MAY_USE.get(here, set()):
                stage_problems.append(f"{rel}:{n}: {here or 'driver'} includes {target} ({there or 'driver'} is not before it)")
            elif OUTPUT.get(there) is not None and base not in OUTPUT[there]:
                stage_problems.append(f"{rel}:{n}: includes {target}, an internal header of {there}/")
    report("stages (one-way includes of output headers)", stage_problems)
    report("yaml (only parse/ sees YAML)", yaml_problems)


def symbols():
    """{object: (defined functions, undefined symbols, writable data)}"""
    out = {}
    for dirpath, _, files in os.walk(OBJ):
        for f in files:
            if not f.endswith(".o"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, OBJ)[:-2] + ".c"
            nm = subprocess.run(["nm", path], capture_output=True, text=True).stdout
            defined, undefined, data = set(), set(), set()
            for line in nm.splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[0] == "U":
                    undefined.add(parts[1])
                elif len(parts) == 3:
                    t, name = parts[1], parts[2]
                    if t == "T":
                        defined.add(name)
                    elif t in "BDbd" and not name.startswith((".", "__")) and "." not in name:
                        data.add((t, name))
            out[rel] = (defined, undefined, data)
    return out


def check_objects(syms):
    if not syms:
        report("objects (build/obj/ is empty: run make first)", ["no objects"])
        return
    owner = {}
    for rel, (defined, _, _) in syms.items():
        for s in defined:
            owner[s] = rel
    # files: opening files to read
    problems = []
    for rel, (_, undefined, _) in sorted(syms.items()):
        if folder(rel) == "parse" or rel in DRIVER:
            continue
        for s in sorted(undefined & OPENERS):
            problems.append(f"{rel}: calls {s}")
    report("files (only parse/ opens files to read)", problems)
    # circles
    edges = {rel: set() for rel in syms}
    for rel, (_, undefined, _) in syms.items():
        for s in undefined:
            if s in owner and owner[s] != rel:
                edges[rel].add(owner[s])
    problems, state, stack = [], {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(edges[n]):
            if state.get(m) == 1:
                problems.append(" → ".join(stack[stack.index(m):] + [m]))
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(edges):
        if n not in state:
            visit(n)
    report("circles (no files calling each other round)", problems)
    # prefixes
    problems = []
    for rel, (defined, _, _) in sorted(syms.items()):
        stem = os.path.basename(rel)[:-2]
        first = stem.split("_")[0]
        for s in sorted(defined):
            if s == "main" or s.startswith(stem + "_") or s.startswith(first + "_"):
                continue
            if rel == "base/arena.c" and s in ("xmalloc", "xcalloc", "xrealloc", "xstrdup"):
                continue
            problems.append(f"{rel}: exports {s}")
    report("prefixes (module prefix on every exported name)", problems)
    # dead code
    used = set()
    for _, (_, undefined, _) in syms.items():
        used |= undefined
    problems = [f"{owner[s]}: {s} is exported and never called" for s in sorted(owner)
                if s not in used and s not in ("main", "compile_pipeline")]
    report("dead (no exported function left uncalled)", problems)
    # exits
    problems = []
    for rel, (_, undefined, _) in sorted(syms.items()):
        if rel in ("main.c", "base/arena.c"):
            continue
        for s in sorted(undefined & {"exit", "_exit", "abort", "_Exit", "quick_exit"}):
            problems.append(f"{rel}: calls {s}")
    report("exits (no exit deep in the code)", problems)
    # globals
    problems = []
    for rel, (_, _, data) in sorted(syms.items()):
        for t, name in sorted(data):
            if rel == "output.c" and name in ("have_temp", "temp_path"):
                continue
            problems.append(f"{rel}: writable {name}")
    report("globals (no mutable global state)", problems)


def check_size():
    problems = []
    for rel, path in sources():
        n = sum(1 for _ in open(path, encoding="utf-8"))
        if n > 700:
            problems.append(f"{rel}: {n} lines")
    report("size (no file over 700 lines)", problems)


check_includes()
check_objects(symbols())
check_size()
sys.exit(1 if failures else 0)
