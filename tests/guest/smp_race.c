/*
 * smp-race: fallible copies racing an unmap.  CPU 1 makes user page B
 * (the second of two pages A, B) not present with plat_user_page_set
 * (which shoots the translation down on every CPU) and present again,
 * over and over, while CPU 0 copies across A and B:
 *   from user  vm_freader_read_fallible_to (user -> kernel)
 *   to user    vm_fwriter_write_fallible_from (kernel -> user)
 *   fill       vm_fwriter_fill_zeros
 *   strings    __strncpy_fallible, vm_freader_read_cstring, vm_freader_strnlen
 * Each op either completes or stops inside B, with a count n at or past
 * A's end; the first n bytes of the destination are exactly the source's
 * and no byte at or past n was written (canaries up to 32 bytes after the
 * op's end, and 8 before it).  Source and destination offsets 0..7 modulo
 * 8 and lengths from 2 bytes to two pages, split anywhere between A and B.
 * Both outcomes must occur.  Ops that write user memory prepare and read it
 * back with __memcpy_fallible, retried until it completes (B present again).
 */
#include <stdio.h>
#include <string.h>

#include "smp.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define CANARY 0xa5
#define PAST 32    /* canary bytes checked after an op's end */
#define BEFORE 8   /* and before its start */
#define RACER 1    /* the CPU that unmaps */
#define PAGE_A (UREG_RW + 20)
#define PAGE_B (PAGE_A + 1)

/*
 * Ops per case: at least MIN_OPS, and on until the racer has unmapped B
 * MIN_FLIPS times and MIN_STOPS ops stopped in B, but never more than
 * MAX_OPS.  B stays unmapped up to 4 times longer than mapped: on a
 * loaded host the two vCPU threads seldom run at once, and loongarch64's
 * fills are fast (53,359 fills over 151 unmaps, none stopped in B, when
 * both delays were the same).  (A shootdown waits for
 * every CPU to take its IPI; on a loaded host a busy vCPU may take tens of
 * milliseconds to run again, so flips, not ops, bound the time.)
 */
#define MIN_OPS 3000
#define MIN_FLIPS 150
#define MIN_STOPS 20 /* ... and until this many ops stopped in B */
#define MAX_OPS 60000

static size_t ps;
static uint8_t *A, *B;

/* Source bytes: never 0, never the canary. */
static uint8_t src_byte(size_t off)
{
	uint8_t v = (uint8_t)((off * 29 + off / 241 + 11) % 251 + 1);

	return v == CANARY ? 0x5a : v;
}

/* ---- the racer ---- */
static struct {
	int stop;
	uint64_t flips;
	uint64_t stops; /* ops of this case that stopped in B, on any CPU */
} rc;

static void racer(unsigned cpu, void *arg)
{
	uint64_t seed = 0x243f6a8885a308d3ull;

	(void)cpu, (void)arg;
	while (!smp_load(&rc.stop)) {
		plat_user_page_set(PAGE_B, 0);
		smp_delay((unsigned)(smp_rand(&seed) % 12000));
		plat_user_page_set(PAGE_B, 1);
		smp_add(&rc.flips, 1);
		smp_delay((unsigned)(smp_rand(&seed) % 3000));
	}
}

static int more_ops(unsigned k)
{
	return k < MAX_OPS && (k < MIN_OPS || smp_load(&rc.flips) < MIN_FLIPS ||
			       smp_load(&rc.stops) < MIN_STOPS);
}

static void racer_start(void)
{
	rc.stop = 0;
	rc.flips = 0;
	rc.stops = 0;
	plat_smp_run(RACER, racer, NULL);
}

static void racer_stop(void)
{
	smp_store(&rc.stop, 1);
	plat_smp_wait(RACER);
}

/* ---- one op's shape ---- */
struct shape {
	size_t len;  /* bytes asked for */
	size_t head; /* of them in page A; the rest in B */
	size_t soff; /* source address mod 8 */
	size_t doff; /* destination address mod 8 */
};

static const size_t lengths[] = {
	2, 3, 5, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129,
	255, 256, 257, 511, 700, 1024, 1500, 2049, 3000, 4096, 5000, 6143, 8000,
};
#define NLEN (sizeof(lengths) / sizeof(lengths[0]))

/*
 * Op k: offsets (k mod 8, k / 8 mod 8), a length, and a split between A
 * and B chosen so that the user side lies at `user_off` mod 8 where
 * possible.  user_is_src: the user address is the source.
 */
static struct shape shape_of(unsigned k, uint64_t *seed, int user_is_src)
{
	struct shape s;
	size_t maxhead = ps - BEFORE, maxtail = ps - PAST - 8;

	s.soff = k & 7;
	s.doff = (k >> 3) & 7;
	s.len = lengths[(k >> 6) % NLEN];
	if (s.len > maxhead + maxtail)
		s.len = maxhead + maxtail;
	size_t lo = s.len > maxtail ? s.len - maxtail : 1;
	size_t hi = s.len - 1 < maxhead ? s.len - 1 : maxhead;
	size_t h = lo + (size_t)(smp_rand(seed) % (hi - lo + 1));
	size_t uoff = user_is_src ? s.soff : s.doff;
	/* B - h must be uoff mod 8: move h down (or up) to the nearest such. */
	size_t adj = h - ((h + uoff) & 7);

	if (adj >= lo && adj <= hi)
		h = adj;
	else if (adj + 8 >= lo && adj + 8 <= hi)
		h = adj + 8;
	s.head = h;
	if (user_is_src)
		s.soff = (size_t)(B - h) & 7;
	else
		s.doff = (size_t)(B - h) & 7;
	return s;
}

/* ---- per-CPU tallies ---- */
struct tally {
	uint64_t ops, complete, stopped, bad_count, bad_bytes, past, past_bytes, errors;
	uint8_t seen[8][8]; /* (soff, doff) pairs that stopped inside B */
};

static struct tally tallies[PLAT_MAX_CPUS];
static uint8_t *kbufs[PLAT_MAX_CPUS]; /* 2 pages + slack each */

static void tally_reset(void)
{
	memset(tallies, 0, sizeof(tallies));
}

/* Outcome of an op with count n (rc 0: all done). */
static void judge_count(struct tally *t, const struct shape *s, int err, size_t n, size_t head)
{
	t->ops++;
	if (!err && n == s->len)
		t->complete++;
	else if (err == VMIO_EFAULT && n >= head && n < s->len)
		t->stopped++, t->seen[s->soff][s->doff] = 1, smp_add(&rc.stops, 1);
	else
		t->bad_count++;
}

/* Destination bytes: [0, n) as expected, [-BEFORE, 0) and [n, len + PAST) canary. */
static void judge_bytes(struct tally *t, const uint8_t *d, size_t n, size_t len,
			uint8_t (*want)(const void *ctx, size_t i), const void *ctx)
{
	size_t past = 0;

	for (size_t i = 0; i < n; i++)
		if (d[i] != want(ctx, i)) {
			t->bad_bytes++;
			break;
		}
	for (size_t i = 1; i <= BEFORE; i++)
		if (d[-(ptrdiff_t)i] != CANARY) {
			t->bad_bytes++;
			break;
		}
	for (size_t i = n; i < len + PAST; i++)
		past += d[i] != CANARY;
	if (past) {
		t->past++;
		t->past_bytes += past;
	}
}

static uint8_t want_user(const void *ctx, size_t i)
{
	return src_byte((size_t)((const uint8_t *)ctx - A) + i);
}

/* A string's bytes: the user source with a NUL at its end. */
struct string_src {
	const uint8_t *p;
	size_t nul;
};

static uint8_t want_string(const void *ctx, size_t i)
{
	const struct string_src *s = ctx;

	return i == s->nul ? 0 : want_user(s->p, i);
}

static uint8_t want_kernel(const void *ctx, size_t i)
{
	return ((const uint8_t *)ctx)[i];
}

static uint8_t want_zero(const void *ctx, size_t i)
{
	(void)ctx, (void)i;
	return 0;
}

/* Print one case's totals over the copying CPUs and check them. */
static void report(const char *what)
{
	struct tally sum = { 0 };
	unsigned pairs = 0;

	for (unsigned c = 0; c < smp_ncpu; c++) {
		struct tally *t = &tallies[c];

		sum.ops += t->ops, sum.complete += t->complete, sum.stopped += t->stopped;
		sum.bad_count += t->bad_count, sum.bad_bytes += t->bad_bytes;
		sum.past += t->past, sum.past_bytes += t->past_bytes, sum.errors += t->errors;
		for (int i = 0; i < 64; i++)
			sum.seen[i / 8][i % 8] |= t->seen[i / 8][i % 8];
	}
	for (int i = 0; i < 64; i++)
		pairs += sum.seen[i / 8][i % 8];
	printf("    %s: %llu ops, %llu unmaps: %llu complete, %llu stopped in B "
	       "(%u of 64 offset pairs), %llu wrong counts, %llu wrong bytes, "
	       "%llu wrote past the count (%llu bytes)\n", what,
	       (unsigned long long)sum.ops, (unsigned long long)rc.flips,
	       (unsigned long long)sum.complete, (unsigned long long)sum.stopped, pairs,
	       (unsigned long long)sum.bad_count, (unsigned long long)sum.bad_bytes,
	       (unsigned long long)sum.past, (unsigned long long)sum.past_bytes);
	VT_EQ(sum.errors, 0);
	VT_EQ(sum.bad_count, 0);
	VT_EQ(sum.bad_bytes, 0);
	VT_EQ(sum.past, 0);
	VT_CHECK(sum.complete > 0);
	VT_CHECK(sum.stopped > 0);
}

/* Put the source pattern in A and B (B present: racer not running). */
static void user_pattern(void)
{
	uint8_t chunk[256];

	for (size_t off = 0; off < 2 * ps; off += sizeof(chunk)) {
		for (size_t i = 0; i < sizeof(chunk); i++)
			chunk[i] = src_byte(off + i);
		VT_EQ(__memcpy_fallible(A + off, chunk, sizeof(chunk)), 0);
	}
}

static void setup(void)
{
	ps = plat_info()->page_size;
	A = (uint8_t *)plat_user_base() + PAGE_A * ps;
	B = A + ps;
	for (unsigned c = 0; c < smp_ncpu; c++)
		if (!kbufs[c])
			kbufs[c] = plat_frames_alloc(3);
	tally_reset();
	user_pattern();
}

/* ---- user -> kernel ---- */
static void read_ops(unsigned cpu, void *arg)
{
	struct tally *t = &tallies[cpu];
	uint64_t seed = 0x1234567 + cpu;

	(void)arg;
	for (unsigned k = 0; more_ops(k); k++) {
		struct shape s = shape_of(k, &seed, 1);
		uint8_t *src = B - s.head, *dst = kbufs[cpu] + 64 + s.doff;
		struct vm_freader r;
		struct vm_writer w = vm_writer_from_kernel_space(dst, s.len);
		size_t n = 0;
		int err;

		memset(dst - BEFORE, CANARY, BEFORE + s.len + PAST);
		if (vm_freader_from_user_space(&r, src, s.len)) {
			t->errors++;
			continue;
		}
		err = vm_freader_read_fallible_to(&r, &w, &n);
		judge_count(t, &s, err, n, s.head);
		judge_bytes(t, dst, n, s.len, want_user, src);
	}
}

VT_CASE(race_copy_from_user)
{
	SMP_NEED_TWO();
	setup();
	racer_start();
	read_ops(0, NULL);
	racer_stop();
	report("copy from user");
}

/* ---- kernel -> user, fill, strings ---- */

/*
 * Copy to or from user memory while the racer runs: again until the whole
 * copy is done in one go (B present throughout).
 */
static void copy_retried(void *dst, const void *src, size_t len)
{
	unsigned tries = 0;

	while (__memcpy_fallible(dst, src, len))
		if (++tries == 10000000) {
			tallies[0].errors++;
			return;
		}
}

/* Write [p, p + len) of user memory with byte v, or the source pattern if v < 0. */
static void user_set(uint8_t *p, size_t len, int v)
{
	uint8_t chunk[256];

	while (len) {
		size_t m = len < sizeof(chunk) ? len : sizeof(chunk);

		for (size_t i = 0; i < m; i++)
			chunk[i] = v < 0 ? src_byte((size_t)(p + i - A)) : (uint8_t)v;
		copy_retried(p, chunk, m);
		p += m, len -= m;
	}
}

static uint8_t ksrc[2 * 4096 + 64];

static void write_ops(unsigned cpu, void *arg)
{
	struct tally *t = &tallies[cpu];
	int fill = arg != NULL;
	uint64_t seed = 0x7654321;
	uint8_t *back = kbufs[cpu] + 64;

	for (size_t i = 0; i < sizeof(ksrc); i++)
		ksrc[i] = src_byte(i * 3 + 1);
	for (unsigned k = 0; more_ops(k); k++) {
		struct shape s = shape_of(k, &seed, 0);
		uint8_t *dst = B - s.head;
		const uint8_t *from = ksrc + s.soff;
		struct vm_fwriter w;
		struct vm_reader r = vm_reader_from_kernel_space(from, s.len);
		size_t n = 0;
		int err;

		user_set(dst - BEFORE, BEFORE + s.len + PAST, CANARY);
		if (vm_fwriter_from_user_space(&w, dst, s.len)) {
			t->errors++;
			continue;
		}
		err = fill ? vm_fwriter_fill_zeros(&w, s.len, &n)
			   : vm_fwriter_write_fallible_from(&w, &r, &n);
		judge_count(t, &s, err, n, s.head);
		copy_retried(back - BEFORE, dst - BEFORE, BEFORE + s.len + PAST);
		judge_bytes(t, back, n, s.len, fill ? want_zero : want_kernel, from);
	}
}

VT_CASE(race_copy_to_user)
{
	SMP_NEED_TWO();
	setup();
	racer_start();
	write_ops(0, NULL);
	racer_stop();
	report("copy to user");
	user_pattern();
}

VT_CASE(race_fill_user)
{
	SMP_NEED_TWO();
	setup();
	racer_start();
	write_ops(0, (void *)1);
	racer_stop();
	report("fill");
	user_pattern();
}

/*
 * A string from B - head whose NUL is its last byte (in B); op k % 3:
 * __strncpy_fallible (exact count, nothing past it written), read_cstring
 * (the whole string or no partial string), strnlen (the length or a fault).
 */
static void string_ops(unsigned cpu, void *arg)
{
	struct tally *t = &tallies[cpu];
	uint64_t seed = 0x5555aaaa;

	(void)arg;
	for (unsigned k = 0; more_ops(k); k++) {
		struct shape s = shape_of(k / 3, &seed, 1);
		uint8_t *src = B - s.head, *dst = kbufs[cpu] + 64 + s.doff;
		size_t max = s.len + 16, n = 0, len = 0;
		struct string_src str = { src, s.len - 1 };
		struct vm_freader r;
		int err;

		user_set(src + s.len - 1, 1, 0);
		memset(dst - BEFORE, CANARY, BEFORE + max + PAST);
		if (vm_freader_from_user_space(&r, src, max)) {
			t->errors++;
			continue;
		}
		switch (k % 3) {
		case 0:
			err = __strncpy_fallible((char *)dst, (const char *)src, max, &n);
			/* Success copies the NUL too: the string is len - 1 bytes. */
			judge_count(t, &s, err, err ? n : n + 1, s.head);
			judge_bytes(t, dst, err ? n : n + 1, max, want_string, &str);
			if (!err && n != s.len - 1)
				t->bad_count++;
			break;
		case 1:
			err = vm_freader_read_cstring(&r, (char *)dst, max, &len);
			t->ops++;
			if (!err && len == s.len - 1) {
				t->complete++;
				judge_bytes(t, dst, s.len, max, want_string, &str);
			} else if (err == VMIO_EFAULT) {
				/* No partial string: buf unchanged (bounce) or zeroed whole. */
				t->stopped++;
				smp_add(&rc.stops, 1);
				for (size_t i = 0; i < max; i++)
					if (dst[i] != (max > VMIO_READ_BOUNCE ? 0 : CANARY)) {
						t->bad_bytes++;
						break;
					}
				for (size_t i = 1; i <= BEFORE; i++)
					t->past += dst[-(ptrdiff_t)i] != CANARY;
				for (size_t i = max; i < max + PAST; i++)
					t->past += dst[i] != CANARY;
			} else {
				t->bad_count++;
			}
			break;
		default:
			len = 12345;
			err = vm_freader_strnlen(&r, max, &len);
			t->ops++;
			if (!err && len == s.len - 1)
				t->complete++;
			else if (err == VMIO_EFAULT && len == 12345)
				t->stopped++, smp_add(&rc.stops, 1);
			else
				t->bad_count++;
		}
		user_set(src + s.len - 1, 1, -1);
	}
}

VT_CASE(race_strings)
{
	SMP_NEED_TWO();
	setup();
	racer_start();
	string_ops(0, NULL);
	racer_stop();
	report("strings");
}

/* The racer left B present. */
VT_CASE(race_page_present_after)
{
	uint8_t b;

	SMP_NEED_TWO();
	setup();
	VT_EQ(__memcpy_fallible(&b, B + ps - 1, 1), 0);
}
