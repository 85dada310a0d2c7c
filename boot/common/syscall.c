/*
 * The system calls of our firmware's kernel (user_abi.h), the same on every
 * ISA.  Their kernel side touches user memory only through vmio readers and
 * writers made with from_user_space; a pointer outside the user range is
 * -EFAULT, as Linux's access_ok makes it.
 *
 * After each call the dispatcher checks, from the kernel side, that nothing
 * was written where it must not be (the kernel's secret, a buffer on the
 * kernel stack, kernel text, the read-only user page) and that kernel
 * access to user pages was closed on entry and is closed again on return
 * (x86_64 RFLAGS.AC, riscv64 sstatus.SUM).  With rows on, the program's
 * verdicts (SYS_EXPECT) print a table row: the case, the call with its
 * arguments, the result by name, and what the kernel checked.
 */
#include <stdio.h>
#include <string.h>

#include "fault_lock.h"
#include "plat.h"
#include "user_abi.h"
#include "usermode.h"
#include "usermode_priv.h"
#define VMIO_LINUX_NAMES /* the futex calls below use Linux's names */
#include "vmio/vmio.h"

_Static_assert(UFUTEX_SET == VMIO_ATOMIC_SET && UFUTEX_ADD == VMIO_ATOMIC_ADD &&
	       UFUTEX_OR == VMIO_ATOMIC_OR && UFUTEX_ANDN == VMIO_ATOMIC_ANDN &&
	       UFUTEX_XOR == VMIO_ATOMIC_XOR, "futex ops are vmio's numbers");
_Static_assert(-UERR_EFAULT == VMIO_EFAULT && -UERR_EINVAL == VMIO_EINVAL &&
	       -UERR_ENOSYS == VMIO_ENOSYS && UFUTEX_XOR == FUTEX_OP_XOR,
	       "vmio's errors are Linux's numbers");

#define CHUNK 256     /* bytes moved through a kernel buffer at a time */
#define TEXT_SUM_LEN 256

struct ksys user_sys; /* usermode.c fills it in before each program */

/* The byte at offset i of read()'s kernel source. */
static uint8_t source_byte(size_t i)
{
	return (uint8_t)('a' + i % 26);
}

/* The note a handler leaves for the table's "kernel checked" column. */
static char note[112];

#define NOTE(...) snprintf(note, sizeof(note), __VA_ARGS__)

/* An address the user passed, as the table shows it: hex, named if it is the kernel's. */
static const char *name_of(uintptr_t p)
{
	if (p == user_sys.info.kernel_text)
		return " (kernel text)";
	if (p == user_sys.info.kernel_data)
		return " (kernel data)";
	if (p == user_sys.info.kernel_stack)
		return " (kernel stack)";
	return "";
}

/* ---- write(buf, len): the user's bytes to the console ---- */

/* Copy the user's bytes to the console; the count (short at a fault) or -EFAULT. */
static long sys_write(uintptr_t buf, size_t len)
{
	struct vm_freader r;
	uint8_t k[CHUNK];
	size_t done = 0;
	int err = 0, leak = 0;

	err = vm_freader_from_user_space(&r, (const void *)buf, len);
	if (err) { /* VMIO_EFAULT is -EFAULT: passed straight out */
		NOTE("outside the user range: nothing read");
		return err;
	}
	while (done < len && !err) {
		struct vm_writer w = vm_writer_from_bytes(k, sizeof(k));
		size_t n;

		err = vm_freader_read_fallible(&r, &w, &n);
		if (n && !done)
			printf("  user> ");
		for (size_t i = 0; i < n; i++) {
			putchar(k[i] >= 0x20 && k[i] < 0x7f ? k[i] : '.');
			leak |= n - i >= 8 && !memcmp(k + i, user_sys.secret, 8);
		}
		done += n;
	}
	if (done)
		printf("\n");
	if (leak)
		user_sys.kernel_failed++;
	NOTE("console got %zu bytes%s%s", done, err ? ", then a fault" : "",
	     leak ? "; KERNEL SECRET IN THEM" : "");
	if (err && !done)
		return -UERR_EFAULT;
	return (long)done;
}

/* ---- read(buf, len): bytes of the kernel source to the user ---- */

/* Whether the user's [buf, buf + n) now holds source bytes from..from + n (read back through vmio). */
static int user_holds_source(uintptr_t buf, size_t n, size_t from)
{
	struct vm_freader r;
	uint8_t k[CHUNK];
	size_t off = 0;

	if (vm_freader_from_user_space(&r, (const void *)buf, n))
		return 0;
	while (off < n) {
		struct vm_writer w = vm_writer_from_bytes(k, sizeof(k));
		size_t got;

		if (vm_freader_read_fallible(&r, &w, &got))
			return 0;
		for (size_t i = 0; i < got; i++)
			if (k[i] != source_byte(from + off + i))
				return 0;
		off += got;
	}
	return 1;
}

/* Copy the source's first bytes to the user; the count (short at a fault) or -EFAULT. */
static long sys_read(uintptr_t buf, size_t len)
{
	struct vm_fwriter w;
	uint8_t k[CHUNK];
	size_t done = 0;
	int err = 0;

	err = vm_fwriter_from_user_space(&w, (void *)buf, len);
	if (err) { /* VMIO_EFAULT is -EFAULT: passed straight out */
		NOTE("outside the user range: nothing written");
		return err;
	}
	if (len > SOURCE_LEN)
		len = SOURCE_LEN;
	while (done < len && !err) {
		size_t want = len - done < CHUNK ? len - done : CHUNK, n;
		struct vm_reader r = vm_reader_from_bytes(k, want);

		for (size_t i = 0; i < want; i++)
			k[i] = source_byte(done + i);
		err = vm_fwriter_write_fallible(&w, &r, &n);
		done += n;
	}
	if (!user_holds_source(buf, done, 0)) {
		user_sys.kernel_failed++;
		NOTE("user's first %zu bytes are NOT the source", done);
	} else {
		NOTE("user's first %zu bytes = the source%s", done, err ? ", then a fault" : "");
	}
	if (err && !done)
		return -UERR_EFAULT;
	return (long)done;
}

/* ---- get_info(out): write_val ---- */

/* Write struct user_info to the user with write_val; 0 or -EFAULT. */
static long sys_get_info(uintptr_t out)
{
	struct vm_fwriter w;
	int err;

	err = vm_fwriter_from_user_space(&w, (void *)out, sizeof(user_sys.info));
	if (err) { /* VMIO_EFAULT is -EFAULT: passed straight out */
		NOTE("outside the user range: nothing written");
		return err;
	}
	err = vm_fwriter_write_val(&w, &user_sys.info, sizeof(user_sys.info));
	NOTE(err ? "fault while writing the %zu-byte info" : "wrote the %zu-byte info",
	     sizeof(user_sys.info));
	return err ? -UERR_EFAULT : 0;
}

/* ---- put_req(in): read_val ---- */

/* Read struct user_req from the user with read_val; its op, or -EFAULT. */
static long sys_put_req(uintptr_t in)
{
	struct vm_freader r;
	struct user_req req;
	int err = 0;

	memset(&req, 0xa5, sizeof(req));
	err = vm_freader_from_user_space(&r, (const void *)in, sizeof(req));
	if (!err)
		err = vm_freader_read_val(&r, &req, sizeof(req));
	if (err) {
		const uint8_t *b = (const uint8_t *)&req;
		int clean = 1;

		for (size_t i = 0; i < sizeof(req); i++)
			clean &= b[i] == 0xa5;
		if (!clean)
			user_sys.kernel_failed++;
		NOTE(clean ? "kernel's copy untouched (no partial value)"
			   : "KERNEL'S COPY HOLDS A PARTIAL VALUE");
		return -UERR_EFAULT;
	}
	NOTE("req op %u flags 0x%x value 0x%llx", req.op, req.flags,
	     (unsigned long long)req.value);
	return (long)req.op;
}

/* ---- readv(iov, n): the kernel source into user segments ---- */

/*
 * Copy the source's first bytes into the user's n segments as one stream;
 * the count (short at a fault), -EFAULT, or -EINVAL for n outside 0..16 or
 * a segment length negative as an ssize_t (vm_fwriter_iov_init's answers).
 */
static long sys_readv(uintptr_t uiov, long n)
{
	struct vmio_iovec iov[USER_IOV_MAX];
	struct vm_freader r;
	struct vm_fwriter_iov it;
	uint8_t k[CHUNK];
	size_t done = 0, total, left;
	int err = 0, ok = 1, nonempty = 0;

	if (n < 0 || n > USER_IOV_MAX) {
		NOTE("n outside 0..%d", USER_IOV_MAX);
		return -UERR_EINVAL;
	}
	err = vm_freader_from_user_space(&r, (const void *)uiov, (size_t)n * sizeof(iov[0]));
	if (err) { /* VMIO_EFAULT is -EFAULT: passed straight out */
		NOTE("array outside the user range: nothing read");
		return err;
	}
	if (vm_freader_read_iovec(&r, iov, (size_t)n)) {
		NOTE("fault reading the array of %ld segments", n);
		return -UERR_EFAULT;
	}
	err = vm_fwriter_iov_init(&it, iov, (size_t)n);
	if (err) { /* Linux's import_iovec: EINVAL or EFAULT, passed straight out */
		NOTE(err == VMIO_EINVAL ? "a segment length negative as ssize_t: nothing written"
					: "a segment outside the user range: nothing written");
		return err;
	}
	total = vm_fwriter_iov_avail(&it);
	if (total > SOURCE_LEN)
		total = SOURCE_LEN;
	while (done < total && !err) {
		size_t want = total - done < CHUNK ? total - done : CHUNK, got;
		struct vm_reader kr = vm_reader_from_bytes(k, want);

		for (size_t i = 0; i < want; i++)
			k[i] = source_byte(done + i);
		err = vm_fwriter_iov_write(&it, &kr, &got);
		done += got;
	}
	/* Read the segments back: they hold the stream's bytes in order, as far as it got. */
	left = done;
	for (long i = 0; i < n && left; i++) {
		size_t part = iov[i].len < left ? iov[i].len : left;

		ok &= user_holds_source((uintptr_t)iov[i].base, part, done - left);
		nonempty += part != 0;
		left -= part;
	}
	if (!ok)
		user_sys.kernel_failed++;
	NOTE("%zu bytes over %d segments %s%s", done, nonempty,
	     ok ? "= the source" : "are NOT the source", err ? ", then a fault" : "");
	if (err && !done)
		return -UERR_EFAULT;
	return (long)done;
}

/* ---- lookup(name): a string from user memory, at most USER_NAME_MAX bytes ---- */

static const char *const names[] = { "console", "info", "futex", "source" };

/* Whether buf holds nothing but zeros and its canary 0xa5: no partial name. */
static int holds_no_name(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != 0 && buf[i] != (char)0xa5)
			return 0;
	return 1;
}

/* Copy the name in with read_cstring; its index in names[], -ENOENT, -ENAMETOOLONG or -EFAULT. */
static long sys_lookup(uintptr_t name)
{
	uintptr_t start, end;
	struct vm_freader r;
	char k[USER_NAME_MAX];
	size_t len = 0, max = USER_NAME_MAX;
	int err;

	/* As Linux's strncpy_from_user: the limit stops at the end of user space. */
	vmio_user_range_get(&start, &end);
	if (name >= start && name < end && end - name < max)
		max = end - name;
	memset(k, 0xa5, sizeof(k));
	err = vm_freader_from_user_space(&r, (const void *)name, max);
	if (err) { /* VMIO_EFAULT is -EFAULT: passed straight out */
		NOTE("outside the user range: nothing read");
		return err;
	}
	err = vm_freader_read_cstring(&r, k, sizeof(k), &len);
	if (err) {
		int clean = holds_no_name(k, sizeof(k));

		if (!clean)
			user_sys.kernel_failed++;
		if (err == VMIO_ENAMETOOLONG)
			NOTE("no NUL in the first %zu bytes; kernel buffer %s", max,
			     clean ? "holds no partial name" : "HOLDS A PARTIAL NAME");
		else
			NOTE("fault before a NUL; kernel buffer %s",
			     clean ? "holds no partial name" : "HOLDS A PARTIAL NAME");
		return err == VMIO_ENAMETOOLONG ? -UERR_ENAMETOOLONG : -UERR_EFAULT;
	}
	NOTE("name \"%s\", %zu bytes", k, len);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(k, names[i]))
			return (long)i;
	return -UERR_ENOENT;
}

/* ---- set_opts(o, size): an extensible struct ---- */

static struct user_opts opts_now; /* the options in force */

/* Read the options with read_struct (size: the user's version); 0, -EINVAL, -E2BIG or -EFAULT. */
static long sys_set_opts(uintptr_t o, size_t size)
{
	struct vm_freader r;
	struct user_opts k;
	int err;

	if (size < USER_OPTS_SIZE_VER1) {
		NOTE("smaller than version 1 (%d bytes)", USER_OPTS_SIZE_VER1);
		return -UERR_EINVAL;
	}
	if (size > plat_info()->page_size) {
		NOTE("larger than a page, as Linux refuses");
		return -UERR_E2BIG;
	}
	err = vm_freader_from_user_space(&r, (const void *)o, size);
	if (err) { /* VMIO_EFAULT is -EFAULT: passed straight out */
		NOTE("outside the user range: nothing read");
		return err;
	}
	memset(&k, 0xa5, sizeof(k));
	err = vm_freader_read_struct(&r, &k, sizeof(k));
	if (err) {
		const uint8_t *b = (const uint8_t *)&k;
		int clean = 1;

		for (size_t i = 0; i < sizeof(k); i++)
			clean &= b[i] == 0xa5;
		if (!clean)
			user_sys.kernel_failed++;
		NOTE("%s; kernel's copy %s", err == VMIO_E2BIG ? "a byte past ours is not zero"
			   : "fault", clean ? "untouched, options unchanged" : "HOLDS PART OF IT");
		return err == VMIO_E2BIG ? -UERR_E2BIG : -UERR_EFAULT;
	}
	opts_now = k;
	NOTE("flags 0x%llx mode %u level %u timeout %llu", (unsigned long long)k.flags,
	     k.mode, k.level, (unsigned long long)k.timeout);
	return 0;
}

/* ---- futex_cmpxchg / futex_op: the writer's atomics ---- */

/* The word at addr after the call, read with vmio's atomic load, for the note. */
static void note_word(uintptr_t addr, int err)
{
	struct vm_freader r;
	uint32_t now = 0;

	if (err) {
		NOTE(err == VMIO_EFAULT ? "fault: nothing written" : "refused before any access");
		return;
	}
	if (vm_freader_from_user_space(&r, (const void *)addr, 4) ||
	    vm_freader_atomic_load_u32(&r, &now)) {
		user_sys.kernel_failed++;
		NOTE("WORD UNREADABLE AFTER SUCCESS");
		return;
	}
	NOTE("word now 0x%x", now);
}

/*
 * The two futex calls are written as Linux writes them, on vmio/uaccess.h's
 * Linux names (VMIO_LINUX_NAMES): the errors are Linux's numbers already.
 */

/* Compare-and-exchange the user's word; the old word, -EINVAL (misaligned) or -EFAULT. */
static long sys_futex_cmpxchg(uintptr_t addr, uint32_t expected, uint32_t desired)
{
	uint32_t *uaddr = (uint32_t *)addr, old = 0;
	int err;

	if (!access_ok(uaddr, sizeof(*uaddr))) {
		NOTE("outside the user range: nothing written");
		return -UERR_EFAULT;
	}
	err = futex_atomic_cmpxchg_inatomic(&old, uaddr, expected, desired);
	note_word(addr, err);
	return err ? err : (long)old;
}

/* Apply a futex op to the user's word; the old word, -ENOSYS (op), -EINVAL (misaligned) or -EFAULT. */
static long sys_futex_op(uintptr_t addr, int op, uint32_t arg)
{
	uint32_t *uaddr = (uint32_t *)addr;
	int err, old = 0;

	if (!access_ok(uaddr, sizeof(*uaddr))) {
		NOTE("outside the user range: nothing written");
		return -UERR_EFAULT;
	}
	err = arch_futex_atomic_op_inuser(op, arg, &old, uaddr);
	note_word(addr, err);
	return err ? err : (long)(uint32_t)old;
}

/* ---- the table ---- */

/* What the last call was, for the row its verdict prints. */
static char last_call[96]; /* empty: no call since the last verdict */
static int last_hex; /* futex results are words: shown in hex */

static const char *const call_names[SYS_COUNT] = {
	"exit", "write", "read", "get_info", "put_req", "lookup", "set_opts",
	"readv", "futex_cmpxchg", "futex_op", "expect",
};

/* A result as the table shows it: -ENAME, a count, or a word in hex. */
static const char *result_name(long v, int hex, char *buf, size_t cap)
{
	switch (v) {
	case -UERR_EFAULT: return "-EFAULT";
	case -UERR_EINVAL: return "-EINVAL";
	case -UERR_ENAMETOOLONG: return "-ENAMETOOLONG";
	case -UERR_E2BIG: return "-E2BIG";
	case -UERR_ENOENT: return "-ENOENT";
	case -UERR_ENOSYS: return "-ENOSYS";
	default: break;
	}
	snprintf(buf, cap, hex ? "0x%lx" : "%ld", v);
	return buf;
}

/* An argument as the table shows it: small numbers in decimal, the rest in hex. */
static void arg_text(char *buf, size_t cap, unsigned long v, int ptr)
{
	if (ptr || v >= 0x10000)
		snprintf(buf, cap, "0x%lx%s", v, ptr ? name_of(v) : "");
	else
		snprintf(buf, cap, "%lu", v);
}

/* Remember the call and its arguments (which of them are pointers: ptrs bits). */
static void record_call(unsigned long nr, const unsigned long *a, unsigned nargs, unsigned ptrs)
{
	size_t at = (size_t)snprintf(last_call, sizeof(last_call), "%s(", call_names[nr]);

	for (unsigned i = 0; i < nargs && at < sizeof(last_call); i++) {
		char t[48];

		arg_text(t, sizeof(t), a[i], (ptrs >> i) & 1);
		at += (size_t)snprintf(last_call + at, sizeof(last_call) - at, "%s%s",
				       i ? ", " : "", t);
	}
	if (at < sizeof(last_call))
		snprintf(last_call + at, sizeof(last_call) - at, ")");
}

/* The column heads, printed when a program with rows starts. */
void syscall_table_head(void)
{
	printf("  %-36s %-56s %-14s %-4s %s\n", "case", "call", "result", "", "kernel checked");
}

/* expect(got, want, label, len): the program's verdict on its last call; one row. */
static long sys_expect(long got, long want, uintptr_t label, size_t len)
{
	char text[40], g[24], e[24];
	struct vm_freader r;
	struct vm_writer w = vm_writer_from_bytes(text, sizeof(text) - 1);
	size_t n = 0;

	if (len > sizeof(text) - 1)
		len = sizeof(text) - 1;
	if (!vm_freader_from_user_space(&r, (const void *)label, len))
		vm_freader_read_fallible(&r, &w, &n);
	text[n] = 0;
	user_sys.expects++;
	if (got != want)
		user_sys.expects_failed++;
	if (user_sys.rows)
		printf("  %-36s %-56s %-14s %-4s %s%s%s%s\n", text,
		       last_call[0] ? last_call : "(checked in user mode)",
		       result_name(got, last_hex, g, sizeof(g)), got == want ? "ok" : "FAIL",
		       last_call[0] ? note : "", got == want ? "" : " (wanted ",
		       got == want ? "" : result_name(want, last_hex, e, sizeof(e)),
		       got == want ? "" : ")");
	last_call[0] = 0; /* a verdict with no call since is on a user-side check */
	return 0;
}

/* ---- the dispatcher ---- */

/* A checksum of the first bytes of kernel text. */
uint32_t kernel_text_sum(void)
{
	const uint8_t *p = (const uint8_t *)(uintptr_t)user_sys.info.kernel_text;
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < TEXT_SUM_LEN; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* After each call: the kernel memory user pointers named is as it was. */
static void check_kernel(void)
{
	const char *bad = NULL;

	if (memcmp(user_sys.secret, user_sys.secret_copy, sizeof(user_sys.secret)))
		bad = "kernel data (the secret) CHANGED";
	else if (memcmp(user_sys.stack_buf, user_sys.secret_copy, USER_STACK_BUF))
		bad = "kernel stack buffer CHANGED";
	else if (kernel_text_sum() != user_sys.text_sum)
		bad = "kernel text CHANGED";
	else if (!user_ro_page_intact())
		bad = "read-only user page CHANGED";
	if (bad) {
		user_sys.kernel_failed++;
		snprintf(note + strlen(note), sizeof(note) - strlen(note), "; %s", bad);
	}
}

/* Run call nr, then the kernel-side checks; its result for the program. */
long syscall_dispatch(unsigned long nr, unsigned long a0, unsigned long a1,
		      unsigned long a2, unsigned long a3)
{
	const unsigned long a[4] = { a0, a1, a2, a3 };
	long ret;

	/* The futex demo's calls (fault_lock.c) run on several CPUs: none of the table here. */
	if (nr == SYS_FUTEX_WORD || nr == SYS_FUTEX_WAIT || nr == SYS_FUTEX_ADD)
		return futex_lock_syscall(nr, a0, a1);
	if (nr == SYS_EXIT && plat_cpu_id() != 0)
		user_leave((long)a0);
	if (plat_user_access_open())
		user_sys.access_open++;
	user_sys.syscalls++;
	if (nr == SYS_EXPECT) {
		ret = sys_expect((long)a0, (long)a1, a2, a3);
		goto out;
	}
	note[0] = 0;
	last_hex = 0;
	switch (nr) {
	case SYS_EXIT:
		user_leave((long)a0);
	case SYS_WRITE:
		record_call(nr, a, 2, 1);
		ret = sys_write(a0, a1);
		break;
	case SYS_READ:
		record_call(nr, a, 2, 1);
		ret = sys_read(a0, a1);
		break;
	case SYS_GET_INFO:
		record_call(nr, a, 1, 1);
		ret = sys_get_info(a0);
		break;
	case SYS_PUT_REQ:
		record_call(nr, a, 1, 1);
		ret = sys_put_req(a0);
		break;
	case SYS_LOOKUP:
		record_call(nr, a, 1, 1);
		ret = sys_lookup(a0);
		break;
	case SYS_SET_OPTS:
		record_call(nr, a, 2, 1);
		ret = sys_set_opts(a0, a1);
		break;
	case SYS_READV:
		record_call(nr, a, 2, 1);
		ret = sys_readv(a0, (long)a1);
		break;
	case SYS_FUTEX_CMPXCHG:
		record_call(nr, a, 3, 1);
		last_hex = 1;
		ret = sys_futex_cmpxchg(a0, (uint32_t)a1, (uint32_t)a2);
		break;
	case SYS_FUTEX_OP:
		record_call(nr, a, 3, 1);
		last_hex = 1;
		ret = sys_futex_op(a0, (int)a1, (uint32_t)a2);
		break;
	default:
		snprintf(last_call, sizeof(last_call), "call %lu", nr);
		NOTE("no such call");
		ret = -UERR_ENOSYS;
		break;
	}
	check_kernel();
out:
	if (plat_user_access_open())
		user_sys.access_open++;
	return ret;
}
