/* ping.c - one ICMP echo from the network task to an address (the
 * gateway at start-up: proof that frames go out and come back through
 * the driver), with lwIP's raw API; the answer is waited for by running
 * the interface and timers, as the main loop does. */
#include <string.h>

#include "lwip/icmp.h"
#include "lwip/inet_chksum.h"
#include "lwip/ip.h"
#include "lwip/prot/ip4.h"
#include "lwip/raw.h"
#include "lwip/timeouts.h"
#include "netstack.h"

#define PING_ID 0x4a4f      /* "JO" */

static int answered;
static uint16_t seqno;

static u8_t ping_recv(void *arg, struct raw_pcb *pcb, struct pbuf *p, const ip_addr_t *addr)
{
    (void)arg; (void)pcb; (void)addr;
    struct icmp_echo_hdr e;
    u16_t hlen = (u16_t)(IPH_HL_BYTES((struct ip_hdr *)p->payload));
    if (p->tot_len >= hlen + sizeof e &&
        pbuf_copy_partial(p, &e, sizeof e, hlen) == sizeof e &&
        e.type == ICMP_ER && e.id == PP_HTONS(PING_ID) && e.seqno == lwip_htons(seqno)) {
        answered = 1;
        pbuf_free(p);
        return 1;       /* eaten */
    }
    return 0;
}

/* 1 if the echo came back within timeout_ns (one request a second). */
int ping_gateway(struct netif *nif, const ip4_addr_t *gw, int64_t timeout_ns)
{
    struct raw_pcb *pcb = raw_new(IP_PROTO_ICMP);
    int64_t t0 = ns_now(), sent = -1;
    ip_addr_t dst;
    if (!pcb)
        return 0;
    ip_addr_copy_from_ip4(dst, *gw);
    raw_recv(pcb, ping_recv, NULL);
    raw_bind(pcb, IP_ADDR_ANY);
    answered = 0;
    while (!answered && ns_now() - t0 < timeout_ns) {
        if (sent < 0 || ns_now() - sent > 1000 * NS_MS) {
            struct pbuf *p = pbuf_alloc(PBUF_IP, sizeof(struct icmp_echo_hdr) + 32, PBUF_RAM);
            if (p) {
                struct icmp_echo_hdr *e = (struct icmp_echo_hdr *)p->payload;
                ICMPH_TYPE_SET(e, ICMP_ECHO);
                ICMPH_CODE_SET(e, 0);
                e->id = PP_HTONS(PING_ID);
                e->seqno = lwip_htons(++seqno);
                memset(e + 1, 'j', 32);
                e->chksum = 0;
                e->chksum = inet_chksum(e, p->len);
                raw_sendto(pcb, p, &dst);
                pbuf_free(p);
            }
            sent = ns_now();
        }
        if (!ringif_poll(nif))
            jericho_sleep(NS_CLOCK, NS_MS);
        sys_check_timeouts();
    }
    raw_remove(pcb);
    return answered;
}
