#!/usr/bin/env bash
# Starts (or stops) a one-node Ceph RGW cluster with an in-memory object store on loopback,
# for the S3 integration tests (dependencies.md, "A real S3-compatible server").
#
#   scripts/start-s3.sh start DIR [RGW_PORT] [MON_PORT]   # prints KEY=VALUE lines on success
#   scripts/start-s3.sh stop DIR
#
# Everything (config, mon data, logs, pid files, admin sockets) lives in DIR. The daemons
# listen only on 127.0.0.1. The test user has fixed keys. Tests create their own buckets and
# leave them unversioned, because RGW honours `If-None-Match: *` only on unversioned buckets.
# CEJST_S3_MEMSTORE_BYTES sizes the in-memory object store (default 2 GiB; a national
# release needs about 1.5 times its size).
set -euo pipefail

ACCESS_KEY="CEJSTTESTACCESSKEY01"
SECRET_KEY="cejst-test-secret-key-not-a-secret-0000000"

cmd="${1:-}"; dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR [RGW_PORT] [MON_PORT]" >&2; exit 2
fi

stop() {
  for name in rgw osd mon; do
    if [ -f "$dir/$name.pid" ]; then
      pid="$(cat "$dir/$name.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/$name.pid"
    fi
  done
}

if [ "$cmd" = "stop" ]; then stop; exit 0; fi
if [ "$cmd" != "start" ]; then echo "$0: unknown command $cmd" >&2; exit 2; fi
memstore_bytes="${CEJST_S3_MEMSTORE_BYTES:-2147483648}"
case "$memstore_bytes" in
  ''|*[!0-9]*) echo "$0: CEJST_S3_MEMSTORE_BYTES is not a byte count (got $memstore_bytes)" >&2; exit 2 ;;
esac

for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "$0: $bin is not installed; run: bash scripts/setup-system.sh (installs radosgw ceph-mon ceph-osd)" >&2
    exit 101
  fi
done

rgw_port="${3:-7480}"; mon_port="${4:-6789}"
mkdir -p "$dir/mon" "$dir/osd" "$dir/run" "$dir/log"
dir="$(cd "$dir" && pwd)"
conf="$dir/ceph.conf"
fsid="$(cat /proc/sys/kernel/random/uuid)"
cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms bind msgr2 = false
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon allow pool delete = true
osd crush chooseleaf type = 0
osd pool default pg num = 8
osd pool default pgp num = 8
mon max pg per osd = 1000
run dir = $dir/run
log file = $dir/log/\$name.log
admin socket = $dir/run/\$name.asok
keyring = $dir/keyring
[mon.a]
mon data = $dir/mon
[osd.0]
osd data = $dir/osd
osd objectstore = memstore
memstore device bytes = $memstore_bytes
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
rgw dns name = 127.0.0.1
CONF
touch "$dir/keyring"
export CEPH_CONF="$conf"

on_error() {
  local rc=$? line=$1
  echo "$0: start failed at line $line (exit $rc); last log lines:" >&2
  tail -n 5 "$dir"/log/*.log "$dir/log/start.err" 2>/dev/null | cut -c1-300 >&2 || true
  stop
  exit "$rc"
}
trap 'on_error $LINENO' ERR
t0=$(date +%s.%N)
monmaptool --create --fsid "$fsid" --addv a "[v1:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null
ceph-mon -c "$conf" --id a --mkfs --monmap "$dir/monmap" --keyring /dev/null >/dev/null
ceph-mon -c "$conf" --id a --pid-file "$dir/mon.pid" 2>>"$dir/log/start.err"
osd_id="$(ceph -c "$conf" osd create 2>/dev/null)"
ceph -c "$conf" osd crush add "osd.$osd_id" 1 root=default >/dev/null 2>&1
ceph-osd -c "$conf" --id 0 --mkjournal --mkfs >/dev/null 2>&1
# On a loaded machine the first OSD start sometimes exits 250 before the mon has settled.
osd_up=""
for attempt in 1 2 3 4 5; do
  if ceph-osd -c "$conf" --id 0 --pid-file "$dir/osd.pid" 2>>"$dir/log/start.err"; then osd_up=1; break; fi
  echo "ceph-osd start attempt $attempt failed" >>"$dir/log/start.err"; sleep 2
done
if [ -z "$osd_up" ]; then
  echo "$0: ceph-osd did not start; see $dir/log/osd.0.log" >&2
  tail -n 20 "$dir/log/osd.0.log" "$dir/log/start.err" >&2 2>/dev/null || true
  stop; exit 106
fi
radosgw -c "$conf" -n client.rgw.a --pid-file "$dir/rgw.pid" 2>>"$dir/log/start.err"
up=""
for _ in $(seq 1 600); do
  if curl -s -o /dev/null "http://127.0.0.1:$rgw_port/"; then up=1; break; fi
  if [ -f "$dir/rgw.pid" ] && ! kill -0 "$(cat "$dir/rgw.pid")" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$up" ]; then
  echo "$0: radosgw did not come up on 127.0.0.1:$rgw_port; see $dir/log/client.rgw.a.log" >&2
  stop; exit 106
fi
timeout 60 radosgw-admin -c "$conf" user create --uid cejst --display-name cejst \
  --access-key "$ACCESS_KEY" --secret "$SECRET_KEY" >/dev/null
t1=$(date +%s.%N)
echo "ENDPOINT=http://127.0.0.1:$rgw_port"
echo "ACCESS_KEY=$ACCESS_KEY"
echo "SECRET_KEY=$SECRET_KEY"
echo "STARTUP_SECONDS=$(echo "$t1 - $t0" | bc)"
