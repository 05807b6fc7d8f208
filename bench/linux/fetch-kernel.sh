#!/usr/bin/env bash
# bench/linux/fetch-kernel.sh ARCH DIR - put Debian's Linux kernel for ARCH
# (x86_64 or arm64) at DIR/vmlinuz and its version in DIR/version.
#
# The package (linux-image-amd64 / linux-image-arm64, a metapackage: the
# image is the linux-image-<abi>-<flavour> it depends on) is fetched with
# `apt-get download` and unpacked with dpkg-deb: nothing is installed on the
# host. arm64 packages cannot be installed on an amd64 host anyway, and this
# way no foreign architecture has to be added to dpkg: apt runs with its
# package lists and cache under DIR/apt. Does nothing if DIR/vmlinuz exists.
set -eu
arch=$1 dir=$2
case $arch in
    x86_64) deb_arch=amd64 ;;
    arm64)  deb_arch=arm64 ;;
    *) echo "fetch-kernel.sh: unknown arch '$arch'" >&2; exit 2 ;;
esac
[ -s "$dir/vmlinuz" ] && exit 0
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial"
dir=$(cd "$dir" && pwd)
apt_opts=(-o "APT::Architectures::=$deb_arch" -o "APT::Architecture=$deb_arch"
    -o "Dir::State::Lists=$dir/apt/lists" -o "Dir::Cache=$dir/apt/cache"
    -o "Dir::State::status=/dev/null" -o "APT::Sandbox::User=root" -q)
echo "bench-linux: fetching Debian's linux-image-$deb_arch"
apt-get "${apt_opts[@]}" update >"$dir/apt/update.log" 2>&1 || {
    cat "$dir/apt/update.log" >&2; exit 1; }
pkg=$(apt-cache "${apt_opts[@]}" depends "linux-image-$deb_arch" |
    awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
if [ -z "$pkg" ]; then
    echo "fetch-kernel.sh: linux-image-$deb_arch names no kernel image package" >&2
    exit 1
fi
rm -f "$dir/apt/"*.deb
(cd "$dir/apt" && apt-get "${apt_opts[@]}" download "$pkg:$deb_arch") >"$dir/apt/download.log" 2>&1 || {
    cat "$dir/apt/download.log" >&2; exit 1; }
deb=$(ls "$dir/apt/"*.deb)
# Only the image: the modules are not needed (no initramfs modules, -smp 1).
rm -rf "$dir/x" && mkdir -p "$dir/x"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir/x" --wildcards './boot/vmlinuz-*'
img=$(ls "$dir"/x/boot/vmlinuz-*)
mv "$img" "$dir/vmlinuz"
echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >"$dir/version"
rm -rf "$dir/x" "$deb"
echo "bench-linux: $(cat "$dir/version")"
