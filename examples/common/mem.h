/* The few libc functions the examples and the compiler call: the libc's
 * where the example has one, else mem.c's. */
#ifndef EXAMPLE_MEM_H
#define EXAMPLE_MEM_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
