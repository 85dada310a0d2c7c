/*
 * Pod and PodOnce in C.
 *
 * Pod ("plain old data") is any object type whose every byte pattern is a
 * valid value: integers, arrays and structs of them.  C cannot check that;
 * the API takes Pod values as (pointer, size) byte views.
 *
 * PodOnce is a Pod of 1, 2, 4 or 8 bytes, which one load or store moves
 * without tearing.  VMIO_POD_ONCE_SIZE(obj) is sizeof(obj) when obj is such
 * a value, and a compile error otherwise.
 */
#ifndef VMIO_POD_H
#define VMIO_POD_H

#include <stddef.h>
#include <stdint.h>

#define VMIO_IS_POD_ONCE_SIZE(n) ((n) == 1 || (n) == 2 || (n) == 4 || (n) == 8)

#define VMIO_POD_ONCE_SIZE(obj)                                                 \
	(0 * sizeof(struct {                                                    \
		_Static_assert(VMIO_IS_POD_ONCE_SIZE(sizeof(obj)),              \
			       "PodOnce: a value of 1, 2, 4 or 8 bytes");       \
		int vmio_pod_once_check;                                        \
	}) + sizeof(obj))

/* Byte views of a Pod object. */
#define VMIO_POD_BYTES(obj) ((const uint8_t *)&(obj))
#define VMIO_POD_BYTES_MUT(obj) ((uint8_t *)&(obj))

/*
 * Little-endian value of the size-byte object at p (size 1, 2, 4 or 8), and
 * the reverse: the way once-accesses move a PodOnce through a register.
 */
/*@ // 256 to the k, for k <= 8: the values of k bytes are below it (for the proof).
    logic integer vm_pow256(integer k) =
      k <= 0 ? 1 : k == 1 ? 0x100 : k == 2 ? 0x10000 : k == 3 ? 0x1000000 :
      k == 4 ? 0x100000000 : k == 5 ? 0x10000000000 : k == 6 ? 0x1000000000000 :
      k == 7 ? 0x100000000000000 : 0x10000000000000000; */

/*@ // The little-endian value of the bytes b[lo .. hi - 1], for hi - lo <= 8:
    // byte lo + k weighs 256^k.
    logic integer vm_le(uint8_t *b, integer lo, integer hi) =
      (lo < hi ? b[lo] : 0) +
      (lo + 1 < hi ? 0x100 * b[lo + 1] : 0) +
      (lo + 2 < hi ? 0x10000 * b[lo + 2] : 0) +
      (lo + 3 < hi ? 0x1000000 * b[lo + 3] : 0) +
      (lo + 4 < hi ? 0x100000000 * b[lo + 4] : 0) +
      (lo + 5 < hi ? 0x10000000000 * b[lo + 5] : 0) +
      (lo + 6 < hi ? 0x1000000000000 * b[lo + 6] : 0) +
      (lo + 7 < hi ? 0x100000000000000 * b[lo + 7] : 0); */

/*@ requires size <= 8 && \valid_read((uint8_t *)p + (0 .. size - 1));
    assigns \nothing;
    ensures \result == vm_le((uint8_t *)p, 0, size); */
uint64_t vmio_pod_once_load(const void *p, size_t size);
/*@ requires size <= 8 && \valid((uint8_t *)p + (0 .. size - 1));
    assigns ((uint8_t *)p)[0 .. size - 1];
    ensures vm_le((uint8_t *)p, 0, size) == v % vm_pow256(size); */
void vmio_pod_once_store(void *p, size_t size, uint64_t v);

#endif
