/* PodOnce values moved through a 64-bit register, byte by byte (no libc). */
#include "vmio/pod.h"

uint64_t vmio_pod_once_load(const void *p, size_t size)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	/*@ loop invariant 0 <= i <= size && v < vm_pow256(size - i);
	    loop invariant v == vm_le(b, i, size);
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
	    loop invariant \at(v, Pre) == vm_le(b, 0, i) + vm_pow256(i) * v;
	    loop invariant 0 <= vm_le(b, 0, i) < vm_pow256(i);
	    loop assigns i, v, b[0 .. size - 1];
	    loop variant size - i; */
	for (size_t i = 0; i < size; i++, v /= 256) {
		b[i] = (uint8_t)(v % 256);
		//@ assert vm_le(b, 0, i + 1) == vm_le(b, 0, i) + vm_pow256(i) * (v % 256);
		//@ assert vm_pow256(i) * (v % 256) <= vm_pow256(i) * 255;
		//@ assert vm_pow256(i + 1) == 256 * vm_pow256(i);
	}
}
