/*
 * spectest.h - the `spectest` host module the spec test scripts import
 * from: print functions, four constant globals, a funcref table and a
 * memory (as in the reference interpreter's spectest.ml).
 */
#ifndef JERICHO_HOST_SPECTEST_H
#define JERICHO_HOST_SPECTEST_H

#include <stdbool.h>
#include "wasm.h"

typedef struct spectest spectest_t;

/* Create the module's objects (NULL if any could not be created).
 * verbose: print functions write their arguments to stdout. */
spectest_t *spectest_new(bool verbose);
void spectest_free(spectest_t *s);
/* Find export `name`; false if spectest has none by that name. */
bool spectest_lookup(const spectest_t *s, const char *name, wasm_extern_t *out);

#endif
