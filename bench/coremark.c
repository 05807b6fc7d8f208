/*
 * coremark.c - a CoreMark-style mixed workload, written for JerichoOS (not
 * EEMBC's CoreMark code; only the idea of mixing these kernels is shared).
 *
 * Each iteration runs four small kernels whose data fit in cache, and folds
 * every result into a running CRC-16 so the output checks them all:
 *   list   - 96 records linked through pointers: search, reverse, merge sort
 *            by value, merge sort back by key;
 *   matrix - 24x24 int16 matrices: add a constant, matrix x vector,
 *            matrix x matrix into int32, bit-field extraction;
 *   state  - a character state machine classifying comma-separated tokens
 *            (integer, decimal, exponent, invalid) in a 512-byte text;
 *   crc    - CRC-16/CCITT, bit by bit, of all of the above.
 * Usage: coremark [ITERATIONS] (default 10000). Prints the final CRC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* ---- crc ------------------------------------------------------------------ */

static uint16_t crc16(uint16_t crc, uint32_t v, int bytes)
{
    for (int b = 0; b < bytes; b++) {
        crc ^= (uint16_t)((v >> (8 * b)) & 0xff) << 8;
        for (int k = 0; k < 8; k++)
            crc = (uint16_t)(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    return crc;
}

/* ---- list ------------------------------------------------------------------ */

#define LIST_N 96

typedef struct node {
    struct node *next;
    int16_t key;
    int16_t val;
} node_t;

static node_t pool[LIST_N];

static node_t *list_build(uint32_t seed)
{
    node_t *head = NULL;
    for (int i = LIST_N - 1; i >= 0; i--) {
        seed = seed * 1664525u + 1013904223u;
        pool[i].key = (int16_t)i;
        pool[i].val = (int16_t)((seed >> 12) & 0x3ff);
        pool[i].next = head;
        head = &pool[i];
    }
    return head;
}

static node_t *list_reverse(node_t *l)
{
    node_t *prev = NULL;
    while (l) {
        node_t *next = l->next;
        l->next = prev;
        prev = l;
        l = next;
    }
    return prev;
}

/* Position of the first node with this value, or -1. */
static int list_find(const node_t *l, int16_t val)
{
    for (int pos = 0; l; l = l->next, pos++)
        if (l->val == val)
            return pos;
    return -1;
}

static int cmp_val(const node_t *a, const node_t *b)
{
    return a->val != b->val ? a->val - b->val : a->key - b->key;
}

static int cmp_key(const node_t *a, const node_t *b)
{
    return a->key - b->key;
}

/* Stable merge sort of a list (recursive split by slow/fast pointers). */
static node_t *list_sort(node_t *l, int (*cmp)(const node_t *, const node_t *))
{
    if (!l || !l->next)
        return l;
    node_t *slow = l, *fast = l->next;
    while (fast && fast->next) {
        slow = slow->next;
        fast = fast->next->next;
    }
    node_t *right = slow->next;
    slow->next = NULL;
    node_t *a = list_sort(l, cmp), *b = list_sort(right, cmp);
    node_t head, *t = &head;
    while (a && b) {
        if (cmp(a, b) <= 0) {
            t->next = a;
            a = a->next;
        } else {
            t->next = b;
            b = b->next;
        }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}

static uint16_t bench_list(uint32_t seed, uint16_t crc)
{
    node_t *l = list_build(seed);
    int found = 0;
    for (int q = 0; q < 8; q++)
        found += list_find(l, (int16_t)((seed >> q) & 0x3ff)) + 1;
    l = list_reverse(l);
    l = list_sort(l, cmp_val);
    for (node_t *n = l; n; n = n->next)
        crc = crc16(crc, (uint16_t)n->val, 2);
    l = list_sort(l, cmp_key);
    int16_t pos = 0;
    for (node_t *n = l; n; n = n->next, pos++)
        if (n->key != pos)
            crc = crc16(crc, 0xdead, 2); /* never: the sort is broken */
    return crc16(crc, (uint32_t)found, 2);
}

/* ---- matrix ------------------------------------------------------------------ */

#define MAT_N 24

static int16_t ma[MAT_N][MAT_N], mb[MAT_N][MAT_N];
static int32_t mc[MAT_N][MAT_N];
static int16_t vec[MAT_N];

static void mat_init(uint32_t seed)
{
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            seed = seed * 1103515245u + 12345u;
            ma[i][j] = (int16_t)((seed >> 16) % 200) - 100;
            mb[i][j] = (int16_t)((seed >> 8) % 64) - 32;
        }
        vec[i] = (int16_t)(i * 3 - 30);
    }
}

static uint16_t bench_matrix(int16_t k, uint16_t crc)
{
    int32_t s = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            ma[i][j] = (int16_t)(ma[i][j] + k);
    for (int i = 0; i < MAT_N; i++) {
        int32_t acc = 0;
        for (int j = 0; j < MAT_N; j++)
            acc += ma[i][j] * vec[j];
        s += acc;
    }
    crc = crc16(crc, (uint32_t)s, 4);
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int x = 0; x < MAT_N; x++)
                acc += ma[i][x] * mb[x][j];
            mc[i][j] = acc;
        }
    uint32_t bits = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            bits += ((uint32_t)mc[i][j] >> 3) & 0x7f;
    crc = crc16(crc, bits, 4);
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            ma[i][j] = (int16_t)(ma[i][j] - k);
    return crc;
}

/* ---- state machine -------------------------------------------------------------- */

#define TEXT_N 512

enum { ST_START, ST_SIGN, ST_INT, ST_DOT, ST_FRAC, ST_EXP, ST_EXPSIGN, ST_EXPNUM,
       ST_INVALID, ST_COUNT };

static char text[TEXT_N + 1];

static void text_init(void)
{
    static const char *const tokens[] = { "5012", "-1.25", "+3e7", "0.5e-3", "x1", "77",
                                          "-.", "9.", "1e", "+12.75", "abc", "-8e+2" };
    size_t at = 0, t = 0;
    while (at < TEXT_N) {
        const char *tok = tokens[t++ % (sizeof tokens / sizeof tokens[0])];
        for (size_t i = 0; tok[i] && at < TEXT_N; i++)
            text[at++] = tok[i];
        if (at < TEXT_N)
            text[at++] = ',';
    }
    text[TEXT_N] = 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int next_state(int s, char c)
{
    switch (s) {
    case ST_START:
        return is_digit(c) ? ST_INT : (c == '+' || c == '-') ? ST_SIGN : c == '.' ? ST_DOT : ST_INVALID;
    case ST_SIGN:
        return is_digit(c) ? ST_INT : c == '.' ? ST_DOT : ST_INVALID;
    case ST_INT:
        return is_digit(c) ? ST_INT : c == '.' ? ST_DOT : (c == 'e' || c == 'E') ? ST_EXP : ST_INVALID;
    case ST_DOT:
    case ST_FRAC:
        return is_digit(c) ? ST_FRAC : (c == 'e' || c == 'E') && s == ST_FRAC ? ST_EXP : ST_INVALID;
    case ST_EXP:
        return is_digit(c) ? ST_EXPNUM : (c == '+' || c == '-') ? ST_EXPSIGN : ST_INVALID;
    case ST_EXPSIGN:
    case ST_EXPNUM:
        return is_digit(c) ? ST_EXPNUM : ST_INVALID;
    default:
        return ST_INVALID;
    }
}

static uint16_t bench_state(uint32_t iter, uint16_t crc)
{
    uint32_t final[ST_COUNT] = { 0 }, transitions = 0;
    size_t pos = (iter * 7u) % TEXT_N;
    char saved = text[pos];
    if (text[pos] != ',')
        text[pos] = (char)("0123456789e.+-x"[iter % 15]);
    int s = ST_START;
    for (size_t i = 0; i <= TEXT_N; i++) {
        char c = text[i];
        if (c == ',' || c == 0) {
            final[s]++;
            s = ST_START;
            continue;
        }
        int n = next_state(s, c);
        transitions += n != s;
        s = n;
    }
    text[pos] = saved;
    for (int i = 0; i < ST_COUNT; i++)
        crc = crc16(crc, final[i], 2);
    return crc16(crc, transitions, 4);
}

/* ---- main -------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    uint32_t iters = argc > 1 ? (uint32_t)atoi(argv[1]) : 10000;
    uint16_t crc = 0xffff;
    mat_init(0x5eed);
    text_init();
    for (uint32_t it = 0; it < iters; it++) {
        crc = bench_list(it * 2654435761u, crc);
        crc = bench_matrix((int16_t)(it & 15) - 7, crc);
        crc = bench_state(it, crc);
    }
    printf("coremark-style: %u iterations, crc 0x%04x\n", iters, crc);
    return 0;
}
