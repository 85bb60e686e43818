#!/usr/bin/env python3
"""Checks that output folders agree row for row with a reference folder.

Usage: compare.py REF_DIR DIR [DIR ...]

For index.csv, contributions.csv and warnings.csv: the same set of rows
(keyed by every non-numeric column; no key twice) and every number equal
within a relative 1e-9, or an absolute 1e-9 near zero; empty only where the
other is empty. Prints a summary per folder and file; exits 1 on any
disagreement.
"""

import sys
from pathlib import Path

import polars as pl

FILES = {
    "index.csv": (["area", "level", "code", "period"], ["index", "mom_pct", "yoy_pct", "ytd_yoy_pct"]),
    "contributions.csv": (
        ["area", "period", "comparison", "parent", "child_level", "child"],
        ["contribution_pp"],
    ),
    "warnings.csv": (["area", "code", "period", "message"], []),
}
REL = ABS = 1e-9


def read(path, keys, values):
    df = pl.read_csv(path, infer_schema=False)
    expected = keys + values
    if df.columns != expected:
        raise SystemExit(f"{path}: columns {df.columns}, expected {expected}")
    return df.with_columns(
        [pl.when(pl.col(v) == "").then(None).otherwise(pl.col(v)).cast(pl.Float64).alias(v) for v in values]
    )


def compare(ref_dir, dir_):
    ok = True
    for name, (keys, values) in FILES.items():
        a = read(ref_dir / name, keys, values)
        b = read(dir_ / name, keys, values)
        problems = []
        for label, df in (("reference", a), ("candidate", b)):
            dup = df.height - df.select(keys).unique().height
            if dup:
                problems.append(f"{dup} repeated keys in the {label}")
        marker_a = a.with_columns(pl.lit(True).alias("__a")).select(keys + ["__a"])
        marker_b = b.with_columns(pl.lit(True).alias("__b")).select(keys + ["__b"])
        presence = marker_a.join(marker_b, on=keys, how="full", coalesce=True, nulls_equal=True)
        missing = presence.filter(pl.col("__b").is_null())
        extra = presence.filter(pl.col("__a").is_null())
        if missing.height:
            problems.append(f"{missing.height} rows missing, e.g. {missing.select(keys).row(0)}")
        if extra.height:
            problems.append(f"{extra.height} rows extra, e.g. {extra.select(keys).row(0)}")
        both = a.join(b, on=keys, how="inner", suffix="_b", nulls_equal=True)
        worst = 0.0
        for v in values:
            x, y = pl.col(v), pl.col(f"{v}_b")
            diff = (x - y).abs()
            scale = pl.max_horizontal(x.abs(), y.abs())
            bad = both.filter(
                (x.is_null() != y.is_null())
                | (diff > pl.max_horizontal(scale * REL, pl.lit(ABS)))
            )
            if bad.height:
                problems.append(f"{bad.height} values of {v} differ, e.g. {bad.select(keys + [v, v + '_b']).row(0)}")
            rel = both.select((diff / pl.max_horizontal(scale, pl.lit(1.0))).max()).item()
            if rel is not None:
                worst = max(worst, rel)
        status = "agree" if not problems else "DISAGREE"
        print(f"  {dir_}/{name}: {a.height} vs {b.height} rows, {status}, largest difference (relative above 1, absolute below) {worst:.2e}")
        for p in problems:
            print(f"    {p}")
        ok &= not problems
    return ok


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    ref = Path(sys.argv[1])
    ok = True
    for d in sys.argv[2:]:
        ok &= compare(ref, Path(d))
    print("all agree" if ok else "DISAGREEMENT")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
