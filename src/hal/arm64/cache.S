/*
 * cache.S - arm64_dcache_invalidate_all: invalidate every data/unified
 * cache level by set/way (DC ISW), as boot code must before it turns the
 * caches on (their contents are unknown at reset). Only valid while the
 * data cache is off: it discards, never writes back. Follows the
 * CLIDR/CCSIDR walk of the Arm ARM's example code.
 */
    .text
    .global arm64_dcache_invalidate_all
arm64_dcache_invalidate_all:
    mrs     x0, clidr_el1
    and     w3, w0, #0x07000000     /* LoC */
    lsr     w3, w3, #23             /* LoC * 2 */
    cbz     w3, 5f
    mov     w10, #0                 /* level * 2 */
    mov     w8, #1
1:  add     w2, w10, w10, lsr #1    /* level * 3 */
    lsr     w1, w0, w2
    and     w1, w1, #0x7            /* cache type of this level */
    cmp     w1, #2
    b.lt    4f                      /* no data cache here */
    msr     csselr_el1, x10
    isb
    mrs     x1, ccsidr_el1
    and     w2, w1, #7
    add     w2, w2, #4              /* log2(line bytes) */
    ubfx    w4, w1, #3, #10         /* ways - 1 */
    clz     w5, w4                  /* way shift */
    lsl     w9, w4, w5
    lsl     w16, w8, w5             /* way decrement */
2:  ubfx    w7, w1, #13, #15        /* sets - 1 */
    lsl     w7, w7, w2
    lsl     w17, w8, w2             /* set decrement */
3:  orr     w11, w10, w9
    orr     w11, w11, w7
    dc      isw, x11
    subs    w7, w7, w17
    b.ge    3b
    subs    x9, x9, x16
    b.ge    2b
4:  add     w10, w10, #2
    cmp     w3, w10
    b.gt    1b
5:  msr     csselr_el1, xzr
    dsb     sy
    isb
    ret
