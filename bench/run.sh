#!/usr/bin/env bash
# The IIP benchmark: congthuong `iip compile` against the same computation
# in polars, DuckDB and pandas, and against a floor that only sums the
# quantity column. Run by hand (not by CI); results go to bench/results/.
#
#   bench/run.sh [--sizes 1M,10M,100M] [--runs N] [--big-runs N]
#
# Steps: a Python virtual environment in bench/.venv with the peers
# (bench/requirements.txt, from PyPI); synthetic input folders in
# bench/data/<size> (`congthuong demo generate` when the binary has it,
# else the stand-in bench/gen_standin.py); congthuong and the floor built in
# release; for each size, one run of every tool under /usr/bin/time -v
# (peak memory, and the outputs that bench/compare.py checks against
# congthuong's), then the timed runs (hyperfine when installed, else timed
# here): --runs (default 3) for sizes under 100M, --big-runs (default 1)
# from 100M. A tool that fails, runs out of memory or takes more than
# 30 minutes is recorded as such. bench/report.py turns it all into
# bench/results/report.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
sizes="1M,10M,100M"
runs=3
big_runs=1
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --big-runs) big_runs="$2"; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 1 ;;
    esac
done
limit=1800 # seconds per run
base_year=2015

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q -r "$here/requirements.txt"
py="$venv/bin/python"

echo "== building congthuong and the floor (release)"
(cd "$repo" && cargo build --release -q && cargo build --release -q -p congthuong-intake --example sum_quantity)
bin="$repo/target/release/congthuong"
floor="$repo/target/release/examples/sum_quantity"

rows_of() {
    case "$1" in
        *M) echo $(( ${1%M} * 1000000 )) ;;
        *K) echo $(( ${1%K} * 1000 )) ;;
        *) echo "$1" ;;
    esac
}

generate() { # size dir
    local rows; rows="$(rows_of "$1")"
    local how="stand-in"
    if "$bin" demo generate --help >/dev/null 2>&1; then how="demo"; fi
    # Reuse a folder made earlier by the same generator.
    if [ "$(cat "$2/.complete" 2>/dev/null)" = "$how $rows" ]; then return; fi
    rm -rf "$2"
    if [ "$rows" -ge 50000000 ]; then
        local free_kb; free_kb="$(df -Pk "$here" | awk 'NR==2 {print $4}')"
        if [ "$free_kb" -lt $(( rows / 1000000 * 40 * 1024 * 3 )) ]; then
            echo "not enough disk for $1 rows (need about $(( rows / 1000000 * 40 * 3 )) MB free)" >&2
            exit 1
        fi
    fi
    if [ "$how" = demo ]; then
        echo "== generating $1 rows with congthuong demo generate (synthetic)"
        "$bin" demo generate --out "$2" --rows "$rows" --format csv
    else
        echo "== generating $1 rows with the stand-in generator (synthetic)"
        "$py" "$here/gen_standin.py" --out "$2" --rows "$rows"
    fi
    echo "$how $rows" > "$2/.complete"
}

results="$here/results"
mkdir -p "$results"
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc: $(nproc)"
    echo "ram: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rustc: $(rustc --version)"
    echo "python: $("$py" --version 2>&1)"
    "$py" - <<'EOF'
import duckdb, pandas, polars, pyarrow
print(f"polars: {polars.__version__} (threads {polars.thread_pool_size()})")
threads = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()[0]
print(f"duckdb: {duckdb.__version__} (threads {threads})")
print(f"pandas: {pandas.__version__}, pyarrow: {pyarrow.__version__} (cpu_count {pyarrow.cpu_count()})")
EOF
    echo "hyperfine: $(hyperfine --version 2>/dev/null || echo 'not installed')"
    echo "command: bench/run.sh --sizes $sizes --runs $runs --big-runs $big_runs"
    echo "commit: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- crates src || echo " (with local changes)")"
} > "$results/machine.txt"
cat "$results/machine.txt"

for size in ${sizes//,/ }; do
    data="$here/data/$size"
    generate "$size" "$data"
    out="$here/data/out/$size"
    res="$results/$size"
    rm -rf "$out" "$res"
    mkdir -p "$out" "$res"
    rows="$(rows_of "$size")"
    n=$runs
    if [ "$rows" -ge 100000000 ]; then n=$big_runs; fi

    declare -A cmd=(
        [congthuong]="$bin iip compile --input $data --out $out/congthuong --base-year $base_year"
        [polars]="$py $here/peers/iip_polars.py --input $data --out $out/polars --base-year $base_year"
        [duckdb]="$py $here/peers/iip_duckdb.py --input $data --out $out/duckdb --base-year $base_year"
        [pandas]="$py $here/peers/iip_pandas.py --input $data --out $out/pandas --base-year $base_year"
        [floor]="$floor $data/microdata.csv"
    )
    for tool in floor congthuong polars duckdb pandas; do
        echo "== $size: $tool (peak memory run)"
        rm -rf "${out:?}/$tool"
        set +e
        timeout "$limit" /usr/bin/time -v -o "$res/$tool.time" ${cmd[$tool]} > "$res/$tool.log" 2>&1
        status=$?
        set -e
        echo "$status" > "$res/$tool.status"
        if [ "$status" -ne 0 ]; then
            echo "   failed with status $status (124: over $limit s; 137: killed, e.g. out of memory)"
            continue
        fi
        grep -E 'Elapsed|Maximum resident' "$res/$tool.time" | sed 's/^\s*/   /'
        echo "== $size: $tool ($n timed runs)"
        if command -v hyperfine >/dev/null; then
            hyperfine -N --runs "$n" --export-json "$res/$tool.json" \
                --prepare "rm -rf $out/$tool.hf" \
                "${cmd[$tool]/--out $out\/$tool/--out $out/$tool.hf}" | sed 's/^/   /'
        else
            for i in $(seq "$n"); do
                rm -rf "$out/$tool.hf"
                /usr/bin/time -f '%e' -a -o "$res/$tool.wall" \
                    ${cmd[$tool]/--out $out\/$tool/--out $out/$tool.hf} > /dev/null 2>&1
            done
        fi
        rm -rf "$out/$tool.hf"
    done
    echo "== $size: do the peers agree with congthuong?"
    peers=()
    for tool in polars duckdb pandas; do
        if [ "$(cat "$res/$tool.status")" = 0 ]; then peers+=("$out/$tool"); fi
    done
    set +e
    "$py" "$here/compare.py" "$out/congthuong" "${peers[@]}" | tee "$res/compare.txt"
    echo "${PIPESTATUS[0]}" > "$res/compare.status"
    set -e
done

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
"$py" "$here/report.py" "$results" > "$results/report.md"
echo "== report: bench/results/report.md"
cat "$results/report.md"
