// hello-rust.rs - a JerichoOS task in Rust: std (println!, env::args,
// Vec, String) over WASI, and the jericho crate's safe calls, whose
// errors are Result values.
//
// caps: console:w clock:r spawn:w
// args: --count 3
// expect: hello from Rust, args: hello-rust --count 3
// expect: slot 0: console w
// expect: slot 1: clock r
// expect: slot 2: spawn w
// expect: slot 3: EMPTY_SLOT
// expect: 3 naps of 1 ms took at least 3 ms: true
// expect: spawn of a module that is not there: NOT_FOUND
// expect: written through jericho::Console, 42 = 0x2a
// expect-kernel: task hello-rust exited with code 0
use std::fmt::Write;

use jericho::{Cap, Console};

const CONSOLE: Cap = Cap(0);
const CLOCK: Cap = Cap(1);
const SPAWN: Cap = Cap(2);

fn naps(count: u64) -> jericho::Result<bool> {
    let t0 = jericho::clock_now(CLOCK)?;
    for _ in 0..count {
        jericho::sleep(CLOCK, 1_000_000)?;
    }
    Ok(jericho::clock_now(CLOCK)? - t0 >= count * 1_000_000)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("hello from Rust, args: {}", args.join(" "));

    for slot in 0..4 {
        match jericho::cap_info(Cap(slot)) {
            Ok(info) => println!("slot {}: {} {}", slot,
                                 info.cap_type().map_or("?", |t| t.name()), info.rights()),
            Err(e) => println!("slot {}: {}", slot, e),
        }
    }

    let count = args.iter().position(|a| a == "--count")
        .and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(1);
    match naps(count) {
        Ok(ok) => println!("{} naps of 1 ms took at least {} ms: {}", count, count, ok),
        Err(e) => println!("naps failed: {}", e),
    }

    match jericho::task_spawn(SPAWN, "no-such-module", &[Some(CONSOLE)], 5) {
        Ok(task) => println!("spawned task in slot {}", task.0),
        Err(e) => println!("spawn of a module that is not there: {}", e),
    }

    let mut console = Console(CONSOLE);
    writeln!(console, "written through jericho::Console, {} = {:#x}", 42, 42).unwrap();
}
