"""What the three peers share: the command line and the reference geography.

The peers (iip_polars.py, iip_duckdb.py, iip_pandas.py) each compute the IIP
of an interchange folder exactly as docs/INTERCHANGE.md and
docs/METHODOLOGY.md say, with their own library doing every step. This
module only parses the options, reads the reference geography that
congthuong embeds (data/geo: the 63 pre-2025 units, the 34 units of the 2025
map and the merger table), which the contract takes as given, and puts the
finished outputs in place the way the contract asks (temporary folder,
flushed to disk, renamed).

The peers trust their input (it is what `congthuong iip compile` accepts):
they do not validate it, report input errors, or handle quoting oddities,
byte-order marks or spaces around codes.
"""

import argparse
import csv
import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
MERGER_MONTH = "2025-07"  # first month on the 2025 map


def options():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--base-year", required=True, type=int)
    ap.add_argument("--boundaries", choices=["pre2025", "2025"], default="2025")
    a = ap.parse_args()
    a.input = Path(a.input)
    a.out = Path(a.out)
    # As the contract says: the outputs are written into a temporary folder
    # beside --out and moved into place when complete (see publish).
    a.tmp = a.out.parent / f".{a.out.name}.tmp-{os.getpid()}"
    a.tmp.mkdir(parents=True)
    # Weights and groups are on the map in force in December of the base year.
    a.weights_version = "pre2025" if a.base_year <= 2024 else "2025"
    if a.weights_version == "2025" and a.boundaries == "pre2025":
        raise SystemExit("weights of a base year after 2024 cannot be stated on pre2025")
    return a


def _codes(name):
    with open(REPO / "data/geo" / name, newline="", encoding="utf-8") as f:
        return [r["code"] for r in csv.DictReader(f)]


def geography():
    """(pre-2025 codes, 2025 codes, {old code: new code})."""
    with open(REPO / "data/geo/merger_2025.csv", newline="", encoding="utf-8") as f:
        successor = {r["old_code"]: r["new_code"] for r in csv.DictReader(f)}
    return _codes("provinces_pre2025.csv"), _codes("provinces_2025.csv"), successor


def restate_map(opts):
    """Rows (version, code, output code): how a code on a version reads on
    the output boundaries (identity, or the merger table for pre-2025 → 2025)."""
    pre, new, successor = geography()
    rows = []
    for c in pre:
        rows.append(("pre2025", c, successor[c] if opts.boundaries == "2025" else c))
    if opts.boundaries == "2025":
        rows += [("2025", c, c) for c in new]
    return rows


def output_units(opts):
    pre, new, _ = geography()
    return new if opts.boundaries == "2025" else pre


OUTPUTS = ["index.csv", "contributions.csv", "warnings.csv"]


def publish(opts):
    """Flushes the outputs to disk and moves the folder into place, as
    `congthuong iip compile` does: --out is never half written."""
    for name in OUTPUTS:
        fd = os.open(opts.tmp / name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    if opts.out.exists():
        if any(p.name not in OUTPUTS for p in opts.out.iterdir()):
            shutil.rmtree(opts.tmp)
            raise SystemExit(f"{opts.out} holds other files than earlier outputs")
        old = opts.out.parent / f".{opts.out.name}.old-{os.getpid()}"
        os.rename(opts.out, old)
        os.rename(opts.tmp, opts.out)
        shutil.rmtree(old)
    else:
        os.rename(opts.tmp, opts.out)
