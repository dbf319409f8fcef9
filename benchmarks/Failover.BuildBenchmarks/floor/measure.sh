#!/usr/bin/env bash
# Interleaved Csc times (compiler server) of the Routes project with its own code, Failover off, plus nothing, the
# Floor/ implementations, the Floor2/ implementations, or Failover's generator and analyzers instead.
# Usage: measure.sh ROUTES_DIR [RUNS]   (run write_floors.py ROUTES_DIR first)
set -euo pipefail
dir=$1; runs=${2:-4}
cd "$dir"
grep -q 'BenchFloor2' Routes.csproj || { echo "Routes.csproj predates the floor switches: rerun the benchmark with --sizes-only first" >&2; exit 1; }
build="dotnet build -c Release --no-restore -nologo -p:BuildProjectReferences=false -p:BenchUserCode=true -p:FailoverGenerator=false -p:FailoverAnalyzers=false -p:UseSharedCompilation=true -clp:PerformanceSummary"
$build -p:BenchFloor=true -p:BenchFloor2=true >/dev/null # untimed: starts the compiler server and warms it
for i in $(seq 1 "$runs"); do
  for variant in none floor floor2 failover; do
    case $variant in
      none) extra="" ;;
      floor) extra="-p:BenchFloor=true" ;;
      floor2) extra="-p:BenchFloor2=true" ;;
      failover) extra="-p:FailoverGenerator=true -p:FailoverAnalyzers=true" ;;
    esac
    touch IArea000Ai.cs
    csc=$($build $extra 2>&1 | grep -E '^\s+[0-9]+ ms\s+Csc ' | awk '{print $1}')
    echo "run $i $variant: Csc ${csc} ms"
  done
done
