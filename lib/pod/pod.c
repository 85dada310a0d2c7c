/* PodOnce values moved through a 64-bit register, byte by byte (no libc). */
#include "vmio/pod.h"

uint64_t vmio_pod_once_load(const void *p, size_t size)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (size_t i = size; i-- > 0;)
		v = v << 8 | b[i];
	return v;
}

void vmio_pod_once_store(void *p, size_t size, uint64_t v)
{
	uint8_t *b = p;

	for (size_t i = 0; i < size; i++, v >>= 8)
		b[i] = (uint8_t)v;
}
