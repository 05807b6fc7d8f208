// trap-c.c - a C task that divides by zero two calls deep: the kernel
// prints the trap and the wasm call stack with the C functions' names
// (the SDK's build keeps the name section: sdk/sdk.mk) and the offsets of
// the instructions in each function's code entry and in the code section
// (as `wasm-objdump -d` and wasm DWARF count them). The offsets below are
// those Debian 12's clang 14 and wasi-libc give this file; the frames of
// wasi-libc's start code are printed too but not checked here.
//
// caps: console:w
// expect: dividing 7 by 0
// expect-not: returned
// expect-kernel: task trap-c trapped: integer divide by zero
// expect-kernel:     at divide (func 8) +0x5, code offset 0x97
// expect-kernel:     from average (func 7) +0x3, code offset 0x87
// expect-kernel:     from __original_main (func 6) +0x3f, code offset 0x5d
#include <stdio.h>

__attribute__((noinline)) static int divide(int a, int b)
{
    return a / b;
}

__attribute__((noinline)) static int average(int sum, int n)
{
    return divide(sum, n) + 1;
}

int main(void)
{
    volatile int zero = 0;
    printf("dividing 7 by 0\n");
    fflush(stdout);
    int r = average(7, zero);
    printf("returned %d\n", r);
    return 0;
}
