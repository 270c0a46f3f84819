#!/usr/bin/env bash
# The installed package: `cmake --install` of a build tree into a scratch prefix, then a
# project outside the tree built against it twice, by find_package(kvtier) and by
# pkg-config, from C++ and from C; each program must run and pass its checks. The
# installed kvtier binary must run too, and the Python module (if built) import from the
# prefix. Usage: package_test.sh BUILD_DIR
set -u
BUILD=$1
SRC=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvtier-package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cmake --install "$BUILD" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1 || fail "install: $(tail -5 "$WORK/install.log")"
for f in bin/kvtier include/kvtier/kvtier.h include/kvtier/tier_model.h include/kvtier/version.h \
         lib/libkvtier.a lib/cmake/kvtier/kvtierConfig.cmake lib/pkgconfig/kvtier.pc; do
  [ -e "$WORK/prefix/$f" ] || fail "not installed: $f"
done
# Only the public headers: nothing of the library's insides.
[ "$(find "$WORK/prefix/include" -type f | wc -l)" = "$(ls "$SRC/../../include/kvtier" | wc -l | awk '{print $1 + 1}')" ] ||
  fail "installed headers: $(find "$WORK/prefix/include" -type f)"
"$WORK/prefix/bin/kvtier" --version >/dev/null || fail "the installed kvtier does not run"

cmake -S "$SRC/consumer" -B "$WORK/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$WORK/prefix" >"$WORK/configure.log" 2>&1 ||
  fail "find_package(kvtier): $(tail -20 "$WORK/configure.log")"
cmake --build "$WORK/consumer" >"$WORK/build.log" 2>&1 || fail "building against the package: $(tail -20 "$WORK/build.log")"
"$WORK/consumer/consumer_cpp" || fail "the C++ consumer failed"
"$WORK/consumer/consumer_c" >/dev/null || fail "the C consumer failed"

export PKG_CONFIG_PATH="$WORK/prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs kvtier) || fail "pkg-config kvtier"
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror "$SRC/c_api_test.c" -o "$WORK/c_by_pkgconfig" $flags 2>"$WORK/cc.log" ||
  fail "cc with pkg-config's flags: $(tail -20 "$WORK/cc.log")"
"$WORK/c_by_pkgconfig" >/dev/null || fail "the C program built by pkg-config failed"

# The Python module, where the build has one: importable from the prefix alone.
module=$(find "$WORK/prefix/lib" -path '*/dist-packages/kvtier*.so' | head -n 1)
if ls "$BUILD"/python/kvtier*.so >/dev/null 2>&1; then
  [ -n "$module" ] || fail "the Python module was built but not installed"
  PYTHONPATH=$(dirname "$module") /usr/bin/python3 -c '
import kvtier
model = kvtier.TierModel(config="cache-only")
model.use(0, [1, 2], 0)
assert model.use(0, [1, 2], 1).prefix_hit_blocks == 2
' || fail "the installed Python module does not work"
fi
echo "ok"
