#!/usr/bin/env bash
# `make bench`: run every benchmark in bench/ one after another. Each script measures its
# own reference in the same run (nginx serving the same page, Wagtail's stock search, …) and
# prints ratios; results also land in docs/benchmarks/. QUICK=1 passes --quick for a
# smaller, faster run. Pick some with BENCH="page_weight search_quality".
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
extra=()
[ "${QUICK:-0}" = 1 ] && extra+=(--quick)
status=0
for script in bench/*.py bench/*.sh; do
  name=$(basename "$script"); name=${name%.*}
  case $name in run|_*) continue ;; esac
  if [ -n "${BENCH:-}" ] && [[ " $BENCH " != *" $name "* ]]; then continue; fi
  printf '\n==================== %s ====================\n' "$name"
  case $script in
    *.py) $BIN/python "$script" "${extra[@]}" || status=1 ;;
    *.sh) bash "$script" "${extra[@]}" || status=1 ;;
  esac
done
exit $status
