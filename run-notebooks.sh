#!/usr/bin/env bash
# The README's main command: build the `scaling` CLI (and the ScalingLaws library the notebooks #r) in Release,
# then run every notebook in notebooks/ headless at the smoke preset, writing out/NAME.ipynb, out/NAME.html and
# out/NAME.summary.json, then render the notebooks that have cached full-scale records from them into out/full-cached/.
# Extra arguments go to the first `scaling notebook run`, and a later --param wins:
#   ./run-notebooks.sh --param preset=quick
# Exit code: 0 when every cell of every notebook ran, 1 when a cell failed, 2 for bad input.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The language notebooks fetch their corpora with the npm client on first use (checked against data/datasets.json).
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; then
    echo "== installing npm (apt) to fetch the text corpora"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null
  else
    echo "npm is needed to fetch the text corpora: install it (apt-get install npm) and run this again" >&2
    exit 2
  fi
fi

dotnet build src/ScalingLaws.Cli/ScalingLaws.Cli.csproj -c Release -nologo -v quiet
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then
  echo "no notebooks in notebooks/" >&2
  exit 2
fi
scaling=(dotnet src/ScalingLaws.Cli/bin/Release/net10.0/scaling.dll)
"${scaling[@]}" notebook run "${notebooks[@]}" --param preset=smoke --out out "$@"

# Notebooks with committed full-scale sweep records are rendered from them too, in seconds: out/full-cached/NAME.html
# shows the full preset's curves without training anything. A notebook names the records it reads on its `cached`
# parameter line ("// full records: SWEEP-full, ..."); it is rendered once every one of them is in data/results.
cached=()
for notebook in "${notebooks[@]}"; do
  line=$(grep -o 'full records: [^"\]*' "$notebook" | head -n 1) || true
  [ -n "$line" ] || continue
  missing=0
  for sweep in $(echo "${line#full records: }" | tr ',' ' '); do
    [ -d "data/results/$sweep" ] || missing=1
  done
  if [ "$missing" -eq 0 ]; then cached+=("$notebook"); else echo "== $notebook: its full records are not all committed yet; no cached render"; fi
done
if [ ${#cached[@]} -gt 0 ]; then
  "${scaling[@]}" notebook run "${cached[@]}" --param preset=full --param cached=true --out out/full-cached
fi
