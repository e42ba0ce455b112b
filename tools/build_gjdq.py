"""Build resources/codes/gjdq.csv, the 国籍/地区 code table (GB/T 2659 alpha-3).

Codes come from pycountry's ISO 3166-1 data (GB/T 2659 follows ISO 3166-1) and the
Chinese names from the zh_CN translations that pycountry ships (gettext domain
"iso3166-1").  The short name is the translated common name where pycountry has
one, else the translated name; the longer translated names become aliases.
CHN, HKG, MAC and TWN use the names required in China.

Run:  .venv/bin/python tools/build_gjdq.py
"""

import csv
import gettext
import importlib.metadata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "resources" / "codes" / "gjdq.csv"

FIXED = {  # code -> (name, aliases)
    "CHN": ("中国", ["中华人民共和国"]),
    "HKG": ("中国香港", ["香港"]),
    "MAC": ("中国澳门", ["澳门"]),
    "TWN": ("中国台湾", ["台湾"]),
}
SHORT = {"BOL": "玻利维亚"}  # the zh_CN common name is misspelt (波利维亚)


def rows():
    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    out = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        if c.alpha_3 in FIXED:
            name, aliases = FIXED[c.alpha_3]
            out.append((c.alpha_3, name, aliases))
            continue
        full = zh.gettext(c.name)
        common = getattr(c, "common_name", None)
        short = zh.gettext(common) if common else full
        if short == common:  # untranslated
            short = full
        name = SHORT.get(c.alpha_3, short)
        official = getattr(c, "official_name", None)
        longer = [full] + ([zh.gettext(official)] if official else [])
        aliases = [a for a in dict.fromkeys(longer) if a != name and not a.isascii()]
        out.append((c.alpha_3, name, aliases))
    return out


def check(table):
    seen = set()
    for code, name, aliases in table:
        for word in [name, *aliases]:
            if word in seen or "|" in word:
                raise SystemExit(f"{code}: duplicate or bad name {word!r}")
            seen.add(word)


def main():
    table = rows()
    check(table)
    version = importlib.metadata.version("pycountry")
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("# 国籍/地区 — GB/T 2659（与 ISO 3166-1 一致）三字母代码，中文简称\n")
        f.write("# CNSMIS 字典: ZD_GB_GJDQM\n")
        f.write(
            "# 来源: 学籍数据规范 §3.19；代码和中文名取自 pycountry "
            f"{version} 的 ISO 3166-1 数据及其 zh_CN 译名\n"
        )
        f.write("# CHN、HKG、MAC、TWN 按国内规范写作 中国、中国香港、中国澳门、中国台湾\n")
        f.write("# 由 tools/build_gjdq.py 生成，修改请改脚本后重新生成\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "aliases"])
        for code, name, aliases in table:
            w.writerow([code, name, "|".join(aliases)])
    print(f"{OUT}: {len(table)} rows")


if __name__ == "__main__":
    main()
