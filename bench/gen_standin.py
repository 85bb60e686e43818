#!/usr/bin/env python3
"""Stand-in generator of a synthetic interchange folder for the benchmark.

SYNTHETIC DATA, not real statistics. Used by bench/run.sh only until
`congthuong demo generate` exists. Writes, into --out:

  products.csv          the 54-product basket (data/products/basket.csv)
  industry_weights.csv  value_added per pre-2025 province at class, division
                        or section level (mixed, so every resolution rule is
                        exercised), plus a class row with no basket product
  product_weights.csv   output_value per province and product (a few missing,
                        one for a product the province never reports)
  microdata.csv         period,area,unit_id,product,quantity for 2015-01 to
                        2025-12: the 63 pre-2025 codes until 2025-06, the 34
                        codes of the 2025 map from 2025-07 (units of merged
                        provinces report under the code of their successor)
  groups.csv            the reference groups (data/geo/groups.csv)

Usage: gen_standin.py --out DIR --rows N [--seed S]
"""

import argparse
import csv
import os
import sys
from pathlib import Path

import numpy as np
import polars as pl

REPO = Path(__file__).resolve().parent.parent
FIRST_YEAR, LAST_YEAR = 2015, 2025
MONTHS = [(y, m) for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
REPORT_RATE = 0.97


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--rows", required=True, type=float)
    ap.add_argument("--seed", type=int, default=20250701)
    args = ap.parse_args()
    target = int(args.rows)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(args.seed)

    basket = read_csv(REPO / "data/products/basket.csv")
    old = [r["code"] for r in read_csv(REPO / "data/geo/provinces_pre2025.csv")]
    successor = {r["old_code"]: r["new_code"] for r in read_csv(REPO / "data/geo/merger_2025.csv")}
    products = [r["product"] for r in basket]
    classes = [r["industry"] for r in basket]
    n_a, n_p = len(old), len(products)

    # products.csv
    with open(out / "products.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["product", "industry", "unit", "name_vi", "name_en"])
        for r in basket:
            w.writerow([r["product"], r["industry"], r["unit"], r["name_vi"], r["name_en"]])

    # Which province makes which product, and how big it is.
    makes = rng.random((n_a, n_p)) < 0.6
    makes[:, :8] |= rng.random((n_a, 8)) < 0.5  # common products
    for a in range(n_a):
        if makes[a].sum() < 8:
            makes[a, rng.choice(n_p, 8, replace=False)] = True
    size = rng.lognormal(0.0, 1.0, (n_a, n_p)) * makes
    # Some pairs start after the base year (no base-year production).
    late = makes & (rng.random((n_a, n_p)) < 0.04)
    # Some pairs have no output_value row.
    no_ov = makes & (rng.random((n_a, n_p)) < 0.03)

    # product_weights.csv: output value ~ size, in billion VND.
    with open(out / "product_weights.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "product", "output_value"])
        for a in range(n_a):
            for p in range(n_p):
                if makes[a, p] and not no_ov[a, p]:
                    w.writerow([old[a], products[p], f"{size[a, p] * 1000:.3f}"])
            # A weight row for a product the province never reports.
            spare = np.flatnonzero(~makes[a])
            if a % 7 == 0 and len(spare):
                w.writerow([old[a], products[spare[0]], "12.5"])

    # industry_weights.csv: value added at class level (one class without a
    # row in every third province), with division rows as well in every
    # fifth province and a section row in every eleventh (own rows win over
    # the sums of children), and a class with no basket product (1061).
    with open(out / "industry_weights.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "industry", "value_added"])
        for a in range(n_a):
            va = {}
            for p in range(n_p):
                if makes[a, p]:
                    va[classes[p]] = va.get(classes[p], 0.0) + size[a, p] * 300
            # One class left without a row in every third province.
            skip = sorted(va)[0] if a % 3 == 0 and len(va) > 3 else None
            rows = [(c, v) for c, v in sorted(va.items()) if c != skip]
            if a % 5 == 0:
                by_div = {}
                for c, v in va.items():
                    by_div[c[:2]] = by_div.get(c[:2], 0.0) + v * 1.05
                rows += sorted(by_div.items())
            if a % 11 == 0:
                rows.append(("C", sum(v for c, v in va.items() if "10" <= c[:2] <= "33") * 1.1))
            if a % 4 == 0:
                rows.append(("1061", 42.0))
            for code, v in rows:
                w.writerow([old[a], code, f"{v:.3f}"])

    # groups.csv: the reference groups.
    with open(out / "groups.csv", "w", newline="", encoding="utf-8") as f:
        f.write((REPO / "data/geo/groups.csv").read_text(encoding="utf-8"))

    # Units: each (province, product) pair has units in proportion to its size.
    pairs = np.argwhere(makes)
    weight = size[makes]
    months_active = np.where(late[makes], len(MONTHS) - 24, len(MONTHS))
    per_unit = months_active * REPORT_RATE
    units = np.maximum(1, np.round(weight / (weight * per_unit).sum() * target)).astype(np.int64)
    unit_pair = np.repeat(np.arange(len(pairs)), units)
    n_units = len(unit_pair)
    unit_area = pairs[unit_pair, 0]
    unit_prod = pairs[unit_pair, 1]
    unit_late = late[unit_area, unit_prod]
    unit_base = rng.lognormal(3.0, 0.8, n_units)
    unit_trend = rng.normal(0.05, 0.03, n_units)
    season = 1.0 + 0.15 * np.sin(np.arange(12) * np.pi / 6.0 + rng.random(n_p)[:, None] * 6.0)
    ids = pl.Series("unit_id", [f"U{u:07d}" for u in range(n_units)])
    old_s = pl.Series("area", old)
    new_s = pl.Series("area", [successor[c] for c in old])
    prod_s = pl.Series("product", products)
    unit_area_idx = pl.Series(unit_area.astype(np.uint32))
    unit_prod_idx = pl.Series(unit_prod.astype(np.uint32))

    tmp = out / "microdata.csv.part"
    written = 0
    with open(tmp, "wb") as f:
        f.write(b"period,area,unit_id,product,quantity\n")
        for i, (y, m) in enumerate(MONTHS):
            active = rng.random(n_units) < REPORT_RATE
            if y < FIRST_YEAR + 2:
                active &= ~unit_late
            idx = np.flatnonzero(active)
            q = (
                unit_base[idx]
                * season[unit_prod[idx], m - 1]
                * (1.0 + unit_trend[idx]) ** (y - FIRST_YEAR + m / 12.0)
                * rng.lognormal(0.0, 0.1, len(idx))
            )
            q[rng.random(len(idx)) < 0.005] = 0.0
            sel = pl.Series(idx.astype(np.uint32))
            areas = (old_s if (y, m) < (2025, 7) else new_s).gather(unit_area_idx.gather(sel))
            df = pl.DataFrame(
                {
                    "period": pl.repeat(f"{y:04d}-{m:02d}", len(idx), eager=True),
                    "area": areas,
                    "unit_id": ids.gather(sel),
                    "product": prod_s.gather(unit_prod_idx.gather(sel)),
                    "quantity": np.round(q, 2),
                }
            )
            df.write_csv(f, include_header=False, float_precision=2)
            written += len(idx)
    os.replace(tmp, out / "microdata.csv")
    print(f"wrote {out} ({written} microdata rows, {n_units} units; synthetic)", file=sys.stderr)


if __name__ == "__main__":
    main()
