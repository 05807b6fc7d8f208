// security-import-c.c - a C task built with the SDK that declares a host
// function the kernel does not have (as a program ported from another
// host would). Instantiation fails naming the import; nothing runs.
//
// group: security
// caps: console:w
// expect-not: started
// expect-kernel: task security-import-c failed to start: unknown import env.read_secret_key
#include <stdio.h>

__attribute__((import_module("env"), import_name("read_secret_key")))
int read_secret_key(char *buf, int len);

int main(void)
{
    char key[32];
    puts("started");
    return read_secret_key(key, (int)sizeof key);
}
