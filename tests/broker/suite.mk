# tests/broker/suite.mk - host unit tests of the MQTT broker's protocol part
# (broker/: codec, topics, the core), built natively with gcc, plain and
# under ASan/UBSan. The transports over jericho (transport_ipc.c, transport_net.c) and the wasm exports
# are not part of them: the demos suite runs those (mqtt_broker_test.mjs).
TEST_SUITES += broker broker-san

# The core and the stream transport: every broker/*.c but the wasm-only ones.
BROKER_CORE_SRCS := $(filter-out broker/transport_ipc.c broker/transport_net.c broker/exports.c,$(sort $(wildcard broker/*.c)))
BROKER_TEST_SRCS := tests/broker/test_broker.c tests/broker/test_sessions.c $(BROKER_CORE_SRCS)

$(H)/test_broker: $(BROKER_TEST_SRCS) $(wildcard broker/*.h tests/broker/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -Ibroker -Itests/broker $(HOSTCFLAGS) -o $@ $(BROKER_TEST_SRCS)

$(H)/test_broker-san: $(BROKER_TEST_SRCS) $(wildcard broker/*.h tests/broker/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -Ibroker -Itests/broker $(HOSTCFLAGS) $(SANFLAGS) -o $@ $(BROKER_TEST_SRCS)

.PHONY: test-broker test-broker-san
test-broker test-broker-san: test-%: $(H)/test_%
	@mkdir -p build/test-results
	@$< $* build/test-results/$*.txt
