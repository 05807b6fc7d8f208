# tlsterm/tlsterm.mk - the TLS terminator (tlsterm/README.md): mbedTLS from
# Debian's source package, fetched by ports/fetch.sh (apt-get source with a
# private deb-src list) into build/tlsterm/src/mbedtls, never committed,
# built with our configuration (tlsterm/mbedtls_config.h) three ways:
#
#   build/tlsterm/tlsterm.wasm        wasm32-wasi, clang, no sockets (jwasm)
#   build/tlsterm/tlsterm-net.wasm    the same over the network task (mqttnet/)
#   build/tlsterm/host/tlsterm-host   the host, over POSIX sockets (tests)
#   build/tlsterm/host-san/tlsterm-host   the same under ASan/UBSan
#
# The certificate is made by tlsterm/gencert.sh (openssl) into
# build/tlsterm/cert/ and linked in as C arrays. `make tlsterm` builds all
# three (it needs the network the first time: the suite tls-host skips
# without it, or fails under CI).
TLS_B := build/tlsterm
MBEDTLS_SRC := $(TLS_B)/src/mbedtls
# The files of mbedTLS's library/ that our configuration uses (the others
# compile to nothing).
MBEDTLS_FILES := aes asn1parse asn1write bignum chacha20 chachapoly cipher cipher_wrap \
	constant_time ctr_drbg ecdh ecdsa ecp ecp_curves gcm hmac_drbg md oid pk pk_wrap \
	pkparse platform platform_util poly1305 sha256 sha512 ssl_ciphersuites ssl_msg \
	ssl_srv ssl_tls x509 x509_crt
TLSTERM_CORE := tlsterm tls_mem tls_rng
TLSTERM_HDRS := $(wildcard tlsterm/*.h)
TLS_MBEDTLS_FLAGS := -I$(MBEDTLS_SRC)/include -Itlsterm '-DMBEDTLS_CONFIG_FILE="mbedtls_config.h"'
TLS_OWN_WARN := -std=gnu11 -Wall -Wextra -Werror
tls_comma := ,

$(MBEDTLS_SRC)/.unpacked: ports/fetch.sh
	$(Q)bash ports/fetch.sh mbedtls $(MBEDTLS_SRC)

$(TLS_B)/cert/cert_data.c: tlsterm/gencert.sh
	$(Q)bash tlsterm/gencert.sh $(TLS_B)/cert

# tls_variant NAME, CC, CFLAGS, LINK-FLAGS, OUTPUT, MAIN: the objects and the
# link of one build. The wasm link gets no -O: clang would run wasm-opt,
# which drops the name section (sdk/sdk.mk).
define tls_variant
$(TLS_B)/$(1)/mbedtls/%.o: $(MBEDTLS_SRC)/library/%.c tlsterm/mbedtls_config.h | $(MBEDTLS_SRC)/.unpacked
	@mkdir -p $$(dir $$@)
	$$(Q)$(2) $(3) $$(TLS_MBEDTLS_FLAGS) -c $$< -o $$@
$(MBEDTLS_SRC)/library/%.c: | $(MBEDTLS_SRC)/.unpacked ;
$(TLS_B)/$(1)/%.o: tlsterm/%.c $$(TLSTERM_HDRS) | $(MBEDTLS_SRC)/.unpacked
	@mkdir -p $$(dir $$@)
	$$(Q)$(2) $(3) $$(TLS_OWN_WARN) $$(TLS_MBEDTLS_FLAGS) -c $$< -o $$@
$(TLS_B)/$(1)/cert_data.o: $(TLS_B)/cert/cert_data.c tlsterm/cert.h
	@mkdir -p $$(dir $$@)
	$$(Q)$(2) $(3) $$(TLS_OWN_WARN) -Itlsterm -c $$< -o $$@
$(5): $$(patsubst %,$(TLS_B)/$(1)/mbedtls/%.o,$$(MBEDTLS_FILES)) \
		$$(patsubst %,$(TLS_B)/$(1)/%.o,$$(TLSTERM_CORE) $(6) cert_data)
	$$(Q)$(2) $(4) $$^ -o $$@
endef

# The task in the kernel: the same objects over the network task's sockets
# (task_net_jericho.c, which needs the SDK's jericho_net.h).
$(TLS_B)/wasm/task_net_jericho.o: tlsterm/task_net_jericho.c $(TLSTERM_HDRS) $(SDK_HEADERS) | $(MBEDTLS_SRC)/.unpacked
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -std=gnu11 -Itlsterm -c $< -o $@
$(TLS_B)/tlsterm-net.wasm: $(patsubst %,$(TLS_B)/wasm/mbedtls/%.o,$(MBEDTLS_FILES)) \
		$(patsubst %,$(TLS_B)/wasm/%.o,$(TLSTERM_CORE) wasm_main task_net_jericho cert_data)
	$(Q)$(WASI_CLANG) --target=wasm32-wasi -Wl,--strip-debug $^ -o $@
# mbedTLS's sources are fetched once: make must not remove them as intermediates.
.PRECIOUS: $(MBEDTLS_SRC)/library/%.c

$(eval $(call tls_variant,wasm,$(WASI_CLANG),--target=wasm32-wasi -O2 -g0,--target=wasm32-wasi -Wl$(tls_comma)--strip-debug,$(TLS_B)/tlsterm.wasm,wasm_main task_net_none))
$(eval $(call tls_variant,host,$(HOSTCC),-O2 -g,,$(TLS_B)/host/tlsterm-host,host_main))
$(eval $(call tls_variant,host-san,$(HOSTCC),-O1 -g $(SANFLAGS),$(SANFLAGS),$(TLS_B)/host-san/tlsterm-host,host_main))

.PHONY: tlsterm
tlsterm: $(TLS_B)/tlsterm.wasm $(TLS_B)/host/tlsterm-host $(TLS_B)/host-san/tlsterm-host
