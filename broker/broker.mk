# broker/broker.mk - the MQTT broker (broker/*.c, broker/README.md) built
# for wasm32-wasi with the SDK's flags (sdk/sdk.mk) and linked into the
# demo that runs it, demos/mqtt-broker.c (which holds the directives and
# main). Through demos/demos.mk's DEMO_CFLAGS and DEMO_LIBS, set here for
# that one module. The host tests build the same sources natively
# (tests/broker/suite.mk).
BROKER_SRCS := $(sort $(wildcard broker/*.c))
# the IPC demo: everything but the TCP transport (mqttnet/mqttnet.mk links that)
BROKER_DEMO_SRCS := $(filter-out broker/transport_net.c,$(BROKER_SRCS))
BROKER_HDRS := $(wildcard broker/*.h)
BROKER_OBJS := $(patsubst broker/%.c,$(SDK_OUT)/broker/%.o,$(BROKER_DEMO_SRCS))

$(SDK_OUT)/broker/%.o: broker/%.c $(BROKER_HDRS) $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -c $< -o $@

$(DEMO_OUT)/mqtt-broker.wasm: DEMO_CFLAGS := -Ibroker
$(DEMO_OUT)/mqtt-broker.wasm: DEMO_LIBS := $(BROKER_OBJS)
$(DEMO_OUT)/mqtt-broker.wasm: $(BROKER_OBJS)

# The host broker (broker/host/broker_host.c): the same core and stream
# transport built natively with the large limits, serving TCP on
# 127.0.0.1 (broker/README.md, "The host broker"); -san: under ASan/UBSan.
BROKER_HOST_SRCS := broker/host/broker_host.c $(filter-out broker/transport_ipc.c broker/transport_net.c broker/exports.c,$(BROKER_SRCS))
BROKER_HOST_FLAGS := -DBROKER_PROFILE_LARGE -Ibroker

$(H)/mqtt-broker: $(BROKER_HOST_SRCS) $(BROKER_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(BROKER_HOST_FLAGS) $(HOSTCFLAGS) -o $@ $(BROKER_HOST_SRCS)

$(H)/mqtt-broker-san: $(BROKER_HOST_SRCS) $(BROKER_HDRS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(BROKER_HOST_FLAGS) $(HOSTCFLAGS) $(SANFLAGS) -o $@ $(BROKER_HOST_SRCS)

.PHONY: mqtt-broker-host
mqtt-broker-host: $(H)/mqtt-broker
