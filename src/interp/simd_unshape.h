/*
 * simd_unshape.h - undefine the shape macros (simd.h WV_SHAPE: WV_UN ...
 * WV_STORE_LANE) after a use of opcodes_simd.def, so the next includer
 * defines its own. No include guard: included after each use.
 */
#undef WV_UN
#undef WV_BIN
#undef WV_TERN
#undef WV_SHIFT
#undef WV_SPLAT
#undef WV_TEST
#undef WV_EXTRACT
#undef WV_REPLACE
#undef WV_SHUFFLE
#undef WV_LOAD
#undef WV_STORE
#undef WV_LOAD_LANE
#undef WV_STORE_LANE
