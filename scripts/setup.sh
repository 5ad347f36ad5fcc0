#!/usr/bin/env bash
# Installs the system libraries Crucible links against, then builds the release binary.
# Idempotent: packages already present are left alone. Run as root (or with sudo) on Debian/Ubuntu.
set -euo pipefail

packages=(libgsl-dev libopenblas-dev liblapacke-dev libsqlite3-dev libxgboost-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: system libraries already installed (${packages[*]})"
fi

echo "setup: building crucible (release)"
swift build -c release --product crucible
echo "setup: done"
