#!/usr/bin/env python3
"""Consistency checks for the congthuong reference data (Python 3 stdlib only).

Checks vsic/vsic2018.csv and products/basket.csv (see SOURCES.md):
  * exact header columns, UTF-8 without BOM, LF line ends, no blank or ragged rows;
  * sections B, C, D, E present with parent TOTAL;
  * every VSIC 2018 division 05-39 present, except the codes that do not exist
    in VSIC 2018 (NONEXISTENT_DIVISIONS), each under the right section;
  * class rows: 4 digits, parent = the 2-digit division, every class used by the basket;
  * codes unique; all text NFC, no stray whitespace, no control characters;
  * every product's class exists and its division prefix matches the class parent;
  * >= 45 products; the basket covers sections B, C, D and E;
  * a unit code always carries the same Vietnamese and English labels.

Usage:  python3 check.py                       (prints "N passed, 0 failed", exit 0)
        python3 check.py --emit-products FILE   (also writes the interchange
                                                 products.csv view: product,industry,unit,name_vi,name_en)
"""
import csv
import io
import os
import re
import sys
import unicodedata

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
VSIC_PATH = os.path.join(HERE, "vsic", "vsic2018.csv")
BASKET_PATH = os.path.join(HERE, "products", "basket.csv")

VSIC_HEADER = ["level", "code", "parent", "name_vi", "name_en"]
BASKET_HEADER = ["product", "industry", "unit", "unit_vi", "unit_en", "name_vi", "name_en"]
PRODUCTS_CONTRACT_HEADER = ["product", "industry", "unit", "name_vi", "name_en"]

# Sections of the IIP scope and the divisions (2-digit codes) they hold in VSIC 2018.
SECTION_OF_DIVISION = {}
for _d in range(5, 10):
    SECTION_OF_DIVISION["%02d" % _d] = "B"
for _d in range(10, 34):
    SECTION_OF_DIVISION["%02d" % _d] = "C"
SECTION_OF_DIVISION["35"] = "D"
for _d in range(36, 40):
    SECTION_OF_DIVISION["%02d" % _d] = "E"

# Codes in the range 05-39 that are NOT divisions of VSIC 2018 (nor of ISIC Rev.4).
NONEXISTENT_DIVISIONS = {"34"}

SECTIONS = ["B", "C", "D", "E"]
MIN_PRODUCTS = 45

PRODUCT_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
UNIT_CODE_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
CLASS_RE = re.compile(r"^[0-9]{4}$")
DIVISION_RE = re.compile(r"^[0-9]{2}$")


class Checker:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failures.append("%s%s" % (name, (": " + detail) if detail else ""))
        return ok


def read_csv(path, c, expected_header):
    """Read a CSV file strictly; returns list of dict rows (empty on fatal error)."""
    label = os.path.relpath(path, HERE)
    if not c.check(os.path.isfile(path), "%s exists" % label):
        return []
    raw = open(path, "rb").read()
    c.check(not raw.startswith(b"\xef\xbb\xbf"), "%s has no UTF-8 BOM" % label)
    c.check(b"\r" not in raw, "%s uses LF line ends" % label)
    c.check(raw.endswith(b"\n"), "%s ends with a newline" % label)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        c.check(False, "%s is valid UTF-8" % label, str(e))
        return []
    c.check(True, "%s is valid UTF-8" % label)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    if not c.check(len(rows) > 1, "%s has data rows" % label):
        return []
    header = rows[0]
    if not c.check(header == expected_header, "%s header" % label,
                   "got %r, want %r" % (header, expected_header)):
        return []
    out = []
    ragged = []
    for lineno, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            ragged.append("line %d has %d fields" % (lineno, len(row)))
            continue
        d = dict(zip(header, row))
        d["_line"] = lineno
        out.append(d)
    c.check(not ragged, "%s rows have %d fields" % (label, len(header)), "; ".join(ragged))
    return out


def check_text_fields(rows, fields, label, c):
    bad_nfc, bad_ws, bad_ctl, empty = [], [], [], []
    for r in rows:
        for f in fields:
            s = r[f]
            where = "line %d %s=%r" % (r["_line"], f, s)
            if s == "":
                empty.append(where)
            if not unicodedata.is_normalized("NFC", s):
                bad_nfc.append(where)
            if s != s.strip() or "  " in s:
                bad_ws.append(where)
            if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in s):
                bad_ctl.append(where)
    c.check(not empty, "%s: no empty fields" % label, "; ".join(empty[:5]))
    c.check(not bad_nfc, "%s: all text NFC-normalised" % label, "; ".join(bad_nfc[:5]))
    c.check(not bad_ws, "%s: no leading/trailing/double spaces" % label, "; ".join(bad_ws[:5]))
    c.check(not bad_ctl, "%s: no control/format characters" % label, "; ".join(bad_ctl[:5]))


def check_vsic(rows, c):
    label = "vsic2018.csv"
    check_text_fields(rows, VSIC_HEADER, label, c)

    levels = {r["level"] for r in rows}
    c.check(levels <= {"section", "division", "class"}, "%s: levels are section/division/class" % label,
            "unexpected %r" % sorted(levels - {"section", "division", "class"}))

    codes = [r["code"] for r in rows]
    dups = sorted({x for x in codes if codes.count(x) > 1})
    c.check(not dups, "%s: codes unique" % label, "duplicates %r" % dups)

    sections = {r["code"]: r for r in rows if r["level"] == "section"}
    divisions = {r["code"]: r for r in rows if r["level"] == "division"}
    classes = {r["code"]: r for r in rows if r["level"] == "class"}

    # Sections
    c.check(sorted(sections) == SECTIONS, "%s: sections are exactly B, C, D, E" % label,
            "got %r" % sorted(sections))
    bad = [s for s, r in sections.items() if r["parent"] != "TOTAL"]
    c.check(not bad, "%s: section parent is TOTAL" % label, "bad %r" % bad)

    # Divisions
    bad_fmt = [d for d in divisions if not DIVISION_RE.match(d)]
    c.check(not bad_fmt, "%s: division codes are 2 digits" % label, "bad %r" % bad_fmt)
    expected = sorted(d for d in SECTION_OF_DIVISION if d not in NONEXISTENT_DIVISIONS)
    missing = sorted(set(expected) - set(divisions))
    c.check(not missing, "%s: every VSIC 2018 division 05-39 present (34 does not exist)" % label,
            "missing %r" % missing)
    extra = sorted(set(divisions) - set(expected))
    c.check(not extra, "%s: no non-existent or out-of-scope divisions" % label,
            "unexpected %r (non-existent: %r)" % (extra, sorted(NONEXISTENT_DIVISIONS)))
    wrong_parent = ["%s->%s" % (d, r["parent"]) for d, r in divisions.items()
                    if SECTION_OF_DIVISION.get(d) != r["parent"]]
    c.check(not wrong_parent, "%s: division parent is its section" % label, "bad %r" % wrong_parent)

    # Classes
    bad_fmt = [k for k in classes if not CLASS_RE.match(k)]
    c.check(not bad_fmt, "%s: class codes are 4 digits" % label, "bad %r" % bad_fmt)
    bad_parent = ["%s->%s" % (k, r["parent"]) for k, r in classes.items()
                  if r["parent"] != k[:2] or r["parent"] not in divisions]
    c.check(not bad_parent, "%s: class parent is its 2-digit division" % label, "bad %r" % bad_parent)
    return sections, divisions, classes


def check_basket(rows, classes, c):
    label = "basket.csv"
    check_text_fields(rows, BASKET_HEADER, label, c)

    codes = [r["product"] for r in rows]
    dups = sorted({x for x in codes if codes.count(x) > 1})
    c.check(not dups, "%s: product codes unique" % label, "duplicates %r" % dups)
    bad = [x for x in codes if not PRODUCT_CODE_RE.match(x) or len(x) > 20]
    c.check(not bad, "%s: product codes are ASCII UPPER_SNAKE, <= 20 chars" % label, "bad %r" % bad)

    vi_names = [r["name_vi"].casefold() for r in rows]
    dups = sorted({x for x in vi_names if vi_names.count(x) > 1})
    c.check(not dups, "%s: Vietnamese product names unique" % label, "duplicates %r" % dups)

    bad = ["%s:%s" % (r["product"], r["industry"]) for r in rows if not CLASS_RE.match(r["industry"])]
    c.check(not bad, "%s: industry is a 4-digit VSIC class" % label, "bad %r" % bad)
    missing = ["%s:%s" % (r["product"], r["industry"]) for r in rows if r["industry"] not in classes]
    c.check(not missing, "%s: every product's class exists in vsic2018.csv" % label, "missing %r" % missing)
    mismatch = ["%s:%s" % (r["product"], r["industry"]) for r in rows
                if r["industry"] in classes and classes[r["industry"]]["parent"] != r["industry"][:2]]
    c.check(not mismatch, "%s: product division prefix matches class parent" % label, "bad %r" % mismatch)

    bad = [r["unit"] for r in rows if not UNIT_CODE_RE.match(r["unit"])]
    c.check(not bad, "%s: unit codes are ASCII lower_snake" % label, "bad %r" % sorted(set(bad)))
    labels = {}
    for r in rows:
        labels.setdefault(r["unit"], set()).add((r["unit_vi"], r["unit_en"]))
    incons = {u: sorted(v) for u, v in labels.items() if len(v) > 1}
    c.check(not incons, "%s: each unit code has one pair of labels" % label, "inconsistent %r" % incons)
    ascii_fields = [r["product"] for r in rows
                    if not (r["product"] + r["industry"] + r["unit"]).isascii()]
    c.check(not ascii_fields, "%s: code columns are ASCII" % label, "bad %r" % ascii_fields)

    c.check(len(rows) >= MIN_PRODUCTS, "%s: at least %d products" % (label, MIN_PRODUCTS),
            "only %d" % len(rows))
    covered = {SECTION_OF_DIVISION.get(r["industry"][:2]) for r in rows}
    missing_sec = [s for s in SECTIONS if s not in covered]
    c.check(not missing_sec, "%s: basket covers sections B, C, D, E" % label, "missing %r" % missing_sec)
    outside = sorted({r["industry"] for r in rows if r["industry"][:2] not in SECTION_OF_DIVISION})
    c.check(not outside, "%s: every class lies in sections B-E" % label, "outside %r" % outside)
    return {r["industry"] for r in rows}


def emit_products(rows, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(PRODUCTS_CONTRACT_HEADER)
        for r in rows:
            w.writerow([r[k] for k in PRODUCTS_CONTRACT_HEADER])
    os.replace(tmp, path)


def main(argv):
    emit = None
    if len(argv) == 3 and argv[1] == "--emit-products":
        emit = argv[2]
    elif len(argv) != 1:
        print(__doc__)
        return 2
    c = Checker()
    vsic_rows = read_csv(VSIC_PATH, c, VSIC_HEADER)
    basket_rows = read_csv(BASKET_PATH, c, BASKET_HEADER)
    classes = {}
    if vsic_rows:
        _, _, classes = check_vsic(vsic_rows, c)
    if basket_rows:
        used = check_basket(basket_rows, classes, c)
        unused = sorted(set(classes) - used)
        c.check(not unused, "vsic2018.csv: every class row is used by the basket", "unused %r" % unused)
    for f in c.failures:
        print("FAIL " + f)
    print("%d passed, %d failed" % (c.passed, len(c.failures)))
    if c.failures:
        return 1
    if emit:
        emit_products(basket_rows, emit)
        print("wrote %s (%d products)" % (emit, len(basket_rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
