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

/*
 * The console lock: a CPU owns the console from the first character of a
 * line to its newline, so lines from several CPUs do not mix.  0 = free,
 * else the owner's number + 1.  A line left open for over 50 ms (a CPU
 * that stopped mid-line) no longer holds the others back.
 */
static unsigned console_owner;

/* The constant counter (100 MHz on QEMU). */
static uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime.d %0, $zero" : "=r"(t));
	return t;
}

/* Write c to the UART, with a carriage return before each newline. */
void plat_putchar(int c)
{
	unsigned me = plat_cpu_id() + 1, free = 0;
	int locked = 0;

	if (__atomic_load_n(&console_owner, __ATOMIC_RELAXED) == me) {
		locked = 1;
	} else {
		uint64_t t0 = rdtime();

		while (!(locked = __atomic_compare_exchange_n(&console_owner, &free, me, 0,
							      __ATOMIC_ACQUIRE,
							      __ATOMIC_RELAXED))) {
			free = 0;
			if (rdtime() - t0 > 5000000)
				break;
		}
	}
	if (c == '\n')
		uart_put('\r');
	uart_put(c);
	if (locked && c == '\n')
		__atomic_store_n(&console_owner, 0, __ATOMIC_RELEASE);
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
