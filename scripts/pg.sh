#!/usr/bin/env bash
# A throwaway PostgreSQL cluster owned by the caller: no system service, no
# password (trust on 127.0.0.1 only), gone with its folder.
#   scripts/pg.sh start DIR PORT [fast]   start a new cluster in DIR (empty or missing)
#   scripts/pg.sh stop DIR                stop it and delete DIR
#   scripts/pg.sh free-port               print a port to start one on
# `fast` turns off fsync: for tests, whose data is thrown away.
# Debian's initdb refuses to run as root, so as root the cluster runs as the
# `postgres` user that Debian's package creates.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (scripts/setup.sh --test installs it)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    dir=$2 port=$3 mode=${4:-}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-locale -E UTF8 >"$dir/initdb.log"
    opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400"
    if [ "$mode" = fast ]; then
      opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/server.log" start -w >/dev/null; then
      # The caller's trap deletes the folder: say why before it goes.
      echo "PostgreSQL did not start on port $port; its log:" >&2
      tail -n 20 "$dir/server.log" >&2 || true
      exit 1
    fi
    ;;
  free-port)
    # Below Linux's ephemeral range (32768-60999): a port in that range can
    # be the local end of a client's connection (the tests make thousands),
    # which no probe sees and which makes the postmaster's bind fail.
    port=25432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
    ;;
  stop)
    dir=$2
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR PORT [fast] | stop DIR | free-port" >&2
    exit 2
    ;;
esac
