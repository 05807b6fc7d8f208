#!/usr/bin/env bash
# tlsterm/gencert.sh DIR - make the terminator's test certificate with the
# openssl command line (Debian's openssl), into DIR (under build/; nothing
# here is ever committed):
#   ca.key, ca.pem          a test CA (EC P-256, 30 days): what a client
#                           trusts (mosquitto_sub --cafile DIR/ca.pem)
#   server.key, server.pem  the server's key and certificate, signed by the
#                           CA, for IP 127.0.0.1 and DNS localhost
#   cert_data.c             server.pem and server.key in DER as C arrays
#                           (tlsterm/cert.h), linked into the terminator
# A new key pair each time the build makes them.
set -euo pipefail
dir=$1
command -v openssl >/dev/null || { echo "tlsterm/gencert.sh: openssl missing (./build.sh deps)" >&2; exit 1; }
mkdir -p "$dir"
cd "$dir"
quiet() { "$@" > openssl.log 2>&1 || { cat openssl.log >&2; exit 1; }; }
quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
quiet openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=JerichoOS test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.pem
quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key
quiet openssl req -new -key server.key -subj "/CN=localhost" -out server.csr
cat > server.ext <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EXT
quiet openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 \
    -days 30 -extfile server.ext -out server.pem
quiet openssl verify -CAfile ca.pem server.pem
openssl x509 -in server.pem -outform DER -out server.der
openssl pkey -in server.key -outform DER -out server.key.der
array() {   # NAME FILE
    echo "const unsigned char $1[] = {"
    od -An -v -tx1 "$2" | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'
    echo "};"
    echo "const size_t $1_len = sizeof $1;"
}
{
    echo "/* made by tlsterm/gencert.sh: the test server certificate and key, DER */"
    echo "#include \"cert.h\""
    array tlsterm_cert_der server.der
    array tlsterm_key_der server.key.der
} > cert_data.c.tmp
mv cert_data.c.tmp cert_data.c
