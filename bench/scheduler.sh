#!/usr/bin/env bash
# The scheduler benchmark: our solver against CBC's exact optimum (docs/scheduling.md).
# Installs Debian's coinor-cbc when cbc is missing, then runs the bench suite "scheduler".
# Extra arguments go to the suite, e.g. --cbc-time-limit 60, --no-cache, --resolve-samples, --skip-la.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cbc >/dev/null 2>&1; then
  echo "Installing coinor-cbc"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq coinor-cbc
fi

dotnet run -c Release --project bench/SecureBase.Bench -- scheduler "$@"
