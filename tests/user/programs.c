/*
 * The user programs, run in user mode by boot/common/usermode.c; user_main's
 * argument picks one (usermode.h: UPROG_*).
 *
 * UPROG_SYSCALLS makes every system call with good arguments and bad ones:
 * buffers that run into a hole or the read-only page part way, the
 * kernel's own text, data and stack (get_info publishes them), NULL,
 * lengths that wrap, misaligned futex words.  After each call it tells the
 * kernel its verdict with expect(got, want, label); it exits with the
 * number of calls that returned something else.
 *
 * The other programs each do one thing the hardware must stop: the kernel
 * ends them with a fault report and goes on.
 */
#include "ulib.h"
#include "usermode.h"

static struct user_info info;
static unsigned failed;

/* Tell the kernel the verdict on the last call; count a mismatch. */
static void expect(long got, long want, const char *label)
{
	sys_expect(got, want, label, strlen(label));
	if (got != want)
		failed++;
}

#define EFAULT (-UERR_EFAULT)
#define EINVAL (-UERR_EINVAL)

/* Addresses in the test region (usermode get_info's layout). */
static uint8_t *page(unsigned i)
{
	return (uint8_t *)(uintptr_t)(info.region + i * info.page_size);
}

#define RW_END page(info.ro_page)       /* the read-only page follows the rw pages */
#define RO page(info.ro_page)
#define RW2 page(info.rw2_page)         /* a writable page between two holes */
#define RW2_END page(info.rw2_page + 1) /* a hole */
#define KTEXT ((void *)(uintptr_t)info.kernel_text)
#define KDATA ((void *)(uintptr_t)info.kernel_data)
#define KSTACK ((void *)(uintptr_t)info.kernel_stack)

static const char hello[] = "hello from user mode";

/* Whether buf[0..n) holds the bytes read() offers (its source). */
static int is_source(const uint8_t *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != (uint8_t)('a' + i % 26))
			return 0;
	return 1;
}

static void info_calls(void)
{
	struct user_info *tail;

	expect(sys_get_info(&info), 0, "get_info: good buffer");
	tail = (struct user_info *)(RW_END - 8);
	expect(info.magic == USER_INFO_MAGIC, 1, "get_info: the magic arrived");
	expect(sys_get_info(NULL), EFAULT, "get_info: NULL");
	expect(sys_get_info(KDATA), EFAULT, "get_info: kernel data");
	expect(sys_get_info(KSTACK), EFAULT, "get_info: kernel stack");
	expect(sys_get_info((struct user_info *)RO), EFAULT, "get_info: read-only page");
	expect(sys_get_info(tail), EFAULT, "get_info: runs into read-only page");
	expect(sys_get_info((struct user_info *)RW2_END), EFAULT, "get_info: a hole");
}

static void write_calls(void)
{
	static const char partial[] = "24 bytes before the hole";
	uint8_t *tail = RW2_END - 24;

	memcpy(tail, partial, 24);
	expect(sys_write(hello, sizeof(hello) - 1), (long)sizeof(hello) - 1, "write: good buffer");
	expect(sys_write(hello, 0), 0, "write: zero length");
	expect(sys_write(tail, 64), 24, "write: runs into a hole after 24");
	expect(sys_write(RW2_END, 16), EFAULT, "write: starts in a hole");
	expect(sys_write(KTEXT, 64), EFAULT, "write: kernel text");
	expect(sys_write(KDATA, 64), EFAULT, "write: kernel data (secret)");
	expect(sys_write(KSTACK, 64), EFAULT, "write: kernel stack");
	expect(sys_write(NULL, 16), EFAULT, "write: NULL");
	expect(sys_write(hello, (size_t)-1), EFAULT, "write: length SIZE_MAX (wraps)");
	expect(sys_write(hello, -(uintptr_t)hello), EFAULT, "write: ends exactly at 2^64");
}

static void read_calls(void)
{
	static uint8_t buf[100];
	uint8_t *tail = RW_END - 24, *tail2 = RW2_END - 40;

	expect(sys_read(buf, sizeof(buf)), 100, "read: good buffer");
	expect(is_source(buf, sizeof(buf)), 1, "read: the 100 bytes are the source");
	expect(sys_read(buf, 0), 0, "read: zero length");
	expect(sys_read(tail, 64), 24, "read: runs into read-only page");
	expect(is_source(tail, 24), 1, "read: the 24 bytes are the source");
	expect(sys_read(tail2, 100), 40, "read: runs into a hole after 40");
	expect(sys_read(RO, 16), EFAULT, "read: read-only page");
	expect(sys_read(KTEXT, 16), EFAULT, "read: into kernel text");
	expect(sys_read(KDATA, 16), EFAULT, "read: into kernel data");
	expect(sys_read(KSTACK, 64), EFAULT, "read: into kernel stack");
	expect(sys_read(NULL, 8), EFAULT, "read: NULL");
	expect(sys_read(buf, (size_t)-1), EFAULT, "read: length SIZE_MAX (wraps)");
}

static void req_calls(void)
{
	static struct user_req req = { 7, 0x11, 0x1122334455667788ULL };
	struct user_req *tail = (struct user_req *)(RW2_END - 8);

	memcpy(tail, &req, 8);
	expect(sys_put_req(&req), 7, "put_req: good struct");
	expect(sys_put_req(tail), EFAULT, "put_req: runs into a hole");
	expect(sys_put_req(KDATA), EFAULT, "put_req: kernel data");
	expect(sys_put_req(KSTACK), EFAULT, "put_req: kernel stack");
	expect(sys_put_req(NULL), EFAULT, "put_req: NULL");
	expect(sys_put_req((struct user_req *)(RO + info.page_size - 8)), EFAULT,
	       "put_req: read-only page into a hole");
}

static void readv_calls(void)
{
	static uint8_t a[10], b[20], c[10];
	static struct user_iovec iov[USER_IOV_MAX + 1];
	struct user_iovec *tail = (struct user_iovec *)(RW2_END - sizeof(iov[0]));

	iov[0] = (struct user_iovec){ a, sizeof(a) };
	iov[1] = (struct user_iovec){ c, 0 };
	iov[2] = (struct user_iovec){ b, sizeof(b) };
	expect(sys_readv(iov, 3), 30, "readv: 10 + 0 + 20 bytes");
	expect(is_source(a, 10) && b[0] == 'k' && b[19] == 'd', 1, "readv: one stream over the segments");
	iov[1] = (struct user_iovec){ RW_END - 6, 16 };
	iov[2] = (struct user_iovec){ c, sizeof(c) };
	expect(sys_readv(iov, 3), 16, "readv: 2nd runs into read-only page");
	iov[1] = (struct user_iovec){ RW2_END, 8 };
	expect(sys_readv(iov, 3), 10, "readv: 2nd segment in a hole");
	expect(sys_readv(&iov[1], 2), EFAULT, "readv: 1st segment in a hole");
	iov[1] = (struct user_iovec){ KDATA, 8 };
	expect(sys_readv(iov, 2), EFAULT, "readv: a segment in kernel data");
	iov[1] = (struct user_iovec){ KSTACK, 8 };
	expect(sys_readv(iov, 2), EFAULT, "readv: a segment in kernel stack");
	iov[1] = (struct user_iovec){ b, (size_t)-1 };
	expect(sys_readv(iov, 2), EINVAL, "readv: segment length SIZE_MAX (negative)");
	iov[1] = (struct user_iovec){ KDATA, 0 };
	expect(sys_readv(iov, 2), EFAULT, "readv: an empty segment in kernel data");
	iov[1] = (struct user_iovec){ NULL, 0 };
	expect(sys_readv(iov, 2), 10, "readv: an empty segment at NULL");
	*tail = iov[0];
	expect(sys_readv(tail, 2), EFAULT, "readv: the array runs into a hole");
	expect(sys_readv(NULL, 1), EFAULT, "readv: array NULL");
	expect(sys_readv(KDATA, 1), EFAULT, "readv: array in kernel data");
	expect(sys_readv(iov, 0), 0, "readv: no segments");
	expect(sys_readv(iov, -1), EINVAL, "readv: n = -1");
	expect(sys_readv(iov, USER_IOV_MAX + 1), EINVAL, "readv: n above the limit");
}

static void lookup_calls(void)
{
	static char long_name[64];
	char *tail = (char *)RW2_END - 3, *last = (char *)RW2_END - 5;

	memset(long_name, 'x', sizeof(long_name) - 1);
	memcpy(tail, "abc", 3); /* no NUL before the hole */
	expect(sys_lookup("console"), 0, "lookup: \"console\"");
	expect(sys_lookup("futex"), 2, "lookup: \"futex\"");
	expect(sys_lookup("nosuch"), -UERR_ENOENT, "lookup: unknown name");
	expect(sys_lookup(""), -UERR_ENOENT, "lookup: empty name");
	expect(sys_lookup(long_name + sizeof(long_name) - 1 - (info.name_max - 1)), -UERR_ENOENT,
	       "lookup: longest name (limit - 1)");
	expect(sys_lookup(long_name), -UERR_ENAMETOOLONG, "lookup: no NUL before the limit");
	expect(sys_lookup(tail), EFAULT, "lookup: no NUL before a hole");
	memcpy(last, "info", 5); /* the NUL is the last byte before the hole */
	expect(sys_lookup(last), 1, "lookup: NUL last byte before a hole");
	expect(sys_lookup((char *)RW2_END), EFAULT, "lookup: starts in a hole");
	expect(sys_lookup(KTEXT), EFAULT, "lookup: kernel text");
	expect(sys_lookup(KDATA), EFAULT, "lookup: kernel data");
	expect(sys_lookup(NULL), EFAULT, "lookup: NULL");
}

static void opts_calls(void)
{
	static struct { struct user_opts o; uint64_t future[2]; } newer = {
		{ 0x5, 1, 2, 300 }, { 0, 0 } };
	static struct user_opts v2 = { 0x3, 4, 5, 600 };
	struct user_opts *tail = (struct user_opts *)(RW2_END - 16);

	expect(sys_set_opts(&v2, sizeof(v2)), 0, "set_opts: current size (24)");
	expect(sys_set_opts(&v2, USER_OPTS_SIZE_VER1), 0, "set_opts: older size (16)");
	expect(sys_set_opts(&newer.o, sizeof(newer)), 0, "set_opts: newer (40), zero tail");
	newer.future[1] = 1;
	expect(sys_set_opts(&newer.o, sizeof(newer)), -UERR_E2BIG, "set_opts: newer, nonzero field");
	newer.future[1] = 0;
	newer.future[0] = 1ULL << 63;
	expect(sys_set_opts(&newer.o, sizeof(newer) - 8), -UERR_E2BIG, "set_opts: newer (32), top bit set");
	expect(sys_set_opts(&v2, 8), EINVAL, "set_opts: smaller than version 1");
	expect(sys_set_opts(&v2, 2 * info.page_size), -UERR_E2BIG, "set_opts: larger than a page");
	expect(sys_set_opts(tail, sizeof(*tail)), EFAULT, "set_opts: runs into a hole");
	expect(sys_set_opts(KDATA, sizeof(v2)), EFAULT, "set_opts: kernel data");
	expect(sys_set_opts(NULL, sizeof(v2)), EFAULT, "set_opts: NULL");
	expect(sys_set_opts(&v2, (size_t)-1), -UERR_E2BIG, "set_opts: size SIZE_MAX");
}

static void futex_calls(void)
{
	static uint32_t words[2] = { 5, 0 };
	uint32_t *ro = (uint32_t *)RO, *misaligned = (uint32_t *)((uint8_t *)words + 2);
	uint32_t ro_word = *ro;

	expect(sys_futex_cmpxchg(&words[0], 5, 9), 5, "futex_cmpxchg: swaps 5 -> 9");
	expect(sys_futex_cmpxchg(&words[0], 5, 1), 9, "futex_cmpxchg: finds 9, no swap");
	expect(words[0], 9, "futex_cmpxchg: the word holds 9");
	expect(sys_futex_cmpxchg(misaligned, 0, 1), EINVAL, "futex_cmpxchg: misaligned word");
	expect(sys_futex_cmpxchg(ro, ro_word, 1), EFAULT, "futex_cmpxchg: read-only page");
	expect(sys_futex_cmpxchg((uint32_t *)RW2_END, 0, 1), EFAULT, "futex_cmpxchg: a hole");
	expect(sys_futex_cmpxchg(KDATA, 0, 1), EFAULT, "futex_cmpxchg: kernel data");
	expect(sys_futex_cmpxchg(NULL, 0, 1), EFAULT, "futex_cmpxchg: NULL");
	expect(sys_futex_op(&words[0], UFUTEX_ADD, 3), 9, "futex_op: ADD 3 to 9");
	expect(sys_futex_op(&words[0], UFUTEX_OR, 0x80000000u), 12, "futex_op: OR the top bit");
	expect(sys_futex_op(&words[0], UFUTEX_ANDN, 4), 0x8000000c, "futex_op: ANDN 4");
	expect(sys_futex_op(&words[0], UFUTEX_XOR, 0xff), 0x80000008, "futex_op: XOR 0xff");
	expect(words[0], 0x800000f7, "futex_op: the word holds 0x800000f7");
	expect(sys_futex_op(&words[0], UFUTEX_SET, 1), 0x800000f7, "futex_op: SET 1");
	expect(sys_futex_op(&words[0], 99, 1), -UERR_ENOSYS, "futex_op: unknown op");
	expect(sys_futex_op(misaligned, UFUTEX_SET, 1), EINVAL, "futex_op: misaligned word");
	expect(sys_futex_op(ro, UFUTEX_SET, 1), EFAULT, "futex_op: read-only page");
	expect(sys_futex_op(KSTACK, UFUTEX_ADD, 1), EFAULT, "futex_op: kernel stack");
	expect(sys_futex_op(KTEXT, UFUTEX_ADD, 1), EFAULT, "futex_op: kernel text");
	expect(words[0] == 1 && words[1] == 0 && *ro == ro_word, 1, "futex: words as they should be");
}

static long syscalls(void)
{
	info_calls();
	write_calls();
	read_calls();
	req_calls();
	readv_calls();
	lookup_calls();
	opts_calls();
	futex_calls();
	return failed;
}

/* A plain access the hardware must stop; the kernel ends the program. */
static long fault(unsigned prog)
{
	volatile uint32_t *p;

	sys_get_info(&info);
	switch (prog) {
	case UPROG_LOAD_KERNEL:
		p = KDATA;
		return *p;
	case UPROG_STORE_RO:
		p = (volatile uint32_t *)RO;
		*p = 1;
		break;
	case UPROG_NULL: /* 0, computed so that the compiler keeps the load */
		p = (volatile uint32_t *)(uintptr_t)(info.magic - USER_INFO_MAGIC);
		return *p;
	case UPROG_EXEC_KERNEL:
		((void (*)(void))KTEXT)();
		break;
	case UPROG_STORE_HOLE:
		p = (volatile uint32_t *)RW2_END;
		*p = 1;
		break;
	default:
		break;
	}
	return 100; /* not stopped */
}

/*
 * Faults under a lock (boot/include/fault_lock.h), two programs on two
 * CPUs taking turns on one futex word, which the kernel keeps paging out:
 * A adds 1 (0 -> 1), waits while the word is 1, B waits while it is 0,
 * then adds 1 (1 -> 2), and so on.  Each call must return exactly what
 * the turn says; A also reads the word with a plain load (a user-mode
 * fault that the kernel pages in).  Exit 0, or 1 + the step that failed.
 */
static long futex_turns(unsigned prog)
{
	uint32_t *w = (uint32_t *)sys_futex_word();

	for (uint32_t i = 0; i < FUTEX_ROUNDS; i++) {
		long step = 1 + 4 * (long)i;

		if (prog == UPROG_FUTEX_A) {
			if (sys_futex_add(w, 1) != 2 * i)
				return step;
			if (*(volatile uint32_t *)w > 2 * FUTEX_ROUNDS)
				return step + 1;
			if (sys_futex_wait(w, 2 * i + 1) != 2 * i + 2)
				return step + 2;
		} else {
			if (sys_futex_wait(w, 2 * i) != 2 * i + 1)
				return step;
			if (sys_futex_add(w, 1) != 2 * i + 1)
				return step + 1;
		}
	}
	return 0;
}

long user_main(unsigned prog);
long user_main(unsigned prog)
{
	if (prog == UPROG_SYSCALLS)
		return syscalls();
	if (prog == UPROG_FUTEX_A || prog == UPROG_FUTEX_B)
		return futex_turns(prog);
	return fault(prog);
}
