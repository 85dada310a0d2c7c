/*
 * The per-ISA primitives, written in assembly under arch/<isa>/.
 * They are the only code of vmio that touches memory which may fault; every
 * such instruction has an exception-table entry (include/vmio/extable.h).
 *
 * "Fallible" routines may be given user or unmapped addresses: a fault ends
 * them early instead of crashing.  "Infallible" routines are for kernel and
 * MMIO memory that the caller knows is mapped.
 */
#ifndef VMIO_ARCH_H
#define VMIO_ARCH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Copy len bytes from src to dst; return the number of bytes NOT copied.
 * Exact: with k = len - return, dst[0..k) holds src[0..k), byte k of src or
 * dst is inaccessible, and no byte of dst at or past k was written.
 */
size_t __memcpy_fallible(void *dst, const void *src, size_t len);

/* Set len bytes of dst to (unsigned char)byte; return the bytes NOT set, exactly. */
size_t __memset_fallible(void *dst, int byte, size_t len);

/*
 * Single-instruction loads and stores of 1, 2, 4 and 8 bytes.  The address
 * must be naturally aligned (the C wrappers in vmio/once.h check it).
 * The fallible ones return 0, or VMIO_EFAULT with nothing stored to *out.
 */
uint8_t vmio_arch_load_u8(const volatile void *p);
uint16_t vmio_arch_load_u16(const volatile void *p);
uint32_t vmio_arch_load_u32(const volatile void *p);
uint64_t vmio_arch_load_u64(const volatile void *p);
void vmio_arch_store_u8(volatile void *p, uint8_t v);
void vmio_arch_store_u16(volatile void *p, uint16_t v);
void vmio_arch_store_u32(volatile void *p, uint32_t v);
void vmio_arch_store_u64(volatile void *p, uint64_t v);

int vmio_arch_load_u8_fallible(const void *p, uint8_t *out);
int vmio_arch_load_u16_fallible(const void *p, uint16_t *out);
int vmio_arch_load_u32_fallible(const void *p, uint32_t *out);
int vmio_arch_load_u64_fallible(const void *p, uint64_t *out);
int vmio_arch_store_u8_fallible(void *p, uint8_t v);
int vmio_arch_store_u16_fallible(void *p, uint16_t v);
int vmio_arch_store_u32_fallible(void *p, uint32_t v);
int vmio_arch_store_u64_fallible(void *p, uint64_t v);

/*
 * Atomically: old = *p; if (old == expected) *p = desired.  Returns 0 with
 * the old value in *old, or VMIO_EFAULT with *old untouched.  p must be
 * 4-byte aligned.
 */
int vmio_arch_cmpxchg_u32_fallible(uint32_t *p, uint32_t expected,
				   uint32_t desired, uint32_t *old);

/*
 * Strings that may fault: the NUL-terminated string at src, looking at no
 * more than its first max bytes.  src may fault; dst is kernel memory with
 * room for max bytes.  Both return, with k = *len:
 *   0                  src[k] is the first NUL and k < max; __strncpy_fallible
 *                      copied k + 1 bytes, the NUL included;
 *   VMIO_ENAMETOOLONG  no NUL among src[0..max); k = max; max bytes copied;
 *   VMIO_EFAULT        src[k] (k < max) is inaccessible and src[0..k) holds
 *                      no NUL; k bytes copied.
 * Exact: no byte of dst past those it reports copied is written, and every
 * byte it stores is one it tested for NUL (a racing writer can change src,
 * but never make dst disagree with *len).  Reads are aligned words or
 * vectors, each holding a byte a byte-by-byte scan would read, so none
 * reaches a page such a scan would not.  Lengths are counted, never
 * compared against src + max, which may wrap to 0.
 */
int __strnlen_fallible(const char *src, size_t max, size_t *len);
int __strncpy_fallible(char *dst, const char *src, size_t max, size_t *len);

/*
 * The user half of the address space, [VMIO_USER_START, VMIO_USER_END):
 * a user reader or writer is refused for any range outside it (see
 * vm_freader_from_user_space for the rule at the boundaries).
 * An embedder may override both with -D.
 */
#ifndef VMIO_USER_START
#define VMIO_USER_START 0x1000UL /* page 0 is never user memory */
#endif
#ifndef VMIO_USER_END
#if defined(VMIO_HOST)
#define VMIO_USER_END 0x00007ffffffff000UL /* Linux x86_64 TASK_SIZE */
#elif defined(__x86_64__)
#define VMIO_USER_END 0x0000800000000000UL /* 4-level paging, lower half */
#elif defined(__riscv)
#define VMIO_USER_END 0x0000004000000000UL /* Sv39, lower half */
#elif defined(__loongarch__)
#define VMIO_USER_END 0x0000800000000000UL /* 3 levels of 16 KiB pages: 47 bits */
#else
#error "vmio: unsupported ISA"
#endif
#endif

#endif
