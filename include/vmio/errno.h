/* Error codes of vmio: every fallible call returns 0 or one of these. */
#ifndef VMIO_ERRNO_H
#define VMIO_ERRNO_H

#define VMIO_OK       0
#define VMIO_EFAULT (-14) /* a page fault: the seed's Error::PageFault */
#define VMIO_EINVAL (-22) /* bad argument: the seed's Error::InvalidArgs */
#define VMIO_ENOMEM (-12) /* an allocation callback returned nothing */
#define VMIO_EOVERFLOW (-75) /* offset + length overflows: the seed's Error::Overflow */
#define VMIO_E2BIG (-7) /* an extensible struct's extra bytes are not zero (Linux E2BIG) */
#define VMIO_ENAMETOOLONG (-36) /* no NUL within the bytes a string may have */
#define VMIO_ENOSYS (-38) /* no such operation (Linux ENOSYS): vmio_arch_futex_atomic_op_inuser */

#endif
