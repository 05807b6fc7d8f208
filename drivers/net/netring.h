/* netring.h - the frame rings the virtio-net driver shares with its one
 * client (drivers/README.md, "virtio-net"): a MEMORY region of
 * NETRING_PAGES pages the client creates and sends to the driver, laid
 * out as below, plus two notifications. Each side writes only its own
 * indexes (the abi.md 4.7 channel convention, with 2 KiB slots). */
#ifndef DRIVERS_NETRING_H
#define DRIVERS_NETRING_H

#define NETRING_PAGES 9
#define NETRING_TX_HEAD 0       /* u32, frames the client queued to send (client writes) */
#define NETRING_TX_TAIL 64      /* u32, frames the driver took (driver writes) */
#define NETRING_RX_HEAD 128     /* u32, frames the driver received (driver writes) */
#define NETRING_RX_TAIL 192     /* u32, frames the client took (client writes) */
#define NETRING_MAC 256         /* 6 bytes: the device's MAC (driver writes at attach) */
#define NETRING_SLOTS 8         /* per direction */
#define NETRING_SLOT 2048       /* u32 length, then the frame */
#define NETRING_TX 4096         /* TX slots */
#define NETRING_RX (4096 + NETRING_SLOTS * NETRING_SLOT)    /* RX slots */
#define NETRING_FRAME_MAX 1514  /* Ethernet header and payload, no FCS */

/* Notification bits. The driver's "wake" notification: NET_WAKE_IRQ is
 * the device interrupt, NET_WAKE_CLIENT the client (frames to send, or
 * RX slots freed). The client's notification: NET_CLIENT_READY once at
 * attach, NET_CLIENT_RX frames received or TX slots freed. */
#define NET_WAKE_IRQ 1u
#define NET_WAKE_CLIENT 2u
#define NET_CLIENT_READY 1u
#define NET_CLIENT_RX 2u

#endif
