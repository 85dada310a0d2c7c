/*
 * Console and power-off on QEMU virt: the ns16550 UART at 0x10000000 and
 * the sifive_test device at 0x100000, at their kernel addresses (+
 * KERNEL_OFFSET; entry.S's boot page table maps them too).  picolibc's stdout is ours to define
 * (FILE *const stdout): it writes through plat_putchar.
 */
#include <stdio.h>

#include "plat.h"
#include "riscv.h"

#define UART_BASE 0x10000000UL
#define UART_THR 0 /* transmit holding register */
#define UART_LSR 5 /* line status register */
#define UART_LSR_THRE 0x20 /* room for one more byte */

#define TEST_BASE 0x100000UL
#define TEST_PASS 0x5555
#define TEST_FAIL 0x3333 /* with the exit code in bits 31..16 */

static volatile uint8_t *const uart = (volatile uint8_t *)(UART_BASE + KERNEL_OFFSET);

/* Send one byte, waiting for room in the transmitter. */
static void uart_put(uint8_t c)
{
	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[UART_THR] = c;
}

/* Write one byte to the UART, turning "\n" into "\r\n". */
static void uart_putchar(int c)
{
	if (c == '\n')
		uart_put('\r');
	uart_put((uint8_t)c);
}

/*
 * With several CPUs online each collects its output a line at a time and
 * writes whole lines under the console lock, so lines never interleave.
 */
#define LINE 160
static struct spinlock console_lock;
static struct {
	char buf[LINE];
	unsigned used;
} line[PLAT_MAX_CPUS];

/* Write cpu's line so far, whole, under the console lock. */
static void line_flush(unsigned cpu)
{
	spin_lock(&console_lock);
	for (unsigned i = 0; i < line[cpu].used; i++)
		uart_putchar(line[cpu].buf[i]);
	line[cpu].used = 0;
	spin_unlock(&console_lock);
}

/* Write one byte: at once on one CPU, else a line at a time. */
void plat_putchar(int c)
{
	unsigned cpu;

	if (riscv_ncpu <= 1) {
		uart_putchar(c);
		return;
	}
	cpu = plat_cpu_id();
	line[cpu].buf[line[cpu].used++] = (char)c;
	if (c == '\n' || line[cpu].used == LINE)
		line_flush(cpu);
}

/* picolibc's put hook: write one byte, report it written. */
static int console_put(char c, FILE *f)
{
	(void)f;
	plat_putchar((unsigned char)c);
	return (unsigned char)c;
}

static FILE console = FDEV_SETUP_STREAM(console_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &console;
FILE *const stderr = &console;

/* Nothing to set up: QEMU's UART works from reset.  Kept as the hook. */
void console_init(void)
{
}

/* Power off through sifive_test: QEMU exits with status (0 = 0x5555). */
_Noreturn void plat_exit(int status)
{
	volatile uint32_t *test = phys_to_virt(TEST_BASE);
	uint32_t code = (uint32_t)status & 0xffff;

	if (status != 0 && code == 0)
		code = 1;
	if (riscv_ncpu > 1 && line[plat_cpu_id()].used)
		line_flush(plat_cpu_id());
	*test = code ? (code << 16) | TEST_FAIL : TEST_PASS;
	for (;;)
		__asm__ volatile("wfi");
}
