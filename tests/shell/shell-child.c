// shell-child.c - a task for the shell's tests (tests/shell/check.sh),
// started only by the shell's spawn (start: no), with the capabilities
// the shell passes: slot 0 console w, slot 1 clock r if it should wait.
// It prints its arguments; with the argument `forever` it then sleeps
// until it is killed.
//
// group: shell
// start: no
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    printf("child: %d args:", argc);
    for (int i = 0; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "forever") == 0) {
            printf("child: waiting to be killed\n");
            fflush(stdout);
            for (;;) {
                struct timespec ts = {0, 50 * 1000 * 1000};
                if (nanosleep(&ts, NULL) != 0) {
                    printf("child: no clock\n");
                    return 2;
                }
            }
        }
    return 0;
}
