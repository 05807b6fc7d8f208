/*
 * uart.c - the serial console: the PL011 UART of QEMU virt at 0x09000000,
 * polled for output. 115200 8N1 with FIFOs (QEMU ignores the baud rate, a
 * real PL011 with a 24 MHz clock does not). Input: after
 * arch_console_input_start, the receive and receive-timeout interrupts
 * (SPI 1 through the GIC: irq.c) drain the FIFO into the kernel.
 */
#include "hal.h"
#include "arm64.h"

#define UART_DR    0x00
#define UART_FR    0x18
#define UART_IBRD  0x24
#define UART_FBRD  0x28
#define UART_LCRH  0x2c
#define UART_CR    0x30
#define UART_IMSC  0x38
#define UART_ICR   0x44
#define INT_RX     (1u << 4)
#define INT_RT     (1u << 6)

#define FR_RXFE    (1u << 4)
#define FR_TXFF    (1u << 5)
#define FR_BUSY    (1u << 3)
#define LCRH_FEN   (1u << 4)
#define LCRH_8BIT  (3u << 5)
#define CR_UARTEN  (1u << 0)
#define CR_TXE     (1u << 8)
#define CR_RXE     (1u << 9)

static uint32_t rd(unsigned off) { return arm64_mmio_read32(VIRT_UART_BASE + off); }
static void wr(unsigned off, uint32_t v) { arm64_mmio_write32(VIRT_UART_BASE + off, v); }

void arm64_uart_init(void)
{
    wr(UART_CR, 0);
    while (rd(UART_FR) & FR_BUSY)
        ;
    wr(UART_IMSC, 0);           /* polled: no UART interrupts */
    wr(UART_ICR, 0x7ff);
    wr(UART_IBRD, 13);          /* 24 MHz / (16 * 115200) = 13.02 */
    wr(UART_FBRD, 1);
    wr(UART_LCRH, LCRH_8BIT | LCRH_FEN);
    wr(UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

static void put_raw(char c)
{
    while (rd(UART_FR) & FR_TXFF)
        ;
    wr(UART_DR, (uint8_t)c);
}

void arch_putc(char c)
{
    if (c == '\n')
        put_raw('\r');
    put_raw(c);
}

int arch_getc(void)
{
    if (rd(UART_FR) & FR_RXFE)
        return -1;
    return (int)(rd(UART_DR) & 0xff);
}

void arch_console_input_start(void)
{
    wr(UART_ICR, INT_RX | INT_RT);
    wr(UART_IMSC, INT_RX | INT_RT);
    arm64_gic_enable_spi(ARM64_UART_INTID);
}

/* SPI 1: acknowledge, then drain the FIFO until it reads empty, a chunk
 * at a time. QEMU's PL011 raises RX only when its FIFO goes from empty to
 * one byte, and every read of DR lets QEMU refill the FIFO at once: the
 * old handler, which read at most 64 bytes and then acknowledged, left
 * bytes in a FIFO with no interrupt pending when input came faster than
 * that (a few hundred bytes typed at once), and input stopped for good.
 * Acknowledging first, a byte that lands after the last "empty" read
 * raises the interrupt again. kernel_console_input may switch tasks: the
 * rest of the FIFO is drained when this context runs again. */
void arm64_uart_irq(void)
{
    uint8_t buf[64];
    size_t n;

    wr(UART_ICR, INT_RX | INT_RT);
    arm64_gic_eoi(ARM64_UART_INTID);
    do {
        n = 0;
        while (n < sizeof buf && !(rd(UART_FR) & FR_RXFE))
            buf[n++] = (uint8_t)(rd(UART_DR) & 0xff);
        if (n)
            kernel_console_input(buf, n);
    } while (n == sizeof buf);
}

/* Before the MMU is on, memory is Device-nGnRnE and klib's kprintf may do
 * unaligned accesses that would fault: boot code prints with this. */
void arm64_early_puts(const char *s)
{
    while (*s)
        arch_putc(*s++);
}
