/*
 * test_multiboot.c - host unit tests of the Multiboot2 parser
 * (src/hal/x86_64/multiboot.c): a normal boot information block, then
 * malformed ones (bad magic, sizes, tags, map entries, unterminated command
 * line, module tags, too many ranges) and random blocks, which must all be refused or
 * parsed without reading outside the block (run under ASan/UBSan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "x86.h"

#define MAGIC 0x36d76289u

void arch_putc(char c) { (void)c; }     /* kprintf output is not checked */

static int failures;
#define CHECK(c) do { if (!(c)) { printf("    %s:%d: %s\n", __FILE__, __LINE__, #c); failures++; } } while (0)

/* A block under construction, then copied to an exact-size heap buffer so
 * that ASan sees any read past its end. */
static uint8_t blk[8192];
static uint32_t len;

static void begin(void) { memset(blk, 0, sizeof blk); len = 8; }
static void put32(uint32_t v) { memcpy(blk + len, &v, 4); len += 4; }
static void put64(uint64_t v) { memcpy(blk + len, &v, 8); len += 8; }
static void pad8(void) { len = (len + 7) & ~7u; }
static void tag_cmdline(const char *s, size_t n)
{
    put32(1); put32((uint32_t)(8 + n));
    memcpy(blk + len, s, n); len += (uint32_t)n; pad8();
}
static uint32_t mmap_at;
static void mmap_begin(uint32_t esize) { mmap_at = len; put32(6); put32(0); put32(esize); put32(0); }
static void mmap_entry(uint64_t base, uint64_t l, uint32_t type) { put64(base); put64(l); put32(type); put32(0); }
static void mmap_end(void) { uint32_t sz = len - mmap_at; memcpy(blk + mmap_at + 4, &sz, 4); pad8(); }
static void end_tag(void) { put32(0); put32(8); }

static bool parse(uint32_t magic, boot_info_t *bi)
{
    uint32_t total = len;
    memcpy(blk, &total, 4);
    uint8_t *copy = aligned_alloc(8, (len + 7) & ~7u);
    memcpy(copy, blk, len);
    memset(bi, 0, sizeof *bi);
    bool ok = x86_multiboot_parse(magic, (uintptr_t)copy, bi);
    free(copy);
    return ok;
}

static void test_normal(void)
{
    boot_info_t bi;
    begin();
    tag_cmdline("x86.fault=ud test", 18);
    mmap_begin(24);
    mmap_entry(0x100000, 0x7ee0000, 1);     /* unsorted */
    mmap_entry(0x0, 0x9fc00, 1);            /* unaligned end */
    mmap_entry(0x9fc00, 0x400, 2);          /* reserved */
    mmap_entry(0xfffc0000, 0x40000, 2);
    mmap_entry(0x7000000, 0x2000000, 1);    /* overlaps the first */
    mmap_entry(0x100000000ull, 0x10000800, 1);
    mmap_end();
    end_tag();
    CHECK(parse(MAGIC, &bi));
    CHECK(bi.nram == 3);
    CHECK(bi.ram[0].base == 0 && bi.ram[0].len == 0x9f000);
    CHECK(bi.ram[1].base == 0x100000 && bi.ram[1].len == 0x9000000 - 0x100000);
    CHECK(bi.ram[2].base == 0x100000000ull && bi.ram[2].len == 0x10000000);
    CHECK(bi.cmdline && strcmp(bi.cmdline, "x86.fault=ud test") == 0);
    CHECK(bi.nreserved == 1 && bi.reserved[0].len >= 4096);
}

static void test_refused(void)
{
    boot_info_t bi;
    begin(); mmap_begin(24); mmap_entry(0x100000, 0x100000, 1); mmap_end(); end_tag();
    CHECK(!parse(0x2badb002, &bi));          /* Multiboot 1 magic */
    CHECK(parse(MAGIC, &bi));
    CHECK(!x86_multiboot_parse(MAGIC, 0, &bi));
    CHECK(!x86_multiboot_parse(MAGIC, (uintptr_t)blk + 4, &bi));

    begin(); end_tag();                       /* no memory map */
    CHECK(!parse(MAGIC, &bi));

    begin(); put32(6); put32(4); end_tag();   /* tag shorter than its header */
    CHECK(!parse(MAGIC, &bi));

    begin(); put32(6); put32(4000); put32(24); put32(0); end_tag();   /* past the end */
    CHECK(!parse(MAGIC, &bi));

    uint32_t bad_total = 12;                  /* total smaller than the header */
    uint8_t *b = aligned_alloc(8, 16);
    memset(b, 0, 16);
    memcpy(b, &bad_total, 4);
    CHECK(!x86_multiboot_parse(MAGIC, (uintptr_t)b, &bi));
    bad_total = 1u << 30;                     /* absurd total */
    memcpy(b, &bad_total, 4);
    CHECK(!x86_multiboot_parse(MAGIC, (uintptr_t)b, &bi));
    free(b);
}

static void test_bad_entries(void)
{
    boot_info_t bi;
    begin(); mmap_begin(8); put64(0x100000); mmap_end(); end_tag();   /* entry size too small */
    CHECK(!parse(MAGIC, &bi));                /* so: no RAM */

    begin(); mmap_begin(4096); mmap_entry(0x100000, 0x100000, 1); mmap_end(); end_tag();
    CHECK(!parse(MAGIC, &bi));                /* entry larger than the tag: none read */

    begin(); mmap_begin(32);                  /* larger entries are fine */
    mmap_entry(0x100000, 0x100000, 1); put64(0);
    mmap_entry(0x300000, 0x1000, 1); put64(0);
    mmap_entry(0xffffffffffff0000ull, 0x20000, 1); put64(0);   /* wraps: dropped */
    mmap_entry(0x500000, 0x800, 1); put64(0);                  /* < a page: dropped */
    mmap_end(); end_tag();
    CHECK(parse(MAGIC, &bi));
    CHECK(bi.nram == 2 && bi.ram[1].base == 0x300000 && bi.ram[1].len == 0x1000);
}

static void test_cmdline_unterminated(void)
{
    boot_info_t bi;
    begin();
    tag_cmdline("abcdefghij", 5);             /* no NUL inside the tag */
    put32(99); put32(8);                      /* unknown tag, skipped */
    mmap_begin(24); mmap_entry(0x100000, 0x100000, 1); mmap_end(); end_tag();
    CHECK(parse(MAGIC, &bi));
    CHECK(strcmp(bi.cmdline, "abcde") == 0);

    static char longline[2000];
    memset(longline, 'x', sizeof longline);
    begin(); tag_cmdline(longline, sizeof longline);
    mmap_begin(24); mmap_entry(0x100000, 0x100000, 1); mmap_end(); end_tag();
    CHECK(parse(MAGIC, &bi));
    CHECK(strlen(bi.cmdline) == 511);
}

static void tag_module(uint32_t start, uint32_t end, const char *s, size_t n)
{
    put32(3); put32((uint32_t)(16 + n)); put32(start); put32(end);
    memcpy(blk + len, s, n); len += (uint32_t)n; pad8();
}

static void test_module(void)
{
    boot_info_t bi;
    begin();
    tag_module(0x200000, 0x21c123, "/boot/jericho.pak", 18);
    tag_module(0x300000, 0x301000, "second", 7);      /* only the first is used */
    mmap_begin(24); mmap_entry(0x100000, 0x1000000, 1); mmap_end(); end_tag();
    CHECK(parse(MAGIC, &bi));
    CHECK(bi.initrd_base == 0x200000 && bi.initrd_len == 0x1c123);
    CHECK(bi.initrd_name && strcmp(bi.initrd_name, "/boot/jericho.pak") == 0);
    CHECK(bi.nreserved == 2 && bi.reserved[0].base == 0x200000 && bi.reserved[0].len == 0x1d000);

    begin();                                    /* unterminated name, empty module */
    tag_module(0x400000, 0x400000, "x", 1);
    tag_module(0x200000, 0x200010, "abcdefgh", 3);
    mmap_begin(24); mmap_entry(0x100000, 0x1000000, 1); mmap_end(); end_tag();
    CHECK(parse(MAGIC, &bi));
    CHECK(bi.initrd_base == 0x200000 && bi.initrd_len == 0x10);
    CHECK(strcmp(bi.initrd_name, "abc") == 0);

    begin();                                    /* a tag too short for a module */
    put32(3); put32(12); put32(0x200000); put32(0);
    mmap_begin(24); mmap_entry(0x100000, 0x1000000, 1); mmap_end(); end_tag();
    CHECK(parse(MAGIC, &bi));
    CHECK(bi.initrd_len == 0 && bi.nreserved == 1);
}

static void test_many_ranges(void)
{
    boot_info_t bi;
    begin(); mmap_begin(24);
    for (int i = 0; i < 100; i++)
        mmap_entry(0x100000 + (uint64_t)i * 0x200000, 0x1000, 1);
    mmap_end(); end_tag();
    CHECK(parse(MAGIC, &bi));
    CHECK(bi.nram == BOOT_MAX_RANGES);
    for (uint32_t i = 1; i < bi.nram; i++)
        CHECK(bi.ram[i - 1].base + bi.ram[i - 1].len <= bi.ram[i].base);
}

static void test_random_blocks(void)
{
    boot_info_t bi;
    srand(12345);
    for (int round = 0; round < 20000; round++) {
        begin();
        uint32_t n = 8 + (uint32_t)(rand() % 400);
        for (uint32_t i = 8; i < n; i++)
            blk[i] = (uint8_t)(rand() % 4 ? rand() % 8 : rand());
        len = n;
        parse(MAGIC, &bi);                    /* must not crash or over-read */
        CHECK(bi.nram <= BOOT_MAX_RANGES && bi.nreserved <= 2);
        for (uint32_t i = 0; i < bi.nram; i++)
            CHECK(bi.ram[i].len > 0 && (bi.ram[i].base & 4095) == 0 && (bi.ram[i].len & 4095) == 0);
    }
}

static const struct { void (*fn)(void); const char *name; } tests[] = {
    {test_normal, "normal block"},
    {test_refused, "malformed blocks refused"},
    {test_bad_entries, "bad memory-map entries"},
    {test_cmdline_unterminated, "unterminated and long command lines"},
    {test_module, "module tag (boot-module archive)"},
    {test_many_ranges, "more ranges than boot_info_t holds"},
    {test_random_blocks, "20000 random blocks"},
};

int main(int argc, char **argv)
{
    const char *suite = argc > 1 ? argv[1] : "x86_64-multiboot";
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        int before = failures;
        tests[i].fn();
        printf("%s: %s ... %s\n", suite, tests[i].name, failures == before ? "ok" : "FAILED");
        if (failures == before) passed++; else failed++;
    }
    FILE *f = fopen(argc > 2 ? argv[2] : "/dev/null", "w");
    if (f) { fprintf(f, "%d %d 0\n", passed, failed); fclose(f); }
    printf("%s: %d passed, %d failed\n", suite, passed, failed);
    return failed != 0;
}
