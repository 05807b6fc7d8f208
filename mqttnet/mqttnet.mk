# mqttnet/mqttnet.mk - the networked MQTT system (mqttnet/README.md): the
# group `mqtt-net` of the archive's second table, which the command line
# serve=mqtt-net runs (`make qemu NET=user` does):
#
#   mqtt-net         mqttnet/mqtt-net.c: starts the rest, reads stats/stop
#   netstack         the network task (netstack/; its manifest: tests/net/)
#   mqtt-netbroker   mqttnet/mqtt-netbroker.c + broker/ with BROKER_PROFILE_NET:
#                    TCP 1883 and IPC (broker/transport_net.c)
#   tlsterm          build/tlsterm/tlsterm-net.wasm: TLS 8883 -> 127.0.0.1:1883
#   mqtt-net-echo    an in-system client over IPC
#
# Like the network task it needs lwIP and mbedTLS fetched (apt-get source):
# packed only when NETSTACK=1 (which `make qemu NET=user` sets).
MQTTNET_CS := mqttnet/mqtt-net.c mqttnet/mqtt-net-echo.c mqttnet/mqtt-netbroker.c
MQTTNET_DIRECTIVES := $(MQTTNET_CS) mqttnet/tlsterm.manifest
BROKER_NET_SRCS := $(filter-out broker/exports.c,$(BROKER_SRCS))
BROKER_NET_OBJS := $(patsubst broker/%.c,$(SDK_OUT)/broker-net/%.o,$(BROKER_NET_SRCS))
ifeq ($(NETSTACK),1)
HOSTILE_EXTRA += $(MQTTNET_DIRECTIVES)
HOSTILE_EXTRA_WASMS += $(patsubst mqttnet/%.c,$(B)/hostile/%.wasm,$(MQTTNET_CS)) \
	$(B)/hostile/tlsterm.wasm
endif

$(SDK_OUT)/broker-net/%.o: broker/%.c $(BROKER_HDRS) $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -DBROKER_PROFILE_NET -c $< -o $@

$(B)/hostile/mqtt-netbroker.wasm: mqttnet/mqtt-netbroker.c $(BROKER_NET_OBJS) $(BROKER_HDRS) $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -DBROKER_PROFILE_NET -Ibroker -c $< -o $@.o
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $@.o $(BROKER_NET_OBJS) -o $@

$(B)/hostile/%.wasm: mqttnet/%.c $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -c $< -o $@.o
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $@.o -o $@

$(B)/hostile/tlsterm.wasm: $(TLS_B)/tlsterm-net.wasm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
