/* PodOnce values moved through a 64-bit register, byte by byte (no libc). */
#include "vmio/pod.h"

uint64_t vmio_pod_once_load(const void *p, size_t size)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	/*@ loop invariant 0 <= i <= size && v < vm_pow256(size - i);
	    loop assigns i, v;
	    loop variant i; */
	for (size_t i = size; i > 0; i--)
		v = v * 256 + b[i - 1];
	return v;
}

void vmio_pod_once_store(void *p, size_t size, uint64_t v)
{
	uint8_t *b = p;

	/*@ loop invariant 0 <= i <= size;
	    loop assigns i, v, b[0 .. size - 1];
	    loop variant size - i; */
	for (size_t i = 0; i < size; i++, v >>= 8)
		b[i] = (uint8_t)v;
}
