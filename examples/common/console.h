/*
 * The console the examples print through: kprintf and ksnprintf.  An
 * example either compiles kprintf.c, which needs console_putc() from it,
 * or defines both over its libc's vprintf and vsnprintf.
 */
#ifndef EXAMPLE_CONSOLE_H
#define EXAMPLE_CONSOLE_H

#include <stddef.h>

/* printf to the console (%s %c %d %u %x %p with l/z and # in kprintf.c). */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* snprintf: at most size - 1 characters and a NUL; returns the full length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Send one character to the console device (the example's, for kprintf.c). */
void console_putc(char c);

#endif
