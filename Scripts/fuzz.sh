#!/usr/bin/env bash
# Builds the libFuzzer harness (Sources/GlimpseFuzz) and runs it for a while.
#
#   Scripts/fuzz.sh [SECONDS] [extra libFuzzer options...]
#   Scripts/fuzz.sh 1800                        half an hour
#   Scripts/fuzz.sh 0 .fuzz/crashes/crash-...   replay one input (SECONDS 0: no time limit)
#
# Seeds: every .gq script in Examples and Tests/Scripts, copied afresh each run.
# The corpus libFuzzer grows lives in .fuzz/corpus and crashes in .fuzz/crashes;
# .fuzz/ is ignored by git. A crash becomes a golden script or a unit test, then
# the bug is fixed; the input itself is not committed.
#
# One worker, under nice, so builds and tests running beside it are not starved.
# GLIMPSE_FUZZ_CONFIGURATION=release builds with optimisation: about six times the
# executions per second, with the same coverage counters (debug is the default,
# since it is the combination known to instrument reliably).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true

# The harness target exists only with GLIMPSE_FUZZ set (see Package.swift), and only
# this combination of flags reliably gives a fuzzer with coverage instrumentation.
configuration=${GLIMPSE_FUZZ_CONFIGURATION:-debug}
scratch=.build-fuzz
[[ $configuration == release ]] && scratch=.build-fuzz-release
echo "fuzz: building GlimpseFuzz ($configuration, fuzzer + address sanitizer)" >&2
GLIMPSE_FUZZ=1 nice -n 10 swift build -c "$configuration" --scratch-path "$scratch" --product GlimpseFuzz \
    --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address 2>&1 | { grep -v 'Cannot export local symbol' || true; } >&2
fuzzer=$scratch/$configuration/GlimpseFuzz

mkdir -p .fuzz/corpus .fuzz/crashes
rm -rf .fuzz/seeds && mkdir -p .fuzz/seeds
for script in Examples/*.gq Tests/Scripts/*.gq; do
    [[ -e $script ]] && cp "$script" ".fuzz/seeds/$(echo "$script" | tr / _)"
done

options=(-artifact_prefix=.fuzz/crashes/ -dict=Scripts/fuzz.dict -timeout=10 -rss_limit_mb=4096
         -print_final_stats=1)
if [[ $# -gt 0 && -f ${1:-} ]]; then
    # Replaying inputs: no corpus, no time limit.
    exec env SWIFT_BACKTRACE=enable=no "$fuzzer" "${options[@]}" "$@"
fi
[[ $seconds -gt 0 ]] && options+=(-max_total_time="$seconds")

# Without SWIFT_BACKTRACE=enable=no Swift's crash reporter trips the address sanitizer.
SWIFT_BACKTRACE=enable=no nice -n 10 "$fuzzer" "${options[@]}" "$@" .fuzz/corpus .fuzz/seeds
