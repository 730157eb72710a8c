#!/usr/bin/env bash
# Regenerates the measured part of BENCHMARKS.md (between its "bench.sh" markers; the notes
# around it are kept): a release build, then `fayuan-bench` on FRESH stores of 10 000, 100 000
# and 1 000 000 persons and cases (each seeded by `fayuan seed` at the start of its run), the
# 30-window load test on the largest, and the machine, the commit and the load average.
#
#   scripts/bench.sh                 # 10k, 100k, 1M (about 30–40 minutes on 2 cores)
#   scripts/bench.sh 10000 100000    # other sizes; the load test runs on the last one
#
# Environment: BENCH_DIR (stores and raw results; default /tmp/fayuan-bench),
# BENCH_SKIP_BUILD=1 (use the release build as it is), BENCH_LOAD_SECONDS (default 120).
# Raw results: $BENCH_DIR/results/{meta.json,bench-N.json,bench-N.log}.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 0 ] && set -- 10000 100000 1000000
dir="${BENCH_DIR:-/tmp/fayuan-bench}"
out="$dir/results"
mkdir -p "$out"
rm -f "$out"/bench-*.json "$out"/bench-*.log

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release
fi
bin=.build/release

commit="$(git rev-parse --short HEAD)"
git diff --quiet HEAD -- Sources Package.swift || commit="$commit+本地改动"
python3 - "$out/meta.json" "$commit" "$(swift --version 2>&1 | head -1)" "$(sqlite3 --version 2>/dev/null | cut -d' ' -f1)" <<'PY'
import json, os, platform, sys, time
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), platform.system())
json.dump({"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": sys.argv[2], "swift": sys.argv[3],
           "sqlite": sys.argv[4], "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem / 1048576),
           "os": osname, "kernel": platform.release(), "loadavg_start": open("/proc/loadavg").read().split()[:3]},
          open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
PY

last="${!#}"
for n in "$@"; do
    load=(--windows 0 --ticket-processes 0)
    [ "$n" = "$last" ] && load=(--load-seconds "${BENCH_LOAD_SECONDS:-120}")
    echo "== fayuan-bench --persons $n --cases $n ${load[*]}" >&2
    "$bin/fayuan-bench" --persons "$n" --cases "$n" --dir "$dir" "${load[@]}" > "$out/bench-$n.json" 2> >(tee "$out/bench-$n.log" >&2)
done

python3 - "$out/meta.json" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1])); meta["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
json.dump(meta, open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
PY
python3 scripts/bench-report.py "$out" BENCHMARKS.md "$@"
echo "BENCHMARKS.md 已更新（原始结果在 $out）" >&2
