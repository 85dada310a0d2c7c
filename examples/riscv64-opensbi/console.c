/*
 * The console and the exit path: picolibc's stdout writes each character
 * through the SBI console (the legacy console_putchar call, which OpenSBI
 * 1.1 has), kprintf and ksnprintf for the common checks on top of it,
 * and QEMU stops through the sifive_test device.
 */
#include <stdarg.h>
#include <stdio.h>

#include "console.h"
#include "platform.h"
#include "vmio/vmio.h"

#define SBI_CONSOLE_PUTCHAR 1 /* legacy extension: a0 = the character */

/* picolibc's put hook: one character through the SBI console. */
static int sbi_putc(char c, FILE *file)
{
	register long a0 __asm__("a0") = (unsigned char)c;
	register long a7 __asm__("a7") = SBI_CONSOLE_PUTCHAR;

	(void)file;
	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
	return (unsigned char)c;
}

static FILE sbi_console = FDEV_SETUP_STREAM(sbi_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &sbi_console;
FILE *const stdout = &sbi_console;
FILE *const stderr = &sbi_console;

/* The common checks' console: picolibc's printf. */
void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* The common checks' snprintf: picolibc's; returns the full length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Stop QEMU: sifive_test exits 0 for 0x5555, else with code. */
_Noreturn void platform_exit(int code)
{
	volatile uint32_t *test = (volatile uint32_t *)(DEVICE_VMA + SIFIVE_TEST_PA);

	*test = code == 0 ? 0x5555 : (uint32_t)code << 16 | 0x3333;
	for (;;)
		__asm__ volatile("wfi");
}

/* vmio calls this on a contract violation: report it and fail. */
void vmio_panic(const char *why)
{
	printf("vmio panic: %s\n0 passed, 1 failed\n", why);
	platform_exit(4);
}
