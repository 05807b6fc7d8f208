# tests/tls/suite.mk - suite tls-host: the TLS terminator (tlsterm/,
# tlsterm/README.md) on the host, plain and under ASan/UBSan, with
# openssl s_client, mosquitto_sub/pub and hostile clients, in front of
# Debian's mosquitto (tests/tls/check.py). Loopback only. mbedTLS is
# fetched with apt-get source: without the network the suite is skipped,
# or fails under CI.
TEST_SUITES += tls-host

.PHONY: test-tls-host
test-tls-host:
	@timeout 900 python3 tests/tls/check.py
