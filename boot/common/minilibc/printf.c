/*
 * A small printf: %d %i %u %x %X %p %s %c %% with the l, ll, z length
 * modifiers, a field width and the '0' and '-' flags.  Output goes to
 * plat_putchar() (printf) or a buffer (snprintf).
 */
#include <stdint.h>
#include <stdio.h>

#include "plat.h"

struct sink {
	char *buf;   /* NULL: the console */
	size_t size; /* room in buf, including the final NUL */
	size_t len;  /* characters produced so far */
};

static void emit(struct sink *s, char c)
{
	if (!s->buf)
		plat_putchar(c);
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void emit_padded(struct sink *s, const char *str, size_t n, int width,
			int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (fill-- > 0)
			emit(s, pad);
	while (n--)
		emit(s, *str++);
	if (left)
		while (fill-- > 0)
			emit(s, ' ');
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
	char num[24];

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(s, *fmt);
			continue;
		}
		fmt++;
		int left = 0, width = 0, longs = 0;
		char pad = ' ';
		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = 1;
			else
				pad = '0';
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			longs++;

		uint64_t v;
		int neg = 0;
		unsigned base = 10;
		const char *digits = lower;
		switch (*fmt) {
		case 'c':
			num[0] = (char)va_arg(ap, int);
			emit_padded(s, num, 1, width, left, ' ');
			continue;
		case 's': {
			const char *str = va_arg(ap, const char *);
			size_t n = 0;
			if (!str)
				str = "(null)";
			while (str[n])
				n++;
			emit_padded(s, str, n, width, left, ' ');
			continue;
		}
		case 'd':
		case 'i': {
			int64_t sv = longs ? va_arg(ap, long long) : va_arg(ap, int);
			neg = sv < 0;
			v = neg ? -(uint64_t)sv : (uint64_t)sv;
			break;
		}
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			base = 16;
			emit(s, '0');
			emit(s, 'x');
			break;
		case 'X':
			digits = upper;
			/* fall through */
		case 'x':
			base = 16;
			/* fall through */
		case 'u':
			v = longs ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
			break;
		case '%':
			emit(s, '%');
			continue;
		default: /* unknown: print it as is */
			emit(s, '%');
			if (!*fmt)
				return;
			emit(s, *fmt);
			continue;
		}
		size_t n = sizeof(num);
		do {
			num[--n] = digits[v % base];
			v /= base;
		} while (v);
		if (neg) {
			if (pad == '0') {
				emit(s, '-');
				width--;
			} else {
				num[--n] = '-';
			}
		}
		emit_padded(s, num + n, sizeof(num) - n, width, left, pad);
	}
}

/* A target with one CPU needs no console lock (plat.h). */
__attribute__((weak)) void plat_console_lock(void)
{
}

__attribute__((weak)) void plat_console_unlock(void)
{
}

int vprintf(const char *fmt, va_list ap)
{
	struct sink s = { 0, 0, 0 };

	plat_console_lock();
	format(&s, fmt, ap);
	plat_console_unlock();
	return (int)s.len;
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf, size, 0 };

	format(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return (int)s.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int putchar(int c)
{
	plat_putchar(c);
	return (unsigned char)c;
}

int puts(const char *s)
{
	plat_console_lock();
	while (*s)
		plat_putchar(*s++);
	plat_putchar('\n');
	plat_console_unlock();
	return 0;
}
