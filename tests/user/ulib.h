/*
 * The user programs' view of the kernel: the system calls of
 * boot/include/user_abi.h through the per-ISA stub usys (ustart_<isa>.S),
 * and the few C-library routines a freestanding program needs (ulib.c).
 */
#ifndef ULIB_H
#define ULIB_H

#include <stddef.h>
#include <stdint.h>

#include "user_abi.h"

long usys(long nr, long a0, long a1, long a2, long a3);

static inline long sys_write(const void *buf, size_t len)
{
	return usys(SYS_WRITE, (long)buf, (long)len, 0, 0);
}

static inline long sys_read(void *buf, size_t len)
{
	return usys(SYS_READ, (long)buf, (long)len, 0, 0);
}

static inline long sys_get_info(struct user_info *out)
{
	return usys(SYS_GET_INFO, (long)out, 0, 0, 0);
}

static inline long sys_put_req(const struct user_req *in)
{
	return usys(SYS_PUT_REQ, (long)in, 0, 0, 0);
}

static inline long sys_lookup(const char *name)
{
	return usys(SYS_LOOKUP, (long)name, 0, 0, 0);
}

static inline long sys_set_opts(const struct user_opts *o, size_t size)
{
	return usys(SYS_SET_OPTS, (long)o, (long)size, 0, 0);
}

static inline long sys_readv(const struct user_iovec *iov, long n)
{
	return usys(SYS_READV, (long)iov, n, 0, 0);
}

static inline long sys_futex_cmpxchg(uint32_t *addr, uint32_t old, uint32_t new_)
{
	return usys(SYS_FUTEX_CMPXCHG, (long)addr, (long)old, (long)new_, 0);
}

static inline long sys_futex_op(uint32_t *addr, int op, uint32_t arg)
{
	return usys(SYS_FUTEX_OP, (long)addr, op, (long)arg, 0);
}

static inline long sys_futex_word(void)
{
	return usys(SYS_FUTEX_WORD, 0, 0, 0, 0);
}

static inline long sys_futex_wait(uint32_t *addr, uint32_t val)
{
	return usys(SYS_FUTEX_WAIT, (long)addr, (long)val, 0, 0);
}

static inline long sys_futex_add(uint32_t *addr, uint32_t arg)
{
	return usys(SYS_FUTEX_ADD, (long)addr, (long)arg, 0, 0);
}

static inline long sys_expect(long got, long want, const char *label, size_t len)
{
	return usys(SYS_EXPECT, got, want, (long)label, (long)len);
}

size_t strlen(const char *s);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

#endif
