#!/usr/bin/env bash
# The API reference test drives Debian's Chromium through its ChromeDriver. The build installs
# both when they are missing (Debian packages chromium and chromium-driver; root or password-less
# sudo needed), so a fresh machine needs nothing done by hand.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "install-chromium: Chromium is missing and this user cannot install packages;" \
    "run: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "Installing Debian's chromium and chromium-driver for the browser test…"
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver > /dev/null
/usr/bin/chromium --version
