/*
 * decode_test.c - host tests of the decoder and validator against hostile
 * input, beyond what the spec suite checks: implementation limits, deep
 * nesting, huge counts, and a mutation run over every spec test module
 * (decode, validate, and for import-free modules instantiate and call the
 * exports under a step budget), where the validator's fast path must
 * agree with its general path alone (validate_diff.c). Built with
 * ASan+UBSan: any memory error or crash fails the suite.
 *
 *   decode-test [SPEC_DIR]   SPEC_DIR: build/host/spec (wast2json output)
 * Prints one line per test, then "counts PASSED FAILED SKIPPED".
 */
#include "wasm.h"
#include "validate_diff.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a tiny module builder ------------------------------------------------ */

typedef struct {
    uint8_t *b;
    size_t n, cap;
} buf_t;

static void put(buf_t *o, const void *p, size_t n)
{
    if (o->n + n > o->cap) {
        o->cap = (o->n + n) * 2 + 64;
        o->b = realloc(o->b, o->cap);
    }
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void byte(buf_t *o, uint8_t x)
{
    put(o, &x, 1);
}

static void u32(buf_t *o, uint32_t v)
{
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        byte(o, (uint8_t)(b | (v ? 0x80 : 0)));
    } while (v);
}

static void section(buf_t *o, uint8_t id, const buf_t *body)
{
    byte(o, id);
    u32(o, (uint32_t)body->n);
    put(o, body->b, body->n);
}

static void header(buf_t *o)
{
    put(o, "\0asm\1\0\0\0", 8);
}

/* A module with type 0 = [] -> [] (or the given type section), one function
 * of that type, the given locals section bytes and body. */
static buf_t one_func(const buf_t *types, const buf_t *locals_and_body)
{
    buf_t m = { 0 }, s = { 0 };
    header(&m);
    if (types) {
        section(&m, 1, types);
    } else {
        put(&s, "\1\x60\0\0", 4);
        section(&m, 1, &s);
    }
    s.n = 0;
    put(&s, "\1\0", 2);
    section(&m, 3, &s);
    s.n = 0;
    byte(&s, 1);
    u32(&s, (uint32_t)locals_and_body->n);
    put(&s, locals_and_body->b, locals_and_body->n);
    section(&m, 10, &s);
    free(s.b);
    return m;
}

/* ---- tests ------------------------------------------------------------------ */

static int passed, failed;

static void check(const char *name, const buf_t *m, const char *want_err)
{
    char err[256] = "";
    wasm_module_t *mod = wasm_module_new(m->b, m->n, err, sizeof err);
    bool ok = want_err ? !mod && strncmp(err, want_err, strlen(want_err)) == 0 : mod != NULL;
    printf("%s %s", ok ? "OK    " : "FAILED", name);
    if (!ok)
        printf(": got \"%s\", wanted %s%s%s", mod ? "(accepted)" : err, want_err ? "\"" : "",
               want_err ? want_err : "acceptance", want_err ? "\"" : "");
    printf("\n");
    ok ? passed++ : failed++;
    wasm_module_free(mod);
}

static void t_deep_nesting(void)
{
    /* 200,000 nested blocks: the validator must not recurse */
    buf_t f = { 0 };
    byte(&f, 0);
    for (int i = 0; i < 200000; i++)
        put(&f, "\x02\x40", 2);
    for (int i = 0; i < 200000; i++)
        byte(&f, 0x0b);
    byte(&f, 0x0b);
    buf_t m = one_func(NULL, &f);
    check("200000 nested blocks are valid", &m, NULL);
    free(m.b);
    f.n -= 1;              /* drop the function's own end */
    m = one_func(NULL, &f);
    check("nested blocks without the final end", &m, "END opcode expected");
    free(m.b);
    free(f.b);
}

static void t_locals_limit(void)
{
    buf_t f = { 0 };
    put(&f, "\1", 1);
    u32(&f, 50001);
    put(&f, "\x7f\x0b", 2);
    buf_t m = one_func(NULL, &f);
    check("50001 locals: implementation limit", &m, "too many locals");
    free(m.b);
    f.n = 0;
    put(&f, "\1", 1);
    u32(&f, 50000);
    put(&f, "\x7f\x0b", 2);
    m = one_func(NULL, &f);
    check("50000 locals are accepted", &m, NULL);
    free(m.b);
    free(f.b);
}

static void t_operand_stack_limit(void)
{
    /* type 0: [] -> [], type 1: [] -> [i32 x 1000]; function 0 (type 0)
     * calls function 1 2000 times: 2,000,000 values on the stack */
    buf_t t = { 0 }, m = { 0 }, s = { 0 }, f = { 0 };
    put(&t, "\2\x60\0\0\x60\0", 6);
    u32(&t, 1000);
    for (int i = 0; i < 1000; i++)
        byte(&t, 0x7f);
    header(&m);
    section(&m, 1, &t);
    put(&s, "\2\0\1", 3);
    section(&m, 3, &s);
    s.n = 0;
    byte(&s, 2);
    byte(&f, 0);
    for (int i = 0; i < 2000; i++)
        put(&f, "\x10\x01", 2);
    byte(&f, 0x0b);
    u32(&s, (uint32_t)f.n);
    put(&s, f.b, f.n);
    f.n = 0;
    byte(&f, 0);
    put(&f, "\x00\x0b", 2);   /* function 1: unreachable end */
    u32(&s, (uint32_t)f.n);
    put(&s, f.b, f.n);
    section(&m, 10, &s);
    check("2,000,000 operand values: implementation limit", &m, "operand stack too deep");
    free(m.b);
    free(s.b);
    free(t.b);
    free(f.b);
}

static void t_huge_counts(void)
{
    buf_t m = { 0 }, s = { 0 };
    header(&m);
    u32(&s, 0xffffffffu);   /* type count with nothing behind it */
    section(&m, 1, &s);
    check("type count 2^32-1 with no types", &m, "unexpected end");
    free(m.b);
    free(s.b);

    buf_t f = { 0 };
    put(&f, "\0\x41\0\x0e", 4);   /* i32.const 0; br_table with a huge count */
    u32(&f, 0xfffffff0u);
    put(&f, "\0\x0b", 2);
    m = one_func(NULL, &f);
    check("br_table count beyond the body", &m, "unexpected end");
    free(m.b);
    free(f.b);
}

static void t_many_exports(void)
{
    /* 20,000 distinct exports of one function, then one duplicate */
    for (int dup = 0; dup < 2; dup++) {
        buf_t m = { 0 }, s = { 0 };
        header(&m);
        put(&s, "\1\x60\0\0", 4);
        section(&m, 1, &s);
        s.n = 0;
        put(&s, "\1\0", 2);
        section(&m, 3, &s);
        s.n = 0;
        u32(&s, 20000 + (uint32_t)dup);
        char name[32];
        for (int i = 0; i < 20000 + dup; i++) {
            int len = snprintf(name, sizeof name, "e%d", i == 20000 ? 777 : i);
            u32(&s, (uint32_t)len);
            put(&s, name, (size_t)len);
            put(&s, "\0\0", 2);
        }
        section(&m, 7, &s);
        s.n = 0;
        put(&s, "\1\2\0\x0b", 4);
        section(&m, 10, &s);
        check(dup ? "20001 exports with one duplicate" : "20000 distinct exports", &m,
              dup ? "duplicate export name" : NULL);
        free(m.b);
        free(s.b);
    }
}

static void t_names_with_nul(void)
{
    /* exports "" and "\0" are different names */
    buf_t m = { 0 }, s = { 0 };
    header(&m);
    put(&s, "\1\x60\0\0", 4);
    section(&m, 1, &s);
    s.n = 0;
    put(&s, "\1\0", 2);
    section(&m, 3, &s);
    s.n = 0;
    put(&s, "\2\0\0\0\1\0\0\0", 8);
    section(&m, 7, &s);
    s.n = 0;
    put(&s, "\1\2\0\x0b", 4);
    section(&m, 10, &s);
    check("exports \"\" and \"\\0\" are distinct", &m, NULL);
    free(m.b);
    free(s.b);
}

static void t_small_cases(void)
{
    buf_t m = { 0 };
    check("empty input", &m, "unexpected end");
    header(&m);
    check("header only", &m, NULL);
    put(&m, "\x0e\0", 2);     /* 13 is the tag section (exceptions) */
    check("section id 14", &m, "malformed section id");
    m.n = 8;
    put(&m, "\x05\x03\x01\x00\x81\x80\x04", 7);  /* memory min 65537 (3-byte LEB) */
    m.b[9] = 5;
    check("memory of 65537 pages", &m, "memory size must be at most 65536 pages");
    free(m.b);
}

/* ---- mutation run ------------------------------------------------------------ */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned vdiff_runs, vdiff_bad;

/* The fast and the general path of the validator on b: the same verdict. */
static void vdiff(const uint8_t *b, size_t n, const char *path)
{
    char why[256];
    vdiff_runs++;
    if (!vdiff_check(b, n, why, sizeof why) && vdiff_bad++ < 10)
        printf("FAILED validator paths differ on a mutation of %s: %s\n", path, why);
}

static void exercise(const uint8_t *b, size_t n, wasm_exec_t *ex, unsigned *accepted)
{
    char err[128];
    wasm_module_t *m = wasm_module_new(b, n, err, sizeof err);
    if (!m)
        return;
    (*accepted)++;
    if (wasm_module_import_count(m) == 0) {
        wasm_config_t cfg = { 16, 10000, 100 };
        wasm_trap_t trap;
        wasm_exec_set_fuel(ex, 5000);
        wasm_instance_t *inst = wasm_instantiate(m, NULL, 0, &cfg, NULL, ex, &trap, err, sizeof err);
        /* an instance that failed after its references escaped is kept by
         * the engine; the mutation run does not count that as a leak */
        if (inst) {
            uint32_t ne = wasm_module_export_count(m);
            for (uint32_t i = 0; i < ne && i < 8; i++) {
                wasm_externkind_t k;
                const char *name = wasm_module_export(m, i, &k);
                wasm_extern_t e;
                if (k != WASM_EXTERN_FUNC || !wasm_instance_export(inst, name, &e))
                    continue;
                const wasm_functype_t *ft = wasm_func_type(e.u.func);
                wasm_val_t args[32];
                memset(args, 0, sizeof args);
                if (ft->nparams > 32)
                    continue;
                wasm_exec_set_fuel(ex, 5000);
                wasm_exec_call(ex, e.u.func, args, ft->nparams);
            }
            wasm_instance_free(inst);
        }
    }
    wasm_module_free(m);
}

static void mutation_run(const char *dir, int per_file)
{
    DIR *d = opendir(dir);
    if (!d) {
        printf("SKIP   mutation run: %s not found\n", dir);
        return;
    }
    wasm_exec_t *ex = wasm_exec_new(256 * 1024, 200);
    unsigned files = 0, runs = 0, accepted = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
        DIR *sd = opendir(sub);
        if (!sd)
            continue;
        struct dirent *f;
        while ((f = readdir(sd))) {
            size_t l = strlen(f->d_name);
            if (l < 5 || strcmp(f->d_name + l - 5, ".wasm"))
                continue;
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", sub, f->d_name);
            FILE *fp = fopen(path, "rb");
            if (!fp)
                continue;
            uint8_t buf[65536];
            size_t n = fread(buf, 1, sizeof buf, fp);
            fclose(fp);
            if (n == 0 || n == sizeof buf)
                continue;
            files++;
            vdiff(buf, n, path);
            uint8_t mut[65536];
            for (int k = 0; k < per_file; k++) {
                memcpy(mut, buf, n);
                size_t len = n;
                int edits = 1 + (int)(next() % 4);
                for (int j = 0; j < edits; j++) {
                    size_t at = next() % len;
                    switch (next() % 4) {
                    case 0: mut[at] ^= (uint8_t)(1u << (next() % 8)); break;
                    case 1: mut[at] = (uint8_t)next(); break;
                    case 2: len = at + 1; break;                            /* truncate */
                    default: mut[at] = (uint8_t)(0x80 | next()); break;     /* LEB bait */
                    }
                }
                vdiff(mut, len, path);
                exercise(mut, len, ex, &accepted);
                runs++;
            }
        }
        closedir(sd);
    }
    closedir(d);
    wasm_exec_free(ex);
    bool ok = files > 0;
    printf("%s mutation run: %u modules x %d mutations = %u runs, %u accepted, no crash\n",
           ok ? "OK    " : "FAILED", files, per_file, runs, accepted);
    ok ? passed++ : failed++;
    ok = vdiff_runs > 0 && vdiff_bad == 0;
    printf("%s validator fast path = general path on %u modules (%u differ)\n",
           ok ? "OK    " : "FAILED", vdiff_runs, vdiff_bad);
    ok ? passed++ : failed++;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    t_small_cases();
    t_deep_nesting();
    t_locals_limit();
    t_operand_stack_limit();
    t_huge_counts();
    t_many_exports();
    t_names_with_nul();
    mutation_run(argc > 1 ? argv[1] : "build/host/spec", argc > 2 ? atoi(argv[2]) : 20);
    printf("counts %d %d 0\n", passed, failed);
    return failed ? 1 : 0;
}
