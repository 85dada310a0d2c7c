/* The C-library routines the user programs (and the compiler) use: byte loops. */
#include "ulib.h"

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

void *memset(void *d, int c, size_t n)
{
	volatile uint8_t *p = d; /* volatile: not turned back into a call to memset */

	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	volatile uint8_t *p = d;
	const uint8_t *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}
