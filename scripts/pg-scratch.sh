#!/usr/bin/env bash
# scripts/pg-scratch.sh COMMAND [ARGS…]
# Runs COMMAND beside a throw-away PostgreSQL: a cluster initdb'd in a temporary directory,
# listening on a free loopback port and a Unix socket in that directory, with a database
# `fayuan_test` owned by role `fayuan`. COMMAND sees FAYUAN_TEST_POSTGRES=postgres://… and
# FAYUAN_REQUIRE_POSTGRES=1 (the PostgreSQL tests then fail instead of skipping). The server is
# stopped and the directory removed afterwards, whatever COMMAND's exit status (which is returned).
# As root (CI, this project's machines) the server runs as the `postgres` user Debian's package makes.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ]; then
  echo "没有找到 PostgreSQL 服务端（Debian 包 postgresql）；先运行 scripts/install-deps.sh" >&2
  exit 3
fi
dir=$(mktemp -d /tmp/fayuan-pg.XXXXXX)
runas=()
if [ "$(id -u)" = 0 ]; then
  runas=(runuser -u postgres --)
  chown postgres "$dir"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
  "${runas[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${runas[@]}" "$bindir/initdb" -D "$dir/data" -U fayuan -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 3; }
"${runas[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 3; }
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U fayuan fayuan_test
export FAYUAN_TEST_POSTGRES="postgres://fayuan@127.0.0.1:$port/fayuan_test"
export FAYUAN_REQUIRE_POSTGRES=1
echo "临时 PostgreSQL：$FAYUAN_TEST_POSTGRES（结束后删除）" >&2
set +e
"$@"
status=$?
set -e
exit $status
