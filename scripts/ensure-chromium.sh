#!/usr/bin/env bash
# The playground's end-to-end test drives Debian's Chromium (/usr/bin/chromium) with playwright-core.
# Installs it with apt-get when it is missing and we may (root); otherwise says how.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the playground test (apt-get install chromium)..."
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
else
  echo "The playground test needs Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium' (Debian/Ubuntu)." >&2
  exit 1
fi
