/*
 * smp-race: copies and fills racing an unmap, on the host (issue 18, item 3).
 *
 * The "user" memory is a memfd mapped twice: the user view, where the
 * copies run, and an alias that is always read-write, through which the
 * test checks and restores the user side whatever the flipper is doing.
 * The last page of the user view, P2, is the one that comes and goes: a
 * second thread makes it PROT_NONE and read-write again as fast as it can
 * (mprotect shoots the old translation down on every CPU, as a kernel's
 * unmap does).
 *
 * The main thread copies from user memory to a kernel buffer, from the
 * kernel buffer to user memory, and fills user memory (zeros), through the
 * public API, and reads strings (__strncpy_fallible: the user bytes hold no
 * NUL, so a read runs to its limit or stops at a fault), over ranges that start in the region before P2 and end
 * inside or at the end of P2, at every size class of the x86_64 paths
 * (short pieces, 1/2/4/8 vectors, the loop, rep movsb/stosb) and every
 * misalignment of both sides.  Each operation either completes or stops at
 * a byte inside P2, with: the done prefix exactly the source bytes (or
 * zeros), and no byte at or past the count written, up to GUARD bytes past
 * the end (the canaries are the complements of what the operation would
 * store there).  The run prints the counts of both outcomes and fails if
 * either never happened, or if any operation broke the rule.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "vmio/host.h"
#include "vmio/vmio.h"

#define PS 4096UL
#define BEFORE_PAGES 208 /* the region before P2: 832 KiB, room for rep stosb */
#define REGION ((BEFORE_PAGES + 1) * PS)
#define GUARD 64
#define MAX_LEN (BEFORE_PAGES * PS)

static uint8_t *user;   /* the user view: REGION bytes, P2 last, guard pages around */
static uint8_t *alias;  /* the same memory, always read-write */
static uint8_t *p2;     /* user + BEFORE_PAGES * PS */
static uint8_t *kbuf;   /* the kernel side: MAX_LEN + 2 * GUARD + 64 */
static uint8_t *src_k;  /* the kernel source of copies to user */
static uint8_t *pat, *npat; /* user_pat() of the region and its complement, PAD before */
#define PAD GUARD
static atomic_int stop;
static atomic_ulong flips;

static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* The user byte at offset i of the region (never 0: the fill writes zeros). */
static uint8_t user_pat(size_t i)
{
	uint8_t b = (uint8_t)(i * 157u + (i >> 8) * 11u + 1u);

	return b ? b : 0x5a;
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static void *flipper(void *arg)
{
	uint64_t s = (uintptr_t)arg | 1;

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		if (mprotect(p2, PS, PROT_NONE))
			die("mprotect none");
		for (unsigned i = (unsigned)(s % 2000); i; i--)
			__asm__ volatile("" ::: "memory");
		if (mprotect(p2, PS, PROT_READ | PROT_WRITE))
			die("mprotect rw");
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		for (unsigned i = (unsigned)(s % 2000); i; i--)
			__asm__ volatile("" ::: "memory");
		atomic_fetch_add_explicit(&flips, 1, memory_order_relaxed);
	}
	return NULL;
}

enum op { FROM_USER, TO_USER, FILL, STRING, NOPS };
static const char *const op_names[NOPS] = { "copy from user", "copy to user", "fill user",
					    "string read" };

struct stats {
	unsigned long done[NOPS], stopped[NOPS], inside[NOPS], bad[NOPS], past[NOPS];
};

/*
 * The sizes of each class: [lo, hi].  Classes follow the x86_64 paths of
 * every width: under 16, under 32/64 (one or two pieces), up to 2, 4, 8
 * vectors of 64 bytes (and of narrower widths inside them), the loop, and
 * rep movsb (from 2 KiB with 16-byte vectors, 24 KiB with 32/64) and
 * rep stosb (48 KiB with 32/64-byte vectors).
 */
static const size_t classes[][2] = {
	{ 1, 15 }, { 16, 31 }, { 32, 63 }, { 64, 128 }, { 129, 256 }, { 257, 512 },
	{ 513, 2047 }, { 2048, 8192 }, { 8193, 24575 }, { 24576, 40000 }, { 40001, 65536 },
	{ 786432, MAX_LEN },
};
#define NCLASSES (sizeof classes / sizeof classes[0])

static void report(struct stats *st, enum op op, size_t len, size_t off, size_t kmis,
		   size_t k, const char *what, size_t at)
{
	if (st->bad[op]++ < 10)
		printf("  %s len %zu, user offset %zu before P2, kernel misalignment %zu: "
		       "count %zu, %s at byte %zu\n",
		       op_names[op], len, off, kmis, k, what, at);
}

/* The first byte where a and b differ, or len. */
static size_t diff_at(const uint8_t *a, const uint8_t *b, size_t len)
{
	if (!memcmp(a, b, len))
		return len;
	for (size_t i = 0;; i++)
		if (a[i] != b[i])
			return i;
}

/*
 * Check got[-lo, hi) against: before the start and from n on, the canary
 * array can[]; below n, want[] (NULL: zeros).
 */
static void check(struct stats *st, enum op op, size_t len, size_t off, size_t kmis, size_t n,
		  const uint8_t *got, const uint8_t *want, const uint8_t *can, size_t lo, size_t hi)
{
	size_t i;

	if ((i = diff_at(got - lo, can - lo, lo)) < lo) {
		report(st, op, len, off, kmis, n, "written before the start", i);
		return;
	}
	if (want)
		i = diff_at(got, want, n);
	else
		for (i = 0; i < n && !got[i]; i++)
			;
	if (i < n) {
		report(st, op, len, off, kmis, n, "wrong byte", i);
		return;
	}
	if ((i = diff_at(got + n, can + n, hi - n)) < hi - n) {
		st->past[op]++;
		report(st, op, len, off, kmis, n, "written past the count", n + i);
	}
}

/* One operation of op over len bytes that start `off` bytes before P2. */
static void one(struct stats *st, enum op op, size_t len, size_t off, size_t kmis)
{
	size_t ustart = BEFORE_PAGES * PS - off;
	uint8_t *u = user + ustart, *ua = alias + ustart;
	uint8_t *k = kbuf + GUARD + kmis;
	size_t n = 0, hi = len + GUARD, end = REGION - ustart;
	size_t lo = ustart < GUARD ? ustart : GUARD; /* checked before the start */
	int rc = 0;

	if (hi > end)
		hi = end; /* the alias ends with P2 */
	if (op == FROM_USER) {
		struct vm_freader r;
		struct vm_writer w = vm_writer_from_kernel_space(k, len);

		memcpy(k - GUARD, npat + PAD + ustart - GUARD, len + 2 * GUARD);
		if (vm_freader_from_user_space(&r, u, len))
			die("from_user_space");
		rc = vm_freader_read_fallible(&r, &w, &n);
	} else if (op == TO_USER) {
		struct vm_fwriter w;
		struct vm_reader r = vm_reader_from_kernel_space(src_k + kmis, len);

		memcpy(src_k + kmis, npat + PAD + ustart, len);
		if (vm_fwriter_from_user_space(&w, u, len))
			die("from_user_space");
		rc = vm_fwriter_write_fallible(&w, &r, &n);
	} else if (op == FILL) {
		struct vm_fwriter w;

		if (vm_fwriter_from_user_space(&w, u, len))
			die("from_user_space");
		rc = vm_fwriter_fill_zeros(&w, len, &n);
	} else {
		memcpy(k - GUARD, npat + PAD + ustart - GUARD, len + 2 * GUARD);
		rc = __strncpy_fallible((char *)k, (const char *)u, len, &n);
		if (rc == VMIO_ENAMETOOLONG) /* no NUL: all len bytes read */
			rc = 0;
	}

	if ((rc == 0) != (n == len) || n > len) {
		report(st, op, len, off, kmis, n, "return code disagrees with the count", n);
		return;
	}
	if (n < len && n < off) {
		report(st, op, len, off, kmis, n, "stopped before P2", n);
		return;
	}
	if (n == len)
		st->done[op]++;
	else
		st->stopped[op]++;
	if (n < len && n > off)
		st->inside[op]++;

	/* Nothing written before the start; the done prefix; nothing at or past the count. */
	if (op == FROM_USER || op == STRING) {
		check(st, op, len, off, kmis, n, k, pat + PAD + ustart, npat + PAD + ustart,
		      GUARD, len + GUARD);
	} else {
		unsigned long bad = st->bad[op];

		check(st, op, len, off, kmis, n, ua, op == FILL ? NULL : npat + PAD + ustart,
		      pat + PAD + ustart, lo, hi);
		/* Restore what was done, or all that was checked after a stray store. */
		if (st->bad[op] != bad)
			memcpy(ua - lo, pat + PAD + ustart - lo, lo + hi);
		else
			memcpy(ua, pat + PAD + ustart, n);
	}
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 10.0;
	struct stats st = { 0 };
	struct timespec t0, t;
	pthread_t th;
	unsigned long ops = 0, failed = 0, passed = 0;
	int fd;
	uint8_t *view;

	if (vmio_host_init()) {
		printf("vmio_host_init failed\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rng_state = getenv("SMP_RACE_SEED") ? strtoull(getenv("SMP_RACE_SEED"), NULL, 0)
					    : (uint64_t)t0.tv_nsec * 2654435761u + 1;
	printf("smp-race: seed %#llx, %.0f s\n", (unsigned long long)rng_state, secs);

	fd = memfd_create("smp-race", 0);
	if (fd < 0 || ftruncate(fd, (off_t)REGION))
		die("memfd");
	view = mmap(NULL, REGION + 2 * PS, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (view == MAP_FAILED)
		die("mmap");
	user = mmap(view + PS, REGION, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	alias = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	kbuf = mmap(NULL, 2 * (MAX_LEN + 2 * GUARD + 64), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (user == MAP_FAILED || alias == MAP_FAILED || kbuf == MAP_FAILED)
		die("mmap");
	src_k = kbuf + MAX_LEN + 2 * GUARD + 64;
	p2 = user + BEFORE_PAGES * PS;
	pat = malloc(REGION + 2 * PAD);
	npat = malloc(REGION + 2 * PAD);
	if (!pat || !npat)
		die("malloc");
	for (size_t i = 0; i < REGION + 2 * PAD; i++) {
		pat[i] = user_pat(i - PAD);
		npat[i] = (uint8_t)~pat[i];
	}
	memcpy(alias, pat + PAD, REGION);

	if (pthread_create(&th, NULL, flipper, (void *)(uintptr_t)rnd()))
		die("pthread_create");
	for (;;) {
		/* Mostly short sizes, whose windows are short; every class often. */
		size_t c = rnd() % (NCLASSES + 6);
		size_t lo, hi, len, off, kmis;
		enum op op = (enum op)(rnd() % NOPS);

		c = c >= NCLASSES ? rnd() % 6 : c;
		lo = classes[c][0];
		hi = classes[c][1];
		if (op != FILL && c == NCLASSES - 1)
			c = rnd() % (NCLASSES - 1), lo = classes[c][0], hi = classes[c][1];
		len = lo + rnd() % (hi - lo + 1);
		/* End inside P2 or at its end, starting before it. */
		off = 1 + rnd() % (len < PS ? len : PS);
		if (len - off > PS && rnd() % 2)
			off = len - rnd() % (PS + 1);
		if (off > len)
			off = len;
		if (len - off > PS)
			off = len - PS;
		kmis = rnd() % 64;
		one(&st, op, len, off, kmis);
		if (++ops % 256 == 0) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			if ((double)(t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) * 1e-9 > secs)
				break;
		}
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);

	printf("%lu operations, %lu flips of P2\n", ops, (unsigned long)atomic_load(&flips));
	for (int op = 0; op < NOPS; op++) {
		printf("  %-15s completed %lu, stopped in P2 %lu (past its first byte %lu), "
		       "broken %lu (written past the count %lu)\n",
		       op_names[op], st.done[op], st.stopped[op], st.inside[op], st.bad[op],
		       st.past[op]);
		if (st.done[op] && st.stopped[op] && !st.bad[op])
			passed++;
		else
			failed++;
	}
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
