#!/bin/bash
# One shard of `fundalloc robust` per task of a Slurm job array (MODEL.md §9).
#
#   sbatch --array=0-3 scripts/slurm/robust-array.sh SCENARIO OUTDIR [robust options…]
#   fundalloc merge SCENARIO OUTDIR/shard-*.jsonl [--format …] [-o …]   # when the array is done
#
# Task i of n computes samples i, i+n, … and writes OUTDIR/shard-i.jsonl; the merge is byte for
# byte what one `fundalloc robust SCENARIO` prints. SCENARIO and OUTDIR must be on a folder
# every node sees (the shared home or project file system). FUNDALLOC names the binary
# (default: fundalloc on PATH). On a real cluster add your site's lines, e.g.
#   #SBATCH --partition=compute
#   #SBATCH --time=02:00:00
#   module load glpk     # if GLPK comes as a module rather than a system package
#SBATCH --job-name=fundalloc-robust
#SBATCH --cpus-per-task=1
#SBATCH --output=fundalloc-robust-%A_%a.log
set -euo pipefail
scenario=${1:?usage: sbatch --array=0-(n-1) robust-array.sh SCENARIO OUTDIR [robust options]}
outdir=${2:?usage: sbatch --array=0-(n-1) robust-array.sh SCENARIO OUTDIR [robust options]}
shift 2
i=${SLURM_ARRAY_TASK_ID:?run this with sbatch --array=0-(n-1)}
n=${SLURM_ARRAY_TASK_COUNT:-$(( ${SLURM_ARRAY_TASK_MAX} - ${SLURM_ARRAY_TASK_MIN} + 1 ))}
mkdir -p "$outdir"
exec "${FUNDALLOC:-fundalloc}" robust "$scenario" --shard "$i/$n" --jobs "${SLURM_CPUS_PER_TASK:-1}" \
    -o "$outdir/shard-$i.jsonl" "$@"
