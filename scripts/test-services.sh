#!/usr/bin/env bash
# Make sure what the tests need is here and answering: Chromium (Debian's), PostgreSQL and
# Redis on localhost. Installs with apt-get when run as root and something is missing;
# starts installed services that are stopped. Safe to run again: it only does what's missing.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_PORT=6379
apt_updated=0

say() { printf '[services] %s\n' "$*"; }

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    say "missing: $*; please install it (Debian: apt-get install $*) or run make test as root"
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "installing $* from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() {  # wait_for HOST PORT NAME
  for _ in $(seq 1 60); do
    port_open "$1" "$2" && return 0
    sleep 0.5
  done
  say "$3 did not start answering on $1:$2"
  return 1
}

# --- Chromium, for the browser tests (never a downloaded browser build) ------------------
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium fonts-dejavu-core
fi

# --- npm, for axe-core in the accessibility tests (installed by the test run, never served) --
if ! command -v npm >/dev/null; then
  apt_install npm
fi

# --- Redis ----------------------------------------------------------------------------------
if ! port_open 127.0.0.1 "$REDIS_PORT"; then
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting redis-server on 127.0.0.1:$REDIS_PORT (no persistence)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' \
    --appendonly no --dir /tmp --logfile /tmp/peersupport-test-redis.log
  wait_for 127.0.0.1 "$REDIS_PORT" Redis
fi

# --- PostgreSQL -----------------------------------------------------------------------------
if ! port_open "$PG_HOST" "$PG_PORT"; then
  if ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql
  fi
  if [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    say "no PostgreSQL cluster found; creating one"
    pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main
  fi
  version=$(ls /etc/postgresql | sort -V | tail -1)
  say "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
  wait_for "$PG_HOST" "$PG_PORT" PostgreSQL
fi

# The tests connect as postgres/postgres over TCP. Trust auth ignores the password; on a
# fresh Debian install (scram) the role needs that password, which only a local admin can set.
if command -v psql >/dev/null && \
   ! PGPASSWORD=postgres PGCONNECT_TIMEOUT=5 psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && id postgres >/dev/null 2>&1; then
    say "setting a local test password for the postgres role"
    su postgres -c "psql -qc \"ALTER ROLE postgres PASSWORD 'postgres'\"" >/dev/null
  else
    say "cannot log in to PostgreSQL as postgres/postgres; set TEST_DATABASE_URL for make test"
  fi
fi
say "PostgreSQL, Redis and Chromium are ready"
