/*
 * The glibc baseline of the string benchmarks: strnlen, then memcpy of the
 * string and its NUL.  Returns the length, or (size_t)-1 when no NUL lies
 * in the first max bytes (as the vmio wrappers do for "too long").
 */
#ifndef VMIO_BENCH_GLIBC_STRCPY_H
#define VMIO_BENCH_GLIBC_STRCPY_H

#include <string.h>

static size_t glibc_cpy(char *d, const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	if (n == max)
		return (size_t)-1;
	memcpy(d, s, n + 1);
	return n;
}

#endif
