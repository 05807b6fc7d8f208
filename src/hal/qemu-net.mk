# src/hal/qemu-net.mk - the QEMU user network both arches' virtio-net sits
# on (included by src/hal/*/arch.mk, which add the device itself). By
# default it has no way out (restrict=on). NET=user makes it an ordinary
# user network (restrict=off: with restrict=on QEMU takes forwarded
# datagrams in but drops the guest's answers; checked: 82 echoes sent,
# none arrived) and forwards, from 127.0.0.1 on the host to the guest
# (10.0.2.15):
#   UDP NET_PORT (5555)        -> 7     the drivers suite's echo (drivers/README.md)
#   TCP NET_TCP_PORT (5556)    -> 7     the network task's TCP echo (netstack/README.md)
#   TCP NET_MQTT_PORT (1883)   -> 1883  MQTT
#   TCP NET_MQTTS_PORT (8883)  -> 8883  MQTT over TLS
# A port given empty is not forwarded (the suites pass free ports, or none).
#
# `make qemu NET=user` with no CMDLINE or DEMO of one's own boots the
# networked MQTT system (mqttnet/README.md): NETSTACK=1 (lwIP and mbedTLS
# fetched and built as needed), command line serve=mqtt-net, no time limit
# (type stop on the console to end it).
NET ?=
ifeq ($(NET)|$(strip $(CMDLINE))|$(DEMO),user||)
NETSTACK ?= 1
CMDLINE := serve=mqtt-net
QEMU_TIMEOUT ?= 0
endif
NET_PORT ?= 5555
NET_TCP_PORT ?= 5556
NET_MQTT_PORT ?= 1883
NET_MQTTS_PORT ?= 8883
net_fwd = $(if $(strip $(2)),$(comma)hostfwd=$(1):127.0.0.1:$(strip $(2))-10.0.2.15:$(3))
comma := ,
QEMU_NET_user := restrict=off$(call net_fwd,udp,$(NET_PORT),7)$(call net_fwd,tcp,$(NET_TCP_PORT),7)$(call \
	net_fwd,tcp,$(NET_MQTT_PORT),1883)$(call net_fwd,tcp,$(NET_MQTTS_PORT),8883)
QEMU_NET_ := restrict=on
$(if $(filter-out user,$(NET)),$(error NET must be user or empty, not '$(NET)'))
