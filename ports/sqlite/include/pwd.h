/* ports/sqlite/include/pwd.h - wasi-libc has no <pwd.h> (users and home
 * directories do not exist on WASI), and SQLite's shell.c includes it to
 * find ~/.sqliterc. Found first through -Iports/sqlite/include: no user
 * is ever found, so the shell reads no ~/.sqliterc (it also needs $HOME). */
#ifndef PORTS_SQLITE_PWD_H
#define PORTS_SQLITE_PWD_H
#include <sys/types.h>

struct passwd {
    char *pw_name;
    char *pw_dir;
};

static inline uid_t getuid(void) { return 0; }
static inline struct passwd *getpwuid(uid_t uid) { (void)uid; return 0; }

#endif
