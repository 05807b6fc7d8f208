//! TCP sockets as capabilities, for Rust tasks: the network task's protocol
//! (docs/abi.md section 7; the C API is sdk/include/jericho_net.h, which
//! this follows call for call).
//!
//! A task holds badged capabilities to the network task's endpoint: a
//! LISTEN right (one port), a CONNECT right, and a CONNECTION per accepted
//! or opened connection, minted by the network task. Everything is
//! non-blocking there; the blocking forms here wait on the client's event
//! notification (given once with [`attach`]) and retry.
//!
//! ```no_run
//! use jericho::{net, Cap};
//! let (listen, ev) = (Cap(1), Cap(2));
//! net::attach(listen, ev)?;
//! let l = net::Listener::listen(listen, ev, 8)?;
//! let (s, _ip, _port) = l.accept()?;
//! let mut buf = [0u8; 64];
//! let n = s.recv(&mut buf)?;          // 0: the peer closed
//! s.send_all(&buf[..n])?;
//! s.close()?;
//! # Ok::<(), net::NetError>(())
//! ```
use core::fmt;

use crate::{Cap, Error, MSG_MAX};

/// Bytes of data one request or reply carries (after its 16-byte header).
pub const DATA_MAX: usize = MSG_MAX - HDR;
const HDR: usize = 16;

const OP_ATTACH: u32 = 1;
const OP_STATUS: u32 = 2;
const OP_LISTEN: u32 = 3;
const OP_ACCEPT: u32 = 4;
const OP_CONNECT: u32 = 5;
const OP_SEND: u32 = 6;
const OP_RECV: u32 = 7;
const OP_CLOSE: u32 = 8;
const OP_UNLISTEN: u32 = 9;

/// The badge of a LISTEN right for `client` on `port` (a manifest's
/// `badge=`, or what a task mints for another).
pub const fn listen_badge(client: u16, port: u16) -> u64 {
    (1u64 << 40) | ((client as u64) << 16) | port as u64
}

/// The badge of a CONNECT right for `client`.
pub const fn connect_badge(client: u16) -> u64 {
    (2u64 << 40) | ((client as u64) << 16)
}

/// An error of a socket call: the kernel's ([`Error`], e.g. `Destroyed`
/// when the network task ended during the call) or the network task's
/// (abi.md 7: -100 `NO_RIGHT` .. -109 `NOT_READY`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NetError {
    Kernel(Error),
    NoRight,
    WouldBlock,
    Closed,
    Reset,
    Limit,
    Stale,
    BadRequest,
    NotAttached,
    InUse,
    NotReady,
}

/// What every socket call returns.
pub type Result<T> = core::result::Result<T, NetError>;

const NET_ERRORS: [NetError; 10] = [
    NetError::NoRight, NetError::WouldBlock, NetError::Closed, NetError::Reset,
    NetError::Limit, NetError::Stale, NetError::BadRequest, NetError::NotAttached,
    NetError::InUse, NetError::NotReady,
];
const NET_NAMES: [&str; 10] = [
    "NO_RIGHT", "WOULD_BLOCK", "CLOSED", "RESET", "LIMIT", "STALE", "BAD_REQUEST",
    "NOT_ATTACHED", "IN_USE", "NOT_READY",
];

impl NetError {
    /// The error of a negative status: -100..-109 the network task's,
    /// anything else the kernel's.
    pub fn from_code(code: i32) -> NetError {
        if (-109..=-100).contains(&code) {
            NET_ERRORS[(-100 - code) as usize]
        } else {
            NetError::Kernel(Error::from_code(code as i64))
        }
    }
    /// The name abi.md gives it ("CLOSED", or the kernel's "DESTROYED").
    pub fn name(self) -> &'static str {
        match self {
            NetError::Kernel(e) => e.name(),
            e => NET_NAMES[NET_ERRORS.iter().position(|x| *x == e).unwrap_or(0)],
        }
    }
}

impl From<Error> for NetError {
    fn from(e: Error) -> NetError {
        NetError::Kernel(e)
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A reply: its header's a, b and the data bytes copied, and the slot of a
/// capability it carried.
struct Reply {
    a: u32,
    b: u32,
    len: usize,
    cap: Option<Cap>,
}

fn put(buf: &mut [u8], at: usize, v: u32) {
    buf[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn get(buf: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([buf[at], buf[at + 1], buf[at + 2], buf[at + 3]])
}

/// One request through `ep`: header (op, a, b) and `data` out; the reply's
/// data into `rbuf`. Err on a negative status.
fn request(ep: Cap, op: u32, a: u32, b: u32, data: &[u8], rbuf: &mut [u8]) -> Result<Reply> {
    if data.len() > DATA_MAX || rbuf.len() > DATA_MAX {
        return Err(NetError::BadRequest);
    }
    let mut msg = [0u8; MSG_MAX];
    let mut rep = [0u8; MSG_MAX];
    put(&mut msg, 0, op);
    put(&mut msg, 4, a);
    put(&mut msg, 8, b);
    put(&mut msg, 12, data.len() as u32);
    msg[HDR..HDR + data.len()].copy_from_slice(data);
    let (n, info) = crate::call(ep, &msg[..HDR + data.len()], &mut rep[..HDR + rbuf.len()])?;
    if n < HDR {
        return Err(NetError::BadRequest);
    }
    let status = get(&rep, 0) as i32;
    if status < 0 {
        if let Some(c) = info.cap() {
            let _ = crate::cap_delete(c);
        }
        return Err(NetError::from_code(status));
    }
    let len = (get(&rep, 12) as usize).min(n - HDR).min(rbuf.len());
    rbuf[..len].copy_from_slice(&rep[HDR..HDR + len]);
    Ok(Reply { a: get(&rep, 4), b: get(&rep, 8), len, cap: info.cap() })
}

/// Gives the network task the client's event notification `ntfn` (the
/// client is the one `right`'s badge names; `right` needs the grant right).
/// Ok once attached.
pub fn attach(right: Cap, ntfn: Cap) -> Result<()> {
    let mut h = [0u8; HDR];
    put(&mut h, 0, OP_ATTACH);
    crate::send(right, &h, Some(ntfn))?;
    request(right, OP_STATUS, 0, 0, &[], &mut []).map(|_| ())
}

fn wait(ntfn: Cap) -> Result<()> {
    crate::wait(ntfn).map(|_| ()).map_err(NetError::from)
}

/// A listening port: the LISTEN right it came from and the client's
/// notification. Dropping it stops listening.
pub struct Listener {
    right: Cap,
    ntfn: Cap,
}

impl Listener {
    /// LISTEN right: listens on `port` (the one its badge names).
    pub fn listen(right: Cap, ntfn: Cap, port: u16) -> Result<Listener> {
        request(right, OP_LISTEN, port as u32, 0, &[], &mut [])?;
        Ok(Listener { right, ntfn })
    }

    /// The next connection and its peer (IPv4 as a<<24|b<<16|c<<8|d,
    /// port), or WouldBlock at once if none is waiting.
    pub fn try_accept(&self) -> Result<(Stream, u32, u16)> {
        let r = request(self.right, OP_ACCEPT, 0, 0, &[], &mut [])?;
        // no free slot: the kernel dropped the connection's capability
        let conn = r.cap.ok_or(NetError::Kernel(Error::SlotOccupied))?;
        Ok((Stream { conn, ntfn: self.ntfn, open: true }, r.a, r.b as u16))
    }

    /// As try_accept, waiting on the notification while none is waiting.
    pub fn accept(&self) -> Result<(Stream, u32, u16)> {
        loop {
            match self.try_accept() {
                Err(NetError::WouldBlock) => wait(self.ntfn)?,
                r => return r,
            }
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = request(self.right, OP_UNLISTEN, 0, 0, &[], &mut []);
    }
}

/// CONNECT right: opens a connection to `ip`:`port` (10.0.2.2 is the host
/// under QEMU's user network, 127.0.0.1 the system itself). Returns at
/// once; send and recv wait until it is established (Reset if it fails).
pub fn connect(right: Cap, ntfn: Cap, ip: u32, port: u16) -> Result<Stream> {
    let r = request(right, OP_CONNECT, ip, port as u32, &[], &mut [])?;
    let conn = r.cap.ok_or(NetError::Kernel(Error::SlotOccupied))?;
    Ok(Stream { conn, ntfn, open: true })
}

/// One TCP connection: its CONNECTION capability. Dropping it closes the
/// connection and deletes the capability.
pub struct Stream {
    conn: Cap,
    ntfn: Cap,
    open: bool,
}

impl Stream {
    /// The CONNECTION capability's slot (to pass it to another task).
    pub fn cap(&self) -> Cap {
        self.conn
    }

    /// Queues up to DATA_MAX bytes of `buf`; how many were taken, or
    /// WouldBlock when the send buffer is full.
    pub fn try_send(&self, buf: &[u8]) -> Result<usize> {
        let n = buf.len().min(DATA_MAX);
        request(self.conn, OP_SEND, 0, 0, &buf[..n], &mut []).map(|r| r.a as usize)
    }

    /// Sends all of `buf`, waiting while the send buffer is full.
    pub fn send_all(&self, buf: &[u8]) -> Result<()> {
        let mut done = 0;
        while done < buf.len() {
            match self.try_send(&buf[done..]) {
                Ok(n) => done += n,
                Err(NetError::WouldBlock) => wait(self.ntfn)?,
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Up to buf.len() (at most DATA_MAX) bytes received; Ok(0) once the
    /// peer closed and everything was read; WouldBlock if nothing yet.
    pub fn try_recv(&self, buf: &mut [u8]) -> Result<usize> {
        let n = buf.len().min(DATA_MAX);
        match request(self.conn, OP_RECV, n as u32, 0, &[], &mut buf[..n]) {
            Ok(r) => Ok(r.len),
            Err(NetError::Closed) => Ok(0),
            Err(e) => Err(e),
        }
    }

    /// As try_recv, waiting on the notification while nothing came.
    pub fn recv(&self, buf: &mut [u8]) -> Result<usize> {
        loop {
            match self.try_recv(buf) {
                Err(NetError::WouldBlock) => wait(self.ntfn)?,
                r => return r,
            }
        }
    }

    /// Closes the connection (FIN to the peer) and deletes the capability.
    pub fn close(mut self) -> Result<()> {
        self.open = false;
        let r = request(self.conn, OP_CLOSE, 0, 0, &[], &mut []).map(|_| ());
        let _ = crate::cap_delete(self.conn);
        r
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        if self.open {
            let _ = request(self.conn, OP_CLOSE, 0, 0, &[], &mut []);
            let _ = crate::cap_delete(self.conn);
        }
    }
}
