/*
 * uart.c - the serial console: COM1, a 16550 at I/O port 0x3f8, 115200 8N1,
 * polled (no interrupts), so it works from boot to panic.
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
