#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server binaries are installed for the SQL tests (packages/sql).
# Installs it with apt-get when running as root; otherwise says how and fails, so that CI never
# passes by silently skipping the SQL tests against a real server.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgresql: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
  fi
  echo "ensure-postgresql: apt-get finished but no initdb under /usr/lib/postgresql/*/bin" >&2
  exit 1
fi

echo "ensure-postgresql: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)." >&2
echo "  Install it as root with: apt-get update && apt-get install -y postgresql" >&2
exit 1
