/*
 * engines.c - the two engine tables (engines.h). The fzsw_* names are the
 * switch-dispatch build's symbols after objcopy --redefine-syms.
 */
#include "engines.h"

#define FZ_DECL(f) extern __typeof__(f) fzsw_##f;
FZ_ENGINE_FUNCS(FZ_DECL)
#undef FZ_DECL

const fz_engine_t fz_engine_goto = {
    "goto",
#define FZ_PLAIN(f) f,
    FZ_ENGINE_FUNCS(FZ_PLAIN)
#undef FZ_PLAIN
};

const fz_engine_t fz_engine_switch = {
    "switch",
#define FZ_PREFIXED(f) fzsw_##f,
    FZ_ENGINE_FUNCS(FZ_PREFIXED)
#undef FZ_PREFIXED
};
