#!/usr/bin/env bash
# Instruction-count regression guard for the policy engine (see "Instruction-count regression guard" in
# bench/README.md). Counts, with valgrind --tool=callgrind, the instructions of a fixed evaluation slice
# (PolicyEngine.Match over 5,000 events of the seeded 300-rule workload) and compares the count with the one
# recorded in bench/results/instructions.txt.
#
#   bench/instructions.sh                 build, count, compare; exit 1 if the slice costs > 10 % more
#   bench/instructions.sh --record        build, count, write bench/results/instructions.txt (+ instructions-methods.txt)
#   options: --runs K (default 1; the median is used), --threshold PCT (default 10), --no-build,
#            --events N / --rules R (only with --record, or to try other sizes: a count is compared only
#            with a record of the same settings)
#
# Exit codes: 0 within the threshold (or cheaper), 1 more expensive than the threshold, 2 setup or usage error.
# Not part of ./test.sh or CI. One run takes about 50 s of CPU time (about 1 minute wall clock; up to 6 on a loaded VM).
set -euo pipefail
trap 'echo "instructions.sh: failed at line $LINENO" >&2; exit 2' ERR

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
project="$here/MemoryTriggers.Benchmarks"
exe="$project/bin/Release/net10.0/MemoryTriggers.Benchmarks"
record_file="$here/results/instructions.txt"
methods_file="$here/results/instructions-methods.txt"

record=0 runs=1 threshold=10 build=1 events=5000 rules=300
while [[ $# -gt 0 ]]; do
  case "$1" in
    --record) record=1 ;;
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    --threshold) threshold="${2:?--threshold needs a percentage}"; shift ;;
    --events) events="${2:?--events needs a number}"; shift ;;
    --rules) rules="${2:?--rules needs a number}"; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "instructions.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
for value in "$runs" "$events" "$rules"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "instructions.sh: '$value' is not a whole number" >&2; exit 2; }
done
[[ "$threshold" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "instructions.sh: --threshold '$threshold' is not a percentage" >&2; exit 2; }
(( runs >= 1 )) || { echo "instructions.sh: --runs must be at least 1" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
if [[ $record -eq 1 && -n "${MEMORYTRIGGERS_SLICE_EXTRA_PERCENT:-}" ]]; then
  echo "instructions.sh: MEMORYTRIGGERS_SLICE_EXTRA_PERCENT is set (the guard's self-test); refusing to record" >&2
  exit 2
fi

# The runtime settings that make the count repeatable (bench/README.md explains each). Every other DOTNET_/COMPlus_
# variable of the caller's environment is dropped.
runtime_settings=(
  DOTNET_TieredCompilation=0       # every method compiled once, fully optimized: no tiering thread, no OSR, no PGO
  DOTNET_TieredPGO=0
  DOTNET_ReadyToRun=0              # the framework is JIT-compiled too, as tier 1 would be, not precompiled R2R code
  DOTNET_JitEnableOptionalRelocs=0 # under valgrind, rel32 hints make the JIT fall back to MinOpts (dotnet/runtime#100600)
  DOTNET_EnableWriteXorExecute=0   # valgrind cannot follow double-mapped JIT code
  DOTNET_gcServer=0
  DOTNET_gcConcurrent=0
  DOTNET_GCgen0size=0x4000000
  DOTNET_EnableDiagnostics=0       # no debugger/diagnostics IPC threads
  DOTNET_PerfMapEnabled=3          # a perf map (names of JIT-compiled methods) for the per-method breakdown
)
valgrind_args=(--tool=callgrind --separate-threads=yes --dump-instr=yes --zero-before=getpgrp --dump-before=getppid)
settings_line="rules=$rules events=$events ${runtime_settings[*]} valgrind ${valgrind_args[*]}"

# A count is compared only with a record of the same slice and settings: checked before the slow part.
if [[ $record -eq 0 ]]; then
  [[ -f "$record_file" ]] || { echo "instructions.sh: no record ($record_file); run bench/instructions.sh --record first" >&2; exit 2; }
  recorded="$(awk '/^instructions:/ { print $2 }' "$record_file")"
  recorded_settings="$(sed -n 's/^settings: //p' "$record_file")"
  recorded_runtime="$(sed -n 's/^runtime: //p' "$record_file")"
  if [[ "$recorded_settings" != "$settings_line" ]]; then
    echo "instructions.sh: the recorded count was taken with other settings; compare like with like or re-record." >&2
    echo "  recorded: $recorded_settings" >&2
    echo "  now:      $settings_line" >&2
    exit 2
  fi
fi

if [[ $build -eq 1 ]]; then
  echo "building $project (Release) ..."
  dotnet build "$project" -c Release --nologo -v quiet >/dev/null || {
    echo "instructions.sh: build failed; run: dotnet build bench/MemoryTriggers.Benchmarks -c Release" >&2; exit 2; }
fi
[[ -x "$exe" ]] || { echo "instructions.sh: $exe not found (build it, or drop --no-build)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/mt-instructions-XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Self cost per JIT-compiled method (named through the perf map) of one callgrind dump written with --dump-instr=yes.
methods() { # dump perfmap out
  python3 - "$1" "$2" >"$3" <<'PY' || true
import bisect, collections, re, sys
dump, perfmap = sys.argv[1], sys.argv[2]
symbols = sorted((int(a, 16), int(s, 16), n) for a, s, n in (l.rstrip("\n").split(" ", 2) for l in open(perfmap) if l.count(" ") >= 2))
starts = [s[0] for s in symbols]
names, cost, obj, fn, addr, skip = {}, collections.Counter(), "?", "?", 0, False
def named(kind, text):
    m = re.match(r"\((\d+)\)(?: (.*))?", text)
    if m is None:
        return text
    if m.group(2) is not None:
        names[(kind, m.group(1))] = m.group(2)
    return names.get((kind, m.group(1)), "?")
for line in open(dump):
    line = line.rstrip("\n")
    if not line or line[0] == "#":
        continue
    key, _, value = line.partition("=")
    if key in ("ob", "cob", "fn", "cfn", "fl", "fi", "fe", "cfi", "cfl") and value:
        kind = {"ob": "ob", "cob": "ob", "fn": "fn", "cfn": "fn"}.get(key, "fl")
        text = named(kind, value)
        if key == "ob": obj = text
        if key == "fn": fn = text
        continue
    if key == "calls":
        skip = True
        continue
    if line[0] not in "+-*0123456789":
        continue
    parts = line.split()
    p = parts[0]
    if p.startswith("0x"): addr = int(p, 16)
    elif p[0] == "+": addr += int(p[1:], 0)
    elif p[0] == "-": addr -= int(p[1:], 0)
    if skip:
        skip = False
        continue
    if len(parts) < 3:
        continue
    i = bisect.bisect_right(starts, addr) - 1
    name = symbols[i][2] if i >= 0 and addr < symbols[i][0] + symbols[i][1] else f"{obj.rsplit('/', 1)[-1]}!{fn}"
    name = re.sub(r"\[(Optimized|OptimizedTier1|FullOpts|MinOpts|Tier0|Tier1|PreJIT)[^\]]*\]$", "", name).strip()
    cost[name] += int(parts[-1])
for name, value in cost.most_common():
    print(f"{value}\t{name}")
PY
}

counts=()
for ((run = 1; run <= runs; run++)); do
  out="$work/run$run"; mkdir -p "$out"
  echo "run $run/$runs: valgrind --tool=callgrind ... --instructions-slice --events $events --rules $rules"
  start=$SECONDS
  if ! env $(env | grep -oE '^(DOTNET|COMPlus)_[A-Za-z0-9_]+' | sed 's/^/-u /') \
      "${runtime_settings[@]}" DOTNET_PerfMapJitDumpPath="$out" \
      valgrind "${valgrind_args[@]}" --callgrind-out-file="$out/callgrind.out.%p" --log-file="$out/valgrind.log" \
      "$exe" --instructions-slice --events "$events" --rules "$rules" >"$out/stdout.txt" 2>"$out/stderr.txt"; then
    echo "instructions.sh: the slice failed under valgrind:" >&2
    cat "$out/stdout.txt" "$out/stderr.txt" >&2; tail -20 "$out/valgrind.log" >&2
    exit 2
  fi
  dumps=("$out"/callgrind.out.*.1-*)
  [[ -e "${dumps[0]}" ]] || { echo "instructions.sh: no dump at the end marker; callgrind did not see getppid" >&2; cat "$out/stdout.txt" >&2; exit 2; }
  count=$(awk '/^summary:/ { s += $2 } END { printf "%.0f\n", s }' "${dumps[@]}")
  grep -q '^desc: Trigger: --dump-before=getppid' "${dumps[0]}" || { echo "instructions.sh: unexpected dump ${dumps[0]}" >&2; exit 2; }
  echo "  $(cat "$out/stdout.txt")"
  echo "  slice: $count instructions ($((SECONDS - start)) s)"
  counts+=("$count")
  if command -v python3 >/dev/null && [[ -e "$(ls "$out"/perf-*.map 2>/dev/null | head -1)" ]]; then
    methods "${dumps[0]}" "$(ls "$out"/perf-*.map | head -1)" "$out/methods.tsv"
  fi
done

sorted=($(printf '%s\n' "${counts[@]}" | sort -n))
median=${sorted[$(((runs - 1) / 2))]}
spread=$(awk -v lo="${sorted[0]}" -v hi="${sorted[$((runs - 1))]}" -v m="$median" 'BEGIN { printf "%.3f", m ? 100 * (hi - lo) / m : 0 }')
per_event=$(( events > 0 ? median / events : 0 ))
runtime="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print ".NET " v }')"
echo "median: $median instructions ($per_event per event), runs: ${counts[*]}, spread ${spread} %"

if [[ $record -eq 1 ]]; then
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  git -C "$root" diff --quiet HEAD -- src bench/MemoryTriggers.Benchmarks 2>/dev/null || commit="$commit (with uncommitted changes in src/ or bench/)"
  {
    echo "# Instruction-count regression guard: written by bench/instructions.sh --record (see bench/README.md)."
    echo "# The slice: PolicyEngine.Match over 'events' events of the seeded 'rules'-rule workload, counted by callgrind"
    echo "# between the getpgrp/getppid markers (main thread only). Compare only with the same settings and runtime."
    echo "instructions: $median"
    echo "per_event: $per_event"
    echo "runs: ${counts[*]} (spread ${spread} %)"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $commit"
    echo "runtime: $runtime"
    echo "valgrind: $(valgrind --version)"
    echo "cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) cores)"
    echo "settings: $settings_line"
  } >"$record_file"
  if [[ -s "$work/run1/methods.tsv" ]]; then
    { echo "# Self instructions per method in the recorded slice (run 1), highest first: bench/instructions.sh --record"
      head -60 "$work/run1/methods.tsv"; } >"$methods_file"
  fi
  echo "recorded in ${record_file#"$root"/}"
  exit 0
fi

[[ "$recorded_runtime" == "$runtime" ]] || echo "note: recorded on $recorded_runtime, now $runtime: a runtime update alone can move the count."

change=$(awk -v now="$median" -v was="$recorded" 'BEGIN { printf "%+.2f", 100 * (now - was) / was }')
echo "recorded: $recorded instructions ($(sed -n 's/^commit: //p' "$record_file"), $(sed -n 's/^date: //p' "$record_file"))"
echo "now:      $median instructions"
echo "change:   $change %"
if [[ -n "${MEMORYTRIGGERS_SLICE_EXTRA_PERCENT:-}" ]]; then
  echo "note: MEMORYTRIGGERS_SLICE_EXTRA_PERCENT=$MEMORYTRIGGERS_SLICE_EXTRA_PERCENT (self-test: the slice re-evaluates that share of its events)"
fi

if awk -v c="$change" -v t="$threshold" 'BEGIN { exit !(c > t) }'; then
  echo "REGRESSION: the policy-engine slice costs ${change#+} % more instructions than recorded (threshold $threshold %)."
  if [[ -s "$methods_file" && -s "$work/run1/methods.tsv" ]]; then
    echo "methods whose self cost grew most (now vs recorded, instructions):"
    awk -F'\t' 'NR == FNR { if ($0 !~ /^#/) was[$2] = $1; next } { known = ($2 in was); d = $1 - (known ? was[$2] : 0); if (d > 0) printf "%d\t%d\t%s%s\n", d, $1, $2, known ? "" : " (not in the recorded top 60)" }' \
      "$methods_file" "$work/run1/methods.tsv" | sort -rn | head -10 | awk -F'\t' '{ printf "  %+13d  %13d  %s\n", $1, $2, $3 }'
  fi
  echo "If the slowdown is intended, re-record with: bench/instructions.sh --record"
  exit 1
fi
if awk -v c="$change" -v t="$threshold" 'BEGIN { exit !(c < -t) }'; then
  echo "ok: the slice got cheaper by more than $threshold %; re-record with bench/instructions.sh --record to tighten the guard."
else
  echo "ok: within +$threshold % of the record."
fi
