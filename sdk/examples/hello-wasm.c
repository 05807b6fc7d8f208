/*
 * hello-wasm.c - the source of the tree's example of a prebuilt module
 * (demos/hello-wasm.manifest). It stands for a binary someone built
 * elsewhere: a plain WASI program that knows nothing of JerichoOS (no SDK
 * header, no directives), compiled with
 *
 *     clang --target=wasm32-wasi -O2 hello-wasm.c -o hello-wasm.wasm
 *
 * The build does just that (demos/demos.mk), so no binary is committed;
 * the manifest gives it its capabilities, arguments and environment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    printf("hello from a prebuilt module: %d args\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    const char *lang = getenv("LANG");
    printf("LANG=%s\n", lang ? lang : "(unset)");
    struct timespec ts;
    printf("clock_gettime: %s\n", clock_gettime(CLOCK_MONOTONIC, &ts) == 0 ? "ok" : "failed");
    return 0;
}
