#!/usr/bin/env bash
# tests/qemu/check.sh ARCH - boots ARCH's kernel in test mode and checks the
# serial log: the boot lines (banner, cpu, memory, boot modules, timer
# ticks), every in-kernel self-test line (include/selftest/ktest.h protocol), no
# PANIC, no timeout, and an exit status that agrees with the results. Then
# three short boots without the boot-module archive and with a malformed
# one (docs/bootpack.md): the kernel must say so, still run its self-tests,
# and refuse to run demos with status 1. Reports counts for tests/run.sh as
# suite qemu-ARCH.
set -u
arch=$1
suite=qemu-$arch
log=build/$arch/test.log
make --no-print-directory ARCH="$arch" qemu CMDLINE=test QEMU_LOG="$log" QEMU_TIMEOUT=${QEMU_TEST_TIMEOUT:-120} > /dev/null
rc=$?
pass=0; fail=0
check() {   # check NAME CONDITION-RESULT
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $arch: $1"; fi
}
have() { grep -qE "$1" "$log" 2>/dev/null; }
check "banner" "$(have '^JerichoOS \('"$arch"'\)'; echo $?)"
check "cpu line" "$(have '^cpu: '; echo $?)"
check "memory line" "$(have '^memory: [1-9][0-9]* MiB'; echo $?)"
pak=build/$arch/jericho.pak
check "boot modules line" "$(have "^boot modules: [^ ]+ $(stat -c %s "$pak" 2>/dev/null) bytes, [1-9][0-9]* demos, [1-9][0-9]* hostile, [1-9][0-9]* bench"; echo $?)"
check "timer ticks" "$(have '^timer: [1-9][0-9]* ticks'; echo $?)"
# Which generator ENTROPY uses (docs/wasi.md): x86-64's -cpu max under TCG
# offers RDRAND (no RDSEED in QEMU 7.2); arm64 offers RNDR only on -cpu max
# (ARM64_CPU=max), not on the default Cortex-A72: then the kernel's ChaCha20.
if [ "$arch" = x86_64 ]; then
    check "entropy: the CPU's RDRAND/RDSEED" "$(have '^entropy: RD(RAND|SEED) \(the CPU'"'"'s generator\)'; echo $?)"
elif have '^cpu: .*-cpu max'; then
    check "entropy: the CPU's RNDR (-cpu max)" "$(have '^entropy: RNDR \(the CPU'"'"'s generator\)'; echo $?)"
else
    check "entropy: chacha20, the CPU has no RNDR" "$(have '^entropy: chacha20 \(the kernel'"'"'s generator: the CPU has none\)'; echo $?)"
fi
check "no panic" "$(have 'PANIC'; [ $? -ne 0 ]; echo $?)"
check "test run finished" "$(have '^\[test\] done: '; echo $?)"
t_ok=$(grep -cE '^\[test\] .* \.\.\. ok' "$log" 2>/dev/null)
t_bad=$(grep -cE '^\[test\] .* \.\.\. FAILED' "$log" 2>/dev/null)
grep -E '^\[test\] .* \.\.\. FAILED' "$log"
pass=$((pass + t_ok)); fail=$((fail + t_bad))
# How many tests there must be, counted from the sources this image is
# built from (KTEST( in src/ outside src/hal/, and in src/hal/ARCH/), not
# from the kernel's word: a run of 0 tests, or of fewer than the image
# should have, is a failure. The kernel says how many it has and runs
# ("[test] plan: N of the M tests"), and every one of them must pass.
t_src=$(cat $(grep -rlE '^KTEST\(' src | grep -v '^src/hal/') \
        $(grep -rlE '^KTEST\(' "src/hal/$arch") | grep -cE '^KTEST\(')
plan=$(sed -nE 's/^\[test\] plan: ([0-9]+) of the ([0-9]+) tests in this image.*/\1 \2/p' "$log" | tr -d '\r')
read -r t_run t_img <<< "${plan:-0 0}"
check "the image has the $t_src tests of its sources (it says $t_img)" \
    "$([ "$t_src" -gt 0 ] && [ "$t_img" -eq "$t_src" ]; echo $?)"
check "all $t_src run (plan: $t_run)" "$([ "$t_run" -eq "$t_src" ]; echo $?)"
check "all $t_src passed: $t_ok 'ok' lines, done line '$t_src passed, 0 failed'" \
    "$([ "$t_ok" -eq "$t_src" ] && have "^\[test\] done: $t_src passed, 0 failed"; echo $?)"
# The exit status must say "success" exactly when nothing failed.
if [ "$fail" -eq 0 ]; then check "exit status 0" "$([ "$rc" -eq 0 ]; echo $?)"
else check "exit status reports failure" "$([ "$rc" -ne 0 ]; echo $?)"; fi
[ "$fail" -ne 0 ] && { echo "--- last lines of $log:"; tail -n 40 "$log"; }

# ---- without the archive, and with a malformed one ---------------------------
# QEMU_BOOT without the archive (arm64: no fw_cfg file; x86-64: an ISO whose
# grub.cfg has no module2 line) or with a truncated copy of it.
alt=build/$arch/alt-boot
rm -rf "$alt" && mkdir -p "$alt"
head -c 4096 "$pak" > "$alt/bad.pak"
alt_boot() {    # alt_boot none|bad -> QEMU_BOOT
    if [ "$arch" = arm64 ]; then
        printf '%s' "-kernel build/$arch/jericho-test.elf"
        [ "$1" = bad ] && printf ' %s' "-fw_cfg name=opt/jericho/initrd,file=$alt/bad.pak"
        return 0
    fi
    local d=$alt/iso-$1
    mkdir -p "$d/boot/grub"
    cp "build/$arch/jericho-test.elf" "$d/boot/jericho.elf"
    if [ "$1" = bad ]; then
        cp "$alt/bad.pak" "$d/boot/jericho.pak"
        cp iso/grub.cfg "$d/boot/grub/grub.cfg"
    else
        grep -v module2 iso/grub.cfg > "$d/boot/grub/grub.cfg"
    fi
    grub-mkrescue -o "$alt/$1.iso" "$d" > "$alt/$1.mkrescue.log" 2>&1
    printf '%s' "-cdrom $alt/$1.iso"
}
boot_none=$(alt_boot none)
boot_bad=$(alt_boot bad)
alt_run() {     # alt_run NAME QEMU_BOOT CMDLINE -> status; log in $alt/NAME.log
    make --no-print-directory ARCH="$arch" qemu QEMU_BOOT="$2" CMDLINE="$3" \
        QEMU_LOG="$alt/$1.log" QEMU_TIMEOUT=60 > /dev/null 2>&1
}
alt_has() { grep -qE "$2" "$alt/$1.log" 2>/dev/null; }
alt_run none-test "$boot_none" test=sched; r=$?
check "no archive: says so" "$(alt_has none-test $'^boot modules: none\r?$'; echo $?)"
n_sched=$(sed -nE 's/^\[test\] plan: ([0-9]+) of .*/\1/p' "$alt/none-test.log" | tr -d '\r')
check "no archive: the sched self-tests run and pass (${n_sched:-0} planned)" \
    "$([ "${n_sched:-0}" -gt 0 ] && alt_has none-test "^\[test\] done: $n_sched passed, 0 failed" &&
       [ $r -eq 0 ]; echo $?)"
# (make fails on a kernel status other than 0: qemu-run.sh logs which)
alt_run none-demos "$boot_none" ""
check "no archive: no demos, status 1" \
    "$(alt_has none-demos '^demos: none to run \(no boot modules\)' &&
       alt_has none-demos '^qemu-run: kernel exit status 1'; echo $?)"
alt_run bad-demos "$boot_bad" ""
check "malformed archive: refused with the reason" \
    "$(alt_has bad-demos '^boot modules: none \(.*4096 bytes, rejected: archive length [0-9]+ but 4096 bytes loaded\)'; echo $?)"
check "malformed archive: no demos, status 1, no panic" \
    "$(alt_has bad-demos '^demos: none to run' && alt_has bad-demos '^qemu-run: kernel exit status 1' &&
       ! alt_has bad-demos PANIC; echo $?)"
# entropy=soft: the kernel's ChaCha20 answers even where the CPU has a
# generator, and the self-test's two draws from it differ.
make --no-print-directory ARCH="$arch" qemu CMDLINE="test=entropy entropy=soft" \
    QEMU_LOG="$alt/soft-entropy.log" QEMU_TIMEOUT=60 > /dev/null 2>&1; r=$?
check "entropy=soft: chacha20, its self-test passes" \
    "$(alt_has soft-entropy '^entropy: chacha20 \(the kernel' &&
       alt_has soft-entropy '^\[test\] entropy_two_draws_differ \.\.\. ok' && [ $r -eq 0 ]; echo $?)"
# The default image has no self-tests (they are only in jericho-test.elf).
make --no-print-directory ARCH="$arch" qemu KIMAGE=jericho CMDLINE=test \
    QEMU_LOG="$alt/default-test.log" QEMU_TIMEOUT=60 > /dev/null 2>&1
check "default image: no self-tests, says so, status 1" \
    "$(alt_has default-test '^test: not in this image' &&
       alt_has default-test '^qemu-run: kernel exit status 1' &&
       ! alt_has default-test '^\[test\]'; echo $?)"
[ "$fail" -ne 0 ] && for f in "$alt"/*.log; do echo "--- $f"; tail -n 8 "$f"; done
echo "$suite: kernel self-tests: $t_ok ok, $t_bad failed (log: $log)"
bash tests/report.sh "$suite" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
