#!/usr/bin/env python3
"""The IIP of an interchange folder, computed with DuckDB (SQL).

Same contract as `congthuong iip compile` (docs/INTERCHANGE.md,
docs/METHODOLOGY.md). Usage:
    iip_duckdb.py --input DIR --out DIR --base-year YYYY [--boundaries pre2025|2025]
DuckDB runs with its default settings (threads = number of cores).
"""

import sys

import duckdb

from common import MERGER_MONTH, options, output_units, publish, restate_map

o = options()
B = o.base_year
inp = o.input
con = duckdb.connect()
sql = con.execute

sql("CREATE TABLE restate(version VARCHAR, code VARCHAR, out VARCHAR)")
con.executemany("INSERT INTO restate VALUES (?, ?, ?)", restate_map(o))
sql("CREATE TABLE units(code VARCHAR)")
con.executemany("INSERT INTO units VALUES (?)", [(c,) for c in output_units(o)])
sql("""CREATE MACRO section_of(d) AS CASE WHEN d BETWEEN 5 AND 9 THEN 'B'
       WHEN d BETWEEN 10 AND 33 THEN 'C' WHEN d = 35 THEN 'D' WHEN d BETWEEN 36 AND 39 THEN 'E' END""")
sql("CREATE TABLE warnings(area VARCHAR, code VARCHAR, message VARCHAR)")

# 1. Quantities: the plain sum of the lines of each month, area and product,
# with codes read on the map in force that month, restated on the output map.
sql(f"""CREATE TABLE agg AS
SELECT period, area, product, sum(quantity) AS q
FROM read_csv('{inp / "microdata.csv"}', header = true,
    types = {{'period': 'VARCHAR', 'area': 'VARCHAR', 'unit_id': 'VARCHAR',
             'product': 'VARCHAR', 'quantity': 'DOUBLE'}})
GROUP BY period, area, product""")
sql(f"""CREATE TABLE q AS
SELECT r.out AS area, a.product,
       CAST(substr(a.period, 1, 4) AS INT) * 12 + CAST(substr(a.period, 6, 2) AS INT) - 1 AS ord,
       sum(a.q) AS q
FROM agg a JOIN restate r
  ON r.version = CASE WHEN a.period < '{MERGER_MONTH}' THEN 'pre2025' ELSE '2025' END
 AND r.code = a.area
GROUP BY ALL""")
first, last = sql("SELECT min(ord), max(ord) FROM q").fetchone()
sql(f"""CREATE TABLE months AS
SELECT o AS ord, o - {first} AS t, o // 12 AS year, printf('%04d-%02d', o // 12, o % 12 + 1) AS period
FROM range({first}, {last} + 1) r(o)""")
covered = sql(f"SELECT count(*) FROM months WHERE year = {B}").fetchone()[0]
if covered == 0:
    sys.exit(f"the microdata has no month of the base year {B}")
if covered < 12:
    sql(f"""INSERT INTO warnings VALUES ('', '', 'the microdata covers only {covered} of the 12 months
        of base year {B}; the others count as no production')""".replace("\n        ", " "))

# Weights: each area's rows resolved (own row, else the sum of its children's),
# on the map of the base year's December, then summed on the output map.
sql(f"""CREATE TABLE iw AS SELECT area, industry, CAST(value_added AS DOUBLE) AS w
FROM read_csv('{inp / "industry_weights.csv"}', header = true, all_varchar = true)""")
sql(f"""CREATE TABLE pw AS SELECT area, product, CAST(output_value AS DOUBLE) AS w
FROM read_csv('{inp / "product_weights.csv"}', header = true, all_varchar = true)""")
sql("CREATE TABLE cls AS SELECT area, industry AS code, w FROM iw WHERE length(industry) = 4")
sql("""CREATE TABLE dvs AS
SELECT area, industry AS code, w FROM iw WHERE length(industry) = 2
UNION ALL
SELECT area, substr(code, 1, 2), sum(w) FROM cls c
WHERE NOT EXISTS (SELECT 1 FROM iw WHERE iw.area = c.area AND iw.industry = substr(c.code, 1, 2))
GROUP BY area, substr(code, 1, 2)""")
sql("""CREATE TABLE scs AS
SELECT area, industry AS code, w FROM iw WHERE length(industry) = 1
UNION ALL
SELECT area, section_of(CAST(code AS INT)), sum(w) FROM dvs d
WHERE NOT EXISTS (SELECT 1 FROM iw WHERE iw.area = d.area AND iw.industry = section_of(CAST(d.code AS INT)))
GROUP BY area, section_of(CAST(code AS INT))""")
sql(f"""CREATE TABLE rw AS
SELECT r.out AS area, x.level, x.code, sum(x.w) AS w FROM (
    SELECT area, 'class' AS level, code, w FROM cls
    UNION ALL SELECT area, 'division', code, w FROM dvs
    UNION ALL SELECT area, 'section', code, w FROM scs
    UNION ALL SELECT area, 'product', product, w FROM pw
) x JOIN restate r ON r.version = '{o.weights_version}' AND r.code = x.area
GROUP BY ALL""")

# 2. Product indices against the base year's monthly mean.
sql(f"""CREATE TABLE prod AS SELECT product, industry AS class
FROM read_csv('{inp / "products.csv"}', header = true, all_varchar = true)""")
sql("CREATE TABLE present AS SELECT DISTINCT area FROM q")
sql("""CREATE TABLE cand AS
SELECT DISTINCT area, product FROM q
UNION
SELECT area, code FROM rw WHERE level = 'product' AND area IN (SELECT area FROM present)""")
sql(f"""CREATE TABLE prods AS
SELECT c.area, c.product, p.class,
       coalesce(sum(CASE WHEN q.ord // 12 = {B} THEN q.q END), 0) / 12.0 AS qbar,
       coalesce(any_value(w.w), 0.0) AS ov
FROM cand c JOIN prod p USING (product)
LEFT JOIN q ON q.area = c.area AND q.product = c.product
LEFT JOIN rw w ON w.level = 'product' AND w.area = c.area AND w.code = c.product
GROUP BY c.area, c.product, p.class""")
sql(f"""INSERT INTO warnings
SELECT area, product, 'no production in base year {B}: left out of class ' || class FROM prods WHERE qbar <= 0
UNION ALL
SELECT area, product, 'no positive output_value: left out of class ' || class FROM prods WHERE qbar > 0 AND ov <= 0""")
sql("CREATE TABLE idx(entity VARCHAR, level VARCHAR, code VARCHAR, t INT, v DOUBLE)")
sql("""INSERT INTO idx
SELECT p.area, 'product', p.product, m.t, 100.0 * coalesce(q.q, 0.0) / p.qbar
FROM prods p CROSS JOIN months m
LEFT JOIN q ON q.area = p.area AND q.product = p.product AND q.ord = m.ord
WHERE p.qbar > 0""")
# Each area's own weight of each of its nodes (used by groups).
sql("CREATE TABLE tw(entity VARCHAR, level VARCHAR, code VARCHAR, w DOUBLE)")
sql("INSERT INTO tw SELECT area, 'product', product, ov FROM prods WHERE qbar > 0")
# The children (and weights) of every mean, and where their series are.
sql("""CREATE TABLE means(entity VARCHAR, plevel VARCHAR, parent VARCHAR, clevel VARCHAR,
    child VARCHAR, w DOUBLE, s_entity VARCHAR, s_level VARCHAR, s_code VARCHAR)""")


def level_up(kids, clevel, plevel):
    """Parent index = weighted mean of the children that have an index,
    where their weights do not sum to 0. `kids` is (area, parent, child, w)."""
    sql(f"""CREATE OR REPLACE TEMP TABLE used AS SELECT k.* FROM ({kids}) k
    WHERE EXISTS (SELECT 1 FROM idx i WHERE i.entity = k.area AND i.level = '{clevel}' AND i.code = k.child)""")
    sql("""CREATE OR REPLACE TEMP TABLE ok AS SELECT area, parent FROM used GROUP BY ALL HAVING sum(w) != 0""")
    sql(f"""INSERT INTO idx
    SELECT u.area, '{plevel}', u.parent, i.t, sum(u.w * i.v) / sum(u.w)
    FROM used u JOIN ok USING (area, parent)
    JOIN idx i ON i.entity = u.area AND i.level = '{clevel}' AND i.code = u.child
    GROUP BY u.area, u.parent, i.t""")
    sql(f"""INSERT INTO means
    SELECT u.area, '{plevel}', u.parent, '{clevel}', u.child, u.w, u.area, '{clevel}', u.child
    FROM used u JOIN ok USING (area, parent)""")


def node_weights(nodes, level, why):
    """Weights of the nodes (area, code) of a level: own resolved weight, else 0 with a warning."""
    sql(f"""CREATE OR REPLACE TABLE nw_{level} AS
    SELECT n.area, n.code, w.w AS raw, coalesce(w.w, 0.0) AS w FROM ({nodes}) n
    LEFT JOIN rw w ON w.level = '{level}' AND w.area = n.area AND w.code = n.code""")
    sql(f"INSERT INTO warnings SELECT area, code, '{why}' FROM nw_{level} WHERE raw IS NULL")
    sql(f"INSERT INTO tw SELECT area, '{level}', code, w FROM nw_{level}")


# 3–4. Classes (by output value), divisions, sections, total (by value added).
level_up("SELECT area, class AS parent, product AS child, ov AS w FROM prods WHERE qbar > 0 AND ov > 0",
         "product", "class")
node_weights("SELECT DISTINCT area, class AS code FROM prods", "class", "no value_added row: weighs 0")
level_up("SELECT area, substr(code, 1, 2) AS parent, code AS child, w FROM nw_class", "class", "division")
node_weights("SELECT DISTINCT area, substr(code, 1, 2) AS code FROM nw_class", "division",
             "no value_added row at or below: weighs 0")
level_up("SELECT area, section_of(CAST(code AS INT)) AS parent, code AS child, w FROM nw_division",
         "division", "section")
node_weights("SELECT DISTINCT area, section_of(CAST(code AS INT)) AS code FROM nw_division", "section",
             "no value_added row at or below: weighs 0")
level_up("SELECT area, 'TOTAL' AS parent, code AS child, w FROM nw_section", "section", "total")
sql("""INSERT INTO tw SELECT p.area, 'total', 'TOTAL', coalesce(sum(w.w), 0.0)
FROM present p LEFT JOIN rw w ON w.level = 'section' AND w.area = p.area GROUP BY p.area""")

# 5. Groups (members restated on the output map, listed once) and VN.
sql(f"""CREATE TABLE gm AS
SELECT g.group_id AS grp, r.out AS member, min(g.rn) AS rn
FROM (SELECT *, row_number() OVER () AS rn FROM read_csv('{inp / "groups.csv"}', header = true, all_varchar = true)) g
JOIN restate r ON r.version = '{o.weights_version}' AND r.code = g.code
GROUP BY ALL""") if (inp / "groups.csv").exists() else sql(
    "CREATE TABLE gm(grp VARCHAR, member VARCHAR, rn BIGINT)")
sql("""INSERT INTO gm SELECT 'VN', code, 1e9 FROM units
WHERE (SELECT count(*) FROM present) = (SELECT count(*) FROM units)""")
sql("""INSERT INTO warnings SELECT grp, member, 'member has no microdata: left out'
FROM gm WHERE member NOT IN (SELECT area FROM present)""")
sql("""CREATE TABLE gsum AS
SELECT gm.grp, i.level, i.code, sum(tw.w) AS w
FROM gm JOIN (SELECT DISTINCT entity, level, code FROM idx) i ON i.entity = gm.member
JOIN tw ON tw.entity = gm.member AND tw.level = i.level AND tw.code = i.code
GROUP BY ALL HAVING sum(tw.w) != 0""")
sql("""INSERT INTO idx
SELECT gm.grp, i.level, i.code, i.t, sum(tw.w * i.v) / any_value(s.w)
FROM gm JOIN idx i ON i.entity = gm.member
JOIN tw ON tw.entity = gm.member AND tw.level = i.level AND tw.code = i.code
JOIN gsum s ON s.grp = gm.grp AND s.level = i.level AND s.code = i.code
GROUP BY gm.grp, i.level, i.code, i.t""")
sql("""INSERT INTO means
SELECT s.grp, 'total', 'TOTAL', 'section', s.code, s.w, s.grp, 'section', s.code FROM gsum s
WHERE s.level = 'section' AND EXISTS (SELECT 1 FROM gsum x WHERE x.grp = s.grp AND x.level = 'total')
UNION ALL
SELECT gm.grp, 'total', 'TOTAL', 'area', gm.member, tw.w, gm.member, 'total', 'TOTAL'
FROM gm JOIN tw ON tw.entity = gm.member AND tw.level = 'total'
WHERE EXISTS (SELECT 1 FROM idx i WHERE i.entity = gm.member AND i.level = 'total')""")

# Output order: provinces by code, groups in file order, then VN; within an
# area by level (total, section, division, class, product), code, period.
# Every series gets an integer id in that order (windows and sorts then work
# on integers).
sql("""CREATE TABLE ent AS
SELECT area AS entity, 0 AS k, area AS o FROM present
UNION ALL SELECT grp, 1, printf('%020d', CAST(min(rn) AS BIGINT)) FROM gm GROUP BY grp""")
sql("""CREATE MACRO level_rank(l) AS
CASE l WHEN 'total' THEN 0 WHEN 'section' THEN 1 WHEN 'division' THEN 2 WHEN 'class' THEN 3
       WHEN 'product' THEN 4 ELSE 5 END""")
sql("""CREATE TABLE series AS
SELECT row_number() OVER (ORDER BY e.k, e.o, level_rank(s.level), s.code) AS sid, s.entity, s.level, s.code
FROM (SELECT DISTINCT entity, level, code FROM idx) s JOIN ent e USING (entity)""")
sql("""CREATE TABLE sidx AS
SELECT s.sid, i.t, i.v FROM idx i JOIN series s USING (entity, level, code)""")

# 6. Growth windows: current and comparison sums of every series and month.
sql(f"""CREATE TABLE win AS
SELECT sid, t, v, p1, p12, ytd,
       CASE WHEN (year - 1) * 12 >= {first} THEN lag(ytd, 12) OVER s END AS ytd_prev
FROM (
    SELECT i.sid, i.t, m.year, i.v,
           lag(i.v, 1) OVER s AS p1, lag(i.v, 12) OVER s AS p12,
           sum(i.v) OVER (PARTITION BY i.sid, m.year ORDER BY i.t
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ytd
    FROM sidx i JOIN months m USING (t)
    WINDOW s AS (PARTITION BY i.sid ORDER BY i.t)
)
WINDOW s AS (PARTITION BY sid ORDER BY t)""")
sql(f"""COPY (
SELECT s.entity AS area, s.level, s.code, m.period, w.v AS index,
       CASE WHEN p1 != 0 THEN 100.0 * (v / p1 - 1.0) END AS mom_pct,
       CASE WHEN p12 != 0 THEN 100.0 * (v / p12 - 1.0) END AS yoy_pct,
       CASE WHEN ytd_prev != 0 THEN 100.0 * (ytd / ytd_prev - 1.0) END AS ytd_yoy_pct
FROM win w JOIN months m USING (t) JOIN series s USING (sid)
ORDER BY w.sid, w.t
) TO '{o.tmp / "index.csv"}' (HEADER, DELIMITER ',')""")

# 7. Contributions: 100 × W_k (I_k(t) − I_k(t′)) / Σ_h W_h I_h(t′).
sql("""CREATE TABLE wl AS
SELECT sid, t, 0 AS cmp, v AS cur, p1 AS prev FROM win WHERE p1 IS NOT NULL
UNION ALL SELECT sid, t, 1, v, p12 FROM win WHERE p12 IS NOT NULL
UNION ALL SELECT sid, t, 2, ytd, ytd_prev FROM win WHERE ytd_prev IS NOT NULL""")
# Every child of a mean gets an id (cid) in output order, every mean the
# first id of its children (mid).
sql("""CREATE TABLE kids AS
SELECT cid, min(cid) OVER (PARTITION BY entity, parent, clevel) AS mid, * EXCLUDE (cid) FROM (
    SELECT row_number() OVER (ORDER BY e.k, e.o, level_rank(m.plevel), m.parent, m.clevel, m.child) AS cid,
           m.entity, m.parent, m.clevel, m.child, m.w, s.sid AS s_sid
    FROM means m JOIN ent e USING (entity)
    JOIN series s ON s.entity = m.s_entity AND s.level = m.s_level AND s.code = m.s_code
)""")
sql(f"""COPY (
SELECT k.entity AS area, mo.period, ['mom', 'yoy', 'ytd'][c.cmp + 1] AS comparison, k.parent,
       k.clevel AS child_level, k.child, c.contribution_pp
FROM (
    SELECT k.cid, k.mid, wl.cmp, wl.t,
           100.0 * k.w * (wl.cur - wl.prev) / sum(k.w * wl.prev) OVER (PARTITION BY k.mid, wl.cmp, wl.t)
             AS contribution_pp,
           sum(k.w * wl.prev) OVER (PARTITION BY k.mid, wl.cmp, wl.t) AS den
    FROM kids k JOIN wl ON wl.sid = k.s_sid
) c JOIN kids k USING (cid) JOIN months mo USING (t)
WHERE c.den != 0
ORDER BY c.mid, c.cmp, c.cid, c.t
) TO '{o.tmp / "contributions.csv"}' (HEADER, DELIMITER ',')""")

sql(f"""COPY (SELECT DISTINCT area, code, NULL AS period, message FROM warnings ORDER BY ALL)
TO '{o.tmp / "warnings.csv"}' (HEADER, DELIMITER ',')""")
publish(o)
