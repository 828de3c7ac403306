#!/usr/bin/env bash
# The README's main command: build the `scaling` CLI (and the ScalingLaws library the notebooks #r) in Release,
# then run every notebook in notebooks/ headless at the smoke preset, writing out/NAME.ipynb, out/NAME.html and
# out/NAME.summary.json. Extra arguments go to `scaling notebook run`, and a later --param wins:
#   ./run-notebooks.sh --param preset=quick
# Exit code: 0 when every cell of every notebook ran, 1 when a cell failed, 2 for bad input.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/ScalingLaws.Cli/ScalingLaws.Cli.csproj -c Release -nologo -v quiet
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then
  echo "no notebooks in notebooks/" >&2
  exit 2
fi
dotnet src/ScalingLaws.Cli/bin/Release/net10.0/scaling.dll notebook run "${notebooks[@]}" --param preset=smoke --out out "$@"
