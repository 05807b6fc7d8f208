/*
 * ksyms_table.h - the layout of the symbol table that tools/ksyms.py
 * generates for each kernel image (the second of its two links) and
 * ksyms.c reads. Code addresses are offsets from ksym_base; entries are
 * sorted by address, one per function.
 */
#ifndef JERICHO_KLIB_KSYMS_TABLE_H
#define JERICHO_KLIB_KSYMS_TABLE_H

#include <stdint.h>

/* Two arrays rather than an array of structs (6 bytes an entry, not 8):
 * entry i's code is [ksym_off[i], ksym_off[i + 1]), alignment padding
 * after a function counted as its own; ksym_off[ksym_count] is the end
 * of the code. */
extern const uint32_t ksym_count;
extern const uint64_t ksym_base;
extern const uint32_t ksym_off[];       /* address - ksym_base; count + 1 */
extern const uint16_t ksym_name[];      /* offset of the name in ksym_names */
extern const char ksym_names[];

#endif
