#!/usr/bin/env bash
# kvtier serve over real sockets (TCP and Unix), with a Python client: pipelined requests
# answered in order with the replies worked out in tests/unit/cosim_session_test.cpp; the
# same session twice gives the same bytes; each connection has its own model; a timed
# system's transfers queue as worked by hand; bad lines, an endless line and a last line
# without its newline; SIGTERM and --once stop it cleanly; IPv6 in brackets; bad --listen,
# a bad system and a taken address fail before serving, with their codes.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

cat >"$WORK/client.py" <<'PYEOF'
"""client.py ADDRESS [FILE ...]: sends each file's bytes on its own connection (all the
files' connections open at once, in order), then prints every reply line of each, in turn.
ADDRESS is tcp:HOST:PORT or unix:PATH."""
import socket, sys
kind, _, rest = sys.argv[1].partition(":")
def connect():
    if kind == "unix":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(rest)
        return s
    host, _, port = rest.rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)))
conns = [connect() for _ in sys.argv[2:]]
for s, name in zip(conns, sys.argv[2:]):
    with open(name, "rb") as f:
        try:
            s.sendall(f.read())
            s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server closed first (a refused endless line): its reply is still there
for s in conns:
    data = b""
    while chunk := s.recv(1 << 16):
        data += chunk
    sys.stdout.write(data.decode("utf-8"))
    s.close()
PYEOF

# start_server ARGS...: runs kvtier serve in the background; sets SERVER (pid) and ADDRESS.
start_server() {
  "$KVTIER" serve "$@" 2>"$WORK/serve.err" &
  SERVER=$!
  ADDRESS=
  for _ in $(seq 200); do
    ADDRESS=$(sed -n 's/^kvtier serve: listening on \([^ ]*\) .*/\1/p' "$WORK/serve.err")
    [ -n "$ADDRESS" ] && return 0
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.05
  done
  fail "kvtier serve $* did not start: $(cat "$WORK/serve.err")"
  return 1
}
# stopped WHAT: waits for the server, which must have exited 0 (not in a subshell: only
# this shell can wait for its child).
stopped() {
  local code=0
  wait "$SERVER" || code=$?
  [ "$code" = 0 ] || fail "$1: the server exited $code, expected 0 (stderr: $(cat "$WORK/serve.err"))"
}

SMALL=(--config cache-only --set "tiers.cache.capacity=3 blocks")
cat >"$WORK/session" <<'LINES'
{"op": "info", "id": "a"}
{"op": "use", "blocks": [1, 2, 3, 4], "now_ns": 0}

{"op": "use", "instance": 0, "blocks": [2, 3, 1], "now_ns": 7, "id": [1]}
not json
{"op": "find", "block": 4}
{"op": "use", "blocks": [1], "now_ns": 6}
LINES
printf '{"op": "find", "block": 2}' >>"$WORK/session"  # the last line has no newline
cat >"$WORK/expected" <<'LINES'
{"id":"a","ok":true,"tiers":["cache"],"instances":1,"block_bytes":67108864,"block_tokens":512,"timing":"off"}
{"ok":true,"found_level":[-1,-1,-1,-1],"prefix_hit_blocks":0,"prefix_ready_ns":0}
{"id":[1],"ok":true,"found_level":[0,0,-1],"prefix_hit_blocks":2,"prefix_ready_ns":7}
{"ok":false,"exit_code":65,"error":"line 4: not JSON: parse error at line 1, column 2: syntax error while parsing value - invalid literal; last read: 'no'"}
{"ok":true,"level":-1}
{"ok":false,"exit_code":64,"error":"line 6: use at 6 ns: the model's clock is at 7 ns and never goes back"}
{"ok":true,"level":0}
LINES

# TCP on a free port, --once: the pipelined session's replies, in order; then it stops.
if start_server "${SMALL[@]}" --listen tcp:127.0.0.1:0 --once; then
  "$PY" "$WORK/client.py" "$ADDRESS" "$WORK/session" >"$WORK/got" || fail "the TCP client failed"
  diff -u "$WORK/expected" "$WORK/got" || fail "TCP replies differ from the hand-worked ones"
  stopped "--once, its connection closed"
  [ "$(tail -n 1 "$WORK/serve.err")" = "kvtier serve: stopped" ] || fail "stderr: $(cat "$WORK/serve.err")"
fi

# IPv6, its address in brackets as in URLs (where this machine has an IPv6 loopback).
if "$PY" -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
  if start_server "${SMALL[@]}" --listen 'tcp:[::1]:0' --once; then
    case $ADDRESS in "tcp:[::1]:"[0-9]*) ;; *) fail "IPv6: listening on $ADDRESS, expected tcp:[::1]:PORT" ;; esac
    "$PY" "$WORK/client.py" "$ADDRESS" "$WORK/session" >"$WORK/got" || fail "the IPv6 client failed"
    diff -u "$WORK/expected" "$WORK/got" || fail "IPv6 replies differ from the hand-worked ones"
    stopped "IPv6, --once"
  fi
else
  echo "note: no IPv6 loopback here; tcp:[::1] not tried"
fi

# Timed: the caller's own transfers queue on the DDR's one server (1 MB at 1 GB/s holds it
# 1 ms; DDR read 3 us and PCIe 2 us more), and the counters give their latency.
SLOW=(--set tiers.ddr.read_bandwidth=1GB/s --set tiers.ddr.read_latency=3us --set tiers.ddr.channels=1
      --set tiers.ddr.efficiency=1.0 --set links.pcie.latency=2us --set tiers.hbm.write_latency=0ns)
cat >"$WORK/transfers" <<'LINES'
{"op": "transfer", "from_level": 1, "to_level": 0, "bytes": 1000000, "now_ns": 0}
{"op": "transfer", "from_level": 1, "to_level": 0, "bytes": 1000000, "now_ns": 0}
{"op": "transfer", "from_level": 2, "to_level": 2, "bytes": 1, "now_ns": 0}
LINES
if start_server "${SLOW[@]}" --listen tcp:127.0.0.1:0 --once; then
  "$PY" "$WORK/client.py" "$ADDRESS" "$WORK/transfers" >"$WORK/got_transfers" || fail "the transfer client failed"
  diff -u - "$WORK/got_transfers" <<'LINES' || fail "transfer replies differ from the hand-worked ones"
{"ok":true,"done_ns":1005000}
{"ok":true,"done_ns":2005000}
{"ok":false,"exit_code":64,"error":"line 3: transfer from tier 2 to itself: the levels must differ"}
LINES
  stopped "--once, after the transfers"
fi

# A Unix socket; two connections at once each get a model of their own, and the same
# session gives the same bytes; SIGTERM stops the server and removes the socket.
if start_server "${SMALL[@]}" --listen "unix:$WORK/kv.sock"; then
  [ "$ADDRESS" = "unix:$WORK/kv.sock" ] || fail "listening on $ADDRESS"
  cp "$WORK/session" "$WORK/session2"
  "$PY" "$WORK/client.py" "$ADDRESS" "$WORK/session" "$WORK/session2" >"$WORK/got2" || fail "the Unix client failed"
  cat "$WORK/expected" "$WORK/expected" | diff -u - "$WORK/got2" || fail "two connections did not each get a fresh model"
  kill -TERM "$SERVER"
  stopped SIGTERM
  [ ! -e "$WORK/kv.sock" ] || fail "the socket file was left behind"
fi

# A socket left by a killed server is cleared; a line longer than 16 MiB is refused and
# ends its connection; the server goes on serving others.
if start_server "${SMALL[@]}" --listen "unix:$WORK/kv.sock"; then
  kill -KILL "$SERVER"
  wait "$SERVER" 2>/dev/null
  [ -S "$WORK/kv.sock" ] || fail "kill -9 should leave the socket file"
fi
if start_server "${SMALL[@]}" --listen "unix:$WORK/kv.sock"; then
  head -c $((17 << 20)) /dev/zero | tr '\0' ' ' >"$WORK/endless"
  "$PY" "$WORK/client.py" "$ADDRESS" "$WORK/endless" >"$WORK/got3" || fail "the client of the endless line failed"
  [ "$(cat "$WORK/got3")" = '{"ok":false,"exit_code":65,"error":"a request line is longer than 16777216 bytes"}' ] ||
    fail "endless line: $(head -c 300 "$WORK/got3")"
  printf '{"op":"info"}\n' >"$WORK/info"
  "$PY" "$WORK/client.py" "$ADDRESS" "$WORK/info" | grep -q '"ok":true' || fail "the server stopped serving"
  kill -INT "$SERVER"
  stopped SIGINT
fi

# Failures before serving: each one line, with its exit code.
expect_error 64 "kvtier: error: --listen 'udp:1.2.3.4:5': unknown kind (tcp:HOST:PORT or unix:PATH)" -- \
  serve --listen udp:1.2.3.4:5
expect_error 64 "kvtier: error: --listen 'tcp:127.0.0.1:99999': the port must be 0 to 65535 (tcp:HOST:PORT or unix:PATH)" -- \
  serve --listen tcp:127.0.0.1:99999
expect_error 78 "kvtier: error: --set tiers.hbm.eviction=nosuch: tiers.hbm.eviction: unknown value 'nosuch' (choices: lru, fifo, lfu, arc, s3fifo, sieve, slru, 2q, length_aware, tail_first, ttl, belady)" -- \
  serve --set tiers.hbm.eviction=nosuch
expect_error 64 "kvtier: error: --listen 'tcp:::1:7070': an IPv6 address goes in brackets: tcp:[ADDRESS]:PORT (tcp:HOST:PORT or unix:PATH)" -- \
  serve --listen tcp:::1:7070
touch "$WORK/plain"
expect_error 69 "kvtier: error: --listen unix:$WORK/plain: exists and is not a socket" -- serve --listen "unix:$WORK/plain"
if start_server "${SMALL[@]}" --listen tcp:127.0.0.1:0; then
  taken=$ADDRESS
  first=$SERVER
  expect_error 69 "kvtier: error: --listen '$taken': Address already in use" -- serve --listen "$taken"
  kill -TERM "$first"
  wait "$first"
fi
finish
