/*
 * ksyms_table.h - the layout of the symbol table that tools/ksyms.py
 * generates for each kernel image (the second of its two links) and
 * ksyms.c reads. Code addresses are offsets from ksym_base; entries are
 * sorted by address, one per function.
 */
#ifndef JERICHO_KLIB_KSYMS_TABLE_H
#define JERICHO_KLIB_KSYMS_TABLE_H

#include <stdint.h>

typedef struct {
    uint32_t off;       /* address - ksym_base */
    uint32_t size;      /* bytes of code */
    uint32_t name;      /* offset of the NUL-terminated name in ksym_names */
} ksym_t;

extern const uint32_t ksym_count;
extern const uint64_t ksym_base;
extern const ksym_t ksym_entries[];
extern const char ksym_names[];

#endif
