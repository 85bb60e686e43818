#!/usr/bin/env python3
"""The IIP of an interchange folder, computed with polars.

Same contract as `congthuong iip compile` (docs/INTERCHANGE.md,
docs/METHODOLOGY.md). Usage:
    iip_polars.py --input DIR --out DIR --base-year YYYY [--boundaries pre2025|2025]
polars runs with its default thread pool (one thread per core); the scan of
the microdata uses the streaming engine (`collect(engine="streaming")`).
"""

import sys

import polars as pl

from common import MERGER_MONTH, options, output_units, publish, restate_map

o = options()
B = o.base_year
inp = o.input
S = pl.String
SERIES = ["entity", "level", "code"]

restate = pl.DataFrame(restate_map(o), schema=["version", "code", "out"], orient="row")
units = output_units(o)
warnings = []


def warn(df):
    warnings.append(df.select("area", "code", "message"))


def section_of(d):
    return (
        pl.when(d.is_between(5, 9)).then(pl.lit("B"))
        .when(d.is_between(10, 33)).then(pl.lit("C"))
        .when(d == 35).then(pl.lit("D"))
        .when(d.is_between(36, 39)).then(pl.lit("E"))
    )


# 1. Quantities: the plain sum of the lines of each month, area and product,
# with codes read on the map in force that month, restated on the output map.
agg = (
    pl.scan_csv(
        inp / "microdata.csv",
        schema_overrides={"period": S, "area": S, "unit_id": S, "product": S, "quantity": pl.Float64},
    )
    .group_by("period", "area", "product")
    .agg(pl.col("quantity").sum().alias("q"))
    .collect(engine="streaming")
)
q = (
    agg.with_columns(
        version=pl.when(pl.col("period") < MERGER_MONTH).then(pl.lit("pre2025")).otherwise(pl.lit("2025")),
        ord=pl.col("period").str.slice(0, 4).cast(pl.Int32) * 12 + pl.col("period").str.slice(5, 2).cast(pl.Int32) - 1,
    )
    .join(restate, left_on=["version", "area"], right_on=["version", "code"])
    .group_by(pl.col("out").alias("area"), "product", "ord")
    .agg(pl.col("q").sum())
)
first, last = q["ord"].min(), q["ord"].max()
months = pl.DataFrame({"ord": pl.int_range(first, last + 1, eager=True).cast(pl.Int32)}).with_columns(
    t=pl.col("ord") - first,
    year=pl.col("ord") // 12,
    period=pl.format(
        "{}-{}",
        (pl.col("ord") // 12).cast(S),
        (pl.col("ord") % 12 + 1).cast(S).str.zfill(2),
    ),
)
covered = months.filter(pl.col("year") == B).height
if covered == 0:
    sys.exit(f"the microdata has no month of the base year {B}")
if covered < 12:
    warnings.append(pl.DataFrame({"area": [""], "code": [""], "message": [
        f"the microdata covers only {covered} of the 12 months of base year {B}; the others count as no production"]}))

# Weights: each area's rows resolved (own row, else the sum of its children's),
# on the map of the base year's December, then summed on the output map.
iw = pl.read_csv(inp / "industry_weights.csv", infer_schema=False).select(
    "area", "industry", pl.col("value_added").cast(pl.Float64).alias("w"))
pw = pl.read_csv(inp / "product_weights.csv", infer_schema=False).select(
    "area", pl.col("product").alias("code"), pl.col("output_value").cast(pl.Float64).alias("w"))
own = iw.select("area", pl.col("industry").alias("code"))
cls = iw.filter(pl.col("industry").str.len_bytes() == 4).select("area", pl.col("industry").alias("code"), "w")
dvs = pl.concat([
    iw.filter(pl.col("industry").str.len_bytes() == 2).select("area", pl.col("industry").alias("code"), "w"),
    cls.with_columns(code=pl.col("code").str.slice(0, 2)).join(own, on=["area", "code"], how="anti")
    .group_by("area", "code").agg(pl.col("w").sum()),
])
scs = pl.concat([
    iw.filter(pl.col("industry").str.len_bytes() == 1).select("area", pl.col("industry").alias("code"), "w"),
    dvs.with_columns(code=section_of(pl.col("code").cast(pl.Int32))).join(own, on=["area", "code"], how="anti")
    .group_by("area", "code").agg(pl.col("w").sum()),
])
rw = (
    pl.concat([
        cls.with_columns(level=pl.lit("class")),
        dvs.with_columns(level=pl.lit("division")),
        scs.with_columns(level=pl.lit("section")),
        pw.with_columns(level=pl.lit("product")),
    ])
    .join(restate.filter(pl.col("version") == o.weights_version), left_on="area", right_on="code")
    .group_by(pl.col("out").alias("area"), "level", "code")
    .agg(pl.col("w").sum())
)

# 2. Product indices against the base year's monthly mean.
prod = pl.read_csv(inp / "products.csv", infer_schema=False).select("product", pl.col("industry").alias("class"))
present = q.select("area").unique()
cand = pl.concat([
    q.select("area", "product").unique(),
    rw.filter(pl.col("level") == "product").join(present, on="area").select("area", pl.col("code").alias("product")),
]).unique()
qbar = (
    q.filter(pl.col("ord") // 12 == B).group_by("area", "product").agg((pl.col("q").sum() / 12.0).alias("qbar"))
)
prods = (
    cand.join(prod, on="product")
    .join(qbar, on=["area", "product"], how="left")
    .join(rw.filter(pl.col("level") == "product").select("area", pl.col("code").alias("product"), pl.col("w").alias("ov")),
          on=["area", "product"], how="left")
    .with_columns(pl.col("qbar").fill_null(0.0), pl.col("ov").fill_null(0.0))
)
warn(prods.filter(pl.col("qbar") <= 0).select(
    "area", pl.col("product").alias("code"),
    pl.format(f"no production in base year {B}: left out of class {{}}", "class").alias("message")))
warn(prods.filter((pl.col("qbar") > 0) & (pl.col("ov") <= 0)).select(
    "area", pl.col("product").alias("code"),
    pl.format("no positive output_value: left out of class {}", "class").alias("message")))
indexed = prods.filter(pl.col("qbar") > 0)
idx = [
    indexed.join(months.select("t", "ord"), how="cross")
    .join(q, on=["area", "product", "ord"], how="left")
    .select(
        pl.col("area").alias("entity"), pl.lit("product").alias("level"), pl.col("product").alias("code"), "t",
        (100.0 * pl.col("q").fill_null(0.0) / pl.col("qbar")).alias("v"),
    )
]
# Each area's own weight of each of its nodes (used by groups).
tw = [indexed.select(pl.col("area").alias("entity"), pl.lit("product").alias("level"),
                     pl.col("product").alias("code"), pl.col("ov").alias("w"))]
# The children (and weights) of every mean, and where their series are.
means = []


def level_up(kids, clevel, plevel):
    """Parent index = weighted mean of the children that have an index, where
    their weights do not sum to 0. `kids` has area, parent, child, w."""
    child_idx = pl.concat(idx).filter(pl.col("level") == clevel)
    used = kids.join(child_idx.select(pl.col("entity").alias("area"), pl.col("code").alias("child")).unique(),
                     on=["area", "child"], how="semi")
    ok = used.group_by("area", "parent").agg(pl.col("w").sum().alias("total")).filter(pl.col("total") != 0)
    used = used.join(ok, on=["area", "parent"])
    idx.append(
        used.join(child_idx, left_on=["area", "child"], right_on=["entity", "code"])
        .group_by("area", "parent", "t")
        .agg(((pl.col("w") * pl.col("v")).sum() / pl.col("total").first()).alias("v"))
        .select(pl.col("area").alias("entity"), pl.lit(plevel).alias("level"), pl.col("parent").alias("code"), "t", "v")
    )
    means.append(used.select(
        pl.col("area").alias("entity"), pl.lit(plevel).alias("plevel"), "parent", pl.lit(clevel).alias("clevel"),
        "child", "w", pl.col("area").alias("s_entity"), pl.lit(clevel).alias("s_level"),
        pl.col("child").alias("s_code")))


def node_weights(nodes, level, why):
    """Weights of the nodes (area, code) of a level: own resolved weight, else 0 with a warning."""
    nw = nodes.unique().join(rw.filter(pl.col("level") == level).select("area", "code", "w"),
                             on=["area", "code"], how="left")
    warn(nw.filter(pl.col("w").is_null()).select("area", "code", pl.lit(why).alias("message")))
    nw = nw.with_columns(pl.col("w").fill_null(0.0))
    tw.append(nw.select(pl.col("area").alias("entity"), pl.lit(level).alias("level"), "code", "w"))
    return nw


# 3–4. Classes (by output value), divisions, sections, total (by value added).
level_up(indexed.filter(pl.col("ov") > 0).select("area", pl.col("class").alias("parent"),
                                                 pl.col("product").alias("child"), pl.col("ov").alias("w")),
         "product", "class")
nw_class = node_weights(prods.select("area", pl.col("class").alias("code")), "class", "no value_added row: weighs 0")
level_up(nw_class.select("area", pl.col("code").str.slice(0, 2).alias("parent"), pl.col("code").alias("child"), "w"),
         "class", "division")
nw_div = node_weights(nw_class.select("area", pl.col("code").str.slice(0, 2)), "division",
                      "no value_added row at or below: weighs 0")
level_up(nw_div.select("area", section_of(pl.col("code").cast(pl.Int32)).alias("parent"),
                       pl.col("code").alias("child"), "w"), "division", "section")
nw_sec = node_weights(nw_div.select("area", section_of(pl.col("code").cast(pl.Int32)).alias("code")), "section",
                      "no value_added row at or below: weighs 0")
level_up(nw_sec.select("area", pl.lit("TOTAL").alias("parent"), pl.col("code").alias("child"), "w"),
         "section", "total")
tw.append(
    present.join(rw.filter(pl.col("level") == "section"), on="area", how="left")
    .group_by("area").agg(pl.col("w").sum())
    .select(pl.col("area").alias("entity"), pl.lit("total").alias("level"), pl.lit("TOTAL").alias("code"),
            pl.col("w").fill_null(0.0))
)
idx = pl.concat(idx)
tw = pl.concat(tw)

# 5. Groups (members restated on the output map, listed once) and VN.
if (inp / "groups.csv").exists():
    gm = (
        pl.read_csv(inp / "groups.csv", infer_schema=False).with_row_index("rn")
        .join(restate.filter(pl.col("version") == o.weights_version), on="code")
        .group_by(pl.col("group_id").alias("grp"), pl.col("out").alias("member"))
        .agg(pl.col("rn").min().cast(pl.Int64))
    )
else:
    gm = pl.DataFrame(schema={"grp": S, "member": S, "rn": pl.Int64})
if present.height == len(units):
    gm = pl.concat([gm, pl.DataFrame({"grp": "VN", "member": units, "rn": 10**9},
                                     schema={"grp": S, "member": S, "rn": pl.Int64})])
warn(gm.join(present, left_on="member", right_on="area", how="anti").select(
    pl.col("grp").alias("area"), pl.col("member").alias("code"),
    pl.lit("member has no microdata: left out").alias("message")))
member_idx = gm.join(idx, left_on="member", right_on="entity").join(
    tw, left_on=["member", "level", "code"], right_on=["entity", "level", "code"])
gsum = (
    member_idx.select("grp", "member", "level", "code", "w").unique()
    .group_by("grp", "level", "code").agg(pl.col("w").sum())
    .filter(pl.col("w") != 0)
)
gidx = (
    member_idx.join(gsum.rename({"w": "total"}), on=["grp", "level", "code"])
    .group_by("grp", "level", "code", "t")
    .agg(((pl.col("w") * pl.col("v")).sum() / pl.col("total").first()).alias("v"))
    .rename({"grp": "entity"})
)
with_total = gsum.filter(pl.col("level") == "total").select("grp")
means.append(
    gsum.filter(pl.col("level") == "section").join(with_total, on="grp", how="semi").select(
        pl.col("grp").alias("entity"), pl.lit("total").alias("plevel"), pl.lit("TOTAL").alias("parent"),
        pl.lit("section").alias("clevel"), pl.col("code").alias("child"), "w", pl.col("grp").alias("s_entity"),
        pl.lit("section").alias("s_level"), pl.col("code").alias("s_code")))
means.append(
    gm.join(idx.filter(pl.col("level") == "total").select(pl.col("entity").alias("member")).unique(),
            on="member", how="semi")
    .join(tw.filter(pl.col("level") == "total").select(pl.col("entity").alias("member"), "w"), on="member")
    .select(
        pl.col("grp").alias("entity"), pl.lit("total").alias("plevel"), pl.lit("TOTAL").alias("parent"),
        pl.lit("area").alias("clevel"), pl.col("member").alias("child"), "w", pl.col("member").alias("s_entity"),
        pl.lit("total").alias("s_level"), pl.lit("TOTAL").alias("s_code")))
idx = pl.concat([idx, gidx.select(idx.columns)])
means = pl.concat(means)

# Output order: provinces by code, groups in file order, then VN; within an
# area by level (total, section, division, class, product), code, period.
# Every series gets an integer id in that order (sorting and windows then
# work on integers).
ent = pl.concat([
    present.select(pl.col("area").alias("entity"), pl.lit(0).alias("k"), pl.col("area").alias("o")),
    gm.group_by("grp").agg(pl.col("rn").min()).select(
        pl.col("grp").alias("entity"), pl.lit(1).alias("k"), pl.col("rn").cast(S).str.zfill(20).alias("o")),
])


def level_rank(column):
    return pl.col(column).replace_strict(
        {"total": 0, "section": 1, "division": 2, "class": 3, "product": 4, "area": 5}, return_dtype=pl.Int32)


series = (
    idx.select(SERIES).unique().join(ent, on="entity")
    .sort(pl.col("k"), pl.col("o"), level_rank("level"), pl.col("code"))
    .with_row_index("sid").select("sid", *SERIES)
)
idx = idx.join(series, on=SERIES).select("sid", "t", "v")

# 6. Growth windows: current and comparison sums of every series and month.
win = (
    idx.join(months.select("t", "year"), on="t")
    .sort("sid", "t")
    .with_columns(
        p1=pl.col("v").shift(1).over("sid"),
        p12=pl.col("v").shift(12).over("sid"),
        ytd=pl.col("v").cum_sum().over("sid", "year"),
    )
    .with_columns(
        ytd_prev=pl.when((pl.col("year") - 1) * 12 >= first).then(pl.col("ytd").shift(12).over("sid")),
    )
)


def pct(cur, prev):
    return pl.when(pl.col(prev) != 0).then(100.0 * (pl.col(cur) / pl.col(prev) - 1.0))


(
    win.select("sid", "t", pl.col("v").alias("index"),
               pct("v", "p1").alias("mom_pct"), pct("v", "p12").alias("yoy_pct"),
               pct("ytd", "ytd_prev").alias("ytd_yoy_pct"))
    .join(series, on="sid").join(months.select("t", "period"), on="t")
    .sort("sid", "t")
    .select(pl.col("entity").alias("area"), "level", "code", "period", "index", "mom_pct", "yoy_pct", "ytd_yoy_pct")
    .write_csv(o.tmp / "index.csv")
)

# 7. Contributions: 100 × W_k (I_k(t) − I_k(t′)) / Σ_h W_h I_h(t′).
CMP = ["mom", "yoy", "ytd"]
wl = pl.concat([
    win.filter(pl.col("p1").is_not_null()).select("sid", "t", pl.lit(0).alias("cmp"), pl.col("v").alias("cur"),
                                                   pl.col("p1").alias("prev")),
    win.filter(pl.col("p12").is_not_null()).select("sid", "t", pl.lit(1).alias("cmp"), pl.col("v").alias("cur"),
                                                    pl.col("p12").alias("prev")),
    win.filter(pl.col("ytd_prev").is_not_null()).select("sid", "t", pl.lit(2).alias("cmp"), pl.col("ytd").alias("cur"),
                                                        pl.col("ytd_prev").alias("prev")),
])
# Every mean gets an id in output order (area, parent's level and code, then
# the kind of children), every child its rank inside the mean.
means = (
    means.join(series.rename({"sid": "s_sid"}), left_on=["s_entity", "s_level", "s_code"], right_on=SERIES)
    .join(ent, on="entity")
    .sort(pl.col("k"), pl.col("o"), level_rank("plevel"), pl.col("parent"), pl.col("clevel"), pl.col("child"))
    .with_row_index("cid")
    .with_columns(mid=pl.col("cid").min().over("entity", "parent", "clevel"))
)
(
    means.select("cid", "mid", "w", "s_sid")
    .join(wl, left_on="s_sid", right_on="sid")
    .with_columns(den=(pl.col("w") * pl.col("prev")).sum().over("mid", "cmp", "t"))
    .filter(pl.col("den") != 0)
    .select("cid", "mid", "cmp", "t",
            (100.0 * pl.col("w") * (pl.col("cur") - pl.col("prev")) / pl.col("den")).alias("contribution_pp"))
    .join(means.select("cid", "entity", "parent", "clevel", "child"), on="cid")
    .join(months.select("t", "period"), on="t")
    .sort("mid", "cmp", "cid", "t")
    .select(pl.col("entity").alias("area"), "period",
            pl.col("cmp").replace_strict(dict(enumerate(CMP)), return_dtype=S).alias("comparison"), "parent",
            pl.col("clevel").alias("child_level"), "child", "contribution_pp")
    .write_csv(o.tmp / "contributions.csv")
)

(
    pl.concat(warnings).unique().sort("area", "code", "message")
    .select("area", "code", pl.lit(None, S).alias("period"), "message")
    .write_csv(o.tmp / "warnings.csv")
)
publish(o)
