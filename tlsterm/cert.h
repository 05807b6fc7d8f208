/* tlsterm/cert.h - the server certificate and private key the terminator
 * presents, in DER. The build makes them with the openssl command line
 * (tlsterm/gencert.sh: a test CA and a certificate for 127.0.0.1 and
 * localhost, under build/, never committed) and embeds them as C arrays.
 */
#ifndef TLSTERM_CERT_H
#define TLSTERM_CERT_H

#include <stddef.h>

extern const unsigned char tlsterm_cert_der[];
extern const size_t tlsterm_cert_der_len;
extern const unsigned char tlsterm_key_der[];
extern const size_t tlsterm_key_der_len;

#endif
