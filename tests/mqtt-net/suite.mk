# tests/mqtt-net/suite.mk - the broker task (mqttnet/) on TCP 1883 and TLS
# 8883 in QEMU with real clients, both architectures
# (tests/mqtt-net/check.sh; MQTT_NET_CHURN connections opened and dropped,
# default 1000).
TEST_SUITES += mqtt-net-x86_64 mqtt-net-arm64

.PHONY: test-mqtt-net-x86_64 test-mqtt-net-arm64
test-mqtt-net-x86_64 test-mqtt-net-arm64: test-mqtt-net-%:
	@bash tests/mqtt-net/check.sh $*
