/* lwipopts.h - lwIP 2.1.3's configuration for the JerichoOS network task
 * (netstack/README.md): no operating system (NO_SYS=1, the raw/callback
 * API, one thread: the task's main loop), IPv4 with ARP, ICMP, UDP, TCP
 * and a DHCP client. Every pool is a fixed static array: what clients can
 * make the task allocate is bounded here and by the per-client limits of
 * netstack/sockets.c. */
#ifndef NETSTACK_LWIPOPTS_H
#define NETSTACK_LWIPOPTS_H

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_TIMERS 1

#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 1
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
#define DHCP_DOES_ARP_CHECK 0   /* QEMU's user network is ours alone */
#define LWIP_DNS 0
#define LWIP_IGMP 0
#define LWIP_AUTOIP 0
#define IP_REASSEMBLY 0         /* no fragments on a 1500-byte LAN */
#define IP_FRAG 0
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_HOSTNAME 0
#define LWIP_STATS 1             /* the heap and pools in use: the STATS op (sockets.c) */
#define LWIP_STATS_DISPLAY 0
/* Loopback: a task connects to another task of this system through
 * 127.0.0.1 (or the interface's own address): tlsterm to the broker. The
 * main loop polls the loopback queue (netif_poll_all). */
#define LWIP_NETIF_LOOPBACK 1
#define LWIP_HAVE_LOOPIF 1
#define LWIP_CHECKSUM_ON_COPY 0

/* Memory: lwIP's own heap and pools (static arrays in the task's linear
 * memory). MEMP_NUM_TCP_PCB bounds connections of all clients together. */
#define MEM_ALIGNMENT 4
#define MEM_SIZE (256 * 1024)
#define MEMP_NUM_PBUF 64
#define MEMP_NUM_RAW_PCB 2
#define MEMP_NUM_UDP_PCB 4
#define MEMP_NUM_TCP_PCB 140    /* sockets.c's CONN_MAX (128) and a few closing */
#define MEMP_NUM_TCP_PCB_LISTEN 8
#define MEMP_NUM_TCP_SEG 512
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2)
#define PBUF_POOL_SIZE 64
#define PBUF_POOL_BUFSIZE 1536

/* TCP: no window scaling (windows up to 64 KiB - 1). */
#define TCP_MSS 1460
#define TCP_WND (8 * TCP_MSS)
#define TCP_SND_BUF (8 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_LISTEN_BACKLOG 1
#define TCP_DEFAULT_LISTEN_BACKLOG 4
#define LWIP_TCP_KEEPALIVE 0
#define TCP_QUEUE_OOSEQ 1

/* The random numbers lwIP wants (TCP initial sequence numbers, ports,
 * DHCP transaction ids): netstack/sys_arch.c. */
#include <stdint.h>
uint32_t netstack_rand(void);
#define LWIP_RAND() netstack_rand()


#endif
