#!/usr/bin/env python3
"""Draws the package icon (icon.png, 128x128 RGBA) with the standard library only: a rounded square holding
three bars that rise to a dot, the picture of indicators aggregated into one score. Run it again after editing;
the output is deterministic (4x4 supersampling, fixed zlib level)."""
import struct, zlib, os

N, S = 128, 4                      # size, supersampling factor
BG = (31, 78, 121)                 # deep blue
BARS = [(86, 180, 233), (0, 158, 115), (230, 159, 0)]   # Okabe-Ito palette (colour-blind safe)
DOT = (255, 255, 255)

def inside_rounded(x, y, r=22):
    cx = min(max(x, r), N - r); cy = min(max(y, r), N - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def colour(x, y):
    if not inside_rounded(x, y):
        return None
    for k, (left, top) in enumerate([(24, 76), (52, 58), (80, 40)]):
        if left <= x < left + 22 and top <= y < 104:
            return BARS[k]
    if (x - 91) ** 2 + (y - 24) ** 2 <= 9 ** 2:
        return DOT
    return BG

rows = []
for py in range(N):
    row = bytearray([0])
    for px in range(N):
        acc = [0, 0, 0]; a = 0
        for sy in range(S):
            for sx in range(S):
                c = colour(px + (sx + 0.5) / S, py + (sy + 0.5) / S)
                if c is not None:
                    a += 1
                    for i in range(3): acc[i] += c[i]
        if a:
            row += bytes([round(acc[0] / a), round(acc[1] / a), round(acc[2] / a), round(255 * a / (S * S))])
        else:
            row += bytes([0, 0, 0, 0])
    rows.append(bytes(row))

def chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
with open(out, "wb") as f:
    f.write(png)
print(out, len(png), "bytes")
