#!/usr/bin/env bash
# Benchmark (not run by CI): importing N million synthetic microdata rows
# into the store against only parsing the same CSV.
#
#   bench/store/run.sh [ROWS_MILLIONS=10] [WORK_DIR=/tmp/congthuong-bench-store]
#
# Prints the parse-only times (two readings, see crates/store/examples/
# parse_only.rs), the import time (with its reading / preparing / storing
# split) and the ratio import ÷ parse. The target: ratio ≤ 2.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-10}
work=${2:-/tmp/congthuong-bench-store}
mkdir -p "$work"
cargo build --release -q --bin congthuong
cargo build --release -q -p congthuong-store --example synthetic_folder --example parse_only
bin=target/release
if [ ! -f "$work/folder/microdata.csv" ] || [ "$(cat "$work/rows" 2>/dev/null)" != "$rows" ]; then
  rm -rf "$work/folder"
  "$bin/examples/synthetic_folder" "$work/folder" "$rows"
  echo "$rows" > "$work/rows"
fi
size=$(stat -c %s "$work/folder/microdata.csv")
echo "microdata.csv: $size bytes ($rows million rows requested; synthetic data)"
# Warm the page cache so both runs read from memory.
cat "$work/folder/microdata.csv" > /dev/null

# Each measurement is the best of $runs (the machine may be shared).
runs=${RUNS:-3}
sum=999999; keep=999999; plain=999999; import=999999
for i in $(seq "$runs"); do
  parse=$("$bin/examples/parse_only" "$work/folder")
  echo "parse only, run $i: $parse"
  s=$(echo "$parse" | sed -E 's/.*parse_sum_s=([0-9.]+).*/\1/')
  k=$(echo "$parse" | sed -E 's/.*parse_keep_s=([0-9.]+).*/\1/')
  sum=$(echo "if ($s < $sum) $s else $sum" | bc)
  c=$(echo "$parse" | sed -E 's/.*parse_csv_crate_s=([0-9.]+).*/\1/')
  keep=$(echo "if ($k < $keep) $k else $keep" | bc)
  plain=$(echo "if ($c < $plain) $c else $plain" | bc)
done
for i in $(seq "$runs"); do
  rm -rf "$work/data"
  start=$(date +%s.%N)
  "$bin/congthuong" --data-dir "$work/data" --max-upload-bytes 100000000000 \
    import-folder "$work/folder" --base-year 2023 --note bench 2> "$work/import.log"
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  echo "import, run $i: $t s; $(grep -o 'in [0-9.]* s (.*)' "$work/import.log")"
  import=$(echo "if ($t < $import) $t else $import" | bc)
done
cat "$work/import.log"
echo "best parse only (summing reader): $sum s"
echo "best parse only (line-keeping reader): $keep s"
echo "best parse only (csv crate, one thread, no checks): $plain s"
echo "best import (whole command, fresh database): $import s"
echo "ratio import / parse (summing reader): $(echo "scale=2; $import / $sum" | bc)"
echo "ratio import / parse (line-keeping reader): $(echo "scale=2; $import / $keep" | bc)"
echo "ratio import / parse (csv crate): $(echo "scale=2; $import / $plain" | bc)"
ls -la "$work/data"
