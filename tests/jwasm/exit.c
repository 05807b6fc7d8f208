/* exit.c - jwasm test: `exit N` calls exit(N) (proc_exit) after printing;
 * `ret N` returns N from main; `abort 0` calls abort() (a wasm trap). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 3)
        return 99;
    printf("leaving\n");
    if (strcmp(argv[1], "exit") == 0)
        exit(atoi(argv[2]));
    if (strcmp(argv[1], "abort") == 0) {
        fflush(stdout);
        abort();
    }
    return atoi(argv[2]);
}
