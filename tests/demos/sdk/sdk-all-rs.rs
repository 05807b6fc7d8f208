// sdk-all-rs.rs - calls every safe function of the jericho crate, so that the
// module imports each `jericho` call once: tests/demos/sdk_check.py
// compares those imports (names and wasm types) with the kernel's table
// (src/syscall/table.c). Never run: the calls sit behind a test the
// arguments never pass.
use jericho::*;

fn all() -> Result<u64> {
    let mut buf = [0u8; 8];
    let mut sum = console_write(Cap(0), b"x")? as u64;
    sum += clock_now(Cap(1))?;
    sleep(Cap(1), 5)?;
    yield_now();
    send(Cap(2), b"x", None)?;
    nb_send(Cap(2), b"x", Some(Cap(3)))?;
    sum += recv(Cap(2), &mut buf)?.0 as u64;
    sum += poll(Cap(2), &mut buf)?.0 as u64;
    sum += call(Cap(2), b"x", &mut buf)?.1.badge;
    reply(b"x", None)?;
    sum += reply_recv(Cap(2), b"x", &mut buf)?.0 as u64;
    signal(Cap(4), 1)?;
    sum += wait(Cap(4))?;
    sum += poll_signal(Cap(4))?;
    cap_copy(Cap(0), Cap(5))?;
    cap_mint(Cap(0), Cap(6), Rights::READ, 7)?;
    cap_move(Cap(5), Cap(7))?;
    cap_delete(Cap(7))?;
    cap_revoke(Cap(0))?;
    sum += cap_info(Cap(0))?.badge;
    sum += cap_derived(Cap(0))? as u64;
    let t = task_spawn(Cap(8), "x", &[None], 10)?;
    task_kill(t)?;
    sum += dev_info(Cap(10))?.vendor as u64;
    sum += dev_read(Cap(10), 0, 4, 4)?;
    sum += dev_read64(Cap(10), 0, 8)?;
    dev_write(Cap(10), 0, 4, 4, 1)?;
    dev_irq_bind(Cap(10), Some(Cap(4)), 1)?;
    dev_irq_ack(Cap(10))?;
    let m = mem_create(Cap(8), 1)?;
    mem_read(m, 0, &mut buf)?;
    mem_write(m, 0, &buf)?;
    sum += mem_info(m)?.size;
    let t = task_spawn_args(Cap(8), "x", &[None], 10, &["a"])?;
    task_kill(t)?;
    let mut mods = [ModInfo { set: 0, autostart: 0, ncaps: 0, wasm_len: 0, name: [0; 32] }; 1];
    sum += mon_modules(Cap(12), &mut mods)? as u64;
    let mut tasks = [TaskInfo { id: 0, state: 0, prio: 0, cpu_ns: 0, quota_used: 0,
                                quota_limit: 0, flags: 0, reserved: 0, name: [0; 16] }; 1];
    sum += mon_tasks(Cap(12), &mut tasks)? as u64;
    let mut cs = [CapSummary::default(); 1];
    sum += mon_caps(Cap(12), tasks[0].id, &mut cs)? as u64;
    sum += mon_mem(Cap(12))?.ram_bytes;
    entropy_add(Cap(13), &buf)?;
    Ok(sum)
}

fn main() {
    if std::env::args().count() == 12345 {
        exit(all().map_or(1, |s| s as i32));
    }
}
