#!/bin/bash
# A real single-node Slurm cluster on localhost runs `fundalloc robust` as a 4-task job array
# over the Xianyang baseline with its uncertainty (200 samples); the merged shards must be byte
# for byte the single-process run. Prints both wall times and the speed-up. `make test-slurm`
# runs it (root; installs slurm-wlm and munge when missing; leaves no daemon running).
#   scripts/slurm/test-local-cluster.sh [SAMPLES] [TASKS] [SCENARIO [robust options…]]
# With a scenario and options of its own (Benchmarks/robust.py: the province scale with
# --time-limit) it measures the speed-up only: a solve stopped on the clock is not the same
# plan on every run, so the merge is checked for every sample, not compared byte for byte.
# RUNS=k (default 1) repeats the pair — one process, then the array — k times and reports the
# median speed-up: one pair on this shared machine moved between 1.6x and 2.25x.
set -euo pipefail
runs=${RUNS:-1}
samples=${1:-200}
tasks=${2:-4}
scenario_given=${3:-}
shift $(( $# < 3 ? $# : 3 ))
extra=("$@")
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
# The release binary `make build` makes (and the benchmarks measure): other flags would
# rebuild every module, and again for the next `make build`.
make -s build 2>&1 | tail -1
bin="$root/.build/release/fundalloc"

work=$(mktemp -d /tmp/fundalloc-slurm.XXXXXX)   # a folder every "node" (this machine) sees
conf="$work/slurm.conf"
host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/spool" "$work/state"
cat > "$conf" <<CONF
ClusterName=fundalloc-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmdSpoolDir=$work/spool
StateSaveLocation=$work/state
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$conf"

started_munge=0
cleanup() {
    scontrol shutdown >/dev/null 2>&1 || true
    for pid in "$work/slurmctld.pid" "$work/slurmd.pid"; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
    # The daemons write their state until they are gone: wait for them, then remove the folder.
    while pgrep -x slurmctld >/dev/null || pgrep -x slurmd >/dev/null; do sleep 0.1; done
    if [ "$started_munge" = 1 ]; then
        pkill -x munged 2>/dev/null || true
        # Gone before the next run looks for it (a run right after this one found a dying munged
        # "running", did not start its own, and waited for a node that never registered).
        while pgrep -x munged >/dev/null; do sleep 0.1; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if ! pgrep -x munged >/dev/null; then
    [ -f /etc/munge/munge.key ] || (mungekey --create 2>/dev/null || create-munge-key -f)
    mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
    runuser -u munge -- munged || munged --force
    started_munge=1
fi
slurmctld -f "$conf"
slurmd -f "$conf"
# Wait for what Slurm says, never for a clock: the node idle in the partition.
until sinfo -h -o "%t" 2>/dev/null | grep -q "idle"; do
    if ! pgrep -x slurmctld >/dev/null || ! pgrep -x slurmd >/dev/null || ! pgrep -x munged >/dev/null; then
        echo "slurm did not start:"; tail -5 "$work/slurmctld.log" "$work/slurmd.log" 2>/dev/null; exit 1
    fi
    sleep 0.2
done
echo "cluster: $(sinfo -h -o '%P %D nodes %c CPUs %t')"

scenario=$(readlink -f "${scenario_given:-$root/scenarios/xianyang-uncertain.yaml}")
speedups=()
for run in $(seq "$runs"); do
    rm -rf "$work/shards"
    t0=$(date +%s.%N)
    "$bin" robust "$scenario" --samples "$samples" --jobs 1 --format json -o "$work/one.json" ${extra[@]+"${extra[@]}"}
    t1=$(date +%s.%N)
    FUNDALLOC="$bin" sbatch --wait --quiet --array=0-$((tasks - 1)) --chdir="$work" \
        "$root/scripts/slurm/robust-array.sh" "$scenario" "$work/shards" --samples "$samples" ${extra[@]+"${extra[@]}"}
    # The array ends when its last shard file is written (sbatch --wait itself polls every few
    # seconds, which would count its polling interval as work).
    t2=$(for f in "$work"/shards/shard-*.jsonl; do date -r "$f" +%s.%N; done | sort -n | tail -1)
    "$bin" merge "$scenario" "$work"/shards/shard-*.jsonl --format json -o "$work/merged.json"
    if [ ${#extra[@]} -gt 0 ]; then
        # merge itself checks that the shards hold every sample once.
        echo "merged $tasks shards ($samples samples; options ${extra[*]}: not compared byte for byte)"
    elif cmp -s "$work/one.json" "$work/merged.json"; then
        echo "merged $tasks shards = one process, byte for byte ($samples samples)"
    else
        echo "FAILED: the merged shards differ from the single-process run"; diff "$work/one.json" "$work/merged.json" | head; exit 1
    fi
    speedups+=("$(python3 -c 'import sys; t0, t1, t2 = map(float, sys.argv[1:]); print(f"{t1 - t0:.1f} {t2 - t1:.1f} {(t1 - t0) / (t2 - t1):.2f}")' "$t0" "$t1" "$t2")")
    read -r one array speedup <<< "${speedups[-1]}"
    echo "run $run: one process $one s, the array $array s: ${speedup}x"
done
python3 - "$tasks" "$cpus" "${speedups[@]}" <<'PY'
import statistics, sys
tasks, cpus, runs = sys.argv[1], sys.argv[2], [tuple(map(float, r.split())) for r in sys.argv[3:]]
one, array, speedup = (statistics.median(r[k] for r in runs) for k in range(3))
print(f"one process (--jobs 1): {one:.1f} s; job array of {tasks} tasks on {cpus} CPUs: {array:.1f} s; "
      f"speed-up {speedup:.2f}x (median of {len(runs)} runs: {', '.join(f'{r[2]:.2f}x' for r in runs)})")
PY
