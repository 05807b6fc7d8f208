// mqtt-netbroker.c - the MQTT broker (broker/) serving TCP clients on port
// 1883 through the network task and in-system clients over IPC, one core
// for both (broker/transport_net.h, mqttnet/README.md). mqtt-net starts it
// with task_spawn and stops it with a "stop" call through the control
// badge of its endpoint. Its CSpace has 160 slots (`cspace:`): a CONNECTION
// capability for each TCP client (128 at most, broker.h) beside its own.
//
// group: mqtt-net
// start: no
// cspace: 160
// expect: broker: listening on tcp port 1883: ok
// expect-not: FAILED
#include <jericho.h>

#include "transport_net.h"

/* The slots, in the order mqtt-net passes them. */
enum { CONSOLE = 0, CLOCK = 1, ENDPOINT = 2, LISTEN = 3, EV = 4, FIRST_NOTIFICATION = 5 };
/* IPC clients: badge 1 is mqtt-net-echo; the control badge is mqtt-net's. */
#define IPC_CLIENTS 1
#define CONTROL_BADGE 0x100

static struct broker broker;
static struct stream stream;

int main(void)
{
    static struct ipc_config ipc = {
        .console = CONSOLE,
        .endpoint = ENDPOINT,
        .notify_base = FIRST_NOTIFICATION,
        .clients = IPC_CLIENTS,
        .control = CONTROL_BADGE,
    };
    static struct net_config cfg = {
        .console = CONSOLE, .clock = CLOCK, .listen = LISTEN, .ntfn = EV, .port = 1883, .ipc = &ipc,
    };
    jericho_exit(transport_net_run(&broker, &stream, &cfg));
}
