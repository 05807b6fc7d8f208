#!/usr/bin/env bash
# ports/fetch.sh PKG DIR - fetch Debian bookworm's source package PKG with
# `apt-get source` and unpack it (Debian's patches applied) into DIR.
#
# The system's apt lists are not touched: a private deb-src list
# (build/ports/apt/src.sources) and lists directory are given to apt-get on
# the command line. Nothing fetched is committed: it all lives under build/.
# DEBIAN_MIRROR overrides the mirror (default http://deb.debian.org/debian).
# Exit status 0: DIR holds the unpacked tree (already there: nothing done);
# 3: the fetch could not be made (offline, no mirror): the caller decides
# whether that is a skip or a failure (tests/ports/check.sh).
set -euo pipefail
pkg=$1
dest=$2
top=$(cd "$(dirname "$0")/.." && pwd)
apt=$top/build/ports/apt
dl=$top/build/ports/dl
[ -f "$dest/.unpacked" ] && exit 0

command -v dpkg-source >/dev/null || { echo "ports/fetch.sh: dpkg-source missing (./build.sh deps installs dpkg-dev)" >&2; exit 1; }
mkdir -p "$apt/lists/partial" "$dl"
cat > "$apt/src.sources" <<SRC
Types: deb-src
URIs: ${DEBIAN_MIRROR:-http://deb.debian.org/debian}
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
opts=(-o "Dir::Etc::SourceList=$apt/src.sources" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$apt/lists" -o Debug::NoLocking=1 -q)

offline() {
    echo "ports/fetch.sh: cannot fetch the Debian source package $pkg ($1): offline?" >&2
    exit 3
}
# The lists once (about 10 MB); again only when they are a day old.
if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*Sources*' -mtime -1 2>/dev/null)" ]; then
    timeout 300 apt-get "${opts[@]}" update >"$apt/update.log" 2>&1 ||
        offline "apt-get update failed, see $apt/update.log"
    ls "$apt/lists" | grep -q Sources || offline "no Sources list came (see $apt/update.log)"
fi
(cd "$dl" && timeout 300 apt-get "${opts[@]}" source --download-only "$pkg" >"$dl/$pkg.log" 2>&1) ||
    offline "apt-get source failed, see $dl/$pkg.log"
dsc=$(ls -t "$dl/${pkg}"_*.dsc | head -1)
rm -rf "$dest"; mkdir -p "$(dirname "$dest")"
dpkg-source -x "$dsc" "$dest" >"$dl/$pkg.unpack.log" 2>&1 ||
    { echo "ports/fetch.sh: dpkg-source -x $dsc failed (see $dl/$pkg.unpack.log)" >&2; exit 1; }
touch "$dest/.unpacked"
echo "ports/fetch.sh: $pkg from $(basename "$dsc") in $dest"
