/*
 * The console and the exit path: the 16550 UART (polled, through the
 * uncached window), a small printf (%s %c %d %u %x %p with l/z and #),
 * power-off through the GED sleep register, and vmio's panic hook.
 */
#include <stdarg.h>

#include "platform.h"
#include "vmio/vmio.h"

#define LSR_THRE 0x20 /* transmit holding register empty */
#define GED_SLEEP_S5 0x34 /* SLP_EN | SLP_TYP 5 */

/* Send one character, waiting until the transmitter has room. */
static void putc_uart(char c)
{
	volatile uint8_t *uart = (volatile uint8_t *)(UNCACHED_BASE | UART_PA);

	while (!(uart[5] & LSR_THRE))
		;
	uart[0] = (uint8_t)c;
}

struct out {
	char *buf;
	size_t size, len;
};

/* Append c to the buffer (as room allows) or send it to the console. */
static void emit(struct out *o, char c)
{
	if (!o->buf)
		putc_uart(c);
	else if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* Print v in base 10 or 16 (alt: with 0x). */
static void emit_number(struct out *o, uint64_t v, unsigned base, bool alt)
{
	char digits[24];
	int n = 0;

	if (alt && base == 16) {
		emit(o, '0');
		emit(o, 'x');
	}
	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		emit(o, digits[--n]);
}

/* The printf formatter behind kprintf and ksnprintf. */
static void format(struct out *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		bool alt = false, wide = false;

		if (*fmt != '%') {
			emit(o, *fmt);
			continue;
		}
		if (*++fmt == '#')
			alt = true, fmt++;
		while (*fmt == 'l' || *fmt == 'z')
			wide = true, fmt++;
		switch (*fmt) {
		case 's':
			for (const char *s = va_arg(ap, const char *); *s; s++)
				emit(o, *s);
			break;
		case 'c':
			emit(o, (char)va_arg(ap, int));
			break;
		case 'd': {
			int64_t v = wide ? va_arg(ap, long) : va_arg(ap, int);

			if (v < 0)
				emit(o, '-');
			emit_number(o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, false);
			break;
		}
		case 'u':
			emit_number(o, wide ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10,
				    false);
			break;
		case 'x':
			emit_number(o, wide ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16,
				    alt);
			break;
		case 'p':
			emit_number(o, (uintptr_t)va_arg(ap, void *), 16, true);
			break;
		default:
			emit(o, '%');
			emit(o, *fmt);
			break;
		}
	}
}

/* printf to the console. */
void kprintf(const char *fmt, ...)
{
	struct out o = { 0 };
	va_list ap;

	va_start(ap, fmt);
	format(&o, fmt, ap);
	va_end(ap);
}

/* snprintf: at most size - 1 characters and a NUL; returns the full length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct out o = { buf, size, 0 };
	va_list ap;

	va_start(ap, fmt);
	format(&o, fmt, ap);
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
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
