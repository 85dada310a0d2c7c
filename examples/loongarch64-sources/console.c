/*
 * The console device and the exit path: the 16550 UART (polled, through
 * the uncached window) under common/kprintf.c, power-off through the GED
 * sleep register, and vmio's panic hook.
 */
#include "console.h"
#include "platform.h"
#include "vmio/vmio.h"

#define LSR_THRE 0x20 /* transmit holding register empty */
#define GED_SLEEP_S5 0x34 /* SLP_EN | SLP_TYP 5 */

/* Send one character, waiting until the transmitter has room. */
void console_putc(char c)
{
	volatile uint8_t *uart = (volatile uint8_t *)(UNCACHED_BASE | UART_PA);

	while (!(uart[5] & LSR_THRE))
		;
	uart[0] = (uint8_t)c;
}

/* Power off; QEMU exits 0 whatever code is. */
_Noreturn void platform_exit(int code)
{
	(void)code; /* QEMU exits 0 whatever: the summary line carries the result */
	*(volatile uint8_t *)(UNCACHED_BASE | GED_SLEEP_PA) = GED_SLEEP_S5;
	for (;;)
		__asm__ volatile("idle 0");
}

/* vmio calls this on a contract violation: report it and fail. */
void vmio_panic(const char *why)
{
	kprintf("vmio panic: %s\n0 passed, 1 failed\n", why);
	platform_exit(3);
}
