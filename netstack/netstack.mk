# netstack/netstack.mk - the network task (netstack/README.md): lwIP 2.1.3
# from Debian's source package `lwip`, fetched by ports/fetch.sh (apt-get
# source with a private deb-src list; never committed) into
# build/netstack/src/lwip, built with clang for wasm32-wasi with the port
# glue of netstack/port/ and the task's own files into
# build/netstack/netstack.wasm (the same module for both arches).
#
# The fetch needs the network, so a plain `make` does not build it:
# NETSTACK=1 packs the network task and the net suite's tasks into the
# hostile table (tests/net/suite.mk; the suite sets it).
NS_B := build/netstack
LWIP_SRC := $(NS_B)/src/lwip
LWIP_FILES := core/init core/def core/inet_chksum core/ip core/mem core/memp core/netif \
	core/pbuf core/raw core/stats core/sys core/tcp core/tcp_in core/tcp_out \
	core/timeouts core/udp core/ipv4/dhcp core/ipv4/etharp core/ipv4/icmp \
	core/ipv4/ip4 core/ipv4/ip4_addr core/ipv4/ip4_frag netif/ethernet
NS_FILES := main ringif sockets ping sys_arch
NS_HDRS := $(wildcard netstack/*.h netstack/port/*.h netstack/port/arch/*.h) \
	drivers/net/netring.h $(SDK_HEADERS)
# lwIP's own code: its warnings are not ours to fix (-w); ours: -Werror.
LWIP_CFLAGS := --target=wasm32-wasi -O2 -g0 -Inetstack/port -I$(LWIP_SRC)/src/include
NS_CFLAGS := $(SDK_CFLAGS) -std=gnu11 -Inetstack -Inetstack/port -I$(LWIP_SRC)/src/include
NS_OBJS := $(addprefix $(NS_B)/obj/lwip/,$(addsuffix .o,$(LWIP_FILES))) \
	$(addprefix $(NS_B)/obj/,$(addsuffix .o,$(NS_FILES)))

$(LWIP_SRC)/.unpacked: ports/fetch.sh
	$(Q)bash ports/fetch.sh lwip $(LWIP_SRC)

$(NS_B)/obj/lwip/%.o: $(LWIP_SRC)/.unpacked $(NS_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(LWIP_CFLAGS) -w -c $(LWIP_SRC)/src/$*.c -o $@

$(NS_B)/obj/%.o: netstack/%.c $(LWIP_SRC)/.unpacked $(NS_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(NS_CFLAGS) -c $< -o $@

$(NS_B)/netstack.wasm: $(NS_OBJS)
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $^ -o $@

.PHONY: netstack
netstack: $(NS_B)/netstack.wasm
