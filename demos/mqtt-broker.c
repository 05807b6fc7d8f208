// mqtt-broker.c - the MQTT 3.1.1 broker (broker/, in C on the SDK) as a
// task serving four clients over IPC. Clients `call` its endpoint with
// MQTT control packets and get the broker's packets for them in the
// reply; deliveries to a client that is not calling are queued and
// announced on its notification (docs/demos.md, "mqtt"). The broker
// learns who calls from the badge of the caller's endpoint capability
// (1..4), never from anything the client says.
//
// group: mqtt
// prio: 20
// caps: console:w endpoint:broker:r notification:n-pub-kitchen:w notification:n-pub-garage:w notification:n-sub-temps:w notification:n-sub-all:w
// expect: broker: pub-kitchen connected (badge 1)
// expect: broker: pub-garage connected (badge 2)
// expect: broker: sub-temps connected (badge 3)
// expect: broker: sub-all connected (badge 4)
// expect: broker: sub-temps subscribed to sensors/+/temp (qos 1)
// expect: broker: sub-all subscribed to sensors/# (qos 0)
// expect: broker: sub-all subscribed to alerts/# (qos 1)
// expect: broker: pub-kitchen published sensors/kitchen/temp (qos 1) to 2 subscribers
// expect: broker: pub-kitchen published sensors/kitchen/humidity (qos 0) to 1 subscribers
// expect: broker: pub-garage published sensors/garage/temp (qos 1) to 2 subscribers
// expect: broker: pub-garage published sensors/garage/log (qos 0) to 1 subscribers
// expect: broker: pub-garage published alerts/garage/door (qos 1) to 1 subscribers
// expect: broker: pub-garage published garage/light (qos 0) to 0 subscribers
// expect: broker: sub-temps unsubscribed from sensors/+/temp
// expect: broker: all 4 clients disconnected
// expect-not: malformed
// expect-kernel: task mqtt-broker exited with code 0
#include <jericho.h>

#include "transport_ipc.h"

/* The slots, in the order of the caps: line. */
enum { CONSOLE = 0, ENDPOINT = 1, FIRST_NOTIFICATION = 2 };

static struct broker broker;

int main(void)
{
    static const struct ipc_config cfg = {
        .console = CONSOLE,
        .endpoint = ENDPOINT,
        .notify_base = FIRST_NOTIFICATION,
        .clients = 4,
        .end_after = 4,     /* the demo's four clients: configuration, not a result */
    };
    int r = transport_ipc_run(&broker, &cfg);
    jericho_exit(r);
}
