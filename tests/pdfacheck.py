#!/usr/bin/env python3
"""pdfacheck.py — PDF/A-1b details that PDFBox Preflight does not look at.

Reads the PDF through qpdf's JSON (qpdf 11), so nothing here shares code
with the writer.  Each subcommand takes one or more PDFs (one Python start
for all: it costs more than the checks), prints what is wrong and exits 1,
or exits 0 silently.

  cidset PDF…   every CID font's CIDSet lists exactly the CIDs whose glyph
                the embedded font holds, and every glyph has one (what
                veraPDF checks for ISO 19005-1 §6.3.5)
  id PDF…       the trailer /ID is two equal MD5s of the CRC-32, Adler-32
                and length of the bytes before the trailer (zlib's)
  xmp PDF…      the XMP is well-formed, says pdfaid:part 1 / conformance A (tagged, /Lang
                well-formed) or B,
                and each Info entry equals its XMP property
  labels PDF…   the catalog's /PageLabels number the pages 1, 2, 3 … decimal
  seal PDF DATE the page with the line DATE has one image, without /SMask,
                centred on the date and on the line above (the issuer), both
                a little below its centre, its top below the text above and
                within one line of it (GB/T 9704 §7.3.5.1)
"""
import base64
import hashlib
import json
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib


def objects(pdf):
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized",
                          pdf, "-"], capture_output=True, check=True).stdout
    return json.loads(out)["qpdf"][1]


def deref(objs, v):
    if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
        o = objs["obj:" + v]
        return o.get("value", o.get("stream"))
    return v


def stream_data(objs, ref):
    return base64.b64decode(objs["obj:" + ref]["stream"]["data"])


def text(v):
    """A JSON string value of qpdf: u:… (text) or b:… (hex bytes)."""
    if v.startswith("u:"):
        return v[2:]
    raw = bytes.fromhex(v[2:])
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


def num_glyphs(font):
    """numGlyphs of a TrueType file, from its maxp table."""
    n = struct.unpack(">H", font[4:6])[0]
    for i in range(n):
        tag, _, off, _ = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        if tag == b"maxp":
            return struct.unpack(">H", font[off + 4:off + 6])[0]
    raise ValueError("no maxp table")


def check_cidset(pdf):
    objs = objects(pdf)
    problems, seen = [], 0
    for key, o in objs.items():
        d = o.get("value")
        if not isinstance(d, dict) or d.get("/Subtype") != "/CIDFontType2":
            continue
        seen += 1
        name = d.get("/BaseFont")
        desc = deref(objs, d["/FontDescriptor"])
        if "/CIDSet" not in desc:
            problems.append("%s: no CIDSet" % name)
            continue
        bits = stream_data(objs, desc["/CIDSet"])
        n = num_glyphs(stream_data(objs, desc["/FontFile2"]))
        gmap = stream_data(objs, d["/CIDToGIDMap"])
        gid = lambda c: struct.unpack(">H", gmap[2 * c:2 * c + 2])[0] if 2 * c + 2 <= len(gmap) else 0
        listed = [c for c in range(8 * len(bits)) if bits[c // 8] & (0x80 >> (c % 8))]
        reached = set()
        for c in listed:
            g = gid(c)
            if c and (g == 0 or g >= n):
                problems.append("%s: CID %d is listed but has no glyph" % (name, c))
            reached.add(g)
        for c in range(1, len(gmap) // 2):
            if 0 < gid(c) < n and c not in listed:
                problems.append("%s: CID %d has glyph %d but is not listed" % (name, c, gid(c)))
        missing = sorted(set(range(n)) - reached)
        if missing:
            problems.append("%s: glyphs without a listed CID: %s" % (name, missing[:10]))
    if not seen:
        problems.append("no CID font")
    return problems


def check_id(pdf):
    data = open(pdf, "rb").read()
    pos = data.rfind(b"\ntrailer")
    m = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]", data[pos:])
    if pos < 0 or not m:
        return ["no trailer /ID"]
    body = data[:pos]
    sums = struct.pack(">IIQ", zlib.crc32(body), zlib.adler32(body), len(body))
    want = hashlib.md5(sums).hexdigest().upper()
    got = [x.decode().upper() for x in m.groups()]
    return [] if got == [want, want] else ["/ID %s, MD5 of the body's CRC-32, Adler-32 and length %s" % (got, want)]


NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}


def xmp_date(d):
    """D:YYYYMMDDHHmmSS+HH'mm' → YYYY-MM-DDTHH:mm:SS+HH:mm"""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'?", d)
    return "%s-%s-%sT%s:%s:%s%s%s:%s" % m.groups() if m else "bad date " + d


def check_xmp(pdf):
    objs = objects(pdf)
    trailer = objs["trailer"]["value"]
    catalog = deref(objs, trailer["/Root"])
    info = deref(objs, trailer.get("/Info", "")) or {}
    if "/Metadata" not in catalog:
        return ["no /Metadata in the catalog"]
    meta = objs["obj:" + catalog["/Metadata"]]["stream"]
    problems = []
    if meta["dict"].get("/Type") != "/Metadata" or meta["dict"].get("/Subtype") != "/XML":
        problems.append("Metadata dictionary: %s" % meta["dict"])
    if "/Filter" in meta["dict"]:
        problems.append("Metadata stream is filtered")
    try:
        root = ET.fromstring(base64.b64decode(meta["data"]))
    except ET.ParseError as e:
        return problems + ["XMP not well-formed: %s" % e]

    def prop(path):
        found = root.findall(".//" + path, NS)
        return found[0].text if found else None

    # Level A (ISO 19005-1 §6.8) for a tagged file with a well-formed /Lang, else B.
    mark = deref(objs, catalog.get("/MarkInfo", "")) or {}
    lang = text(catalog.get("/Lang", "")) if catalog.get("/Lang") else ""
    level = "A" if mark.get("/Marked") is True and "/StructTreeRoot" in catalog and \
        re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z]{1,8})*", lang) else "B"
    if prop("pdfaid:part") != "1" or prop("pdfaid:conformance") != level:
        problems.append("pdfaid: part %s conformance %s, not 1 %s" % (prop("pdfaid:part"), prop("pdfaid:conformance"), level))
    pairs = {"/Title": "dc:title/rdf:Alt/rdf:li", "/Author": "dc:creator/rdf:Seq/rdf:li",
             "/Subject": "dc:description/rdf:Alt/rdf:li", "/Keywords": "pdf:Keywords",
             "/Creator": "xmp:CreatorTool", "/Producer": "pdf:Producer",
             "/CreationDate": "xmp:CreateDate", "/ModDate": "xmp:ModifyDate"}
    for key, path in pairs.items():
        want = text(info[key]) if key in info else None
        if want and key.endswith("Date"):
            want = xmp_date(want)
        if want != prop(path):
            problems.append("Info %s %r, XMP %s %r" % (key, want, path, prop(path)))
    return problems


def check_labels(pdf):
    objs = objects(pdf)
    catalog = deref(objs, objs["trailer"]["value"]["/Root"])
    labels = deref(objs, catalog.get("/PageLabels"))
    if not labels:
        return ["no /PageLabels"]
    nums = [deref(objs, x) for x in labels.get("/Nums", [])]
    if len(nums) != 2 or nums[0] != 0:
        return ["/PageLabels /Nums %s" % nums]
    d = nums[1]
    return [] if d.get("/S") == "/D" and d.get("/St", 1) == 1 and "/P" not in d else ["label %s" % d]


def text_lines(pdf):
    """Per page: its height and its lines as (text, xMin, yMin, xMax, yMax), y down."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(re.sub(rb'xmlns="[^"]*"', b"", out))
    pages = []
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            words = list(line.iter("word"))
            lines.append(("".join(w.text for w in words), float(words[0].get("xMin")), float(line.get("yMin")),
                          float(words[-1].get("xMax")), float(line.get("yMax"))))
        pages.append((float(page.get("height")), lines))
    return pages


def check_seal(pdf, date):
    objs = objects(pdf)
    images = [o["stream"]["dict"] for o in objs.values()
              if "stream" in o and o["stream"]["dict"].get("/Subtype") == "/Image"]
    if len(images) != 1:
        return ["%d images, not one" % len(images)]
    problems = []
    if "/SMask" in images[0] or images[0].get("/ColorSpace") not in ("/DeviceRGB", "/DeviceGray"):
        problems.append("image dictionary %s" % images[0])
    draws = []
    for o in objs.values():
        if "stream" in o and "data" in o["stream"]:
            data = base64.b64decode(o["stream"]["data"])
            draws += re.findall(rb"([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\s*/\w+ Do", data)
    if len(draws) != 1:
        return problems + ["%d image drawings, not one" % len(draws)]
    w, h, x, y = (float(v) for v in draws[0])
    for height, lines in text_lines(pdf):
        at = [i for i, l in enumerate(lines) if l[0] == date]
        if not at:
            continue
        i = at[0]
        d, issuer, above = lines[i], lines[i - 1], lines[i - 2]
        cx, cy = x + w / 2, height - (y + h / 2)
        top = height - (y + h)
        for name, l in (("date", d), ("issuer", issuer)):
            if abs((l[1] + l[3]) / 2 - cx) > 1:
                problems.append("%s centred at x=%.1f, the seal at %.1f" % (name, (l[1] + l[3]) / 2, cx))
        mid = (issuer[2] + d[4]) / 2
        if not cy < mid < cy + h / 4:
            problems.append("issuer and date centred at y=%.1f; the seal's centre is %.1f" % (mid, cy))
        if not above[4] <= top <= above[4] + (d[2] - issuer[2]):
            problems.append("seal top at y=%.1f, the text above ends at %.1f" % (top, above[4]))
        return problems
    return problems + ["no line %r" % date]


def main():
    cmd, pdfs = sys.argv[1], sys.argv[2:]
    if cmd == "seal":
        problems = check_seal(*pdfs)
        for p in problems:
            print(p)
        sys.exit(1 if problems else 0)
    check = {"cidset": check_cidset, "id": check_id, "xmp": check_xmp, "labels": check_labels}[cmd]
    bad = False
    for pdf in pdfs:
        for p in check(pdf):
            print("%s: %s" % (pdf, p))
            bad = True
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
