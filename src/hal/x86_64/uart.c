/*
 * uart.c - the serial console: COM1, a 16550 at I/O port 0x3f8, 115200 8N1,
 * polled for output, so it works from boot to panic. Input: after
 * arch_console_input_start, the receive interrupt (IRQ 4, through the
 * 8259 in virtual-wire mode: irq.c) drains the FIFO into the kernel.
 */
#include "hal.h"
#include "x86.h"

#define COM1 0x3f8
#define UART_DATA 0         /* DLAB=0: rx/tx; DLAB=1: divisor low */
#define UART_IER  1         /* DLAB=0: interrupt enable; DLAB=1: divisor high */
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define IER_RX_AVAIL   0x01
#define MCR_OUT2       0x08 /* gates the UART's interrupt line on a PC */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20

void x86_uart_init(void)
{
    x86_outb(COM1 + UART_IER, 0x00);    /* no interrupts */
    x86_outb(COM1 + UART_LCR, 0x80);    /* DLAB on */
    x86_outb(COM1 + UART_DATA, 1);      /* divisor 1: 115200 baud */
    x86_outb(COM1 + UART_IER, 0);
    x86_outb(COM1 + UART_LCR, 0x03);    /* 8N1, DLAB off */
    x86_outb(COM1 + UART_FCR, 0x07);    /* FIFO on, cleared */
    x86_outb(COM1 + UART_MCR, 0x03);    /* DTR, RTS */
}

static void uart_tx(char c)
{
    while (!(x86_inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
        ;
    x86_outb(COM1 + UART_DATA, (uint8_t)c);
}

void arch_putc(char c)
{
    if (c == '\n')
        uart_tx('\r');
    uart_tx(c);
}

int arch_getc(void)
{
    if (!(x86_inb(COM1 + UART_LSR) & LSR_DATA_READY))
        return -1;
    return x86_inb(COM1 + UART_DATA);
}

void arch_console_input_start(void)
{
    x86_outb(COM1 + UART_MCR, 0x03 | MCR_OUT2);
    x86_outb(COM1 + UART_IER, IER_RX_AVAIL);
    x86_pic_unmask(X86_IRQ_COM1);
}

/* IRQ 4 (trap.c): drain the receive FIFO, acknowledge, hand the bytes on. */
void x86_uart_rx_irq(void)
{
    uint8_t buf[64];
    size_t n = 0;
    while (n < sizeof buf && (x86_inb(COM1 + UART_LSR) & LSR_DATA_READY))
        buf[n++] = x86_inb(COM1 + UART_DATA);
    x86_pic_eoi(X86_IRQ_COM1);
    if (n)
        kernel_console_input(buf, n);
}
