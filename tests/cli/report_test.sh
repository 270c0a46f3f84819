#!/usr/bin/env bash
# report.html (and compare.html) in a real browser: headless Chromium parses it (its DOM must hold every
# chart, each with its marks, and nothing non-finite) and paints it (the screenshot must
# show the charts' first colour, #0072B2, over thousands of pixels). The same run writes
# the same report, byte for byte; a flash tier adds the wear charts. Skips (77) where
# Chromium is absent (./build.sh test installs it).
. "$(dirname "$0")/lib.sh"
CHROMIUM=$(command -v chromium || true)
if [ -z "$CHROMIUM" ]; then
  echo "SKIPPED: chromium is absent (Debian package chromium)"
  exit 77
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SUPPORT=$(cd "$(dirname "$0")/../support" && pwd)

browser() { timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$WORK/profile" "$@" 2>>"$WORK/chromium.err"; }

# pixels PNG R G B: how many pixels of the screenshot have exactly that colour (a PNG
# decoder in the standard library's terms: zlib, and the five row filters).
cat >"$WORK/pixels.py" <<'PYEOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
at, idat = 8, b""
while at < len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    body = data[at + 8:at + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    at += 12 + length
assert depth == 8 and colour in (2, 6), f"unexpected PNG format {depth}/{colour}"
bpp = 3 if colour == 2 else 4
raw, stride = zlib.decompress(idat), width * bpp
want, rows, prev, count = tuple(int(v) for v in sys.argv[2:5]), [], bytearray(stride), 0
for y in range(height):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    count += sum(1 for x in range(0, stride, bpp) if tuple(line[x:x + 3]) == want)
    prev = line
print(count)
PYEOF

# The built-in system, its HBM small enough to evict, with a time series: seven charts
# (hits three ways, TTFT, transfer latency, bandwidth and latency over time).
"$KVTIER" run -q --timeseries 10s -s workload.duration=2min -s tiers.hbm.capacity=10GB -o "$WORK/r" || fail "run failed"
[ -s "$WORK/r/report.html" ] || fail "no report.html"
browser --dump-dom "file://$WORK/r/report.html" >"$WORK/dom.html" || fail "chromium could not open the report"
for title in "Where the input tokens came from" "Hit ratio against the Belady bound" "Hit ratio against capacity" \
             "Time to first token, CDF" "Transfer latency by tier, p99 (queueing included)" \
             "Tier bandwidth over time (read + written)" \
             "Transfer latency over time (mean per interval, queueing included)"; do
  grep -qF "<title>$title</title>" "$WORK/dom.html" || fail "the DOM has no chart titled '$title'"
done
[ "$(grep -o '<svg' "$WORK/dom.html" | wc -l)" = 7 ] || fail "the DOM has $(grep -o '<svg' "$WORK/dom.html" | wc -l) charts, expected 7"
[ "$(grep -o '<polyline' "$WORK/dom.html" | wc -l)" = 9 ] ||
  fail "expected 9 lines (the LRU curve, the run, the bound; TTFT; hbm, ddr, qlc; into hbm, into ddr)"
grep -qE 'One LRU cache of [0-9.]+K? blocks matches this run' "$WORK/dom.html" || fail "no LRU capacity matching the run"
[ "$(grep -o '<rect' "$WORK/dom.html" | wc -l)" -ge 6 ] || fail "expected the bars and the legend's swatches"
! grep -qiE 'nan|infinity|nothing to show' "$WORK/dom.html" || fail "a chart shows a non-finite value or nothing"
browser --screenshot="$WORK/shot.png" --window-size=720,2000 "file://$WORK/r/report.html" >/dev/null ||
  fail "chromium could not paint the report"
painted=$("$PY" "$WORK/pixels.py" "$WORK/shot.png" 0 114 178) || fail "the screenshot could not be read"
[ "$painted" -gt 5000 ] || fail "the screenshot has $painted pixels of the first series' colour, expected thousands"

# Deterministic: the same run, the same bytes.
"$KVTIER" run -q --timeseries 10s -s workload.duration=2min -s tiers.hbm.capacity=10GB -o "$WORK/r2" || fail "second run failed"
cmp -s "$WORK/r/report.html" "$WORK/r2/report.html" || fail "report.html differs between identical runs"

# A flash tier's wear, timing off: no latency chart, the wear charts instead.
"$KVTIER" run -q -c "$SUPPORT/ssd_cache.toml" -s workload.duration=1min -o "$WORK/f" || fail "flash run failed"
browser --dump-dom "file://$WORK/f/report.html" >"$WORK/fdom.html" || fail "chromium could not open the flash report"
grep -qF "<title>Write amplification over time</title>" "$WORK/fdom.html" || fail "no write amplification chart"
grep -qF "<title>Life at this run's NAND write rate (to the P/E rating)</title>" "$WORK/fdom.html" || fail "no life chart"
! grep -qF "Time to first token" "$WORK/fdom.html" || fail "a TTFT chart with timing off"
! grep -qF "Transfer latency" "$WORK/fdom.html" || fail "a transfer latency chart with timing off"

# A comparison's page: a bar per point in each of its three charts, a row per point.
"$KVTIER" compare -q -s tiers.hbm.capacity=10GB,40GB -s workload.duration=1min -o "$WORK/c" || fail "compare failed"
[ -s "$WORK/c/points/001/report.html" ] || fail "a compare point has no report.html"
browser --dump-dom "file://$WORK/c/compare.html" >"$WORK/cdom.html" || fail "chromium could not open compare.html"
[ "$(grep -o '<svg' "$WORK/cdom.html" | wc -l)" = 3 ] || fail "compare.html: expected 3 charts"
[ "$(grep -o '<rect' "$WORK/cdom.html" | wc -l)" = 6 ] || fail "compare.html: expected 2 bars in each chart"
[ "$(grep -o '<tr>' "$WORK/cdom.html" | wc -l)" = 3 ] || fail "compare.html: expected a header and 2 rows"
grep -qF "<td>40GB</td>" "$WORK/cdom.html" || fail "compare.html does not name the setting"
finish
