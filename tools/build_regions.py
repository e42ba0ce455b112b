"""Build resources/regions/gb2260.csv, the GB/T 2260 region codes with history.

Reads stdnum/cn/loc.dat from python-stdnum (county-level codes with validity years,
e.g. `0103 county="[-2010]崇文区"`; one code may hold several comma-separated names)
and writes one row per (code, name, years).  Abolished codes are kept because ID
numbers keep the code of the place where they were issued.

Run:  .venv/bin/python tools/build_regions.py
"""

import csv
import re
from pathlib import Path

import stdnum

LOC = Path(stdnum.__file__).parent / "cn" / "loc.dat"
OUT = Path(__file__).resolve().parents[1] / "resources" / "regions" / "gb2260.csv"

SIMPLIFIED = {"香港特別行政區": "香港特别行政区", "澳門特別行政區": "澳门特别行政区"}
PROVINCE = re.compile(r'^(\d{2}) province="([^"]*)"$')
COUNTY = re.compile(r'^\s+(\d{4}) county="([^"]*)"$')
PART = re.compile(r"^(?:\[(\d*)-(\d*)\])?(.+)$")


def parse(path):
    """Yield (code, [(name, from, to), ...], province name)."""
    province = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if m := PROVINCE.match(line):
            prefix, province = m.group(1), SIMPLIFIED.get(m.group(2), m.group(2))
        elif m := COUNTY.match(line):
            names = [PART.match(p).groups() for p in m.group(2).split(",")]
            yield prefix + m.group(1), [(n, f, t) for f, t, n in names], province
        else:
            raise ValueError(f"unexpected line in {path}: {line!r}")


def overlaps(a, b):
    """True when the year ranges of two (name, from, to) entries share a year."""
    a_from, a_to = int(a[1] or 0), int(a[2] or 9999)
    b_from, b_to = int(b[1] or 0), int(b[2] or 9999)
    return a_from <= b_to and b_from <= a_to


def prefecture_name(entry, candidates):
    """Name of the XXXX00 entry valid during entry's years (the latest one that overlaps)."""
    matching = [c for c in candidates if overlaps(entry, c)]
    return (matching or candidates)[-1][0] if candidates else ""


def build():
    entries = list(parse(LOC))
    by_code = {code: names for code, names, _ in entries}
    rows, seen = [], set()
    for code, names, province in entries:
        prefecture = [] if code.endswith("0000") else by_code.get(code[:4] + "00", [])
        for entry in names:
            row = (code, entry[0], province, prefecture_name(entry, prefecture), entry[1], entry[2])
            if row not in seen:
                seen.add(row)
                rows.append(row)
    if "830000" not in by_code:
        rows.append(("830000", "台湾省", "台湾省", "", "", ""))
    rows.sort(key=lambda r: r[0])  # stable: keeps the historical order within a code
    return rows


def header_lines():
    return [
        "行政区划代码 — GB/T 2260 六位代码（含历史代码）",
        f"来源: python-stdnum {stdnum.__version__} 自带的 stdnum/cn/loc.dat"
        "（整理自维基百科《中华人民共和国行政区划代码》各区页面）",
        "已撤销的代码照样保留：身份证号保留签发时的地址码，校验须对照历史代码",
        "valid_from / valid_to: 代码使用的起止年份，空表示无记载（早于 1980 或至今有效）",
        "同一代码先后用过多个名称时，每个（代码, 名称, 年份）一行",
        "810000、820000 为港澳居民居住证使用的地址码；"
        "830000 为台湾居民居住证使用的地址码，loc.dat 无此项，另行加入",
        "由 tools/build_regions.py 生成，修改请改脚本后重新生成",
    ]


def main():
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.writelines(f"# {line}\n" for line in header_lines())
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "province", "prefecture", "valid_from", "valid_to"])
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} rows")


if __name__ == "__main__":
    main()
