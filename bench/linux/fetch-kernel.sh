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
#
# Beside the image it keeps what the network benchmark's initramfs needs
# (bench/net/, `make bench-linux`): the kernel's config as DIR/config and
# the modules of virtio-net and what it depends on under DIR/modules/
# (Debian builds virtio_net as a module), listed in load order in
# DIR/modules/order.
set -eu
arch=$1 dir=$2
case $arch in
    x86_64) deb_arch=amd64 ;;
    arm64)  deb_arch=arm64 ;;
    *) echo "fetch-kernel.sh: unknown arch '$arch'" >&2; exit 2 ;;
esac
[ -s "$dir/vmlinuz" ] && [ -s "$dir/modules/order" ] && exit 0
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
# The image, its config and the network modules (no other module is needed:
# -smp 1, the console and the initramfs are built in): virtio-net and the
# virtio transport (virtio_pci, virtio_mmio where it is a module), with what
# they depend on (the "depends" of their .modinfo, as modinfo(8) shows it:
# the package has no modules.dep, depmod makes it at install), dependencies first.
rm -rf "$dir/x" "$dir/modules" && mkdir -p "$dir/x" "$dir/modules"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir/x" --wildcards './boot/vmlinuz-*' \
    './boot/config-*' '*/kernel/drivers/virtio/*' '*/kernel/drivers/net/*' '*/kernel/net/core/*'
img=$(ls "$dir"/x/boot/vmlinuz-*)
mv "$img" "$dir/vmlinuz"
mv "$dir"/x/boot/config-* "$dir/config"
python3 - "$dir/x" "$dir/modules" virtio_pci virtio_mmio virtio_net <<'PY' || exit 1
import os, shutil, sys
top, out, want = sys.argv[1], sys.argv[2], sys.argv[3:]
files = {}
for d, _, names in os.walk(top):
    for n in names:
        if n.endswith(".ko"):
            files[n[:-3].replace("-", "_")] = os.path.join(d, n)
order = []
def add(m):
    if m in order:
        return
    if m not in files:
        sys.exit("fetch-kernel.sh: module %s not in the package" % m)
    data = open(files[m], "rb").read()     # .modinfo: NUL-separated key=value
    i = data.find(b"\0depends=")
    dep = data[i + 9:data.index(b"\0", i + 1)].decode() if i >= 0 else ""
    for d in filter(None, dep.split(",")):
        add(d.replace("-", "_"))
    order.append(m)
if "virtio_net" not in files:
    sys.exit("fetch-kernel.sh: virtio_net is not a module of this kernel")
for w in want:
    if w in files:                  # else built in
        add(w)
with open(os.path.join(out, "order"), "w") as f:
    for m in order:
        shutil.copy(files[m], out)
        f.write(os.path.basename(files[m]) + "\n")
PY
echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >"$dir/version"
rm -rf "$dir/x" "$deb"
echo "bench-linux: $(cat "$dir/version")"
