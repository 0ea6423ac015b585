#!/usr/bin/env python3
"""tagcheck.py — a tagged PDF read back with poppler and qpdf (never with
reportc's own code), for tests/e2e/tagged.sh.

  tagcheck.py tree FILE        the tree as `pdfinfo -struct-text` prints it,
                               checked: no poppler message, every element of
                               a known type, H/P/TH/TD/Lbl never empty (an
                               empty table cell aside: `--empty-cells`),
                               every TH with a /Scope, Table → [Caption]
                               [THead] TBody → TR → TH/TD, H1 first and no
                               heading level skipped, Lbl only in a heading.
                               Prints "TYPE COUNT" lines, sorted.
  tagcheck.py order FILE       the text of the tree in its order equals the
                               page text without the artifacts (qpdf makes
                               a copy whose /Artifact sequences show no text;
                               pdftotext -raw reads it in content order);
                               white space ignored.
  tagcheck.py content FILE     every page stream (qpdf --qdf): each painting
                               operator (Tj TJ ' " S s f F B b n Do sh EI) inside
                               one marked-content sequence, BDC/EMC never
                               nested, never crossing BT/ET or q/Q, never
                               inside a path; MCIDs 0, 1, 2 … on each page.
  tagcheck.py catalog FILE     /MarkInfo /Marked true, /StructTreeRoot,
                               /Lang, every page with content /StructParents
                               (qpdf --json).
"""
import json
import re
import subprocess
import sys

KNOWN = {"Document", "Sect", "Div", "P", "H1", "H2", "H3", "H4", "H5", "H6", "Lbl", "Table", "THead", "TBody",
         "TR", "TH", "TD", "Caption", "Figure", "Span"}


def run(args, **kw):
    return subprocess.run(args, capture_output=True, **kw)


def parse_tree(path):
    """[(depth, type, attrs{}, [texts])] from pdfinfo -struct-text."""
    p = run(["pdfinfo", "-struct-text", path])
    err = p.stderr.decode()
    if p.returncode != 0 or err.strip():
        sys.exit(f"pdfinfo -struct-text: exit {p.returncode}, messages:\n{err}")
    out = []
    for raw in p.stdout.decode().splitlines():
        if not raw.strip():
            continue
        depth = len(raw) - len(raw.lstrip(" "))
        s = raw.strip()
        if s.startswith('"'):
            out[-1][3].append(s[1:-1])
        elif s.startswith("/"):
            m = re.match(r"/(\w+) (.*)", s)
            out[-1][2][m.group(1)] = m.group(2)
        else:
            m = re.match(r"(\w+)", s)
            out.append([depth, m.group(1), {}, []])
    return out


def children(tree, i):
    d = tree[i][0]
    kids, j = [], i + 1
    while j < len(tree) and tree[j][0] > d:
        if not kids or tree[j][0] <= tree[kids[0]][0]:
            kids.append(j)
        j += 1
    return kids


def all_text(tree, i):
    d = tree[i][0]
    text = "".join(tree[i][3])
    j = i + 1
    while j < len(tree) and tree[j][0] > d:
        text += "".join(tree[j][3])
        j += 1
    return text


def cmd_tree(path, empty_cells):
    tree = parse_tree(path)
    problems, counts, last_level = [], {}, 0
    for i, (depth, typ, attrs, texts) in enumerate(tree):
        counts[typ] = counts.get(typ, 0) + 1
        kids = [tree[k][1] for k in children(tree, i)]
        if typ not in KNOWN:
            problems.append(f"element {i}: unknown type {typ}")
        if typ in {"P", "H1", "H2", "H3", "H4", "H5", "H6", "Lbl"} and not all_text(tree, i).strip():
            problems.append(f"element {i}: {typ} without text")
        if typ in {"TH", "TD"} and not all_text(tree, i).strip() and not empty_cells:
            problems.append(f"element {i}: empty {typ}")
        if typ == "TH" and attrs.get("Scope") not in {"/Column", "/Row", "/Both"}:
            problems.append(f"element {i}: TH without /Scope ({attrs})")
        if typ == "Table":
            shape = "".join("C" if k == "Caption" else "H" if k == "THead" else "B" if k == "TBody" else "?"
                            for k in kids)
            if not re.fullmatch(r"C?H?B+", shape):
                problems.append(f"element {i}: Table children {kids}")
        if typ in {"THead", "TBody"} and (not kids or set(kids) != {"TR"}):
            problems.append(f"element {i}: {typ} children {kids}")
        if typ == "TR" and (not kids or not set(kids) <= {"TH", "TD"}):
            problems.append(f"element {i}: TR children {kids}")
        if re.fullmatch(r"H[1-6]", typ):
            level = int(typ[1])
            if level > last_level + 1:
                problems.append(f"element {i}: {typ} after H{last_level} (a level skipped)")
            last_level = level
        if typ == "Lbl" and not re.fullmatch(r"H[1-6]", tree[max(k for k in range(i) if tree[k][0] < depth)][1]):
            problems.append(f"element {i}: Lbl outside a heading")
        if typ == "Figure" and kids:
            problems.append(f"element {i}: Figure with children")
    for p in problems[:20]:
        print(p, file=sys.stderr)
    for typ in sorted(counts):
        print(typ, counts[typ])
    for key in ("Scope", "RowSpan", "ColSpan"):
        print(f"/{key}", sum(1 for e in tree if key in e[2]))
    return 1 if problems else 0


ARTIFACT = re.compile(rb"/Artifact\s*(?:<<.*?>>\s*BDC|BMC)(.*?)EMC", re.S)
SHOW = re.compile(rb"(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*(Tj|')|\[[^\]]*\]\s*TJ")


def blank_artifacts(m):
    body = SHOW.sub(lambda s: b"<> Tj" if s.group(0).endswith((b"Tj", b"'")) else b"[] TJ", m.group(1))
    return m.group(0)[: m.start(1) - m.start(0)] + body + b"EMC"


def page_text_without_artifacts(path, tmp):
    qdf = run(["qpdf", "--qdf", "--object-streams=disable", path, tmp + ".qdf"])
    if qdf.returncode not in (0, 3):
        sys.exit(qdf.stderr.decode())
    data = open(tmp + ".qdf", "rb").read()
    data = ARTIFACT.sub(blank_artifacts, data)
    open(tmp + ".blank.qdf", "wb").write(data)
    fix = run(["fix-qdf", tmp + ".blank.qdf"])
    open(tmp + ".blank.pdf", "wb").write(fix.stdout)
    return run(["pdftotext", "-raw", tmp + ".blank.pdf", "-"]).stdout.decode()


def cmd_order(path):
    tree = parse_tree(path)
    struct = re.sub(r"\s+", "", "".join("".join(e[3]) for e in tree))
    page = re.sub(r"\s+", "", page_text_without_artifacts(path, path + ".tagcheck"))
    if struct == page:
        print(f"{len(struct)} characters in the same order")
        return 0
    k = next((i for i in range(min(len(struct), len(page))) if struct[i] != page[i]), min(len(struct), len(page)))
    print(f"structure and page text differ at character {k} (of {len(struct)} / {len(page)}):", file=sys.stderr)
    print(f"  structure: …{struct[max(0, k - 20):k + 30]}", file=sys.stderr)
    print(f"  page:      …{page[max(0, k - 20):k + 30]}", file=sys.stderr)
    return 1


def cmd_catalog(path):
    p = run(["qpdf", "--json", "--json-key=qpdf", path])
    objs = {k[4:]: v.get("value") for k, v in json.loads(p.stdout)["qpdf"][1].items() if k.startswith("obj:")}
    root = next(v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Catalog")
    problems = []
    mark = root.get("/MarkInfo")
    if isinstance(mark, str):
        mark = objs[mark]
    if not isinstance(mark, dict) or mark.get("/Marked") is not True:
        problems.append(f"/MarkInfo {mark}")
    tree = objs.get(root.get("/StructTreeRoot", ""), {})
    if not isinstance(tree, dict) or tree.get("/Type") != "/StructTreeRoot" or "/ParentTree" not in tree:
        problems.append(f"/StructTreeRoot {tree}")
    if not root.get("/Lang"):
        problems.append("no /Lang")
    print("Lang", root.get("/Lang", "")[2:])
    pages = [v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Page"]
    keys = sorted(pg["/StructParents"] for pg in pages if "/StructParents" in pg)
    print("pages with /StructParents", len(keys), "of", len(pages))
    if len(set(keys)) != len(keys):
        problems.append(f"/StructParents keys repeated: {keys}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


TOKEN = re.compile(rb"<<.*?>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|/[^\s/<>\[\]()]+|[^\s/<>\[\]()]+", re.S)
PAINT = {b"Tj", b"TJ", b"'", b'"', b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n", b"Do", b"sh", b"EI"}


def cmd_content(path):
    qdf = run(["qpdf", "--qdf", "--object-streams=disable", path, "-"]).stdout
    problems, pages = [], 0
    for m in re.finditer(rb"%% Contents for page (\d+)\n(?:%%[^\n]*\n)*\d+ 0 obj\n<<.*?>>\nstream\n(.*?)endstream", qdf, re.S):
        pages += 1
        page, body = int(m.group(1)), m.group(2)
        depth_q, in_text, in_path, mc, mcids, operands = 0, False, False, None, [], []
        for tok in TOKEN.findall(body):
            if not re.fullmatch(rb"[A-Za-z'\"*]+", tok):
                operands.append(tok)
                continue
            op, args = tok, operands
            operands = []
            where = f"page {page}: {op.decode()}"
            if op in (b"BDC", b"BMC"):
                if mc is not None:
                    problems.append(f"{where} nested in another sequence")
                if in_path:
                    problems.append(f"{where} inside a path")
                mc = (in_text, depth_q)
                mm = re.search(rb"/MCID (\d+)", b" ".join(args))
                if mm:
                    mcids.append(int(mm.group(1)))
            elif op == b"EMC":
                if mc is None:
                    problems.append(f"{where} without BDC")
                elif mc != (in_text, depth_q):
                    problems.append(f"{where} crosses BT/ET or q/Q")
                mc = None
            elif op in (b"BT", b"ET"):
                if mc is not None and mc[0] == (op == b"ET"):
                    problems.append(f"{where} inside a sequence begun {'inside' if mc[0] else 'outside'} the text object")
                in_text = op == b"BT"
            elif op in (b"q", b"Q"):
                if mc is not None and op == b"Q" and depth_q == mc[1]:
                    problems.append(f"{where} ends the q level of an open sequence")
                depth_q += 1 if op == b"q" else -1
            elif op in (b"m", b"re", b"l", b"c", b"v", b"y", b"h"):
                in_path = True
            if op in PAINT:
                in_path = False
                if mc is None:
                    problems.append(f"{where}: painting outside marked content")
        if mc is not None:
            problems.append(f"page {page}: a sequence left open")
        if mcids != list(range(len(mcids))):
            problems.append(f"page {page}: MCIDs {mcids[:12]}… not 0, 1, 2 …")
    print("pages", pages)
    for p in problems[:20]:
        print(p, file=sys.stderr)
    return 1 if problems or pages == 0 else 0


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == "tree":
        return cmd_tree(path, "--empty-cells" in sys.argv[3:])
    if cmd == "order":
        return cmd_order(path)
    if cmd == "content":
        return cmd_content(path)
    if cmd == "catalog":
        return cmd_catalog(path)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
