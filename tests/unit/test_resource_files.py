"""Checks on the data files under resources/ (code tables, regions, name data, demo data).

Plain pytest with no imports from the application: the files are parsed with the csv
module after their leading `#` comment lines are skipped.
"""

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RES = ROOT / "resources"
CODES = RES / "codes"
PINYIN = re.compile(r"^[a-z]+$")

CODE_TABLES = [
    "xb",
    "mz",
    "sfzjlx",
    "gatqw",
    "jkzk",
    "zzmm",
    "hkxz",
    "rxfs",
    "jdfs",
    "xsly",
    "sflset",
    "xslb",
    "sbjd",
    "cjlx",
    "sxxfs",
    "xx",
    "jtgx",
    "jtgx_gbt4761",
    "sf",
    "bjlx",
    "gjdq",
]
EXTRA_COLUMNS = {"sfzjlx": ["for_student"], "rxfs": ["stage"], "bjlx": ["stage"],
                 "xsly": ["stage"]}
ALL_CSV = sorted(p for d in ("codes", "regions", "names", "demo") for p in (RES / d).glob("*.csv"))


def read(path):
    """Return (comment lines, header, rows as dicts) of a resource CSV."""
    lines = path.read_text(encoding="utf-8").split("\n")
    comments = []
    while lines and lines[0].startswith("#"):
        comments.append(lines.pop(0))
    reader = csv.reader(lines[:-1] if lines and lines[-1] == "" else lines)
    header = next(reader)
    return comments, header, [dict(zip(header, r, strict=True)) for r in reader]


def codes(key):
    return read(CODES / f"{key}.csv")


def single_astral(ch):
    return len(ch) == 1 and ord(ch) > 0xFFFF


# ---- every file -------------------------------------------------------------------


def test_all_expected_code_tables_exist():
    present = {p.stem for p in CODES.glob("*.csv")}
    assert set(CODE_TABLES) <= present, sorted(set(CODE_TABLES) - present)


@pytest.mark.parametrize("path", ALL_CSV, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_is_utf8_lf_with_comment_header(path):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "BOM"
    assert b"\r" not in raw, "CRLF line endings"
    assert raw.endswith(b"\n"), "no final newline"
    comments, _header, rows = read(path)
    assert comments, "no leading # comment"
    assert rows, "no data rows"
    assert all(v.strip() == v for r in rows for v in r.values()), "stray whitespace"


# ---- code tables --------------------------------------------------------------------


@pytest.mark.parametrize("key", CODE_TABLES)
def test_code_table_shape(key):
    comments, header, rows = codes(key)
    assert re.match(r"^# \S.* — \S", comments[0]), comments[0]
    assert header == ["code", "name", "aliases", *EXTRA_COLUMNS.get(key, [])]
    assert all(r["code"] and r["name"] for r in rows)
    found = [r["code"] for r in rows]
    assert len(found) == len(set(found)), "duplicate code"


@pytest.mark.parametrize("key", CODE_TABLES)
def test_names_and_aliases_unique_across_table(key):
    _, _, rows = codes(key)
    words = []
    for r in rows:
        aliases = r["aliases"].split("|") if r["aliases"] else []
        assert all(a for a in aliases), f"empty alias in {r}"
        words += [r["name"], *aliases]
    dupes = sorted({w for w in words if words.count(w) > 1})
    assert not dupes, dupes


def test_cnsmis_ids_in_comments():
    expect = {
        "xb": "ZD_GB_XBM",
        "mz": "ZD_GB_MZM",
        "gjdq": "ZD_GB_GJDQM",
        "sfzjlx": "ZD_BB_SFZJLXM",
        "gatqw": "ZD_BB_GATQWM",
        "hkxz": "ZD_BB_HKXZ",
        "sf": "ZD_BB_YESORNO",
        "sflset": "ZD_BB_SFLSETM",
        "zzmm": "ZD_BB_ZZMMM",
        "jkzk": "ZD_XJ_ZXSKJ",
    }
    for key, ident in expect.items():
        comments, _, _ = codes(key)
        assert any(c.startswith("# CNSMIS 字典: " + ident) for c in comments), key


def test_mz():
    _, _, rows = codes("mz")
    found = [r["code"] for r in rows]
    assert all(re.fullmatch(r"\d\d", c) for c in found)
    assert found == [f"{i:02d}" for i in range(1, 57)] + ["97", "98"]
    by = {r["code"]: r for r in rows}
    assert by["01"]["name"] == "汉族" and "汉" in by["01"]["aliases"].split("|")
    assert "崩龙族" in by["46"]["aliases"].split("|")
    assert "毛难族" in by["36"]["aliases"].split("|")
    assert {"未识别民族", "其他民族"} <= set(by["97"]["aliases"].split("|"))
    assert all(r["name"].endswith("族") for r in rows if r["code"] <= "56")


def test_sfzjlx_for_student():
    comments, _, rows = codes("sfzjlx")
    flags = {r["code"]: r["for_student"] for r in rows}
    assert list(flags) == list("123456789ABZ")
    assert set(flags.values()) <= {"0", "1"}
    assert [c for c, f in flags.items() if f == "0"] == ["2", "3", "4", "5"]
    assert any("户口簿" in c for c in comments)


def test_rxfs_stage():
    _, _, rows = codes("rxfs")
    stage = {r["code"]: r["stage"] for r in rows}
    assert stage == {
        "11": "义务教育",
        "12": "义务教育",
        "21": "高中",
        "22": "高中",
        "23": "高中",
        "99": "高中",
    }


def test_small_tables_exact_codes():
    expect = {
        "xb": ["1", "2"],
        "sf": ["1", "0"],
        "hkxz": ["1", "2"],
        "jdfs": ["1", "2"],
        "xsly": ["1", "2", "9"],
        "sflset": ["0", "1", "2"],
        "zzmm": ["01", "02", "03", "13"],
        "jkzk": ["10", "20", "30", "40", "50"],
        "sbjd": ["0", "1", "2", "3", "4"],
        "cjlx": [str(i) for i in range(9)],
        "sxxfs": ["1", "2", "3", "4", "5", "9"],
        "xx": ["0", "1", "2", "3", "4", "5", "9"],
        "jtgx": ["1", "2", "3", "4", "9"],
        "xslb": ["00", "10", "11", "12", "13", "19"],
        "gatqw": [
            "00",
            "01",
            "02",
            "03",
            "04",
            "05",
            "06",
            "11",
            "12",
            "13",
            "14",
            "21",
            "31",
            "41",
            "51",
            "99",
        ],
        "bjlx": [str(i) for i in range(10, 18)]
        + [str(i) for i in range(20, 28)]
        + ["40", "41", "42"],
    }
    for key, found in expect.items():
        assert [r["code"] for r in codes(key)[2]] == found, key


def test_selected_aliases():
    def aliases(key, code):
        return next(r["aliases"].split("|") for r in codes(key)[2] if r["code"] == code)

    assert "团员" in aliases("zzmm", "03")
    assert "少先队员" in aliases("zzmm", "13")
    assert {"爷爷", "外婆"} <= set(aliases("jtgx", "3"))
    assert {"哥哥", "妹妹"} <= set(aliases("jtgx", "4"))
    assert "身份证" in aliases("sfzjlx", "1")
    assert {"Y", "TRUE"} <= set(aliases("sf", "1")) and {"N", "FALSE"} <= set(aliases("sf", "0"))
    assert "A血型" in aliases("xx", "1")


def test_jtgx_gbt4761_has_spec_codes():
    found = {r["code"]: r["name"] for r in codes("jtgx_gbt4761")[2]}
    assert all(re.fullmatch(r"\d\d", c) for c in found)
    for code, name in {
        "01": "本人",
        "51": "父亲",
        "52": "母亲",
        "61": "祖父",
        "64": "外祖母",
        "80": "其他",
        "99": "非亲属",
    }.items():
        assert found[code] == name


def test_gjdq():
    _, _, rows = codes("gjdq")
    by = {r["code"]: r for r in rows}
    assert len(rows) >= 240
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in by)
    assert all(not r["name"].isascii() for r in rows), "untranslated name"
    for code, name, alias in [
        ("CHN", "中国", "中华人民共和国"),
        ("HKG", "中国香港", "香港"),
        ("MAC", "中国澳门", "澳门"),
        ("TWN", "中国台湾", "台湾"),
    ]:
        assert by[code]["name"] == name and alias in by[code]["aliases"].split("|")
    assert by["USA"]["name"] == "美国"


# ---- regions ------------------------------------------------------------------------


def test_gb2260():
    comments, header, rows = read(RES / "regions" / "gb2260.csv")
    assert header == ["code", "name", "province", "prefecture", "valid_from", "valid_to"]
    assert any("loc.dat" in c for c in comments)
    assert all(re.fullmatch(r"\d{6}", r["code"]) for r in rows)
    assert all(r["name"] and r["province"] for r in rows)
    for r in rows:
        for year in (r["valid_from"], r["valid_to"]):
            assert year == "" or re.fullmatch(r"(19|20)\d\d", year), r
    keys = [(r["code"], r["name"], r["valid_from"], r["valid_to"]) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate row"
    found = {r["code"] for r in rows}
    assert {"110105", "440604", "810000", "820000", "830000"} <= found
    assert len(found) > 3000
    by = {(r["code"], r["name"]): r for r in rows}
    assert by[("110103", "崇文区")]["valid_to"] == "2010"  # abolished, kept
    assert by[("440604", "禅城区")]["prefecture"] == "佛山市"
    assert by[("810000", "香港特别行政区")]["province"] == "香港特别行政区"
    assert by[("820000", "澳门特别行政区")]["province"] == "澳门特别行政区"
    assert all(r["prefecture"] == "" for r in rows if r["code"].endswith("0000"))


# ---- names --------------------------------------------------------------------------


def test_surname_readings():
    _, header, rows = read(RES / "names" / "surname_readings.csv")
    assert header == ["surname", "pinyin"]
    names = [r["surname"] for r in rows]
    assert len(names) == len(set(names))
    assert all(
        len(r["pinyin"].split()) == len(r["surname"])
        and all(PINYIN.match(p) for p in r["pinyin"].split())
        for r in rows
    )
    readings = dict((r["surname"], r["pinyin"]) for r in rows)
    assert readings["单"] == "shan" and readings["曾"] == "zeng" and readings["区"] == "ou"
    assert readings["尉迟"] == "yu chi" and readings["万俟"] == "mo qi"
    assert {"欧阳", "司马", "上官", "诸葛", "长孙", "澹台"} <= set(readings)
    assert all(1 <= len(n) <= 2 for n in names)


def test_surname_readings_differ_from_pypinyin_default():
    import pypinyin

    for r in read(RES / "names" / "surname_readings.csv")[2]:
        if len(r["surname"]) == 1:
            assert pypinyin.lazy_pinyin(r["surname"]) != [r["pinyin"]], r


@pytest.mark.parametrize(
    "path",
    [RES / "names" / "char_readings.csv", RES / "demo" / "rare_chars.csv"],
    ids=lambda p: p.name,
)
def test_astral_char_readings(path):
    _, header, rows = read(path)
    assert header == ["char", "pinyin"]
    chars = [r["char"] for r in rows]
    assert len(chars) == len(set(chars))
    assert all(single_astral(c) for c in chars), [c for c in chars if not single_astral(c)]
    assert all(PINYIN.match(r["pinyin"]) for r in rows)


def test_char_readings_content():
    rows = read(RES / "names" / "char_readings.csv")[2]
    readings = {r["char"]: r["pinyin"] for r in rows}
    assert readings.get("\U00020bb7") == "ji"
    assert len(readings) >= 16
    rare = {r["char"]: r["pinyin"] for r in read(RES / "demo" / "rare_chars.csv")[2]}
    assert rare and all(readings.get(c) == p for c, p in rare.items())


def test_char_readings_unknown_to_pypinyin():
    import pypinyin

    for r in read(RES / "names" / "char_readings.csv")[2]:
        assert pypinyin.lazy_pinyin(r["char"]) == [r["char"]], r


# ---- demo ---------------------------------------------------------------------------


def test_demo_surnames():
    _, header, rows = read(RES / "demo" / "surnames.csv")
    assert header == ["surname", "weight"]
    names = [r["surname"] for r in rows]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[1-9]\d*", r["weight"]) for r in rows)
    single = [r for r in rows if len(r["surname"]) == 1]
    compound = [r["surname"] for r in rows if len(r["surname"]) == 2]
    assert len(single) == 100 and len(single) + len(compound) == len(rows)
    assert compound
    known = {r["surname"] for r in read(RES / "names" / "surname_readings.csv")[2]}
    assert set(compound) <= known, set(compound) - known
    top = max(single, key=lambda r: int(r["weight"]))
    assert top["surname"] in {"王", "李"}
    assert max(int(r["weight"]) for r in rows if len(r["surname"]) == 2) < min(
        int(r["weight"]) for r in single
    )


def test_demo_given_chars():
    _, header, rows = read(RES / "demo" / "given_chars.csv")
    assert header == ["char", "sex"]
    chars = [r["char"] for r in rows]
    assert len(chars) == len(set(chars))
    assert 200 <= len(chars) <= 300
    assert all(len(c) == 1 and ord(c) <= 0xFFFF for c in chars)
    assert {r["sex"] for r in rows} == {"m", "f", "u"}


def test_codes_follow_the_school_s_stages() -> None:
    from desktop.domain.codes import codes_for_stages

    assert codes_for_stages("rxfs", ("小学",)) == ["11", "12"]
    assert codes_for_stages("rxfs", ("小学", "初中")) == ["11", "12"]
    assert codes_for_stages("rxfs", ("高中",)) == ["21", "22", "23", "99"]
    assert codes_for_stages("rxfs", ("初中", "高中")) == ["11", "12", "21", "22", "23", "99"]
    assert codes_for_stages("jdfs", ("小学",)) == ["1", "2"]  # no stages: every code
    assert codes_for_stages("xsly", ("小学", "初中")) == ["1", "9"]
    assert codes_for_stages("xsly", ("高中",)) == ["1", "2", "9"]
    assert codes_for_stages("bjlx", ("小学",)) == [str(c) for c in range(10, 18)]
    assert codes_for_stages("bjlx", ("初中", "高中")) == [*map(str, range(20, 28)), "40", "41", "42"]
