/*
 * The system-call interface between our firmware's kernel and the user
 * programs of tests/user/: call numbers, the structures passed by pointer,
 * and the error codes (negative, Linux's numbers).  Shared by both sides;
 * plain C types only.
 *
 * Every call takes up to four word-sized arguments and returns one signed
 * word: a count or value (>= 0) or -errno.
 */
#ifndef USER_ABI_H
#define USER_ABI_H

#include <stddef.h>
#include <stdint.h>

enum {
	SYS_EXIT = 0,          /* exit(code): the program ends with code */
	SYS_WRITE = 1,         /* write(buf, len): bytes to the console; count or -EFAULT */
	SYS_READ = 2,          /* read(buf, len): bytes from the kernel source; count or -EFAULT */
	SYS_GET_INFO = 3,      /* get_info(struct user_info *out): 0 or -EFAULT */
	SYS_PUT_REQ = 4,       /* put_req(const struct user_req *in): in->value or -EFAULT */
	SYS_LOOKUP = 5,        /* lookup(const char *name): index, -ENOENT, -ENAMETOOLONG, -EFAULT */
	SYS_SET_OPTS = 6,      /* set_opts(const struct user_opts *o, size): 0, -E2BIG, -EINVAL, -EFAULT */
	SYS_READV = 7,         /* readv(const struct user_iovec *iov, n): count or -EFAULT/-EINVAL */
	SYS_FUTEX_CMPXCHG = 8, /* futex_cmpxchg(uint32_t *addr, old, new): the old word or -errno */
	SYS_FUTEX_OP = 9,      /* futex_op(uint32_t *addr, op, arg): the old word or -errno */
	SYS_EXPECT = 10,       /* expect(got, want, label, label_len): the test harness's verdict */
	SYS_FUTEX_WORD = 11,   /* futex_word(): the demo's futex word (boot/include/fault_lock.h) */
	SYS_FUTEX_WAIT = 12,   /* futex_wait(addr, val): wait while *addr == val; the new value or -errno */
	SYS_FUTEX_ADD = 13,    /* futex_add(addr, arg): *addr += arg; the old value or -errno */
	SYS_COUNT
};

/* Error returns, as Linux numbers them. */
#define UERR_ENOENT 2
#define UERR_E2BIG 7
#define UERR_EAGAIN 11
#define UERR_EFAULT 14
#define UERR_EINVAL 22
#define UERR_ENAMETOOLONG 36
#define UERR_ENOSYS 38

/* futex_op operations: the numbers of vmio's VMIO_ATOMIC_* (checked in syscall.c). */
enum { UFUTEX_SET = 0, UFUTEX_ADD = 1, UFUTEX_OR = 2, UFUTEX_ANDN = 3, UFUTEX_XOR = 4 };

/*
 * What get_info tells a program: where its test region lies (plat.h's
 * layout: page 0 a hole, pages ro_page - rw_pages .. ro_page - 1 read-write,
 * ro_page read-only, a hole, rw2_page read-write, a hole), and three
 * addresses of the kernel's own memory, which every call must refuse.
 */
struct user_info {
	uint64_t magic;          /* USER_INFO_MAGIC */
	uint64_t region;         /* user address of page 0 of the test region */
	uint64_t page_size;
	uint32_t rw_pages, ro_page, rw2_page, name_max;
	uint64_t kernel_text;    /* a kernel function */
	uint64_t kernel_data;    /* the kernel's secret, 64 bytes */
	uint64_t kernel_stack;   /* a buffer on the kernel stack */
	uint64_t source_len;     /* bytes read() offers */
};
#define USER_INFO_MAGIC 0x6f666e69206f696dULL /* "mio info" */

/* put_req's request: the kernel keeps it and returns value. */
struct user_req {
	uint32_t op;
	uint32_t flags;
	uint64_t value;
};

/*
 * set_opts's extensible structure (openat2 style): version 1 is 16 bytes,
 * the kernel's current version 2 is 24; sizes from 16 up to a page are
 * accepted (a longer struct's extra bytes must be zero, a shorter one gets
 * the kernel's defaults of zero).
 */
struct user_opts {
	uint64_t flags;          /* version 1 */
	uint32_t mode, level;    /* version 1 */
	uint64_t timeout;        /* version 2 */
};
#define USER_OPTS_SIZE_VER1 16
#define USER_OPTS_SIZE_VER2 24

struct user_iovec {
	void *base;
	size_t len;
};
#define USER_IOV_MAX 16

#endif
