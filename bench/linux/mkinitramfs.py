#!/usr/bin/env python3
"""mkinitramfs.py INIT OUT [HOST=GUEST]... - write a Linux initramfs (cpio
"newc") holding /init (the static benchmark program INIT), /dev/console, so
that the kernel can give init a console without devtmpfs, and /dev/null (the
write_null_16b row); each HOST=GUEST adds the host file HOST (symbolic links
followed) as GUEST with its directories (the network benchmark's mosquitto,
its libraries and modules: bench/net/linux.sh). Written here rather than
with cpio(1) so that no device node has to exist on the host and the
archive is the same bytes every time (fixed mtimes, inode numbers, owner).
"""
import sys


def entry(ino, name, mode, data=b"", rdev=(0, 0), nlink=1):
    """One newc record: header, name padded to 4 bytes, data padded to 4."""
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name_b), 0]
    hdr = b"070701" + b"".join(b"%08X" % f for f in fields)
    out = hdr + name_b
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


def build(init_bytes, extra=()):
    parts = [
        entry(1, "dev", 0o040755, nlink=2),
        entry(2, "dev/console", 0o020600, rdev=(5, 1)),
        entry(4, "dev/null", 0o020666, rdev=(1, 3)),
        entry(3, "init", 0o100755, init_bytes),
    ]
    dirs = {"dev"}
    ino = 5
    for host, guest in extra:
        guest = guest.strip("/")
        parent, todo = guest.rpartition("/")[0], []
        while parent and parent not in dirs:
            todo.append(parent)
            dirs.add(parent)
            parent = parent.rpartition("/")[0]
        for d in reversed(todo):
            parts.append(entry(ino, d, 0o040755, nlink=2))
            ino += 1
        with open(host, "rb") as f:
            parts.append(entry(ino, guest, 0o100755, f.read()))
        ino += 1
    parts.append(entry(0, "TRAILER!!!", 0))
    blob = b"".join(parts)
    return blob + b"\0" * (-len(blob) % 512)


def main(argv):
    extra = [a.split("=", 1) for a in argv[3:]]
    if len(argv) < 3 or any(len(e) != 2 or not e[1].strip("/") for e in extra):
        sys.stderr.write("usage: mkinitramfs.py INIT OUT [HOST=GUEST]...\n")
        return 2
    with open(argv[1], "rb") as f:
        init_bytes = f.read()
    if init_bytes[:4] != b"\x7fELF":
        sys.stderr.write("mkinitramfs.py: %s is not an ELF program\n" % argv[1])
        return 1
    with open(argv[2], "wb") as f:
        f.write(build(init_bytes, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
