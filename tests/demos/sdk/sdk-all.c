/*
 * sdk-all.c - calls every function of sdk/include/jericho.h, so that the
 * module imports each once: tests/demos/sdk_check.py compares those
 * imports (names and wasm types) with the kernel's table
 * (src/syscall/table.c). Built as C and, as sdk-all-cpp.cpp, as C++.
 * Never run: the calls sit behind a test the arguments never pass.
 */
#include <jericho.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc != 12345)
        return 0;
    char buf[8];
    jericho_msginfo_t mi;
    jericho_capinfo_t ci;
    jericho_cap_t caps[1] = {JERICHO_NO_CAP};
    int64_t sum = 0;
    sum += jericho_console_write(0, buf, 1);
    sum += jericho_clock_now(1);
    sum += jericho_sleep(1, 5);
    jericho_yield();
    sum += jericho_send(2, buf, 1, JERICHO_NO_CAP);
    sum += jericho_nb_send(2, buf, 1, 3);
    sum += jericho_recv(2, buf, sizeof buf, &mi);
    sum += jericho_poll(2, buf, sizeof buf, JERICHO_NO_INFO);
    sum += jericho_call(2, buf, 1, buf, sizeof buf, &mi);
    sum += jericho_reply(buf, 1, JERICHO_NO_CAP);
    sum += jericho_reply_recv(2, buf, 1, buf, sizeof buf, &mi);
    sum += jericho_signal(4, 1);
    sum += jericho_wait(4);
    sum += jericho_poll_signal(4);
    sum += jericho_cap_copy(0, 5);
    sum += jericho_cap_mint(0, 6, JERICHO_R_READ, 7);
    sum += jericho_cap_move(5, 7);
    sum += jericho_cap_delete(7);
    sum += jericho_cap_revoke(0);
    sum += jericho_cap_info(0, &ci);
    sum += jericho_cap_derived(0);
    sum += jericho_task_spawn(8, "x", 1, caps, 1, 10);
    sum += jericho_task_kill(9);
    jericho_devinfo_t di;
    jericho_meminfo_t memi;
    uint64_t v64 = 0;
    sum += jericho_dev_info(10, &di);
    sum += jericho_dev_read(10, 0, 4, 4);
    sum += jericho_dev_read64(10, 0, 8, &v64);
    sum += jericho_dev_write(10, 0, 4, 4, 1);
    sum += jericho_dev_irq_bind(10, 4, 1);
    sum += jericho_dev_irq_ack(10);
    sum += jericho_mem_create(8, 1);
    sum += jericho_mem_read(11, 0, buf, sizeof buf);
    sum += jericho_mem_write(11, 0, buf, sizeof buf);
    sum += jericho_mem_info(11, &memi);
    jericho_modinfo_t mods[1];
    jericho_taskinfo_t tasks[1];
    jericho_capsummary_t cs[1];
    jericho_sysmem_t sm;
    sum += jericho_task_spawn_args(8, "x", 1, caps, 1, 10, "a", 2);
    sum += jericho_mon_modules(12, mods, 1);
    sum += jericho_mon_tasks(12, tasks, 1);
    sum += jericho_mon_caps(12, tasks[0].id, cs, 1);
    sum += jericho_mon_mem(12, &sm);
    sum += jericho_entropy_add(13, buf, sizeof buf);
    sum += (int64_t)(mods[0].ncaps + cs[0].badge + sm.ram_bytes);
    sum += (int64_t)(v64 + di.vendor + memi.size);
    jericho_exit((int32_t)sum + (int32_t)ci.badge + (int32_t)mi.len);
}
