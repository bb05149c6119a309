#!/usr/bin/env bash
# The spec's mutation score (docs/mutation.md): mutmut 3 changes the Python of domain/,
# service_layer/ and entrypoints/ one mutant at a time, and runs on each the tests that reach
# it: the unit tests, the scenarios on the service and http drivers (in-memory store, no
# browser), tests/web and the notebooks' front, in process (served apps left out); a mutant no
# test notices "survived". Configuration: [tool.mutmut] in pyproject.toml.
#
#   bash scripts/mutation.sh                     every package; resumes a run that was stopped
#   bash scripts/mutation.sh domain              one package (or several: domain service_layer)
#   bash scripts/mutation.sh domain.throttle     one module
#   bash scripts/mutation.sh --fresh [...]       forgets earlier results (after the tests changed)
#   bash scripts/mutation.sh --summary           only the summary of the results so far
#
# Long (about 3 s a mutant on 2 cores, ~3900 mutants): run it in the background, e.g.
#   nohup bash scripts/mutation.sh domain > /tmp/mutation-domain.log 2>&1 &
# MUTATION_CHILDREN (default 2) mutants run at a time, under nice -n 19.
# The summary (killed / survived / timed out / no tests per package) is printed and written to
# reports/mutation-summary.txt; the survivors' names to reports/mutation-survivors.txt
# (`.venv/bin/mutmut show NAME` shows one as a diff, `mutmut apply NAME` writes it into src/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh dev mutation
mutmut=.venv/bin/mutmut

summary_only=false
patterns=()
for arg in "$@"; do
  case "$arg" in
    --fresh) rm -rf mutants ;;
    --summary) summary_only=true ;;
    domain* | service_layer* | entrypoints*) patterns+=("precoro_2fa.$arg.*") ;;
    *) echo "unknown argument: $arg (a package: domain, service_layer, entrypoints)" >&2; exit 2 ;;
  esac
done

if ! $summary_only; then
  started=$(date -u +%s)
  # Named mutants are always run again; without a name mutmut runs those not yet decided.
  nice -n 19 "$mutmut" run --max-children "${MUTATION_CHILDREN:-2}" ${patterns[@]+"${patterns[@]}"} \
    | stdbuf -oL tr '\r' '\n' | grep --line-buffered -vE '(mutants|stats|tests|test) *$' || true
    # one line per mutant tried; the spinner's lines ("⠋ Running clean tests") dropped
  echo "mutmut run took $(( ($(date -u +%s) - started) / 60 )) min"
fi

mkdir -p reports
# `mutmut results --all true` prints "    precoro_2fa.<package>.<module>.<function>__mutmut_N: <status>"
"$mutmut" results --all true | sed 's/^ *//' > reports/mutation-results.txt
grep ': survived$' reports/mutation-results.txt | cut -d: -f1 > reports/mutation-survivors.txt || true
{
  printf "%-14s %7s %7s %8s %9s %8s %5s %7s\n" package mutants killed survived "timed out" \
    "no tests" other killed%
  awk -F': ' '
    { split($1, name, "."); package = name[2]; count[package, $2]++; total[package]++ }
    END {
      for (p in total) {
        k = count[p, "killed"]; s = count[p, "survived"]; t = count[p, "timeout"]
        n = count[p, "no tests"]; other = total[p] - k - s - t - n; decided = k + s + t + n
        printf "%-14s %7d %7d %8d %9d %8d %5d %6.1f%%\n", p, total[p], k, s, t, n, other,
          decided ? 100 * k / decided : 0
      }
    }' reports/mutation-results.txt | sort
} | tee reports/mutation-summary.txt
echo "killed% = killed / (killed + survived + timed out + no tests); other = not checked yet,"
echo "suspicious, skipped or segfault. Survivors: reports/mutation-survivors.txt"
