/* The console (the 16550 UART) and power-off, both through the uncached window. */
#include <stdio.h>

#include "csr.h"
#include "plat.h"

#define UART_THR 0
#define UART_LSR 5
#define LSR_THRE 0x20 /* transmit holding register empty */

static void uart_put(int c)
{
	volatile uint8_t *uart = (volatile uint8_t *)phys_to_uncached(VIRT_UART);

	while (!(uart[UART_LSR] & LSR_THRE))
		;
	uart[UART_THR] = (uint8_t)c;
}

/* Write c to the UART, with a carriage return before each newline. */
void plat_putchar(int c)
{
	if (c == '\n')
		uart_put('\r');
	uart_put(c);
}

/*
 * Power off through the ACPI GED sleep register.  QEMU then exits with
 * status 0 whatever status is: the runner judges from the console, so a
 * failure is also said there.
 */
_Noreturn void plat_exit(int status)
{
	if (status)
		printf("loongarch64: exit status %d\n", status);
	*(volatile uint8_t *)phys_to_uncached(VIRT_GED_SLEEP) = GED_SLEEP_S5;
	for (;;)
		__asm__ volatile("idle 0");
}
