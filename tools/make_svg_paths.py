#!/usr/bin/env python3
"""Vietnam province choropleth geometry -> compact SVG path data (Python 3 stdlib only).

Input (read-only):
  <geo>/boundaries/vn_adm1_pre2025.topojson   geoBoundaries gbOpen VNM ADM1 (63 geometries)
  <geo>/boundaries/boundaries_match.csv       geometry -> 2-digit pre-2025 code
  <geo>/merger_2025.csv                       old_code -> new_code (1 July 2025 reform)
  <geo>/provinces_2025.csv, provinces_pre2025.csv (names, for the meta file only)

Output (<out>/):
  map_pre2025.csv   code,part,d   63 codes   (part = main | inset_hoang_sa | inset_truong_sa)
  map_2025.csv      code,part,d   34 codes
  map_meta.json     viewBox, projection, inset boxes + labels, label anchors, attribution
  preview_pre2025.svg, preview_2025.svg   (and .png with --png, needs rsvg-convert)

Method:
  1. decode the quantized, delta-encoded arcs (cumulative sum, then the transform);
  2. classify every ring as mainland or archipelago (inset), project every arc into its frame
     (mainland: equirectangular, x scaled by cos 16 deg, fitted to width 600; insets: the same
     projection, scaled to fit their box);
  3. Douglas-Peucker on each ARC (end points fixed), so the two provinces on either side of a
     border get the very same simplified line; round to 0.1 px;
  4. pre-2025 rings = the TopoJSON rings; 2025 rings = dissolve by new_code in topology terms
     (an arc used by two members of one new unit is internal and dropped, the remaining arcs are
     chained end-to-start into closed rings);
  5. drop tiny unshared island / lake rings on the mainland; keep every archipelago ring (too
     small ones are drawn as a 1 px square dot);
  6. write path data: "M x y" absolute then "l dx dy ..." relative on the 0.1 px grid (deltas are
     computed from rounded absolute points, so there is no rounding drift), "z" per ring.
Fill with fill-rule nonzero (the SVG default) or evenodd: rings keep the source orientation
(outer rings one way, holes the other), so both rules give the same picture.

Run:  python3 tools/make_svg_paths.py [--geo data/geo] [--out data/geo/svg] [--png]
"""
import argparse, csv, hashlib, heapq, json, math, os, random, shutil, subprocess, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
TOPO_SHA256 = '9d255666ab91f68c4db5818d1b1faaabd456ce760434e53e9800b9a6be47c202'
OBJECT = 'VNM-ADM1-84948121'

# ---- parameters -----------------------------------------------------------------------------
WIDTH = 600.0          # viewBox width
PAD = 8.0              # margin around the mainland (px)
COS = math.cos(math.radians(16.0))
EPS_MAIN = 0.30        # Douglas-Peucker tolerance on the mainland (px)
EPS_INSET = 0.15       # ... inside the insets (px)
MIN_ISLAND = 0.4       # mainland: unshared outer rings smaller than this (px^2) are dropped
MIN_HOLE = 1.5         # mainland: unshared holes (lakes) smaller than this (px^2) are dropped
INSET_MIN_HOLE = 2.0   # insets: atoll lagoons smaller than this (px^2) are filled
DOT = 1.0              # insets: rings smaller than DOT*DOT px^2 become a DOT x DOT square

# Inset boxes (viewBox px), placed in empty sea east of the coast; the script checks that no
# mainland vertex falls inside.  Which rings go to which inset: see inset_of().
INSETS = [
    dict(id='hoang_sa', part='inset_hoang_sa', code='48',
         rect=None,  # filled in main(): depends on the mainland fit
         corner=(107.75, 18.70),   # top-left corner of the box at this (lon, lat) of the mainland
         size=(140.0, 116.0),      # (w, h) px
         label_vi='Quần đảo Hoàng Sa (Đà Nẵng)', label_en='Hoàng Sa archipelago (Đà Nẵng)'),
    dict(id='truong_sa', part='inset_truong_sa', code='56',
         rect=None,
         corner=(107.05, 9.90),
         size=(198.0, 130.0),
         label_vi='Quần đảo Trường Sa (Khánh Hòa)', label_en='Trường Sa archipelago (Khánh Hòa)'),
]
# islands that must be on the mainland map: (name, pre-2025 code, lon, lat), approximate centres
ISLANDS = [
    ('Phú Quốc', '91', 103.97, 10.23), ('Thổ Chu', '91', 103.47, 9.31), ('Côn Sơn', '77', 106.60, 8.69),
    ('Phú Quý', '60', 108.94, 10.52), ('Lý Sơn', '51', 109.12, 15.38), ('Cù Lao Chàm', '49', 108.51, 15.95),
    ('Cồn Cỏ', '45', 107.34, 17.16), ('Bạch Long Vĩ', '31', 107.73, 20.13), ('Cát Bà', '31', 107.03, 20.80),
    ('Hòn Khoai', '96', 104.83, 8.43),
]
INSET_INNER_PAD = 5.0   # px between the box edge and the island extent
LABEL_BAND = 12.0       # caption band at the top inside the box (label baseline at y + 8.5)

ATTRIBUTION_SOURCE = (
    'Province boundaries: geoBoundaries gbOpen, Vietnam ADM1 (VNM-ADM1-84948121, build 2021-07-10), '
    'https://www.geoboundaries.org — source data: Open Development Mekong / Department of Survey and '
    'Mapping; licence CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).')
CHANGE_NOTE = 'Merged into the 34 provinces of 1 July 2025 / simplified by congthuong.'
CHANGE_NOTE_BY_LAYER = {
    'pre2025': 'Simplified and re-projected by congthuong; Hoàng Sa and Trường Sa drawn in insets.',
    '2025': 'Merged into the 34 provinces of 1 July 2025 / simplified by congthuong; '
            'Hoàng Sa and Trường Sa drawn in insets.',
}
CITATION = ('Runfola, D. et al. (2020) geoBoundaries: A global database of political administrative '
            'boundaries. PLoS ONE 15(4): e0231866. https://doi.org/10.1371/journal.pone.0231866')
ATTRIBUTION = ATTRIBUTION_SOURCE + ' ' + CHANGE_NOTE + ' ' + CITATION


def fail(msg):
    print('FAIL ' + msg)
    sys.exit(1)


def ok(cond, msg):
    print(('ok   ' if cond else 'FAIL ') + msg)
    if not cond:
        sys.exit(1)


# ---- geometry helpers -------------------------------------------------------------------------
def signed_area(pts):
    """Shoelace area of a closed ring (pts[0] == pts[-1] or not)."""
    n = len(pts)
    return sum(pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1] for i in range(n)) / 2.0


def seg_dist2(p, a, b):
    ax, ay = a; bx, by = b; px, py = p
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return (px - ax) ** 2 + (py - ay) ** 2
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2


def douglas_peucker(pts, eps):
    """Open polyline, end points kept."""
    n = len(pts)
    if n < 3:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    e2 = eps * eps
    while stack:
        i, j = stack.pop()
        best, bi = -1.0, -1
        for k in range(i + 1, j):
            d = seg_dist2(pts[k], pts[i], pts[j])
            if d > best:
                best, bi = d, k
        if bi > 0 and best > e2:
            keep[bi] = True
            stack.append((i, bi)); stack.append((bi, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_arc(pts, eps):
    if len(pts) > 3 and pts[0] == pts[-1]:       # closed arc (single-arc island ring)
        far = max(range(1, len(pts) - 1), key=lambda k: (pts[k][0] - pts[0][0]) ** 2 + (pts[k][1] - pts[0][1]) ** 2)
        a = douglas_peucker(pts[:far + 1], eps)
        b = douglas_peucker(pts[far:], eps)
        return a + b[1:]
    return douglas_peucker(pts, eps)


def point_in_rings(x, y, rings):
    """Even-odd test over several rings."""
    inside = False
    for r in rings:
        n = len(r)
        j = n - 1
        for i in range(n):
            xi, yi = r[i]; xj, yj = r[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


def dist_to_rings(x, y, rings):
    best = float('inf')
    for r in rings:
        n = len(r)
        for i in range(n):
            d = seg_dist2((x, y), r[i], r[(i + 1) % n])
            if d < best:
                best = d
    return math.sqrt(best)


def polylabel(outer, rings, precision=0.5):
    """Pole of inaccessibility (Mapbox 'polylabel' algorithm) of `outer`, with `rings` (all
    rings of the shape, holes included, even-odd) for the inside test and the distance."""
    xs = [p[0] for p in outer]; ys = [p[1] for p in outer]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    size = min(maxx - minx, maxy - miny)
    if size == 0:
        return (minx, miny)

    def cell(x, y, h):
        d = dist_to_rings(x, y, rings)
        if not point_in_rings(x, y, rings):
            d = -d
        return (-(d + h * math.sqrt(2)), d, x, y, h)

    h = size / 2
    heap = []
    x = minx
    while x < maxx:
        y = miny
        while y < maxy:
            heapq.heappush(heap, cell(x + h, y + h, h))
            y += size
        x += size
    # centroid as the first guess
    a = signed_area(outer)
    if a != 0:
        n = len(outer)
        cx = sum((outer[i][0] + outer[(i + 1) % n][0]) * (outer[i][0] * outer[(i + 1) % n][1] - outer[(i + 1) % n][0] * outer[i][1]) for i in range(n)) / (6 * a)
        cy = sum((outer[i][1] + outer[(i + 1) % n][1]) * (outer[i][0] * outer[(i + 1) % n][1] - outer[(i + 1) % n][0] * outer[i][1]) for i in range(n)) / (6 * a)
        best = cell(cx, cy, 0)
    else:
        best = cell(minx, miny, 0)
    while heap:
        c = heapq.heappop(heap)
        if c[1] > best[1]:
            best = c
        if -c[0] - best[1] <= precision:
            continue
        h2 = c[4] / 2
        for dx in (-h2, h2):
            for dy in (-h2, h2):
                heapq.heappush(heap, cell(c[2] + dx, c[3] + dy, h2))
    return (best[2], best[3])


# ---- path output ------------------------------------------------------------------------------
def fmt(v):
    """v in tenths of a px (int) -> shortest decimal text with at most 1 decimal."""
    s = '-' if v < 0 else ''
    v = abs(v)
    q, r = divmod(v, 10)
    if r == 0:
        return s + str(q)
    return s + (str(q) if q else '') + '.' + str(r)


def join_nums(nums):
    out = []
    for k, t in enumerate(nums):
        if k and not t.startswith('-'):
            out.append(' ')
        out.append(t)
    return ''.join(out)


def ring_path(ring):
    """ring: list of (ix, iy) in tenths, closed (first == last)."""
    pts = ring[:-1]
    x0, y0 = pts[0]
    s = 'M' + join_nums([fmt(x0), fmt(y0)])
    nums = []
    px, py = x0, y0
    for x, y in pts[1:]:
        nums += [fmt(x - px), fmt(y - py)]
        px, py = x, y
    if nums:
        s += 'l' + join_nums(nums)
    return s + 'z'


def parse_path(d):
    """Absolute points of a path written by ring_path (M, l, z only)."""
    import re
    pts = []
    for cmd, body in re.findall(r'([MlZz])([^MlZz]*)', d):
        nums = [float(t) for t in re.findall(r'-?\d*\.?\d+', body)]
        if cmd == 'M':
            x, y = nums; pts.append((x, y)); x0, y0 = x, y
        elif cmd == 'l':
            for k in range(0, len(nums), 2):
                x += nums[k]; y += nums[k + 1]; pts.append((round(x, 1), round(y, 1)))
    return pts


def write_readme(out, meta, summary, npts_in, npts_out):
    s25, s63 = summary['2025'], summary['pre2025']
    ins = {i['id']: i for i in meta['insets']}
    def n_inset(sm, i):
        return len(sm['by'].get((ins[i]['code'], ins[i]['part']), []))
    text = f"""# Vietnam province map geometry for server-side SVG (63 and 34 provinces)

Generated by `make_svg_paths.py` (one folder up); do not edit by hand. Re-make with

```
python3 tools/make_svg_paths.py --png
```

(Python 3 standard library only; `--png` also renders the previews with `rsvg-convert`, Debian
package `librsvg2-bin`; `--geo DIR` / `--out DIR` change the input / output folders, defaults
`data/geo` and `data/geo/svg` of the repository). The output is byte-for-byte reproducible.

## Files

| file | what |
| --- | --- |
| `map_pre2025.csv` | `code,part,d`: the 63 provinces in force until 2025-06-30 ({len(s63['rows'])} rows, {s63['total']:,} bytes of path data) |
| `map_2025.csv` | same columns: the 34 provinces from 2025-07-01, dissolved from the 63 by `merger_2025.csv` ({len(s25['rows'])} rows, {s25['total']:,} bytes of path data) |
| `map_meta.json` | viewBox, projection, inset boxes (rect x,y,w,h + Vietnamese/English labels and label anchor), label anchor (x,y) of every province for both layers, attribution |
| `preview_pre2025.svg/.png`, `preview_2025.svg/.png` | previews (random light fills, neighbours differ); for checking only |

- `code`: 2-digit province code (`provinces_pre2025.csv` resp. `provinces_2025.csv`), kept as text ("01").
- `part`: `main` for every province; plus `inset_hoang_sa` for code 48 (Đà Nẵng, in both layers) and
  `inset_truong_sa` for code 56 (Khánh Hòa, in both layers). Colour the inset rows like their province.
- `d`: SVG path data in viewBox units, `{meta['viewBox']}`: per ring an absolute `M x y`, then relative
  `l dx dy ...` on a 0.1 px grid, closed by `z`; several rings (islands) per row. Fill rule: the default
  `nonzero` (rings keep the source orientation; `evenodd` gives the same picture).
- Draw the two inset rectangles (`insets[].rect` in `map_meta.json`) and their label
  (`label_vi` / `label_en`, at `label_anchor`, a caption band at the top inside the box) yourself.

Usage sketch: `<svg viewBox="{meta['viewBox']}">` + the two inset `<rect>`s + one
`<path d="..." fill="COLOUR" stroke="#fff" stroke-width="0.5" stroke-linejoin="round"/>` per row.

## How it was made

1. Input: `boundaries/vn_adm1_pre2025.topojson` (geoBoundaries gbOpen VNM ADM1, build 2021-07-10;
   sha256 checked against `boundaries/README.md`), `boundaries/boundaries_match.csv`
   (geometry -> code), `merger_2025.csv` (old_code -> new_code), `provinces_2025.csv` / `provinces_pre2025.csv` (names).
2. Arcs decoded (cumulative sum of the quantized deltas, then the `transform`).
3. Every ring is classed as mainland or archipelago: rings lying wholly east of 110 deg E
   (Hoàng Sa, Đà Nẵng; Trường Sa, Khánh Hòa), plus Khánh Hòa rings wholly south of 10.5 deg N
   (one DK1 bank at about 109.1 E 7.8 N, part of Trường Sa district, which would otherwise sit
   in the sea where the Trường Sa box is).
4. Projection: equirectangular, x = lon x cos 16 deg; the mainland
   ({meta['projection']['main']['lonlat_bbox']}, lon/lat) is fitted to width 600 with an 8 px margin,
   height {meta['height']}. Formulas (also for placing markers): `{meta['projection']['main']['x']}`,
   `{meta['projection']['main']['y']}`. Each archipelago is projected the same way and scaled to fit its box
   (Hoàng Sa x{ins['hoang_sa']['scale_vs_main']} and Trường Sa x{ins['truong_sa']['scale_vs_main']} of the mainland scale).
5. Douglas-Peucker simplification on each TopoJSON arc (end points fixed) BEFORE rings are
   assembled, tolerance {EPS_MAIN} px on the mainland and {EPS_INSET} px in the insets, then rounding to 0.1 px; a border shared by
   two provinces is therefore the same line for both (no gaps, no slivers), and the 34-unit layer
   uses exactly the same lines as the 63-unit layer. {npts_in:,} -> {npts_out:,} points.
6. 63-unit layer: the TopoJSON rings. 34-unit layer: dissolve by new_code in topology terms: an arc
   used by two members of one new unit is internal and dropped, the rest are chained end-to-start
   into closed rings (islands stay separate rings). Every ring is checked to close.
7. Mainland islets smaller than {MIN_ISLAND} px^2 (about {MIN_ISLAND * 1.73:.1f} km^2) are dropped
   ({s63["stats"]["islet dropped"]} of them, mostly around Quảng Ninh and Kiên Giang); named islands are checked to remain
   (Phú Quốc, Thổ Chu, Côn Sơn, Phú Quý, Lý Sơn, Cù Lao Chàm, Cồn Cỏ, Bạch Long Vĩ, Cát Bà, Hòn Khoai).
   In the insets every ring is kept; reefs smaller than {DOT}x{DOT} px are drawn as a {DOT} px square
   dot ({s63['stats']['inset dots']} of them), atoll lagoons below {INSET_MIN_HOLE} px^2 are filled.
   Rings per inset: Hoàng Sa {n_inset(s63, 'hoang_sa')} (the source has only 22 polygons there, 2 with
   a lagoon), Trường Sa {n_inset(s63, 'truong_sa')}.
8. Label anchors: pole of inaccessibility of each province's largest mainland ring (inside the shape).

The script prints its checks (input hash, 63/34 codes, ring closure for both layers, inset boxes
clear of the mainland, every written point inside its area, named islands present, byte budget).

## Licence and attribution

The source boundaries are licensed **CC BY-SA 4.0** (see `boundaries/README.md`: not CC BY).
These files are adaptations (re-projected, simplified, dissolved into the 34 units, archipelagos
moved into insets), so they are shared under **CC BY-SA 4.0**
(https://creativecommons.org/licenses/by-sa/4.0/). Numbers joined onto the map are not covered.
A map built from these files must carry the attribution:

> {meta['attribution']}

Change note per layer (`change_note_by_layer` in `map_meta.json`): pre-2025: "{CHANGE_NOTE_BY_LAYER['pre2025']}";
2025: "{CHANGE_NOTE_BY_LAYER['2025']}"

## Caveats

- 2016-era, already simplified geometry: fine for a choropleth, not for areas or distances.
- The archipelago polygons outline reefs and banks, not only dry land; the insets are at another
  scale than the mainland (Trường Sa about a quarter) and are positioned schematically.
- Both archipelagos follow Vietnam's administrative division (inside Đà Nẵng and Khánh Hòa).
"""
    with open(os.path.join(out, 'README.md'), 'w', encoding='utf-8') as fh:
        fh.write(text)


# ---- main -------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--geo', default=os.path.join(HERE, '..', 'data', 'geo'))
    ap.add_argument('--out', default=os.path.join(HERE, '..', 'data', 'geo', 'svg'))
    ap.add_argument('--png', action='store_true', help='also render the previews to PNG with rsvg-convert')
    args = ap.parse_args()
    geo, out = args.geo, args.out
    os.makedirs(out, exist_ok=True)

    topo_path = os.path.join(geo, 'boundaries', 'vn_adm1_pre2025.topojson')
    raw = open(topo_path, 'rb').read()
    ok(hashlib.sha256(raw).hexdigest() == TOPO_SHA256, 'input topojson sha256 matches boundaries/README.md')
    readme = open(os.path.join(geo, 'boundaries', 'README.md'), encoding='utf-8').read()
    ok('VNM-ADM1-84948121, build 2021-07-10' in readme and 'CC BY-SA 4.0' in readme,
       'attribution text still matches boundaries/README.md')
    topo = json.loads(raw.decode('utf-8'))
    geoms = topo['objects'][OBJECT]['geometries']
    (sx, sy), (tx, ty) = topo['transform']['scale'], topo['transform']['translate']

    # 1. decode arcs: quantized integer points (topology keys) and lon/lat
    qarcs, arcs_ll = [], []
    for a in topo['arcs']:
        x = y = 0; q = []
        for dx, dy in a:
            x += dx; y += dy; q.append((x, y))
        qarcs.append(q)
        arcs_ll.append([(qx * sx + tx, qy * sy + ty) for qx, qy in q])

    # codes
    match = list(csv.DictReader(open(os.path.join(geo, 'boundaries', 'boundaries_match.csv'), encoding='utf-8')))
    code_by_key = {(r['shapeISO'], r['shapeName']): r['code'] for r in match}
    merger = {r['old_code']: r['new_code'] for r in csv.DictReader(open(os.path.join(geo, 'merger_2025.csv'), encoding='utf-8'))}
    prov_pre = {r['code']: r for r in csv.DictReader(open(os.path.join(geo, 'provinces_pre2025.csv'), encoding='utf-8'))}
    prov_new = {r['code']: r for r in csv.DictReader(open(os.path.join(geo, 'provinces_2025.csv'), encoding='utf-8'))}
    gcode = []
    for g in geoms:
        p = g['properties']
        c = code_by_key.get((p['shapeISO'], p['shapeName']))
        if c is None:
            fail('no code for ' + p['shapeName'])
        gcode.append(c)
    ok(len(set(gcode)) == 63 and set(gcode) == set(prov_pre), '63 geometries -> 63 distinct pre-2025 codes')
    ok(set(merger) == set(gcode) and set(merger.values()) == set(prov_new), 'merger_2025.csv: 63 old codes -> 34 new codes')

    def polys_of(g):
        return [g['arcs']] if g['type'] == 'Polygon' else g['arcs']

    def ring_ll(ring):
        pts = []
        for a in ring:
            seq = arcs_ll[a] if a >= 0 else arcs_ll[~a][::-1]
            pts.extend(seq if not pts else seq[1:])
        return pts

    # 2. classify rings: mainland or one of the insets
    def inset_of(code, pts):
        lons = [p[0] for p in pts]; lats = [p[1] for p in pts]
        if min(lons) > 110.0:
            return 'hoang_sa' if min(lats) > 14.0 else 'truong_sa'
        # Khanh Hoa rings far out at sea south of 10.5 N (DK1 banks, e.g. 109.1 E 7.8 N) belong
        # to the Truong Sa district too; drawn in place they would sit where the inset box is.
        if code == '56' and max(lats) < 10.5:
            return 'truong_sa'
        return 'main'

    arc_frame = {}
    arc_use = Counter()          # how many ring references (all geometries) per arc
    src_rings = []               # (geom index, poly index, ring index, ring arcs, frame)
    for gi, g in enumerate(geoms):
        for pi, poly in enumerate(polys_of(g)):
            for ri, ring in enumerate(poly):
                fr = inset_of(gcode[gi], ring_ll(ring))
                src_rings.append((gi, pi, ri, ring, fr))
                for a in ring:
                    k = a if a >= 0 else ~a
                    arc_use[k] += 1
                    if arc_frame.setdefault(k, fr) != fr:
                        fail('arc %d used in two frames' % k)
    inset_codes = {fr: {gcode[gi] for gi, _, _, _, f in src_rings if f == fr} for fr in ('hoang_sa', 'truong_sa')}
    ok(inset_codes == {'hoang_sa': {'48'}, 'truong_sa': {'56'}},
       'archipelago rings belong to Đà Nẵng (48) / Khánh Hòa (56) only: %s' % inset_codes)

    # projection of the mainland
    main_ll = [p for k, fr in arc_frame.items() if fr == 'main' for p in arcs_ll[k]]
    lon_min = min(p[0] for p in main_ll); lon_max = max(p[0] for p in main_ll)
    lat_min = min(p[1] for p in main_ll); lat_max = max(p[1] for p in main_ll)
    scale = (WIDTH - 2 * PAD) / ((lon_max - lon_min) * COS)          # px per (deg * cos)
    height = math.ceil(2 * PAD + (lat_max - lat_min) * scale)
    ox = PAD - lon_min * COS * scale
    oy = PAD + lat_max * scale

    def proj_main(lon, lat):
        return (ox + lon * COS * scale, oy - lat * scale)

    def inv_main(x, y):
        return ((x - ox) / (COS * scale), (oy - y) / scale)

    # inset boxes and their transforms
    frames = {'main': dict(f=proj_main, eps=EPS_MAIN)}
    for ins in INSETS:
        lon0, lat0 = ins['corner']
        x0, y0 = proj_main(lon0, lat0)
        w, h = ins['size']
        ins['rect'] = dict(x=round(x0, 1), y=round(y0, 1), w=w, h=h)
        pts = [p for k, fr in arc_frame.items() if fr == ins['id'] for p in arcs_ll[k]]
        a0, a1 = min(p[0] for p in pts), max(p[0] for p in pts)
        b0, b1 = min(p[1] for p in pts), max(p[1] for p in pts)
        iw, ih = w - 2 * INSET_INNER_PAD, h - 2 * INSET_INNER_PAD - LABEL_BAND
        s = min(iw / ((a1 - a0) * COS), ih / (b1 - b0))
        cx = ins['rect']['x'] + w / 2 - (a0 + a1) / 2 * COS * s
        cy = ins['rect']['y'] + LABEL_BAND + INSET_INNER_PAD + ih / 2 + (b0 + b1) / 2 * s
        ins['scale'] = s
        ins['xform'] = (cx, cy, s)
        ins['src_bbox'] = [round(a0, 3), round(b0, 3), round(a1, 3), round(b1, 3)]
        frames[ins['id']] = dict(f=(lambda lon, lat, cx=cx, cy=cy, s=s: (cx + lon * COS * s, cy - lat * s)), eps=EPS_INSET)
        ins['label_anchor'] = dict(x=round(ins['rect']['x'] + w / 2, 1), y=round(ins['rect']['y'] + 8.5, 1))

    # no mainland vertex inside an inset box (+2 px), and boxes inside the viewBox
    for ins in INSETS:
        r = ins['rect']
        inside = [p for p in main_ll if r['x'] - 2 <= proj_main(*p)[0] <= r['x'] + r['w'] + 2 and r['y'] - 2 <= proj_main(*p)[1] <= r['y'] + r['h'] + 2]
        ok(not inside, 'inset box %s %s is clear of mainland shapes (%d vertices inside %s)' % (ins['id'], r, len(inside), sorted(set((round(a, 2), round(b, 2)) for a, b in inside))[:8]))
        ok(r['x'] >= 0 and r['x'] + r['w'] <= WIDTH and r['y'] >= 0 and r['y'] + r['h'] <= height, 'inset box %s inside the viewBox' % ins['id'])

    # 3. project + simplify every arc in its frame, then round to the 0.1 px grid
    sarcs = {}
    npts_in = npts_out = 0
    for k, fr in arc_frame.items():
        f = frames[fr]['f']
        pts = [f(lon, lat) for lon, lat in arcs_ll[k]]
        simp = simplify_arc(pts, frames[fr]['eps'])
        r = []
        for x, y in simp:
            p = (int(round(x * 10)), int(round(y * 10)))
            if not r or r[-1] != p:
                r.append(p)
        if len(r) == 1:      # arc collapsed to one grid point: keep end points distinct if they were
            r = [r[0], r[0]]
        sarcs[k] = r
        npts_in += len(pts); npts_out += len(r)
    print('     simplified arcs: %d -> %d points' % (npts_in, npts_out))

    def ring_q(ring):
        """Closed ring of rounded points from signed arc refs."""
        pts = []
        for a in ring:
            seq = sarcs[a] if a >= 0 else sarcs[~a][::-1]
            if pts and pts[-1] != seq[0]:
                fail('simplified arcs do not join')
            pts.extend(seq if not pts else seq[1:])
        return pts

    def ring_closed_topo(ring):
        seq = [qarcs[a] if a >= 0 else qarcs[~a][::-1] for a in ring]
        return all(seq[i][-1] == seq[(i + 1) % len(seq)][0] for i in range(len(seq)))

    # orientation convention of the source: outer rings negative area in lon/lat (clockwise)
    outer_sign = Counter((signed_area(ring_ll(r)) > 0) for _, _, ri, r, _ in src_rings if ri == 0)
    ok(len(outer_sign) == 1, 'all source outer rings have the same orientation')

    # 4. layers: list of (code, frame, ring arc refs)
    layers = {}
    layers['pre2025'] = [(gcode[gi], fr, ring) for gi, pi, ri, ring, fr in src_rings]
    ok(all(ring_closed_topo(r) for _, _, r in layers['pre2025']), 'pre-2025: all %d source rings close' % len(src_rings))

    members = defaultdict(list)
    for gi in range(len(geoms)):
        members[merger[gcode[gi]]].append(gi)
    new_rings = []
    dropped_internal = 0
    for new, gis in sorted(members.items()):
        refs = [(a, fr) for gi, pi, ri, ring, fr in src_rings if gi in gis for a in ring]
        cnt = Counter(a if a >= 0 else ~a for a, _ in refs)
        keep = [(a, fr) for a, fr in refs if cnt[a if a >= 0 else ~a] == 1]
        dropped_internal += sum(1 for v in cnt.values() if v == 2)
        if any(v > 2 for v in cnt.values()):
            fail('arc used more than twice in unit %s' % new)
        start = defaultdict(list)
        def q0(a): return qarcs[a][0] if a >= 0 else qarcs[~a][-1]
        def q1(a): return qarcs[a][-1] if a >= 0 else qarcs[~a][0]
        for a, fr in keep:
            start[q0(a)].append((a, fr))
        used = set()
        for a, fr in keep:
            if a in used:
                continue
            ring, frs = [a], {fr}
            used.add(a)
            node = q1(a)
            while node != q0(ring[0]):
                nxt = [c for c in start[node] if c[0] not in used]
                if not nxt:
                    fail('unit %s: ring does not close' % new)
                ring.append(nxt[0][0]); frs.add(nxt[0][1]); used.add(nxt[0][0])
                node = q1(nxt[0][0])
            if len(frs) != 1:
                fail('unit %s: ring mixes frames' % new)
            new_rings.append((new, frs.pop(), ring))
        if len(used) != len(keep):
            fail('unit %s: %d of %d outer arcs left unchained' % (new, len(keep) - len(used), len(keep)))
    layers['2025'] = new_rings
    ok(all(ring_closed_topo(r) for _, _, r in new_rings),
       '2025: every dissolved ring closes (%d rings, %d internal arcs dropped)' % (len(new_rings), dropped_internal))

    # 5./6. per layer: rings -> filtered -> path data
    names = {'pre2025': prov_pre, '2025': prov_new}
    stats_isl = []
    dropped_by = defaultdict(Counter)
    meta_labels = {}
    summary = {}
    for layer, rings in layers.items():
        by = defaultdict(list)       # (code, part) -> list of rounded closed rings
        stats = Counter()
        for code, fr, ring in rings:
            q = ring_q(ring)
            if q[0] != q[-1]:
                fail('%s %s: simplified ring not closed' % (layer, code))
            a = signed_area(q) / 100.0          # px^2
            ll_area = signed_area(ring_ll(ring))
            is_hole = (ll_area > 0) != list(outer_sign)[0]
            shared = any(arc_use[x if x >= 0 else ~x] > 1 for x in ring)
            distinct = len(set(q))
            if fr == 'main':
                if not shared:
                    if is_hole and abs(a) < MIN_HOLE:
                        stats['lake/hole dropped'] += 1; continue
                    if not is_hole and (abs(a) < MIN_ISLAND or distinct < 3):
                        stats['islet dropped'] += 1; dropped_by[layer][code] += 1; continue
                if distinct < 3 or a == 0:
                    stats['degenerate dropped'] += 1; continue
                # simplification must not flip a ring
                if (a > 0) != (ll_area < 0):     # y axis flips between lon/lat and SVG
                    fail('%s %s: ring orientation flipped by simplification' % (layer, code))
                part = 'main'
            else:
                part = 'inset_' + fr
                if is_hole:
                    if abs(a) < INSET_MIN_HOLE or distinct < 3:
                        stats['inset lagoon filled'] += 1; continue
                elif abs(a) < DOT * DOT or distinct < 3 or (a > 0) != (ll_area < 0):
                    # tiny reef: a DOT x DOT square at its centre, same orientation as outers
                    xs = [p[0] for p in q]; ys = [p[1] for p in q]
                    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
                    hd = DOT * 10 / 2
                    x0, y0 = int(round(cx - hd)), int(round(cy - hd)); d = int(DOT * 10)
                    sq = [(x0, y0), (x0 + d, y0), (x0 + d, y0 + d), (x0, y0 + d), (x0, y0)]
                    if (signed_area(sq) > 0) != (ll_area < 0):
                        sq = sq[::-1]
                    q = sq
                    stats['inset dots'] += 1
                    if q in by[(code, part)]:
                        stats['inset duplicate dot dropped'] += 1; continue
                stats['rings ' + part] += 1
            by[(code, part)].append(q)
            if part == 'main':
                stats['rings main'] += 1

        # write CSV
        rows = []
        total = 0
        for (code, part) in sorted(by, key=lambda k: (k[0], k[1] != 'main', k[1])):
            d = ''.join(ring_path(q) for q in by[(code, part)])
            rows.append((code, part, d))
            total += len(d)
        with open(os.path.join(out, 'map_%s.csv' % layer), 'w', encoding='utf-8', newline='') as fh:
            w = csv.writer(fh, lineterminator='\n')
            w.writerow(['code', 'part', 'd'])
            w.writerows(rows)
        # re-parse the written path data: every point inside the viewBox, inset points inside their box
        boxes = {i['part']: i['rect'] for i in INSETS}
        for code, part, d in rows:
            for x, y in parse_path(d):
                if part == 'main':
                    good = 0 <= x <= WIDTH and 0 <= y <= height
                else:
                    r = boxes[part]
                    good = r['x'] <= x <= r['x'] + r['w'] and r['y'] + LABEL_BAND <= y <= r['y'] + r['h']
                if not good:
                    fail('%s %s %s: point (%s, %s) outside its area' % (layer, code, part, x, y))
        codes = {c for c, _, _ in rows}
        expect = set(names[layer])
        ok(codes == expect, '%s: %d codes with a main shape = the %d codes of the province list'
           % (layer, len({c for c, p, _ in rows if p == 'main'}), len(expect)))
        ok({c for c, p, _ in rows if p == 'main'} == expect, '%s: every code has a main shape' % layer)

        # named islands must survive simplification and the islet filter (approximate positions)
        for name, code, lon, lat in ISLANDS:
            c = code if layer == 'pre2025' else merger[code]
            x, y = proj_main(lon, lat)
            rs = [[(u / 10.0, v / 10.0) for u, v in q[:-1]] for q in by[(c, 'main')]]
            best = min((0.0 if point_in_rings(x, y, [r]) else dist_to_rings(x, y, [r]), abs(signed_area(r))) for r in rs)
            if best[0] > 2.0:
                fail('%s: island %s (%s) missing: nearest ring of %s is %.1f px away' % (layer, name, code, c, best[0]))
            stats_isl.append('%s %.1fpx2' % (name, best[1]))
        ok(True, '%s: named islands present: %s' % (layer, ', '.join(stats_isl)))
        stats_isl.clear()

        # label anchors: pole of inaccessibility of the largest main ring
        labels = {}
        for code in sorted(expect):
            rs = [[(x / 10.0, y / 10.0) for x, y in q[:-1]] for q in by[(code, 'main')]]
            largest = max(rs, key=lambda r: abs(signed_area(r)))
            x, y = polylabel(largest, rs, precision=0.5)
            if not (point_in_rings(x, y, rs) and point_in_rings(x, y, [largest])):
                fail('%s %s: label point outside' % (layer, code))
            labels[code] = dict(x=round(x, 1), y=round(y, 1), name=names[layer][code]['short_name_vi'])
        meta_labels[layer] = labels
        fsize = os.path.getsize(os.path.join(out, 'map_%s.csv' % layer))
        summary[layer] = dict(rows=rows, total=total, fsize=fsize, stats=stats, by=by)

    # meta
    meta = {
        'viewBox': '0 0 %d %d' % (WIDTH, height),
        'width': int(WIDTH), 'height': height,
        'fill_rule': 'nonzero (evenodd gives the same result)',
        'path_format': 'absolute M then relative l, 0.1 px grid, one "z" per ring; several rings per row',
        'projection': {
            'type': 'equirectangular, x = lon * cos(16 deg)',
            'main': {'x': 'x = %.6f + lon * %.6f' % (ox, COS * scale), 'y': 'y = %.6f - lat * %.6f' % (oy, scale),
                     'x0': round(ox, 6), 'kx': round(COS * scale, 6), 'y0': round(oy, 6), 'ky': round(scale, 6),
                     'lonlat_bbox': [round(lon_min, 3), round(lat_min, 3), round(lon_max, 3), round(lat_max, 3)],
                     'note': 'main parts cover everything except the archipelago rings in the insets'},
            'simplification': 'Douglas-Peucker per shared arc, %.2f px mainland / %.2f px insets' % (EPS_MAIN, EPS_INSET),
        },
        'insets': [
            {'id': i['id'], 'part': i['part'], 'code': i['code'], 'rect': i['rect'],
             'label_vi': i['label_vi'], 'label_en': i['label_en'],
             'label_anchor': dict(i['label_anchor'], text_anchor='middle', font_size=7.5, note='text baseline, in the caption band at the top of the box'),
             'source_lonlat_bbox': i['src_bbox'],
             'transform': {'x0': round(i['xform'][0], 6), 'kx': round(COS * i['scale'], 6),
                           'y0': round(i['xform'][1], 6), 'ky': round(i['scale'], 6)},
             'scale_vs_main': round(i['scale'] / scale, 4)}
            for i in INSETS],
        'labels': {
            'note': 'label anchor of each province = pole of inaccessibility of its largest main ring (a point '
                    'inside the shape, as far as possible from its edges); it is the centre of the label, '
                    'e.g. text-anchor=middle with the baseline about 0.35 em lower',
            'pre2025': meta_labels['pre2025'], '2025': meta_labels['2025']},
        'attribution': ATTRIBUTION,
        'change_note_by_layer': CHANGE_NOTE_BY_LAYER,
        'attribution_parts': {'source': ATTRIBUTION_SOURCE, 'change_note': CHANGE_NOTE, 'citation': CITATION},
        'licence': 'CC BY-SA 4.0 (adapted data, shared under the same licence)',
        'licence_url': 'https://creativecommons.org/licenses/by-sa/4.0/',
        'generated_by': 'make_svg_paths.py',
    }
    with open(os.path.join(out, 'map_meta.json'), 'w', encoding='utf-8') as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=1)
        fh.write('\n')

    # previews
    for layer in layers:
        # random light fills, but neighbours (units sharing a border arc) never get the same one
        rnd = random.Random(20250701)
        palette = ['hsl(%d,%d%%,%d%%)' % (h, rnd.randrange(40, 60), rnd.randrange(72, 82)) for h in range(0, 360, 30)]
        nbr = defaultdict(set)
        owners = defaultdict(set)
        for code, fr, ring in layers[layer]:
            for x in ring:
                owners[x if x >= 0 else ~x].add(code)
        for o in owners.values():
            for c1 in o:
                nbr[c1] |= o - {c1}
        fills = {}
        for code in sorted(nbr, key=lambda c: -len(nbr[c])) + sorted(meta_labels[layer]):
            if code not in fills:
                used_f = {fills.get(n) for n in nbr[code]}
                fills[code] = rnd.choice([f for f in palette if f not in used_f])
        parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s" width="%d" height="%d" '
                 'font-family="DejaVu Sans, sans-serif">' % (meta['viewBox'], WIDTH, height),
                 '<rect x="-1000" y="-1000" width="3000" height="4000" fill="#eef4f8"/>']
        for ins in INSETS:
            r = ins['rect']
            parts.append('<rect x="%s" y="%s" width="%s" height="%s" fill="#e3edf3" stroke="#7a8a96" stroke-width="0.6"/>'
                         % (r['x'], r['y'], r['w'], r['h']))
        parts.append('<g stroke="#fff" stroke-width="0.5" stroke-linejoin="round">')
        for code, part, d in summary[layer]['rows']:
            sw = ' stroke="%s" stroke-width="0.3"' % fills[code] if part != 'main' else ''
            parts.append('<path data-code="%s" data-part="%s" fill="%s"%s d="%s"/>' % (code, part, fills[code], sw, d))
        parts.append('</g>')
        for code, lab in meta_labels[layer].items():
            parts.append('<text x="%s" y="%s" font-size="6.5" text-anchor="middle" fill="#333">%s</text>' % (lab['x'], lab['y'] + 2, lab['name']))
        for ins in INSETS:
            la = ins['label_anchor']
            parts.append('<text x="%s" y="%s" font-size="7.5" text-anchor="middle" fill="#333">%s</text>' % (la['x'], la['y'], ins['label_vi']))
        foot = ['geoBoundaries (VNM-ADM1-84948121), CC BY-SA 4.0.'] + [t.strip() for t in CHANGE_NOTE_BY_LAYER[layer].replace(' / ', ' /;').split(';')]
        for k, t in enumerate(foot):   # bottom-left corner (Gulf of Thailand) is empty sea
            parts.append('<text x="6" y="%.1f" font-size="5" fill="#555">%s</text>' % (height - 6 - 6.5 * (len(foot) - 1 - k), t))
        parts.append('</svg>')
        p = os.path.join(out, 'preview_%s.svg' % layer)
        with open(p, 'w', encoding='utf-8') as fh:
            fh.write('\n'.join(parts) + '\n')
        if args.png:
            exe = shutil.which('rsvg-convert')
            if exe:
                subprocess.run([exe, '-w', '900', '-o', p[:-4] + '.png', p], check=True)
            else:
                print('     (rsvg-convert not found: no PNG)')

    write_readme(out, meta, summary, npts_in, npts_out)
    print('     mainland islets dropped per pre-2025 code: %s' % ', '.join('%s:%d' % kv for kv in dropped_by['pre2025'].most_common()))

    # checks summary
    print('---- summary')
    print('viewBox %s   mainland %.3f..%.3f E, %.3f..%.3f N, %.2f px/deg lat' % (meta['viewBox'], lon_min, lon_max, lat_min, lat_max, scale))
    for layer, s in summary.items():
        st = s['stats']
        print('%-8s codes %d, rows %d, path data %d bytes (CSV file %d bytes); main rings %d; %s'
              % (layer, len({c for c, _, _ in s['rows']}), len(s['rows']), s['total'], s['fsize'], st['rings main'],
                 ', '.join('%s %d' % (k, v) for k, v in sorted(st.items()) if not k.startswith('rings'))))
        for ins in INSETS:
            print('         %-16s rings %d (code %s)' % (ins['part'], len(s['by'].get((ins['code'], ins['part']), [])), ins['code']))
    ok(len({c for c, _, _ in summary['pre2025']['rows']}) == 63 and len({c for c, _, _ in summary['2025']['rows']}) == 34, 'counts 63 / 34')
    for layer, s in summary.items():
        ok(s['total'] < 120 * 1024, '%s path data %d bytes < 120 KB' % (layer, s['total']))
    print('all checks passed')


if __name__ == '__main__':
    main()
