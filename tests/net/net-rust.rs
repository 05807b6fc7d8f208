// net-rust.rs - the Rust socket API (jericho::net, sdk/rust/jericho/src/net.rs)
// in the net test group (tests/net/check.sh): over the network task's
// loopback it listens on port 9 with its LISTEN right, connects to
// 127.0.0.1:9 with its CONNECT right, accepts, exchanges a message each
// way and 16 KiB one way (byte for byte), sees the peer's close as 0
// bytes; then what must fail: listening with the connect right or on
// another port (NO_RIGHT), a connection to a port nobody listens on
// (RESET), attaching through the console (the kernel's WRONG_TYPE).
//
// group: net
// caps: console:w endpoint:net:wg:badge=0x10000040009 endpoint:net:wg:badge=0x20000040000 notification:rust-ev:rw
// expect: rust: attach -> ok
// expect: rust: listen on port 9 with the connect right -> NO_RIGHT
// expect: rust: listen on port 10 with the right for 9 -> NO_RIGHT
// expect: rust: listen on port 9 -> ok
// expect: rust: connect to 127.0.0.1:9 -> ok
// expect: rust: accept -> ok, from 127.0.0.1
// expect: rust: client to server -> hello from rust
// expect: rust: server to client -> and back
// expect: rust: 16384 bytes through the connection, byte for byte -> ok
// expect: rust: the client closed: the server reads 0 bytes -> ok
// expect: rust: connect to 127.0.0.1:10, nobody listening: recv -> RESET
// expect: rust: attach through the console -> WRONG_TYPE
// expect-not: FAILED
// expect-kernel: task net-rust exited with code 0
use jericho::net::{self, NetError};
use jericho::Cap;

const LISTEN: Cap = Cap(1);
const CONNECT: Cap = Cap(2);
const EV: Cap = Cap(3);
const LOOPBACK: u32 = 0x7f00_0001;
const BULK: usize = 16384;     // more than one TCP window (11,680 bytes): flow control

fn show<T>(what: &str, r: &net::Result<T>) {
    match r {
        Ok(_) => println!("rust: {} -> ok", what),
        Err(e) => println!("rust: {} -> {}", what, e),
    }
}

fn text(buf: &[u8]) -> &str {
    core::str::from_utf8(buf).unwrap_or("(not UTF-8)")
}

/// BULK bytes from c to s in one task: send what the window takes, read
/// what came, wait on the notification when neither moved.
fn bulk(c: &net::Stream, s: &net::Stream) -> net::Result<bool> {
    let pattern = |i: usize| (i * 7 + i / 251) as u8;
    let (mut sent, mut got, mut same) = (0usize, 0usize, true);
    let mut out = [0u8; 3000];
    let mut inb = [0u8; 4000];
    while got < BULK {
        let mut moved = false;
        if sent < BULK {
            let n = (BULK - sent).min(out.len());
            for (k, b) in out[..n].iter_mut().enumerate() {
                *b = pattern(sent + k);
            }
            match c.try_send(&out[..n]) {
                Ok(k) => {
                    sent += k;
                    moved = true;
                }
                Err(NetError::WouldBlock) => {}
                Err(e) => return Err(e),
            }
        }
        match s.try_recv(&mut inb) {
            Ok(0) => return Ok(false),
            Ok(k) => {
                for (j, b) in inb[..k].iter().enumerate() {
                    same &= *b == pattern(got + j);
                }
                got += k;
                moved = true;
            }
            Err(NetError::WouldBlock) => {}
            Err(e) => return Err(e),
        }
        if !moved {
            jericho::wait(EV)?;
        }
    }
    Ok(same && sent == BULK)
}

fn run() -> net::Result<()> {
    let r = net::attach(LISTEN, EV);
    show("attach", &r);
    r?;
    show("listen on port 9 with the connect right", &net::Listener::listen(CONNECT, EV, 9));
    show("listen on port 10 with the right for 9", &net::Listener::listen(LISTEN, EV, 10));
    let l = net::Listener::listen(LISTEN, EV, 9);
    show("listen on port 9", &l);
    let l = l?;
    let c = net::connect(CONNECT, EV, LOOPBACK, 9);
    show("connect to 127.0.0.1:9", &c);
    let c = c?;
    let (s, ip, _port) = match l.accept() {
        Ok(a) => a,
        Err(e) => {
            println!("rust: accept -> {}", e);
            return Err(e);
        }
    };
    println!("rust: accept -> ok, from {}.{}.{}.{}", ip >> 24, ip >> 16 & 255, ip >> 8 & 255,
             ip & 255);
    let mut buf = [0u8; 64];
    c.send_all(b"hello from rust")?;
    let mut n = 0;
    while n < 15 {
        n += s.recv(&mut buf[n..15])?;
    }
    println!("rust: client to server -> {}", text(&buf[..n]));
    s.send_all(b"and back")?;
    let mut n = 0;
    while n < 8 {
        n += c.recv(&mut buf[n..8])?;
    }
    println!("rust: server to client -> {}", text(&buf[..n]));
    let ok = bulk(&c, &s)?;
    println!("rust: {} bytes through the connection, byte for byte -> {}", BULK,
             if ok { "ok" } else { "FAILED" });
    c.close()?;
    let r = s.recv(&mut buf);
    println!("rust: the client closed: the server reads 0 bytes -> {}",
             match r { Ok(0) => "ok".into(), Ok(k) => format!("FAILED ({} bytes)", k),
                       Err(e) => format!("FAILED ({})", e) });
    s.close()?;
    drop(l);
    let d = net::connect(CONNECT, EV, LOOPBACK, 10)?;
    match d.recv(&mut buf) {
        Ok(k) => println!("rust: connect to 127.0.0.1:10, nobody listening: recv -> FAILED ({})", k),
        Err(e) => println!("rust: connect to 127.0.0.1:10, nobody listening: recv -> {}", e),
    }
    drop(d);
    show("attach through the console", &net::attach(Cap(0), EV));
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        println!("rust: FAILED: {}", e);
        std::process::exit(1);
    }
}
