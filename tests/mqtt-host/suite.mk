# tests/mqtt-host/suite.mk - the host broker (broker/host/, `make
# mqtt-broker-host`) served over TCP on 127.0.0.1 to real clients: Debian's
# mosquitto_pub/mosquitto_sub and python3-paho-mqtt, and a raw client for
# bad input (tests/mqtt-host/test_mqtt_host.py, about 20 s). mqtt-host-san
# runs the same tests against the broker built under ASan/UBSan. Needs
# /usr/bin/python3 with paho (build.sh installs python3-paho-mqtt).
TEST_SUITES += mqtt-host mqtt-host-san

.PHONY: test-mqtt-host test-mqtt-host-san
test-mqtt-host: MQTT_HOST_BROKER := $(H)/mqtt-broker
test-mqtt-host-san: MQTT_HOST_BROKER := $(H)/mqtt-broker-san
test-mqtt-host: $(H)/mqtt-broker
test-mqtt-host-san: $(H)/mqtt-broker-san
test-mqtt-host test-mqtt-host-san: test-%:
	@mkdir -p build/test-results
	@rm -f build/test-results/$*.counts
	@timeout 600 /usr/bin/python3 tests/mqtt-host/test_mqtt_host.py $(MQTT_HOST_BROKER) \
		build/test-results/$*.counts; rc=$$?; \
	if [ -f build/test-results/$*.counts ]; then read p f < build/test-results/$*.counts; \
	else p=0; f=1; fi; rm -f build/test-results/$*.counts; \
	bash tests/report.sh $* $$p $$f 0; [ $$rc -eq 0 ] && [ $$f -eq 0 ]
