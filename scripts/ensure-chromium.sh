#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the editor's browser tests.
# Installs it with apt-get when running as root; otherwise says how and fails, so that CI never
# passes by silently skipping the browser tests.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  if [ -x /usr/bin/chromium ]; then
    exit 0
  fi
  echo "ensure-chromium: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi

echo "ensure-chromium: /usr/bin/chromium is missing." >&2
echo "  Install it as root with: apt-get update && apt-get install -y chromium" >&2
exit 1
