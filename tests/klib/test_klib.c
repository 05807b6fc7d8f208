/*
 * test_klib.c - host unit tests of the kernel's klib (formatting, memory
 * and string functions). Built with the klib sources renamed (kl_*) so that
 * they never replace the host libc's, and run plain and under ASan/UBSan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include "klib.h"

static char console[4096];
static size_t console_len;
void arch_putc(char c) { if (console_len + 1 < sizeof console) console[console_len++] = c; }
void arch_irq_disable(void) {}
void arch_poweroff(int status) { printf("poweroff(%d)\n", status); exit(99); }

static int failures;
#define CHECK(c) do { if (!(c)) { printf("    %s:%d: %s\n", __FILE__, __LINE__, #c); failures++; } } while (0)

static int streq(const char *a, const char *b) { return strcmp(a, b) == 0; }

static void fmt_is(const char *expect, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fmt_is(const char *expect, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (!streq(buf, expect) || n != (int)strlen(expect)) {
        printf("    format \"%s\": got \"%s\" (%d), want \"%s\"\n", fmt, buf, n, expect);
        failures++;
    }
}

static void test_format_integers(void)
{
    fmt_is("42", "%d", 42);
    fmt_is("-42", "%i", -42);
    fmt_is("-2147483648", "%d", (int)INT32_MIN);
    fmt_is("4294967295", "%u", 4294967295u);
    fmt_is("ff", "%x", 255);
    fmt_is("FF", "%X", 255);
    fmt_is("17", "%o", 15);
    fmt_is("deadbeefcafe", "%lx", 0xdeadbeefcafeul);
    fmt_is("18446744073709551615", "%llu", 18446744073709551615ull);
    fmt_is("-9223372036854775808", "%lld", (long long)INT64_MIN);
    fmt_is("123456789012", "%zu", (size_t)123456789012ull);
}

static void test_format_width(void)
{
    fmt_is("   42", "%5d", 42);
    fmt_is("00042", "%05d", 42);
    fmt_is("-0042", "%05d", -42);
    fmt_is("42   |", "%-5d|", 42);
    fmt_is("0000beef", "%08x", 0xbeef);
    fmt_is("  ab", "%*s", 4, "ab");
    fmt_is("ab  |", "%-4s|", "ab");
    fmt_is("abc", "%.3s", "abcdef");
    fmt_is("x", "%c", 'x');
    fmt_is("100%", "%d%%", 100);
    fmt_is("0x1000", "%p", (void *)0x1000);
    const char *volatile nothing = NULL;
    fmt_is("(null)", "%s", nothing);
}

static void test_format_truncation(void)
{
    char buf[5];
    int n = ksnprintf(buf, sizeof buf, "%s", "abcdefgh");
    CHECK(n == 8);
    CHECK(streq(buf, "abcd"));
    n = ksnprintf(buf, 1, "%d", 12345);
    CHECK(n == 5 && buf[0] == 0);
}

static void test_kprintf_console(void)
{
    console_len = 0;
    int n = kprintf("tick %u/%s\n", 7u, "ok");
    console[console_len] = 0;
    CHECK(streq(console, "tick 7/ok\n"));
    CHECK(n == 10);
}

static void test_memory(void)
{
    uint8_t a[64], b[64];
    for (int i = 0; i < 64; i++) a[i] = (uint8_t)i;
    memset(b, 0xee, sizeof b);
    memcpy(b + 3, a + 1, 40);           /* unaligned */
    CHECK(b[2] == 0xee && b[3] == 1 && b[42] == 40 && b[43] == 0xee);
    memcpy(b, a, 64);                   /* aligned words */
    CHECK(memcmp(a, b, 64) == 0);
    memmove(b + 8, b, 32);              /* overlap forwards */
    CHECK(b[8] == 0 && b[39] == 31);
    memcpy(b, a, 64);
    memmove(b, b + 8, 32);              /* overlap backwards */
    CHECK(b[0] == 8 && b[31] == 39);
    memset(b + 1, 0x5a, 17);
    CHECK(b[0] == 8 && b[1] == 0x5a && b[17] == 0x5a && b[18] == 26);
    CHECK(memcmp("abc", "abd", 3) < 0 && memcmp("abd", "abc", 3) > 0);
}

static void test_strings(void)
{
    char buf[8];
    CHECK(strlen("hello") == 5 && strnlen("hello", 3) == 3);
    CHECK(strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && strcmp("ab", "ab") == 0);
    CHECK(strncmp("abcx", "abcy", 3) == 0 && strncmp("abcx", "abcy", 4) < 0);
    CHECK(strchr("hello", 'l') && *strchr("hello", 'l') == 'l' && !strchr("hello", 'z'));
    CHECK(strlcpy(buf, "truncated", sizeof buf) == 9 && streq(buf, "truncat"));
    const char *end;
    CHECK(kstrtoul("1234x", &end) == 1234 && *end == 'x');
    CHECK(kstrtoul("0x1F", NULL) == 31);
}

static void test_cmdline(void)
{
    char b[8];
    const char *cl = "test  demo=mqtt* x86.fault=pf bench=waytoolongvalue last";
    CHECK(kcmdline_get(cl, "test", b, sizeof b) && streq(b, ""));
    CHECK(kcmdline_get(cl, "demo", b, sizeof b) && streq(b, "mqtt*"));
    CHECK(kcmdline_get(cl, "x86.fault", b, sizeof b) && streq(b, "pf"));
    CHECK(kcmdline_get(cl, "bench", b, sizeof b) && streq(b, "waytool"));  /* cut */
    CHECK(kcmdline_get(cl, "last", b, sizeof b) && streq(b, ""));
    CHECK(!kcmdline_get(cl, "tes", b, sizeof b));       /* a prefix is not a key */
    CHECK(!kcmdline_get(cl, "demos", b, sizeof b));
    CHECK(!kcmdline_get(cl, "pf", b, sizeof b));        /* values are not keys */
    CHECK(!kcmdline_get("", "test", b, sizeof b) && !kcmdline_get(NULL, "test", b, sizeof b));
    CHECK(kcmdline_has(cl, "demo") && kcmdline_has(cl, "test") && !kcmdline_has(cl, "mqtt"));
}

/* RFC 8439 2.3.2: the ChaCha20 block function's test vector. */
static void test_chacha20(void)
{
    uint32_t key[8], nonce[3] = {0x09000000, 0x4a000000, 0x00000000};
    for (int i = 0; i < 8; i++)
        key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 | (uint32_t)(4 * i + 2) << 16 |
                 (uint32_t)(4 * i + 3) << 24;
    static const uint8_t want[64] = {
        0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20,
        0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a,
        0xc3, 0xd4, 0x6c, 0x4e, 0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2,
        0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
        0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
    };
    uint8_t out[64];
    chacha20_block(key, 1, nonce, out);
    CHECK(memcmp(out, want, 64) == 0);
}

static const struct { const char *name; void (*fn)(void); } tests[] = {
    { "chacha20", test_chacha20 },
    { "cmdline", test_cmdline },
    { "format_integers", test_format_integers },
    { "format_width", test_format_width },
    { "format_truncation", test_format_truncation },
    { "kprintf_console", test_kprintf_console },
    { "memory", test_memory },
    { "strings", test_strings },
};

int main(int argc, char **argv)
{
    const char *suite = argc > 1 ? argv[1] : "klib";
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        int before = failures;
        printf("%s: %s\n", tests[i].name, "...");
        tests[i].fn();
        if (failures == before) { passed++; printf("  OK\n"); }
        else { failed++; printf("  FAILED\n"); }
    }
    printf("%s: %d passed, %d failed\n", suite, passed, failed);
    FILE *f = fopen(argc > 2 ? argv[2] : "/dev/null", "w");
    if (f) { fprintf(f, "%d %d 0\n", passed, failed); fclose(f); }
    return failed != 0;
}
