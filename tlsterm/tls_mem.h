/* tlsterm/tls_mem.h - the terminator's heap accounting: every byte mbedTLS
 * allocates is charged to an owner (a connection slot, or the shared
 * configuration), and refused when the owner's budget or the total would
 * be exceeded. The caller names the owner before calling into mbedTLS
 * (the terminator is single-threaded); a block remembers its owner, so a
 * free is credited correctly whoever is current.
 */
#ifndef TLSTERM_TLS_MEM_H
#define TLSTERM_TLS_MEM_H

#include <stddef.h>

#define TLS_MEM_SHARED (-1)          /* the owner of the configuration: certificate, key, RNG */
#define TLS_MEM_MAX_OWNERS 64

/* Budgets: per connection owner, and in all (shared included). */
void tls_mem_init(size_t per_owner, size_t total);
/* Installs tls_mem_calloc/tls_mem_free as mbedTLS's allocator. */
void tls_mem_install(void);
void tls_mem_charge_to(int owner);

void *tls_mem_calloc(size_t n, size_t size);
void tls_mem_free(void *p);

size_t tls_mem_in_use(int owner);    /* owner TLS_MEM_SHARED.. MAX_OWNERS-1 */
size_t tls_mem_peak(int owner);
void tls_mem_reset_peak(int owner);
size_t tls_mem_total(void);          /* all owners */
size_t tls_mem_total_peak(void);
unsigned long tls_mem_refusals(void);

#endif
