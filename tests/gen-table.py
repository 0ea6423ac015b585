#!/usr/bin/env python3
"""Writes a report with one large table: 3-level column headers and 3-level
row headers, ROWS leaf rows (a multiple of 20), for the tables tests and
make bench.  Usage: gen-table.py ROWS > report.yaml

Row groups: 区 (level 1, every 100 rows), 类 (level 2, every 20 rows), 项
(leaves).  Leaf labels are unique: 项目<区>-<类>-<项>."""
import sys

rows = int(sys.argv[1])
print("meta: {title: 大表测试, author: 测试单位, date: 2024-01-31}")
print("body:")
print("  - h1: 数据表")
print("  - table:")
print("      caption: 表1　分区分类统计")
print("      corner: 地区与类别")
print("      columns:")
for top in ("申请情况", "办理情况"):
    print("        - title: %s" % top)
    print("          children:")
    for mid in ("自然人", "法人"):
        print("            - {title: %s, children: [本年新收, 上年结转, 合计]}" % mid)
print("        - {title: 总计, format: \"#,##0\"}")
print("      rows:")
n = 0
for a in range((rows + 99) // 100):
    print("        - head: 第%d区" % (a + 1))
    print("          children:")
    for b in range(5):
        if n >= rows:
            break
        print("            - head: 第%d区第%d类事项" % (a + 1, b + 1))
        print("              children:")
        for c in range(20):
            if n >= rows:
                break
            values = [(n * 7 + k * 13) % 997 for k in range(12)] + [n * 37 % 100000]
            print("                - {head: 项目%d-%d-%d, values: [%s]}" % (a + 1, b + 1, c + 1, ", ".join(map(str, values))))
            n += 1
