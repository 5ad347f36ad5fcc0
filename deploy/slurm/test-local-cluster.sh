#!/usr/bin/env bash
# A real Slurm cluster on this machine: installs Debian's slurm-wlm and munge, starts munged,
# slurmctld and slurmd on localhost, submits sweep.sbatch as a 4-task job array plus the
# dependent merge job on a short grid, waits, and compares the merged ranked.csv with a
# single-machine run byte for byte. Run as root from anywhere:
#   bash deploy/slurm/test-local-cluster.sh
# CRUCIBLE names a built binary (default: `swift build --product crucible`'s). Every daemon it
# starts is stopped on exit; it exits non-zero if anything differs.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
[[ $(id -u) == 0 ]] || { echo "run as root (it installs packages and starts daemons)" >&2; exit 2; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
if [[ -z "${CRUCIBLE:-}" ]]; then
    swift build --package-path "$repo" --product crucible >/dev/null
    CRUCIBLE="$(swift build --package-path "$repo" --show-bin-path)/crucible"
fi
echo "crucible: $CRUCIBLE ($("$CRUCIBLE" --version))"
echo "slurm: $(slurmctld -V)"

work=$(mktemp -d /tmp/crucible-slurm-XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for f in "$work/slurmd.pid" "$work/slurmctld.pid"; do
        [[ -f $f ]] && pids+=("$(cat "$f")")
    done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 20); do   # wait (at most 10 s) for the daemons we started to exit
        alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        (( alive )) || break
        sleep 0.5
    done
}
trap cleanup EXIT

# munge: a key of our own and a daemon of our own on a socket in $work.
mkdir -p "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chown -R munge:munge "$work/munge"
chmod 755 "$work/munge"; chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
runuser -u munge -- munged --key-file="$work/munge/munge.key" --socket="$socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed"
pids+=("$(cat "$work/munge/munged.pid")")

cpus=$(nproc)
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<CONF
ClusterName=crucible-local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld
slurmd -N localhost
for _ in $(seq 60); do
    sinfo -h -N -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break
    sleep 1
done
sinfo

# A short grid (two months of the bundled data) as the sweep.
python3 - "$repo" "$work" <<'PY'
import json, sys
repo, work = sys.argv[1], sys.argv[2]
spec = json.load(open(f"{repo}/experiments/grid_sma_cross.json"))
spec.pop("$schema", None)
spec["data"].update({"file": f"{repo}/datasets/btcusdt_1h.csv", "start": "2023-01-01", "end": "2023-03-01"})
spec["output"] = {"folder": f"{work}/results", "top_k": 3}
json.dump(spec, open(f"{work}/sweep.json", "w"), indent=1)
PY
"$CRUCIBLE" run "$work/sweep.json" --out "$work/single" --quiet --threads 1 >/dev/null

sbatch=("$repo/deploy/slurm/sweep.sbatch" "$work/sweep.json" "$work/sweep")
array=$(sbatch --parsable --array=0-3 --chdir="$work" --output="$work/slurm-%A_%a.out" \
        --export=ALL,CRUCIBLE="$CRUCIBLE" "${sbatch[@]}")
merge=$(sbatch --parsable --dependency=afterok:"$array" --chdir="$work" --output="$work/slurm-merge-%j.out" \
        --export=ALL,CRUCIBLE="$CRUCIBLE" "${sbatch[@]}")
echo "submitted array job $array (4 tasks) and merge job $merge (afterok:$array)"
squeue
for _ in $(seq 600); do
    [[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ]] && break
    sleep 1
done
for f in "$work"/slurm-*.out; do echo "== $(basename "$f")"; cat "$f"; done

status=0
if [[ ! -f "$work/sweep/merged/ranked.csv" ]]; then
    echo "FAIL: the merge job wrote no ranked.csv" >&2
    tail -20 "$work/slurmctld.log" "$work/slurmd.log" >&2
    status=1
elif cmp "$work/single/ranked.csv" "$work/sweep/merged/ranked.csv"; then
    echo "PASS: 4 Slurm array shards + merge == single run ($(($(wc -l < "$work/single/ranked.csv") - 1)) trials, ranked.csv byte-identical)"
    cmp "$work/single/summary.json" "$work/sweep/merged/summary.json" && echo "PASS: summary.json byte-identical"
else
    echo "FAIL: merged ranked.csv differs from the single run's" >&2
    status=1
fi
exit $status
