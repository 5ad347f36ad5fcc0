#!/usr/bin/env bash
# Sharding overhead, measured on the commands users run (`crucible run --shard`, `crucible merge`):
#   1. a 100,000-trial grid (SMA fast × slow × stop-loss on 30 days of BTC 1h bars): the single
#      run's CPU time against N shards run one after another plus their merge (goal ≤ 1.1×);
#      the merged ranked.csv must equal the single run's byte for byte;
#   2. the merge of 100 shards of 10,000 trials each (a 1,000,000-trial grid; goal < 10 s wall).
# CPU time is user + system of each process (GNU time). Other work on the machine still inflates
# it (shared caches, migrations), so each command runs REPEAT times (default 3) and the least
# CPU time counts (for the merge of part 2, the least wall time). From the repository root:
#   bash benchmarks/shards/bench-shards.sh [N]            # N shards for part 1 (default 4)
#   SKIP_MILLION=1 bash benchmarks/shards/bench-shards.sh # part 1 only
# CRUCIBLE names a release binary (default: builds `swift build -c release --product crucible`).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
shards=${1:-4}
repeat=${REPEAT:-3}
if [[ -z "${CRUCIBLE:-}" ]]; then
    swift build -c release --package-path "$repo" --product crucible >/dev/null
    CRUCIBLE="$(swift build -c release --package-path "$repo" --show-bin-path)/crucible"
fi
work=$(mktemp -d /tmp/crucible-bench-shards-XXXXXX)
trap 'rm -rf "$work"' EXIT

# spec NAME STOP_LEVELS: fast 1…50 × slow 51…250 × STOP_LEVELS stop-loss levels (10,000 × levels trials).
spec() {
    local last
    last=$(python3 -c "print(($2 - 1) / 1000)")
    cat > "$work/$1.json" <<EOF
{"name": "$1", "seed": 1,
 "data": {"file": "$repo/datasets/btcusdt_1h.csv", "start": "2024-12-01", "end": "2024-12-31"},
 "strategy": {"name": "sma_cross", "parameters": {
    "fast": {"min": 1, "max": 50}, "slow": {"min": 51, "max": 250},
    "stop_loss": {"min": 0, "max": $last, "step": 0.001}}},
 "engine": {"kind": "vectorized", "cash": 10000, "fees": {"taker_bps": 5}},
 "objective": {"metric": "sharpe_ratio", "direction": "maximize"},
 "optimizer": {"kind": "grid"},
 "output": {"folder": "$work/out", "top_k": 10}}
EOF
}

# cpu OUT COMMAND...: runs COMMAND --out OUT REPEAT times (OUT removed before each), quietly;
# prints the least "user+system" and the least wall seconds.
cpu() {
    local out=$1 best_cpu="" best_wall=""
    shift
    for ((r = 0; r < repeat; r++)); do
        rm -rf "$out"
        /usr/bin/time -f "%U %S %e" -o "$work/time" "$@" --out "$out" >/dev/null 2>"$work/stderr" \
            || { cat "$work/stderr" >&2; exit 1; }
        read -r c w < <(awk '{printf "%.2f %.2f\n", $1 + $2, $3}' "$work/time")
        best_cpu=$(python3 -c "print(min(x for x in [$c, ${best_cpu:-$c}]))")
        best_wall=$(python3 -c "print(min(x for x in [$w, ${best_wall:-$w}]))")
    done
    echo "$best_cpu $best_wall"
}

echo "crucible: $CRUCIBLE ($("$CRUCIBLE" --version)); load: $(cut -d' ' -f1-3 /proc/loadavg); best of $repeat"
spec grid100k 10
read -r single_cpu single_wall < <(cpu "$work/single" "$CRUCIBLE" run "$work/grid100k.json")
echo "single run, 100,000 trials:    CPU ${single_cpu} s, wall ${single_wall} s"
sharded_cpu=0
for ((k = 0; k < shards; k++)); do
    read -r c _ < <(cpu "$work/shard-$k" "$CRUCIBLE" run "$work/grid100k.json" --shard "$k/$shards")
    sharded_cpu=$(python3 -c "print($sharded_cpu + $c)")
done
read -r merge_cpu merge_wall < <(cpu "$work/merged" "$CRUCIBLE" merge $(for ((k = 0; k < shards; k++)); do echo "$work/shard-$k"; done))
total=$(python3 -c "print(round($sharded_cpu + $merge_cpu, 2))")
echo "$shards shards + merge:            CPU ${total} s (shards ${sharded_cpu} s, merge ${merge_cpu} s)"
echo "overhead:                      $(python3 -c "print(f'{$total / $single_cpu:.3f}')")× the single run's CPU (goal ≤ 1.1×)"
cmp "$work/single/ranked.csv" "$work/merged/ranked.csv" && echo "merged ranked.csv:             byte-identical to the single run's"

if [[ -z "${SKIP_MILLION:-}" ]]; then
    spec grid1m 100
    for ((k = 0; k < 100; k++)); do
        "$CRUCIBLE" run "$work/grid1m.json" --shard "$k/100" --out "$work/m-$k" >/dev/null 2>"$work/stderr" \
            || { cat "$work/stderr" >&2; exit 1; }
    done
    read -r mcpu mwall < <(cpu "$work/m-merged" "$CRUCIBLE" merge $(for ((k = 0; k < 100; k++)); do echo "$work/m-$k"; done))
    echo "merge of 100 shards × 10,000:  wall ${mwall} s, CPU ${mcpu} s (goal < 10 s)"
fi
