#!/usr/bin/env python3
"""The IIP of an interchange folder, computed with pandas.

Same contract as `congthuong iip compile` (docs/INTERCHANGE.md,
docs/METHODOLOGY.md). Usage:
    iip_pandas.py --input DIR --out DIR --base-year YYYY [--boundaries pre2025|2025]
The microdata is read with `read_csv(engine="pyarrow")` (pyarrow's
multi-threaded parser, default thread count) into string columns;
everything else is plain pandas.
"""

import sys

import numpy as np
import pandas as pd

from common import MERGER_MONTH, options, output_units, publish, restate_map

o = options()
B = o.base_year
inp = o.input
SERIES = ["entity", "level", "code"]

restate = pd.DataFrame(restate_map(o), columns=["version", "code", "out"])
units = output_units(o)
warnings = []


def read_small(name):
    return pd.read_csv(inp / name, dtype=str, keep_default_na=False)


def section_of(d):
    d = d.astype(int)
    return np.select([d.between(5, 9), d.between(10, 33), d == 35, d.between(36, 39)], ["B", "C", "D", "E"], None)


def warn(area, code, message):
    warnings.append(pd.DataFrame({"area": area, "code": code, "message": message}))


# 1. Quantities: the plain sum of the lines of each month, area and product,
# with codes read on the map in force that month, restated on the output map.
micro = pd.read_csv(
    inp / "microdata.csv",
    usecols=["period", "area", "product", "quantity"],
    dtype={"period": str, "area": str, "product": str, "quantity": "float64"},
    engine="pyarrow",
)
agg = micro.groupby(["period", "area", "product"], observed=True, sort=False)["quantity"].sum().reset_index(name="q")
del micro
agg = agg.astype({"period": str, "area": str, "product": str})
agg["version"] = np.where(agg["period"] < MERGER_MONTH, "pre2025", "2025")
agg["ord"] = agg["period"].str[:4].astype(int) * 12 + agg["period"].str[5:7].astype(int) - 1
q = (
    agg.merge(restate, left_on=["version", "area"], right_on=["version", "code"])
    .groupby(["out", "product", "ord"], as_index=False)["q"].sum()
    .rename(columns={"out": "area"})
)
first, last = int(q["ord"].min()), int(q["ord"].max())
months = pd.DataFrame({"ord": np.arange(first, last + 1)})
months["t"] = months["ord"] - first
months["year"] = months["ord"] // 12
months["period"] = [f"{x // 12:04d}-{x % 12 + 1:02d}" for x in months["ord"]]
covered = int((months["year"] == B).sum())
if covered == 0:
    sys.exit(f"the microdata has no month of the base year {B}")
if covered < 12:
    warn([""], [""], [f"the microdata covers only {covered} of the 12 months of base year {B}; "
                      "the others count as no production"])

# Weights: each area's rows resolved (own row, else the sum of its children's),
# on the map of the base year's December, then summed on the output map.
iw = read_small("industry_weights.csv")
iw["w"] = iw["value_added"].astype(float)
pw = read_small("product_weights.csv")
pw = pd.DataFrame({"area": pw["area"], "code": pw["product"], "w": pw["output_value"].astype(float)})
own = set(zip(iw["area"], iw["industry"]))
n = iw["industry"].str.len()
cls = iw.loc[n == 4, ["area", "industry", "w"]].rename(columns={"industry": "code"})


def rolled_up(children, parent_code):
    up = children.assign(code=parent_code(children["code"]))
    up = up[[(a, c) not in own for a, c in zip(up["area"], up["code"])]]
    return up.groupby(["area", "code"], as_index=False)["w"].sum()


dvs = pd.concat([iw.loc[n == 2, ["area", "industry", "w"]].rename(columns={"industry": "code"}),
                 rolled_up(cls, lambda c: c.str[:2])])
scs = pd.concat([iw.loc[n == 1, ["area", "industry", "w"]].rename(columns={"industry": "code"}),
                 rolled_up(dvs, section_of)])
rw = (
    pd.concat([cls.assign(level="class"), dvs.assign(level="division"), scs.assign(level="section"),
               pw.assign(level="product")])
    .merge(restate[restate["version"] == o.weights_version], left_on="area", right_on="code", suffixes=("", "_r"))
    .groupby(["out", "level", "code"], as_index=False)["w"].sum()
    .rename(columns={"out": "area"})
)

# 2. Product indices against the base year's monthly mean.
prod = read_small("products.csv")[["product", "industry"]].rename(columns={"industry": "class"})
present = q[["area"]].drop_duplicates()
pw_out = rw.loc[rw["level"] == "product", ["area", "code", "w"]].rename(columns={"code": "product", "w": "ov"})
cand = pd.concat([q[["area", "product"]], pw_out.merge(present, on="area")[["area", "product"]]]).drop_duplicates()
qbar = (q[q["ord"] // 12 == B].groupby(["area", "product"], as_index=False)["q"].sum()
        .assign(qbar=lambda d: d["q"] / 12.0)[["area", "product", "qbar"]])
prods = cand.merge(prod, on="product").merge(qbar, on=["area", "product"], how="left").merge(
    pw_out, on=["area", "product"], how="left").fillna({"qbar": 0.0, "ov": 0.0})
p = prods[prods["qbar"] <= 0]
warn(p["area"], p["product"], f"no production in base year {B}: left out of class " + p["class"])
p = prods[(prods["qbar"] > 0) & (prods["ov"] <= 0)]
warn(p["area"], p["product"], "no positive output_value: left out of class " + p["class"])
indexed = prods[prods["qbar"] > 0]
dense = indexed.merge(months[["t", "ord"]], how="cross").merge(q, on=["area", "product", "ord"], how="left")
idx = [pd.DataFrame({"entity": dense["area"], "level": "product", "code": dense["product"], "t": dense["t"],
                     "v": 100.0 * dense["q"].fillna(0.0) / dense["qbar"]})]
# Each area's own weight of each of its nodes (used by groups).
tw = [pd.DataFrame({"entity": indexed["area"], "level": "product", "code": indexed["product"], "w": indexed["ov"]})]
# The children (and weights) of every mean, and where their series are.
means = []


def level_up(kids, clevel, plevel):
    """Parent index = weighted mean of the children that have an index, where
    their weights do not sum to 0. `kids` has area, parent, child, w."""
    all_idx = pd.concat(idx)
    child_idx = all_idx[all_idx["level"] == clevel]
    has = child_idx[["entity", "code"]].drop_duplicates().rename(columns={"entity": "area", "code": "child"})
    used = kids.merge(has, on=["area", "child"])
    total = used.groupby(["area", "parent"], as_index=False)["w"].sum().rename(columns={"w": "total"})
    used = used.merge(total[total["total"] != 0], on=["area", "parent"])
    j = used.merge(child_idx, left_on=["area", "child"], right_on=["entity", "code"])
    j["wv"] = j["w"] * j["v"]
    g = j.groupby(["area", "parent", "t"], as_index=False).agg(wv=("wv", "sum"), total=("total", "first"))
    idx.append(pd.DataFrame({"entity": g["area"], "level": plevel, "code": g["parent"], "t": g["t"],
                             "v": g["wv"] / g["total"]}))
    means.append(pd.DataFrame({"entity": used["area"], "plevel": plevel, "parent": used["parent"], "clevel": clevel,
                               "child": used["child"], "w": used["w"], "s_entity": used["area"],
                               "s_level": clevel, "s_code": used["child"]}))


def node_weights(nodes, level, why):
    """Weights of the nodes (area, code) of a level: own resolved weight, else 0 with a warning."""
    nw = nodes.drop_duplicates().merge(rw.loc[rw["level"] == level, ["area", "code", "w"]],
                                       on=["area", "code"], how="left")
    missing = nw[nw["w"].isna()]
    warn(missing["area"], missing["code"], why)
    nw["w"] = nw["w"].fillna(0.0)
    tw.append(pd.DataFrame({"entity": nw["area"], "level": level, "code": nw["code"], "w": nw["w"]}))
    return nw


# 3–4. Classes (by output value), divisions, sections, total (by value added).
k = indexed[indexed["ov"] > 0]
level_up(pd.DataFrame({"area": k["area"], "parent": k["class"], "child": k["product"], "w": k["ov"]}),
         "product", "class")
nw_class = node_weights(pd.DataFrame({"area": prods["area"], "code": prods["class"]}), "class",
                        "no value_added row: weighs 0")
level_up(pd.DataFrame({"area": nw_class["area"], "parent": nw_class["code"].str[:2], "child": nw_class["code"],
                       "w": nw_class["w"]}), "class", "division")
nw_div = node_weights(pd.DataFrame({"area": nw_class["area"], "code": nw_class["code"].str[:2]}), "division",
                      "no value_added row at or below: weighs 0")
level_up(pd.DataFrame({"area": nw_div["area"], "parent": section_of(nw_div["code"]), "child": nw_div["code"],
                       "w": nw_div["w"]}), "division", "section")
nw_sec = node_weights(pd.DataFrame({"area": nw_div["area"], "code": section_of(nw_div["code"])}), "section",
                      "no value_added row at or below: weighs 0")
level_up(pd.DataFrame({"area": nw_sec["area"], "parent": "TOTAL", "child": nw_sec["code"], "w": nw_sec["w"]}),
         "section", "total")
sec_w = rw[rw["level"] == "section"].groupby("area")["w"].sum()
tw.append(pd.DataFrame({"entity": present["area"], "level": "total", "code": "TOTAL",
                        "w": present["area"].map(sec_w).fillna(0.0)}))
idx = pd.concat(idx, ignore_index=True)
tw = pd.concat(tw, ignore_index=True)

# 5. Groups (members restated on the output map, listed once) and VN.
if (inp / "groups.csv").exists():
    g = read_small("groups.csv")
    g["rn"] = np.arange(len(g))
    gm = (g.merge(restate[restate["version"] == o.weights_version], on="code")
          .groupby(["group_id", "out"], as_index=False)["rn"].min()
          .rename(columns={"group_id": "grp", "out": "member"}))
else:
    gm = pd.DataFrame({"grp": pd.Series(dtype=str), "member": pd.Series(dtype=str), "rn": pd.Series(dtype=int)})
if len(present) == len(units):
    gm = pd.concat([gm, pd.DataFrame({"grp": "VN", "member": units, "rn": 10**9})], ignore_index=True)
absent = gm[~gm["member"].isin(present["area"])]
warn(absent["grp"], absent["member"], "member has no microdata: left out")
member_idx = gm.merge(idx, left_on="member", right_on="entity").merge(
    tw, on=["entity", "level", "code"])
gsum = (member_idx[["grp", "member", "level", "code", "w"]].drop_duplicates()
        .groupby(["grp", "level", "code"], as_index=False)["w"].sum())
gsum = gsum[gsum["w"] != 0]
mj = member_idx.merge(gsum.rename(columns={"w": "total"}), on=["grp", "level", "code"])
mj["wv"] = mj["w"] * mj["v"]
gidx = mj.groupby(["grp", "level", "code", "t"], as_index=False).agg(wv=("wv", "sum"), total=("total", "first"))
gidx = pd.DataFrame({"entity": gidx["grp"], "level": gidx["level"], "code": gidx["code"], "t": gidx["t"],
                     "v": gidx["wv"] / gidx["total"]})
with_total = gsum.loc[gsum["level"] == "total", "grp"]
s = gsum[(gsum["level"] == "section") & gsum["grp"].isin(with_total)]
means.append(pd.DataFrame({"entity": s["grp"], "plevel": "total", "parent": "TOTAL", "clevel": "section",
                           "child": s["code"], "w": s["w"], "s_entity": s["grp"], "s_level": "section",
                           "s_code": s["code"]}))
has_total = idx.loc[idx["level"] == "total", "entity"].unique()
m = gm[gm["member"].isin(has_total)].merge(
    tw.loc[tw["level"] == "total", ["entity", "w"]], left_on="member", right_on="entity")
means.append(pd.DataFrame({"entity": m["grp"], "plevel": "total", "parent": "TOTAL", "clevel": "area",
                           "child": m["member"], "w": m["w"], "s_entity": m["member"], "s_level": "total",
                           "s_code": "TOTAL"}))
idx = pd.concat([idx, gidx], ignore_index=True)
means = pd.concat(means, ignore_index=True)

# Output order: provinces by code, groups in file order, then VN; within an
# area by level (total, section, division, class, product), code, period.
# Every series gets an integer id in that order (windows and sorts then work
# on integers).
ent = pd.concat([
    pd.DataFrame({"entity": present["area"], "k": 0, "o": present["area"]}),
    gm.groupby("grp", as_index=False)["rn"].min().pipe(
        lambda d: pd.DataFrame({"entity": d["grp"], "k": 1, "o": d["rn"].astype(str).str.zfill(20)})),
])
RANK = {"total": 0, "section": 1, "division": 2, "class": 3, "product": 4, "area": 5}
series = idx[SERIES].drop_duplicates().merge(ent, on="entity")
series["r"] = series["level"].map(RANK)
series = series.sort_values(["k", "o", "r", "code"], ignore_index=True)[SERIES]
series["sid"] = np.arange(len(series))
idx = idx.merge(series, on=SERIES)[["sid", "t", "v"]]

# 6. Growth windows: current and comparison sums of every series and month.
win = idx.merge(months[["t", "year"]], on="t").sort_values(["sid", "t"], ignore_index=True)
by_series = win.groupby("sid", sort=False)["v"]
win["p1"] = by_series.shift(1)
win["p12"] = by_series.shift(12)
win["ytd"] = win.groupby(["sid", "year"], sort=False)["v"].cumsum()
win["ytd_prev"] = win.groupby("sid", sort=False)["ytd"].shift(12).where((win["year"] - 1) * 12 >= first)


def pct(cur, prev):
    return (100.0 * (cur / prev - 1.0)).where(prev != 0)


out = win.merge(series, on="sid").merge(months[["t", "period"]], on="t").sort_values(["sid", "t"])
pd.DataFrame({
    "area": out["entity"], "level": out["level"], "code": out["code"], "period": out["period"],
    "index": out["v"], "mom_pct": pct(out["v"], out["p1"]), "yoy_pct": pct(out["v"], out["p12"]),
    "ytd_yoy_pct": pct(out["ytd"], out["ytd_prev"]),
}).to_csv(o.tmp / "index.csv", index=False)

# 7. Contributions: 100 × W_k (I_k(t) − I_k(t′)) / Σ_h W_h I_h(t′).
cols = ["sid", "t"]
wl = pd.concat([
    win.loc[win["p1"].notna(), cols].assign(cmp=0, cur=win["v"], prev=win["p1"]),
    win.loc[win["p12"].notna(), cols].assign(cmp=1, cur=win["v"], prev=win["p12"]),
    win.loc[win["ytd_prev"].notna(), cols].assign(cmp=2, cur=win["ytd"], prev=win["ytd_prev"]),
], ignore_index=True)
# Every child of a mean gets an id (cid) in output order, every mean the
# first id of its children (mid).
kids = means.merge(ent, on="entity").merge(
    series.rename(columns={"sid": "s_sid"}), left_on=["s_entity", "s_level", "s_code"], right_on=SERIES,
    suffixes=("", "_s"))
kids["r"] = kids["plevel"].map(RANK)
kids = kids.sort_values(["k", "o", "r", "parent", "clevel", "child"], ignore_index=True)
kids["cid"] = np.arange(len(kids))
kids["mid"] = kids.groupby(["entity", "parent", "clevel"], sort=False)["cid"].transform("min")
c = kids[["cid", "mid", "w", "s_sid"]].merge(wl, left_on="s_sid", right_on="sid")
c["wp"] = c["w"] * c["prev"]
c["den"] = c.groupby(["mid", "cmp", "t"], sort=False)["wp"].transform("sum")
c = c[c["den"] != 0]
c = c.assign(contribution_pp=100.0 * c["w"] * (c["cur"] - c["prev"]) / c["den"])[
    ["cid", "mid", "cmp", "t", "contribution_pp"]].sort_values(["mid", "cmp", "cid", "t"])
c = c.merge(kids[["cid", "entity", "parent", "clevel", "child"]], on="cid").merge(months[["t", "period"]], on="t")
pd.DataFrame({
    "area": c["entity"], "period": c["period"], "comparison": np.array(["mom", "yoy", "ytd"])[c["cmp"]],
    "parent": c["parent"], "child_level": c["clevel"], "child": c["child"], "contribution_pp": c["contribution_pp"],
}).to_csv(o.tmp / "contributions.csv", index=False)

w = pd.concat(warnings, ignore_index=True).drop_duplicates().sort_values(["area", "code", "message"])
pd.DataFrame({"area": w["area"], "code": w["code"], "period": "", "message": w["message"]}).to_csv(
    o.tmp / "warnings.csv", index=False)
publish(o)
