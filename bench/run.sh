#!/usr/bin/env bash
# The side-by-side comparison in one command (bench/compare/PROTOCOL.md): builds the generator and the
# three harnesses, installs json-rules-engine from the npm registry (package-lock), generates the rules
# and events (cached in bench/compare/data by seed and generator source), runs every engine x size x
# variant --runs times, verifies every harness's match lines against the reference evaluator, and
# writes bench/results/latest.md. Exit 0 only if every run verified.
#
#   bench/run.sh [--runs N] [--sizes 30,300,3000] [--events N] [--seed N]
#                [--check-seconds S] [--warmup-seconds S] [--measure-seconds S] [--out FILE]
#   bench/run.sh --smoke     # CI's version: 30 rules, 5,000 events, every harness, digests only
#   --no-build               # use what `dotnet build MemoryTriggers.slnx -c Release` built (the tests do)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

runs=3 sizes=30,300,3000 events=100000 seed=42
check=5 warmup=1 measure=1.5
out=bench/results/latest.md smoke=0 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --events) events=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --check-seconds) check=$2; shift 2 ;;
    --warmup-seconds) warmup=$2; shift 2 ;;
    --measure-seconds) measure=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --smoke) smoke=1 runs=1 sizes=30 events=5000 check=600 warmup=0.1 measure=0.1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
say() { printf '[%4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

if [ "$build" = 1 ]; then
  say "building (Release)"
  for project in MemoryTriggers.Compare MemoryTriggers.Compare.Ours MemoryTriggers.Compare.RulesEngine; do
    dotnet build "bench/compare/$project" -c Release --nologo -v quiet
  done
fi
bin() { echo "$root/bench/compare/$1/bin/Release/net10.0/$1.dll"; }
compare=$(bin MemoryTriggers.Compare)

jre=bench/compare/jre
if [ ! -d "$jre/node_modules/json-rules-engine" ] || [ "$jre/package-lock.json" -nt "$jre/node_modules/.package-lock.json" ]; then
  say "installing json-rules-engine (npm ci)"
  npm ci --prefix "$jre" --no-audit --no-fund --loglevel=error
fi

data=bench/compare/data
[ "$smoke" = 1 ] && data=bench/compare/data-smoke
stamp="seed=$seed sizes=$sizes events=$events generator=$(find bench/compare/MemoryTriggers.Compare -name '*.cs' -not -path '*/obj/*' | sort | xargs cat | sha256sum | cut -c1-16)"
if [ "$(cat "$data/.stamp" 2>/dev/null)" != "$stamp" ]; then
  say "generating rules and events ($stamp)"
  rm -rf "$data"
  dotnet "$compare" generate --out "$data" --seed "$seed" --sizes "$sizes" --events "$events"
  mkdir -p "$data/re" "$data/jre"
  for size in ${sizes//,/ }; do
    dotnet "$(bin MemoryTriggers.Compare.RulesEngine)" translate --canonical "$data/rules-$size.canonical.json" --out "$data/re/rules-$size.json"
    node "$jre/translate.js" --canonical "$data/rules-$size.canonical.json" --out "$data/jre/rules-$size.json"
  done
  echo "$stamp" > "$data/.stamp"
else
  say "rules and events are current ($data)"
fi

results=bench/compare/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"
failed=0
for run in $(seq 1 "$runs"); do
  for size in ${sizes//,/ }; do
    for variant in fixed varied; do
      for engine in ours rulesengine json-rules-engine; do
        name="$engine-rules-$size-$variant-$run"
        common=(--events "$data/events-$variant.jsonl" --matches "$results/$name.matches" --result "$results/$name.json"
                --check-seconds "$check" --warmup-seconds "$warmup" --measure-seconds "$measure" --run "$run" --variant "$variant")
        case "$engine" in
          ours)
            extra=()
            if [ "$size" = 300 ] && [ "$smoke" = 0 ]; then extra=(--reload-rules "$data/ours/rules-300.yaml"); fi
            cmd=(dotnet "$(bin MemoryTriggers.Compare.Ours)" --rules "$data/ours/rules-$size.yaml" "${common[@]}" "${extra[@]}") ;;
          rulesengine)
            cmd=(dotnet "$(bin MemoryTriggers.Compare.RulesEngine)" --rules "$data/re/rules-$size.json" "${common[@]}") ;;
          json-rules-engine)
            cmd=(node "$jre/harness.js" --rules "$data/jre/rules-$size.json" "${common[@]}") ;;
        esac
        say "run $run/$runs  $engine  rules-$size  $variant"
        if ! "${cmd[@]}" 2> "$results/$name.log"; then
          echo "  FAILED: $engine harness (log: $results/$name.log)"; tail -n 3 "$results/$name.log" | sed 's/^/    /'
          failed=1; continue
        fi
        if ! dotnet "$compare" verify --expected "$data/expected/rules-$size.$variant.matches" --matches "$results/$name.matches" | sed 's/^/  /'; then
          echo "  MISMATCH: $engine's answers differ from the reference evaluator on rules-$size $variant"; failed=1
        fi
      done
    done
  done
done

if [ "$smoke" = 1 ]; then
  say "smoke: $( [ $failed = 0 ] && echo 'every harness agrees with the reference' || echo 'FAILED')"
  exit $failed
fi

say "writing $out"
dotnet "$compare" report --results "$results" --expected "$data/expected" --out "$out" || failed=1
say "done: $out (raw results in $results)"
exit $failed
