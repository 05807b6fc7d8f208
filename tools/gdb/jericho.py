# tools/gdb/jericho.py - gdb helpers for JerichoOS (docs/debugging.md).
#
# Loaded by the command `make debug` prints (source tools/gdb/jericho.py).
# Commands:
#   jericho tasks              every task: id, name, state, priority, flags
#   jericho cspace [TASK]      a task's capabilities: slot, type, rights, badge
#   jericho wasm-stack [TASK]  a wasm task's call stack: functions (names from
#                              the module's name section, else its exports,
#                              else the index) and code offsets
#   jericho runq               the scheduler: current, run queues, sleepers
# TASK is a task id or name; the default is the current task.
#
# Everything is read by field name through the kernel's debug information,
# so a field that moves costs nothing; a field that is renamed or removed
# makes the command fail loudly (tests/debug/check.sh runs every command, so
# a change that breaks one is caught). The wasm stack depends on the
# engine's exec and frames (src/interp/rtobj.h: wasm_exec.{frames, depth,
# pc, inst, suspended, running}, wrt_frame_t.{ret_pc, inst}), its compiled
# code (src/interp/code.h: wcode_module_t.fns, wcode_fn_t.{code, ncells})
# and, for a call that is running, the interpreter loop's locals (wexec_run:
# ret at a host call, else pc, depth, inst); loop_position is the one place
# that knows the loop, read_exec_position the one that knows the exec.

import struct

import gdb

TASK_FLAGS = (("is_boot", "boot"), ("is_idle", "idle"), ("kill_pending", "kill posted"))
RIGHTS = "RWGM"     # include/kernel/cap.h: READ 1, WRITE 2, GRANT 4, MANAGE 8


# ---- reading kernel state ---------------------------------------------------

def static_var(name, file_hint):
    """A file-static variable (e.g. sched.c's run queues)."""
    for sym in gdb.lookup_static_symbols(name):
        if sym.symtab and sym.symtab.filename.endswith(file_hint):
            return sym.value()
    sym = gdb.lookup_global_symbol(name)
    if sym is None:
        raise gdb.GdbError("jericho: no symbol %s (%s): is this a JerichoOS kernel?"
                           % (name, file_hint))
    return sym.value()


def global_var(name):
    sym = gdb.lookup_global_symbol(name)
    if sym is None:
        raise gdb.GdbError("jericho: no global %s: is this a JerichoOS kernel?" % name)
    return sym.value()


def ptr(v):
    return int(v.cast(gdb.lookup_type("unsigned long")))


def task_name(t):
    return t["name"].string(length=16).split("\0")[0]


def queue(q):
    """Tasks of a taskq_t, head to tail."""
    out, t, seen = [], q["head"], set()
    while ptr(t) and ptr(t) not in seen:
        seen.add(ptr(t))
        out.append(t)
        t = t["q_next"]
    return out


def all_tasks():
    """task_all_ (every task from task_create to task_free), plus what only
    the scheduler knows of (the boot task), oldest first."""
    found, order = set(), []

    def add(t):
        if ptr(t) and ptr(t) not in found:
            found.add(ptr(t))
            order.append(t)

    t = global_var("task_all_")
    while ptr(t) and ptr(t) not in found:
        add(t)
        t = t["all_next"]
    add(global_var("sched_current_"))
    rq = static_var("rq", "sched.c")
    for level in range(rq.type.range()[1] + 1):
        for t in queue(rq[level]):
            add(t)
    t = static_var("sleepers", "sched.c")
    while ptr(t) and ptr(t) not in found:
        add(t)
        t = t["sleep_next"]
    for t in list(order):
        for j in queue(t["joiners"]):
            add(j)
    return sorted(order, key=lambda t: int(t["id"]))


def find_task(arg):
    arg = arg.strip()
    if not arg:
        t = global_var("sched_current_")
        if not ptr(t):
            raise gdb.GdbError("jericho: no current task (before sched_init)")
        return t
    for t in all_tasks():
        if arg == task_name(t) or (arg.isdigit() and int(arg) == int(t["id"])):
            return t
    raise gdb.GdbError("jericho: no task %r (see `jericho tasks`)" % arg)


def wtask_of(t):
    """The wtask_t of a wasm task (task_t.user, wtask.c), or None."""
    u = t["user"]
    if not ptr(u):
        return None
    return u.cast(gdb.lookup_type("wtask_t").pointer())


def enum_name(v, prefix):
    s = str(v)
    return s[len(prefix):] if s.startswith(prefix) else s


# ---- wasm: modules, names, code -----------------------------------------------

_names_cache = {}


def leb(b, i):
    v, shift = 0, 0
    while True:
        x = b[i]
        i += 1
        v |= (x & 0x7f) << shift
        shift += 7
        if x < 0x80:
            return v, i


def function_names(module):
    """{function index: name} from the module's name section (custom
    section "name", subsection 1); its exports name the others."""
    key = ptr(module)
    if key in _names_cache:
        return _names_cache[key]
    names = {}
    n = int(module["len"])
    data = bytes(gdb.selected_inferior().read_memory(ptr(module["bytes"]), n)) if n else b""
    i = 8
    try:
        while i < len(data):
            sid, i = data[i], i + 1
            size, i = leb(data, i)
            end = i + size
            if sid == 0:
                nlen, j = leb(data, i)
                if data[j:j + nlen] == b"name":
                    j += nlen
                    while j < end:
                        sub, j = data[j], j + 1
                        ssize, j = leb(data, j)
                        if sub == 1:
                            count, k = leb(data, j)
                            for _ in range(count):
                                idx, k = leb(data, k)
                                ln, k = leb(data, k)
                                names[idx] = data[k:k + ln].decode("utf-8", "replace")
                                k += ln
                        j += ssize
            i = end
    except IndexError:
        pass                                # a malformed name section: use what we have
    for e in range(int(module["nexports"])):  # exports name the others
        ex = module["exports"][e]
        if int(ex["kind"]) == 0:            # WASM_EXTERN_FUNC
            names.setdefault(int(ex["index"]), ex["name"].string())
    _names_cache[key] = names
    return names


def locate(inst, pc):
    """(function index, cell offset, module) of code address pc in an
    instance's compiled code, or None."""
    if not ptr(inst) or not pc:
        return None
    module = inst["module"]
    comp = module["compiled"]
    if not ptr(comp):
        return None
    comp = comp.cast(gdb.lookup_type("wcode_module_t").pointer())
    cell = gdb.lookup_type("wcell_t").sizeof
    for i in range(int(comp["nfuncs"])):
        fn = comp["fns"][i]
        code, ncells = ptr(fn["code"]), int(fn["ncells"])
        if code <= pc < code + ncells * cell:
            return int(module["nimport_funcs"]) + i, (pc - code) // cell, module
    return None


def describe(inst, pc):
    loc = locate(inst, pc)
    if loc is None:
        return "?? at %#x" % pc
    idx, off, module = loc
    name = function_names(module).get(idx)
    body = ptr(module["funcs"][idx]["body"]) - ptr(module["bytes"])
    label = "%s (func %d)" % (name, idx) if name else "func %d" % idx
    return "%s +cell %d (body at module offset %#x)" % (label, off, body)


def in_engine(frame):
    """Is frame's function part of the engine (src/interp/)?"""
    fn = frame.function()
    return fn is not None and fn.symtab is not None and "src/interp/" in fn.symtab.filename


def loop_position(ex):
    """The innermost wasm position from gdb's frames for the registers gdb
    has now: (pc, depth, inst, how), or None. Stopped in a host function
    (a system call), the exec holds the caller's continuation in its pc
    and the depth (the engine stores both before every host call; its
    inst is kept current); stopped in the loop itself, its locals `pc`,
    `depth`, `inst` when the compiler kept them."""
    f, newer = gdb.newest_frame(), None
    while f is not None and f.name() != "wexec_run":
        f, newer = f.older(), f
    if f is None:
        return None
    try:
        interrupted = newer is not None and newer.type() == gdb.SIGTRAMP_FRAME
        if newer is not None and not interrupted and newer.name() and not in_engine(newer):
            # The engine stores the caller's continuation in the exec's pc
            # before every host call (the loop's local `ret` is not set
            # on a leaf host function's path, and may be stale).
            ret = ex["pc"]
            if int(ret) != 0:
                return (ptr(ret), int(ex["depth"]), ex["inst"],
                        "in a host function (%s)" % newer.name())
        pc, depth, inst = f.read_var("pc"), f.read_var("depth"), f.read_var("inst")
        if not (pc.is_optimized_out or depth.is_optimized_out or inst.is_optimized_out):
            return (ptr(pc), int(depth), inst,
                    "interrupted in the interpreter loop" if interrupted else "in the interpreter loop")
    except (gdb.error, ValueError):
        pass
    return None


def saved_registers(t):
    """The registers of a switched-out task as arch_context_switch left
    them (src/hal/<arch>/switch.S): enough for gdb to unwind its stack."""
    ctx = t["ctx"]
    arch = gdb.newest_frame().architecture().name()
    if "x86-64" in arch:
        rsp = int(ctx["rsp"])           # r15 r14 r13 r12 rbx rbp, return address
        w = struct.unpack("<7Q", bytes(gdb.selected_inferior().read_memory(rsp, 56)))
        regs = dict(zip(("r15", "r14", "r13", "r12", "rbx", "rbp"), w))
        regs.update(rsp=rsp + 56, rip=w[6])
        return regs
    if "aarch64" in arch:
        x = ctx["x"]
        regs = {"x%d" % (19 + i): int(x[i]) for i in range(12)}
        regs.update(sp=int(ctx["sp"]), pc=int(x[11]))
        return regs
    raise gdb.GdbError("jericho: unknown architecture %s" % arch)


def with_registers(regs, fn):
    """Run fn with the CPU's registers set to regs (a switched-out task's),
    then put every one back."""
    gdb.newest_frame().select()
    old = {r: int(gdb.parse_and_eval("$" + r).cast(gdb.lookup_type("unsigned long")))
           for r in regs}
    try:
        for r, v in regs.items():
            gdb.execute("set $%s = %#x" % (r, v), to_string=True)
        return fn()
    finally:
        for r, v in old.items():
            gdb.execute("set $%s = %#x" % (r, v), to_string=True)
        gdb.newest_frame().select()


def read_exec_position(t, ex):
    """(pc, depth, inst, how) of the innermost wasm position of task t, or
    (None, depth, inst, why) when it is not known. The engine keeps it in
    the loop's registers while it runs: for the current task gdb's frames
    give it; for another task, gdb unwinds its stack from the registers
    it was switched out with."""
    if bool(ex["suspended"]):
        return ptr(ex["pc"]), int(ex["depth"]), ex["inst"], "suspended"
    if not bool(ex["running"]):
        return None, 0, ex["inst"], "no wasm call is running"
    if ptr(t) == ptr(global_var("sched_current_")):
        pos = loop_position(ex)
    else:
        pos = with_registers(saved_registers(t), lambda: loop_position(ex))
        if pos is not None:
            pos = pos[:3] + ("switched out, " + pos[3],)
    if pos is not None:
        return pos
    return None, int(ex["depth"]), ex["inst"], (
        "interrupted inside the interpreter loop, whose position the compiler "
        "keeps where gdb cannot name it: stop the task in a system call "
        "(e.g. hbreak sys_yield) to see its stack")


# ---- commands -----------------------------------------------------------------

class Jericho(gdb.Command):
    """JerichoOS helpers: jericho tasks | cspace [TASK] | wasm-stack [TASK] | runq."""

    def __init__(self):
        super().__init__("jericho", gdb.COMMAND_USER, gdb.COMPLETE_NONE, True)


class Tasks(gdb.Command):
    """List every task: id, name, state, priority, flags (current, boot, idle,
    kill posted, wasm module)."""

    def __init__(self):
        super().__init__("jericho tasks", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cur = ptr(global_var("sched_current_"))
        print("%-4s %-16s %-14s %4s  %s" % ("id", "name", "state", "prio", "flags"))
        for t in all_tasks():
            flags = [f for field, f in TASK_FLAGS if int(t[field])]
            if ptr(t) == cur:
                flags.insert(0, "current")
            w = wtask_of(t)
            if w is not None:
                flags.append("wasm %s" % w["name"].string())
            print("%-4d %-16s %-14s %4d  %s" % (int(t["id"]), task_name(t),
                  enum_name(t["state"], "TASK_"), int(t["prio"]), ", ".join(flags)))


class CSpace(gdb.Command):
    """Print a task's CSpace: slot, type, rights (R W G M), badge, object."""

    def __init__(self):
        super().__init__("jericho cspace", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        t = find_task(arg)
        root = t["cspace"]["cap"]
        if (int(root["w0"]) & 0xff) != int(gdb.parse_and_eval("OBJ_CNODE")):
            print("task %d %s: no CSpace (ended)" % (int(t["id"]), task_name(t)))
            return
        cn = gdb.Value(int(root["w1"])).cast(gdb.lookup_type("cnode_t").pointer())
        n = int(cn["nslots"])
        print("task %d %s: CNode %#x, %d slots" % (int(t["id"]), task_name(t), ptr(cn), n))
        print("%4s  %-14s %-6s %-10s %s" % ("slot", "type", "rights", "badge", "object"))
        objtype = gdb.lookup_type("objtype_t")
        used = 0
        for i in range(n):
            cap = cn["slots"][i]["cap"]
            w0, w1 = int(cap["w0"]), int(cap["w1"])
            if (w0 & 0xff) == 0:
                continue
            used += 1
            rights = "".join(c if (w0 >> 8) & (1 << k) else "-" for k, c in enumerate(RIGHTS))
            typ = enum_name(gdb.Value(w0 & 0xff).cast(objtype), "OBJ_")
            badge = w0 >> 16
            print("%4d  %-14s %-6s %-10s %#x" % (i, typ, rights, badge if badge else "-", w1))
        print("%d of %d slots used" % (used, n))


class WasmStack(gdb.Command):
    """Print a wasm task's call stack, innermost first: function (name
    section, else export, else index), cell offset in its compiled code, and
    where its body starts in the module."""

    def __init__(self):
        super().__init__("jericho wasm-stack", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        t = find_task(arg)
        w = wtask_of(t)
        if w is None or not ptr(w["exec"]):
            print("task %d %s runs no wasm" % (int(t["id"]), task_name(t)))
            return
        ex = w["exec"]
        pc, depth, inst, how = read_exec_position(t, ex)
        print("task %d %s (wasm %s): %s" % (int(t["id"]), task_name(t), w["name"].string(), how))
        n = 0
        if pc is not None:
            print("  #%-2d %s" % (n, describe(inst, pc)))
            n += 1
        frames = ex["frames"]
        for d in range(depth - 1, 0, -1):       # frames[0]: the call from the host
            fr = frames[d]
            print("  #%-2d %s" % (n, describe(fr["inst"], ptr(fr["ret_pc"]))))
            n += 1
        if n == 0:
            print("  (no wasm frames)")


class RunQ(gdb.Command):
    """Print the scheduler's state: current task, ready queues by priority
    (the bitmap), sleepers with their deadlines, dead tasks not yet reaped."""

    def __init__(self):
        super().__init__("jericho runq", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cur = global_var("sched_current_")
        idle = static_var("idle_task", "sched.c")
        print("current: %s" % ("%d %s" % (int(cur["id"]), task_name(cur)) if ptr(cur) else "none"))
        print("idle:    %s" % ("%d %s" % (int(idle["id"]), task_name(idle)) if ptr(idle) else "none"))
        print("ready bitmap: %#x" % int(global_var("sched_rq_bitmap_")))
        rq = static_var("rq", "sched.c")
        for level in range(rq.type.range()[1], -1, -1):
            ts = queue(rq[level])
            if ts:
                print("  prio %2d: %s" % (level, " -> ".join(
                    "%d %s" % (int(t["id"]), task_name(t)) for t in ts)))
        t = static_var("sleepers", "sched.c")
        s = []
        while ptr(t) and len(s) < 256:
            s.append("%d %s (until %d ns)" % (int(t["id"]), task_name(t), int(t["wake_at"])))
            t = t["sleep_next"]
        print("sleeping: %s" % (", ".join(s) if s else "none"))
        z = global_var("task_zombies_")
        d = []
        while ptr(z) and len(d) < 256:
            d.append("%d %s" % (int(z["id"]), task_name(z)))
            z = z["dead_next"]
        print("dead, not reaped: %s" % (", ".join(d) if d else "none"))


Jericho()
Tasks()
CSpace()
WasmStack()
RunQ()
print("jericho: gdb helpers loaded: jericho tasks | cspace [TASK] | wasm-stack [TASK] | runq")
