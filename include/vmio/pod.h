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

/*@ requires size <= 8 && \valid_read((uint8_t *)p + (0 .. size - 1));
    assigns \nothing; */
uint64_t vmio_pod_once_load(const void *p, size_t size);
/*@ requires size <= 8 && \valid((uint8_t *)p + (0 .. size - 1));
    assigns ((uint8_t *)p)[0 .. size - 1]; */
void vmio_pod_once_store(void *p, size_t size, uint64_t v);

#endif
