/*
 * A small printf for the examples without a libc: %s %c %d %u %x %p with
 * l/z and #, to the console through the example's console_putc(), or into
 * a buffer.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "console.h"

struct out {
	char *buf;
	size_t size, len;
};

/* Append c to the buffer (as room allows) or send it to the console. */
static void emit(struct out *o, char c)
{
	if (!o->buf)
		console_putc(c);
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
