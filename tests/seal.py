#!/usr/bin/env python3
"""seal.py — a stand-in seal image for the tests: a red ring with a
half-transparent centre on a transparent background, as scanned seals are.

  seal.py OUT.png [OUT.ppm]   (the PPM: the same seal on white, for cjpeg)

Standard library only (zlib); the edges are anti-aliased through alpha, so
flattening has partial alpha to deal with.
"""
import math
import struct
import sys
import zlib

SIZE = 160
RED = (230, 0, 18)


def alpha(x, y):
    """Coverage 0..255 of the pixel centred at (x, y)."""
    c = SIZE / 2
    d = math.hypot(x - c, y - c)
    ring = max(0.0, min(1.0, 5.5 - abs(d - (c - 8))))          # 11 px wide ring
    dot = max(0.0, min(1.0, (c / 3) - d)) * 0.5                 # half-transparent centre
    return int(round(255 * max(ring, dot)))


def png(path):
    rows = b""
    for y in range(SIZE):
        rows += b"\0" + b"".join(bytes(RED) + bytes([alpha(x + 0.5, y + 0.5)]) for x in range(SIZE))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)))   # 8-bit RGBA
        f.write(chunk(b"IDAT", zlib.compress(rows)))
        f.write(chunk(b"IEND", b""))


def ppm(path):
    with open(path, "wb") as f:
        f.write(b"P6 %d %d 255\n" % (SIZE, SIZE))
        for y in range(SIZE):
            for x in range(SIZE):
                a = alpha(x + 0.5, y + 0.5) / 255
                f.write(bytes(int(round(c * a + 255 * (1 - a))) for c in RED))


if __name__ == "__main__":
    png(sys.argv[1])
    if len(sys.argv) > 2:
        ppm(sys.argv[2])
