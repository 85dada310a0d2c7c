/* The console output that our x86_64 and loongarch64 firmware needs (no picolibc there). */
#ifndef MINILIBC_STDIO_H
#define MINILIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int putchar(int c);
int puts(const char *s);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
