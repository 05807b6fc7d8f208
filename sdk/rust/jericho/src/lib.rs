//! jericho - the JerichoOS system calls for Rust tasks (sdk/README.md).
//!
//! Every call of docs/abi.md section 4 (the `jericho` wasm imports; the
//! kernel's table is src/syscall/table.c) as a safe function: capabilities
//! are slots ([`Cap`]), buffers are slices, results are
//! [`Result<T>`](Result) with the ABI's [`Error`]. The raw imports are in
//! [`sys`]. `no_std`: it needs only `core`, so it serves std programs
//! (wasm32-wasi, whose println! and std::env go through WASI, docs/wasi.md)
//! as well as bare ones.
#![no_std]

use core::fmt;

pub mod net;

/// The raw imports of module `jericho`, exactly as docs/abi.md types them
/// (i32 slots, pointers and lengths; i64 times and badges). Results are
/// `>= 0` or `-code`. Prefer the safe functions of the crate root.
pub mod sys {
    #[link(wasm_import_module = "jericho")]
    extern "C" {
        pub fn console_write(cap: i32, ptr: *const u8, len: u32) -> i32;
        pub fn clock_now(cap: i32) -> i64;
        pub fn sleep(cap: i32, ns: i64) -> i32;
        #[link_name = "yield"]
        pub fn yield_now();
        pub fn exit(code: i32) -> !;
        pub fn send(ep: i32, ptr: *const u8, len: u32, cap: i32) -> i32;
        pub fn nb_send(ep: i32, ptr: *const u8, len: u32, cap: i32) -> i32;
        pub fn recv(ep: i32, buf: *mut u8, buflen: u32, info: *mut super::MsgInfo) -> i32;
        pub fn poll(ep: i32, buf: *mut u8, buflen: u32, info: *mut super::MsgInfo) -> i32;
        pub fn call(ep: i32, ptr: *const u8, len: u32, buf: *mut u8, buflen: u32,
                    info: *mut super::MsgInfo) -> i32;
        pub fn reply(ptr: *const u8, len: u32, cap: i32) -> i32;
        pub fn reply_recv(ep: i32, ptr: *const u8, len: u32, buf: *mut u8, buflen: u32,
                          info: *mut super::MsgInfo) -> i32;
        pub fn signal(ntfn: i32, bits: u32) -> i32;
        pub fn wait(ntfn: i32) -> i64;
        pub fn poll_signal(ntfn: i32) -> i64;
        pub fn cap_copy(src: i32, dst: i32) -> i32;
        pub fn cap_mint(src: i32, dst: i32, rights: u32, badge: u64) -> i32;
        pub fn cap_move(src: i32, dst: i32) -> i32;
        pub fn cap_delete(slot: i32) -> i32;
        pub fn cap_revoke(slot: i32) -> i32;
        pub fn cap_info(slot: i32, info: *mut super::CapInfo) -> i32;
        pub fn cap_derived(slot: i32) -> i32;
        pub fn task_spawn(spawn: i32, name: *const u8, name_len: u32, caps: *const i32,
                          ncaps: u32, prio: u32) -> i32;
        pub fn task_kill(task: i32) -> i32;
        pub fn dev_info(dev: i32, info: *mut super::DevInfo) -> i32;
        pub fn dev_read(dev: i32, win: u32, off: u32, width: u32) -> i64;
        pub fn dev_read64(dev: i32, win: u32, off: u32, out: *mut u64) -> i32;
        pub fn dev_write(dev: i32, win: u32, off: u32, width: u32, val: u64) -> i32;
        pub fn dev_irq_bind(dev: i32, ntfn: i32, bits: u32) -> i32;
        pub fn dev_irq_ack(dev: i32) -> i32;
        pub fn mem_create(spawn: i32, npages: u32) -> i32;
        pub fn mem_read(mem: i32, off: u32, buf: *mut u8, len: u32) -> i32;
        pub fn mem_write(mem: i32, off: u32, buf: *const u8, len: u32) -> i32;
        pub fn mem_info(mem: i32, info: *mut super::MemInfo) -> i32;
        pub fn task_spawn_args(spawn: i32, name: *const u8, name_len: u32, caps: *const i32,
                               ncaps: u32, prio: u32, args: *const u8, args_len: u32) -> i32;
        pub fn mon_modules(mon: i32, buf: *mut super::ModInfo, n: u32) -> i32;
        pub fn mon_tasks(mon: i32, buf: *mut super::TaskInfo, n: u32) -> i32;
        pub fn mon_caps(mon: i32, id: u64, buf: *mut super::CapSummary, n: u32) -> i32;
        pub fn mon_mem(mon: i32, info: *mut super::SysMem) -> i32;
        pub fn entropy_add(ent: i32, buf: *const u8, len: u32) -> i32;
    }
}

/// Slots in a task's CSpace.
pub const SLOTS: i32 = 32;
/// Largest message and console write, in bytes.
pub const MSG_MAX: usize = 4096;

/// A capability: a slot of the calling task's CSpace (0..31). The kernel
/// checks it at every call; holding a `Cap` proves nothing by itself.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Cap(pub i32);

/// An error of a system call (docs/abi.md section 5).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Error {
    InvalidSlot = 1,
    EmptySlot = 2,
    WrongType = 3,
    NoRights = 4,
    BadArgument = 5,
    OutOfBounds = 6,
    WouldBlock = 7,
    SlotOccupied = 8,
    NoMemory = 9,
    QuotaExceeded = 10,
    Destroyed = 11,
    NotFound = 12,
    NoCaller = 13,
    TooLong = 14,
    BadModule = 15,
    Busy = 16,
}

/// What every call returns.
pub type Result<T> = core::result::Result<T, Error>;

const ERRORS: [Error; 16] = [
    Error::InvalidSlot, Error::EmptySlot, Error::WrongType, Error::NoRights,
    Error::BadArgument, Error::OutOfBounds, Error::WouldBlock, Error::SlotOccupied,
    Error::NoMemory, Error::QuotaExceeded, Error::Destroyed, Error::NotFound,
    Error::NoCaller, Error::TooLong, Error::BadModule, Error::Busy,
];
const NAMES: [&str; 16] = [
    "INVALID_SLOT", "EMPTY_SLOT", "WRONG_TYPE", "NO_RIGHTS", "BAD_ARGUMENT",
    "OUT_OF_BOUNDS", "WOULD_BLOCK", "SLOT_OCCUPIED", "NO_MEMORY", "QUOTA_EXCEEDED",
    "DESTROYED", "NOT_FOUND", "NO_CALLER", "TOO_LONG", "BAD_MODULE", "BUSY",
];

impl Error {
    /// The error of a code (1..16; `-code` is taken too). The kernel
    /// returns no other: anything else is `BadArgument`.
    pub fn from_code(code: i64) -> Error {
        let c = code.unsigned_abs();
        if (1..=ERRORS.len() as u64).contains(&c) { ERRORS[c as usize - 1] } else { Error::BadArgument }
    }
    /// The ABI's code (1..16).
    pub fn code(self) -> i32 {
        self as i32
    }
    /// The ABI's name, as docs/abi.md spells it ("NO_RIGHTS").
    pub fn name(self) -> &'static str {
        NAMES[self as usize - 1]
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn check(r: i32) -> Result<usize> {
    if r < 0 { Err(Error::from_code(r as i64)) } else { Ok(r as usize) }
}

fn check64(r: i64) -> Result<u64> {
    if r < 0 { Err(Error::from_code(r)) } else { Ok(r as u64) }
}

fn opt(cap: Option<Cap>) -> i32 {
    cap.map_or(-1, |c| c.0)
}

/// Rights of a capability (docs/abi.md 3.1), a bit set: `Rights::READ |
/// Rights::WRITE`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Rights(pub u32);

impl Rights {
    pub const NONE: Rights = Rights(0);
    /// receive, wait, read the clock, console input
    pub const READ: Rights = Rights(0x1);
    /// send, signal, console output, spawn, kill
    pub const WRITE: Rights = Rights(0x2);
    /// pass a capability with a message
    pub const GRANT: Rights = Rights(0x4);
    /// memory region: mem_info gives its bus address
    pub const DMA: Rights = Rights(0x8);
    pub const ALL: Rights = Rights(0xf);
    /// Does this set hold every right of `other`?
    pub fn contains(self, other: Rights) -> bool {
        self.0 & other.0 == other.0
    }
}

impl core::ops::BitOr for Rights {
    type Output = Rights;
    fn bitor(self, o: Rights) -> Rights {
        Rights(self.0 | o.0)
    }
}

impl fmt::Display for Rights {
    /// As manifests write them: "rw", "rwg", "rwd", "-".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("-");
        }
        for (bit, c) in [(0x1, "r"), (0x2, "w"), (0x4, "g"), (0x8, "d")] {
            if self.0 & bit != 0 {
                f.write_str(c)?;
            }
        }
        Ok(())
    }
}

/// Capability types (docs/abi.md 3.2).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CapType {
    Console = 1,
    Clock = 2,
    Endpoint = 3,
    Notification = 4,
    Task = 5,
    Spawn = 6,
    Memory = 7,
    CNode = 8,
    Entropy = 9,
    Device = 10,
    Monitor = 11,
}

impl CapType {
    /// The type of a code, None for one the kernel does not report.
    pub fn from_code(code: u32) -> Option<CapType> {
        const T: [CapType; 11] = [
            CapType::Console, CapType::Clock, CapType::Endpoint, CapType::Notification,
            CapType::Task, CapType::Spawn, CapType::Memory, CapType::CNode, CapType::Entropy,
            CapType::Device, CapType::Monitor,
        ];
        T.get((code as usize).wrapping_sub(1)).copied()
    }
    /// The name manifests use ("endpoint").
    pub fn name(self) -> &'static str {
        ["console", "clock", "endpoint", "notification", "task", "spawn", "memory",
         "cnode", "entropy", "device", "monitor"][self as usize - 1]
    }
}

/// What recv, poll, call and reply_recv say about a message (abi 3.3).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct MsgInfo {
    /// badge of the sender's capability (0 for a reply)
    pub badge: u64,
    /// full length as sent (may exceed what was copied)
    pub len: u32,
    /// where a transferred capability landed, or -1
    pub cap_slot: i32,
    /// MsgInfo::TRUNCATED | CAP_DROPPED | CALL
    pub flags: u32,
    pub reserved: u32,
}

impl MsgInfo {
    pub const TRUNCATED: u32 = 0x1;
    pub const CAP_DROPPED: u32 = 0x2;
    pub const CALL: u32 = 0x4;
    /// The capability that came with the message, if one did.
    pub fn cap(&self) -> Option<Cap> {
        if self.cap_slot >= 0 { Some(Cap(self.cap_slot)) } else { None }
    }
    /// The message was longer than the buffer (only its start was copied).
    pub fn truncated(&self) -> bool {
        self.flags & Self::TRUNCATED != 0
    }
    /// The sender used `call` and waits for `reply`.
    pub fn is_call(&self) -> bool {
        self.flags & Self::CALL != 0
    }
}

/// What cap_info says about a slot (abi 3.4).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct CapInfo {
    pub type_code: u32,
    pub rights: u32,
    pub badge: u64,
}

impl CapInfo {
    pub fn cap_type(&self) -> Option<CapType> {
        CapType::from_code(self.type_code)
    }
    pub fn rights(&self) -> Rights {
        Rights(self.rights)
    }
}

/// One register window of a device (abi 4.6).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct DevWindow {
    /// DevWindow::NONE, MMIO, PORTS or PCI_CONFIG
    pub kind: u32,
    pub reserved: u32,
    /// bytes
    pub size: u64,
}

impl DevWindow {
    pub const NONE: u32 = 0;
    pub const MMIO: u32 = 1;
    pub const PORTS: u32 = 2;
    pub const PCI_CONFIG: u32 = 3;
}

/// What dev_info says about a device (abi 4.6). Addresses are not given.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct DevInfo {
    /// DevInfo::PCI or VIRTIO_MMIO
    pub bus: u32,
    pub vendor: u16,
    pub device: u16,
    /// class, subclass, prog-if (0 for virtio-mmio)
    pub pci_class: u32,
    /// 1 if the device has an interrupt line
    pub has_irq: u32,
    /// PCI: 0-5 the BARs, 6 the configuration space; virtio-mmio: 0
    pub win: [DevWindow; 7],
}

impl DevInfo {
    pub const PCI: u32 = 1;
    pub const VIRTIO_MMIO: u32 = 2;
}

/// What mem_info says about a memory region (abi 4.7).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct MemInfo {
    /// bytes
    pub size: u64,
    /// the bus address for DMA, if the capability has Rights::DMA; else 0
    pub bus_addr: u64,
}

/// A boot module, as mon_modules reports it (abi 4.8).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ModInfo {
    /// 0: demos, 1: the tests' table
    pub set: u32,
    /// 1: its group starts it; 0: only task_spawn does
    pub autostart: u32,
    /// capabilities its manifest lists
    pub ncaps: u32,
    /// bytes of its module
    pub wasm_len: u32,
    /// NUL-terminated
    pub name: [u8; 32],
}

/// A live task, as mon_tasks reports it (abi 4.8).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TaskInfo {
    pub id: u64,
    /// the kernel's task state (0 inactive, 1 ready, 2 running, 3-8 blocked, 9 sleeping)
    pub state: u32,
    pub prio: u32,
    /// CPU time used, if flags has TaskInfo::ACCOUNTED
    pub cpu_ns: u64,
    pub quota_used: u64,
    pub quota_limit: u64,
    pub flags: u32,
    pub reserved: u32,
    /// NUL-terminated
    pub name: [u8; 16],
}

impl TaskInfo {
    pub const ACCOUNTED: u32 = 1;
}

/// One non-empty slot of a task, as mon_caps reports it (abi 4.8).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct CapSummary {
    pub slot: u32,
    pub type_code: u32,
    pub rights: u32,
    pub reserved: u32,
    pub badge: u64,
}

/// The kernel's memory figures, as mon_mem reports them (abi 4.8).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct SysMem {
    pub ram_bytes: u64,
    pub free_bytes: u64,
    pub heap_bytes: u64,
    pub pinned_bytes: u64,
    pub uptime_ns: u64,
    pub ntasks: u32,
    pub reserved: u32,
}

const _: () = assert!(core::mem::size_of::<ModInfo>() == 48);
const _: () = assert!(core::mem::size_of::<TaskInfo>() == 64);
const _: () = assert!(core::mem::size_of::<CapSummary>() == 24);
const _: () = assert!(core::mem::size_of::<SysMem>() == 48);
const _: () = assert!(core::mem::size_of::<MsgInfo>() == 24);
const _: () = assert!(core::mem::size_of::<DevInfo>() == 128);
const _: () = assert!(core::mem::size_of::<MemInfo>() == 16);
const _: () = assert!(core::mem::size_of::<CapInfo>() == 16);

// ---- console, clock, scheduling (abi 4.1) --------------------------------

/// CONSOLE w. Writes the bytes (at most MSG_MAX) as the task's console
/// lines; returns how many.
pub fn console_write(console: Cap, bytes: &[u8]) -> Result<usize> {
    check(unsafe { sys::console_write(console.0, bytes.as_ptr(), bytes.len() as u32) })
}

/// A console capability as a `core::fmt::Write`: `write!(Console(c), ...)`.
/// Writes longer than MSG_MAX go in pieces.
pub struct Console(pub Cap);

impl fmt::Write for Console {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for piece in s.as_bytes().chunks(MSG_MAX) {
            console_write(self.0, piece).map_err(|_| fmt::Error)?;
        }
        Ok(())
    }
}

/// CLOCK r. Nanoseconds since boot.
pub fn clock_now(clock: Cap) -> Result<u64> {
    check64(unsafe { sys::clock_now(clock.0) })
}

/// CLOCK r. Blocks at least `ns` nanoseconds (0 yields). More than
/// i64::MAX is BadArgument.
pub fn sleep(clock: Cap, ns: u64) -> Result<()> {
    check(unsafe { sys::sleep(clock.0, ns as i64) }).map(|_| ())
}

/// Gives up the rest of the time slice.
pub fn yield_now() {
    unsafe { sys::yield_now() }
}

/// Ends the task with `code` at once (no destructors, no stdout flush:
/// from a std program prefer std::process::exit).
pub fn exit(code: i32) -> ! {
    unsafe { sys::exit(code) }
}

// ---- IPC on endpoints (abi 4.2) -------------------------------------------

/// ENDPOINT w (+ GRANT with a cap). Sends `msg` and a copy of `cap`;
/// blocks until a receiver takes it.
pub fn send(ep: Cap, msg: &[u8], cap: Option<Cap>) -> Result<()> {
    check(unsafe { sys::send(ep.0, msg.as_ptr(), msg.len() as u32, opt(cap)) }).map(|_| ())
}

/// As `send`, but only to a receiver already waiting, else WouldBlock.
pub fn nb_send(ep: Cap, msg: &[u8], cap: Option<Cap>) -> Result<()> {
    check(unsafe { sys::nb_send(ep.0, msg.as_ptr(), msg.len() as u32, opt(cap)) }).map(|_| ())
}

/// ENDPOINT r. Blocks for a message; returns the bytes copied into `buf`
/// and the message's info.
pub fn recv(ep: Cap, buf: &mut [u8]) -> Result<(usize, MsgInfo)> {
    let mut info = MsgInfo::default();
    let n = check(unsafe { sys::recv(ep.0, buf.as_mut_ptr(), buf.len() as u32, &mut info) })?;
    Ok((n, info))
}

/// As `recv`, but WouldBlock when nothing is queued.
pub fn poll(ep: Cap, buf: &mut [u8]) -> Result<(usize, MsgInfo)> {
    let mut info = MsgInfo::default();
    let n = check(unsafe { sys::poll(ep.0, buf.as_mut_ptr(), buf.len() as u32, &mut info) })?;
    Ok((n, info))
}

/// ENDPOINT w. Sends `msg` and blocks for the reply, received into `reply`.
pub fn call(ep: Cap, msg: &[u8], reply: &mut [u8]) -> Result<(usize, MsgInfo)> {
    let mut info = MsgInfo::default();
    let n = check(unsafe {
        sys::call(ep.0, msg.as_ptr(), msg.len() as u32, reply.as_mut_ptr(),
                  reply.len() as u32, &mut info)
    })?;
    Ok((n, info))
}

/// Replies to the last call received (NoCaller if none).
pub fn reply(msg: &[u8], cap: Option<Cap>) -> Result<()> {
    check(unsafe { sys::reply(msg.as_ptr(), msg.len() as u32, opt(cap)) }).map(|_| ())
}

/// ENDPOINT r. Replies `msg` to a pending call (if any), then receives.
pub fn reply_recv(ep: Cap, msg: &[u8], buf: &mut [u8]) -> Result<(usize, MsgInfo)> {
    let mut info = MsgInfo::default();
    let n = check(unsafe {
        sys::reply_recv(ep.0, msg.as_ptr(), msg.len() as u32, buf.as_mut_ptr(),
                        buf.len() as u32, &mut info)
    })?;
    Ok((n, info))
}

// ---- notifications (abi 4.3) ------------------------------------------------

/// NOTIFICATION w. Sets `bits` (and the capability's badge) in the word.
pub fn signal(ntfn: Cap, bits: u32) -> Result<()> {
    check(unsafe { sys::signal(ntfn.0, bits) }).map(|_| ())
}

/// NOTIFICATION r. Blocks while the word is 0; returns and clears it.
pub fn wait(ntfn: Cap) -> Result<u64> {
    check64(unsafe { sys::wait(ntfn.0) })
}

/// As `wait`, but returns 0 at once when the word is 0.
pub fn poll_signal(ntfn: Cap) -> Result<u64> {
    check64(unsafe { sys::poll_signal(ntfn.0) })
}

// ---- the task's own capabilities (abi 4.4) ----------------------------------

/// `dst` gets a copy of `src`, derived from it.
pub fn cap_copy(src: Cap, dst: Cap) -> Result<()> {
    check(unsafe { sys::cap_copy(src.0, dst.0) }).map(|_| ())
}

/// As copy with `rights` (a subset of src's) and, if non-zero, a badge.
pub fn cap_mint(src: Cap, dst: Cap, rights: Rights, badge: u64) -> Result<()> {
    check(unsafe { sys::cap_mint(src.0, dst.0, rights.0, badge) }).map(|_| ())
}

/// Moves `src` to `dst`.
pub fn cap_move(src: Cap, dst: Cap) -> Result<()> {
    check(unsafe { sys::cap_move(src.0, dst.0) }).map(|_| ())
}

/// Empties the slot.
pub fn cap_delete(slot: Cap) -> Result<()> {
    check(unsafe { sys::cap_delete(slot.0) }).map(|_| ())
}

/// Deletes every capability derived from the one in `slot`.
pub fn cap_revoke(slot: Cap) -> Result<()> {
    check(unsafe { sys::cap_revoke(slot.0) }).map(|_| ())
}

/// The slot's type, rights and badge.
pub fn cap_info(slot: Cap) -> Result<CapInfo> {
    let mut info = CapInfo::default();
    check(unsafe { sys::cap_info(slot.0, &mut info) })?;
    Ok(info)
}

/// Whether some capability (in any task) is derived from the one in `slot`.
pub fn cap_derived(slot: Cap) -> Result<bool> {
    check(unsafe { sys::cap_derived(slot.0) }).map(|n| n != 0)
}

// ---- tasks (abi 4.5) ---------------------------------------------------------

/// SPAWN w. Starts boot module `name`; its slot i gets a copy of `caps[i]`
/// (None: empty). Returns the new TASK capability.
pub fn task_spawn(spawn: Cap, name: &str, caps: &[Option<Cap>], prio: u32) -> Result<Cap> {
    if caps.len() > SLOTS as usize {
        return Err(Error::BadArgument);
    }
    let mut slots = [-1i32; SLOTS as usize];
    for (s, c) in slots.iter_mut().zip(caps) {
        *s = opt(*c);
    }
    let r = check(unsafe {
        sys::task_spawn(spawn.0, name.as_ptr(), name.len() as u32, slots.as_ptr(),
                        caps.len() as u32, prio)
    })?;
    Ok(Cap(r as i32))
}

/// SPAWN w. `task_spawn`, and the child's WASI argv after its name is
/// `args` (at most 32 words, 1024 bytes with a NUL after each).
pub fn task_spawn_args(spawn: Cap, name: &str, caps: &[Option<Cap>], prio: u32,
                       args: &[&str]) -> Result<Cap> {
    if caps.len() > SLOTS as usize {
        return Err(Error::BadArgument);
    }
    let mut slots = [-1i32; SLOTS as usize];
    for (s, c) in slots.iter_mut().zip(caps) {
        *s = opt(*c);
    }
    let mut words = [0u8; 1024];
    let mut len = 0usize;
    for a in args {
        let b = a.as_bytes();
        if b.contains(&0) || len + b.len() + 1 > words.len() {
            return Err(Error::BadArgument);
        }
        words[len..len + b.len()].copy_from_slice(b);
        len += b.len() + 1;
    }
    let r = check(unsafe {
        sys::task_spawn_args(spawn.0, name.as_ptr(), name.len() as u32, slots.as_ptr(),
                             caps.len() as u32, prio, words.as_ptr(), len as u32)
    })?;
    Ok(Cap(r as i32))
}

/// TASK w. Ends that task.
pub fn task_kill(task: Cap) -> Result<()> {
    check(unsafe { sys::task_kill(task.0) }).map(|_| ())
}

// ---- devices (abi 4.6) --------------------------------------------------------

/// DEVICE r. The device's bus, ids and register windows.
pub fn dev_info(dev: Cap) -> Result<DevInfo> {
    let mut info = DevInfo::default();
    check(unsafe { sys::dev_info(dev.0, &mut info) })?;
    Ok(info)
}

/// DEVICE r. The register of `width` bytes (1, 2 or 4) at `off` of window
/// `win`, zero-extended.
pub fn dev_read(dev: Cap, win: u32, off: u32, width: u32) -> Result<u64> {
    check64(unsafe { sys::dev_read(dev.0, win, off, width) })
}

/// DEVICE r. The 8-byte register at `off` of window `win`.
pub fn dev_read64(dev: Cap, win: u32, off: u32) -> Result<u64> {
    let mut v = 0u64;
    check(unsafe { sys::dev_read64(dev.0, win, off, &mut v) })?;
    Ok(v)
}

/// DEVICE w. Writes `val` to the register of `width` bytes (1, 2, 4, 8).
pub fn dev_write(dev: Cap, win: u32, off: u32, width: u32, val: u64) -> Result<()> {
    check(unsafe { sys::dev_write(dev.0, win, off, width, val) }).map(|_| ())
}

/// DEVICE w, NOTIFICATION w. The device's interrupts signal `ntfn` with
/// `bits` and mask the line until `dev_irq_ack`; None unbinds.
pub fn dev_irq_bind(dev: Cap, ntfn: Option<Cap>, bits: u32) -> Result<()> {
    check(unsafe { sys::dev_irq_bind(dev.0, opt(ntfn), bits) }).map(|_| ())
}

/// DEVICE w (the capability that bound). Unmasks the line.
pub fn dev_irq_ack(dev: Cap) -> Result<()> {
    check(unsafe { sys::dev_irq_ack(dev.0) }).map(|_| ())
}

// ---- memory regions (abi 4.7) ---------------------------------------------------

/// SPAWN w. A zeroed region of `npages` 4 KiB pages; returns its MEMORY
/// capability (rights r, w, DMA).
pub fn mem_create(spawn: Cap, npages: u32) -> Result<Cap> {
    check(unsafe { sys::mem_create(spawn.0, npages) }).map(|s| Cap(s as i32))
}

/// MEMORY r. Fills `buf` from the region's bytes at `off`.
pub fn mem_read(mem: Cap, off: u32, buf: &mut [u8]) -> Result<()> {
    check(unsafe { sys::mem_read(mem.0, off, buf.as_mut_ptr(), buf.len() as u32) }).map(|_| ())
}

/// MEMORY w. Copies `bytes` into the region at `off`.
pub fn mem_write(mem: Cap, off: u32, bytes: &[u8]) -> Result<()> {
    check(unsafe { sys::mem_write(mem.0, off, bytes.as_ptr(), bytes.len() as u32) }).map(|_| ())
}

/// MEMORY, any right. The region's size and (with Rights::DMA) bus address.
pub fn mem_info(mem: Cap) -> Result<MemInfo> {
    let mut info = MemInfo::default();
    check(unsafe { sys::mem_info(mem.0, &mut info) })?;
    Ok(info)
}

// ---- entropy (abi 4.6b) -------------------------------------------------------------

/// ENTROPY w. Mixes `bytes` (at most 4096) into the kernel's pool that
/// WASI random_get draws from: they can change it, never replace it.
pub fn entropy_add(ent: Cap, bytes: &[u8]) -> Result<()> {
    check(unsafe { sys::entropy_add(ent.0, bytes.as_ptr(), bytes.len() as u32) }).map(|_| ())
}

// ---- the monitor (abi 4.8): observe, never control ---------------------------------

/// MONITOR r. Fills `buf` (at most 256) with the boot modules; returns how
/// many there are (may exceed `buf.len()`).
pub fn mon_modules(mon: Cap, buf: &mut [ModInfo]) -> Result<usize> {
    check(unsafe { sys::mon_modules(mon.0, buf.as_mut_ptr(), buf.len() as u32) })
}

/// MONITOR r. Fills `buf` (at most 256) with the live tasks, one snapshot;
/// returns how many there are (may exceed `buf.len()`).
pub fn mon_tasks(mon: Cap, buf: &mut [TaskInfo]) -> Result<usize> {
    check(unsafe { sys::mon_tasks(mon.0, buf.as_mut_ptr(), buf.len() as u32) })
}

/// MONITOR r. Fills `buf` (at most 256) with the non-empty slots of the
/// live task `id`; returns how many there are (Error::NotFound: no such task).
pub fn mon_caps(mon: Cap, id: u64, buf: &mut [CapSummary]) -> Result<usize> {
    check(unsafe { sys::mon_caps(mon.0, id, buf.as_mut_ptr(), buf.len() as u32) })
}

/// MONITOR r. The kernel's memory figures.
pub fn mon_mem(mon: Cap) -> Result<SysMem> {
    let mut info = SysMem::default();
    check(unsafe { sys::mon_mem(mon.0, &mut info) })?;
    Ok(info)
}
