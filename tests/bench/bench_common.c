/* The code both guest benchmarks share (bench_common.h says what). */
#include <stdio.h>
#include <string.h>

#include "bench_common.h"

/* Both buffers in one object, so that their distance is ours (bench_common.h). */
static struct {
	uint8_t src[BUF_STRIDE_PAGES * 4096];
	uint8_t dst[BUF_BYTES];
} bufs __attribute__((aligned(4096)));
uint8_t *const src_buf = bufs.src, *const dst_buf = bufs.dst;

const struct copy_align copy_aligns[NCOPY_ALIGNS] = { { 0, 0 }, { 1, 0 }, { 0, 3 }, { 7, 13 } };
const unsigned fill_aligns[NFILL_ALIGNS] = { 0, 3, 13 };

/* Every case, in one of the two orders bench_common.h names. */
void for_each_case(void (*f)(int fill, size_t si, size_t ai), size_t nsizes, int by_size)
{
	if (by_size) {
		for (size_t si = 0; si < nsizes; si++) {
			for (size_t ai = 0; ai < NCOPY_ALIGNS; ai++)
				f(0, si, ai);
			for (size_t ai = 0; ai < NFILL_ALIGNS; ai++)
				f(1, si, ai);
		}
		return;
	}
	for (size_t si = 0; si < nsizes; si++)
		for (size_t ai = 0; ai < NCOPY_ALIGNS; ai++)
			f(0, si, ai);
	for (size_t si = 0; si < nsizes; si++)
		for (size_t ai = 0; ai < NFILL_ALIGNS; ai++)
			f(1, si, ai);
}

/* The op column. */
const char *case_op(int fill)
{
	return fill ? "fill" : "copy";
}

/* The alignment column: "s/d" for a copy, "-/d" for a fill. */
void case_align(int fill, size_t ai, char *buf, size_t size)
{
	if (fill)
		snprintf(buf, size, "-/%u", fill_aligns[ai]);
	else
		snprintf(buf, size, "%u/%u", copy_aligns[ai].src, copy_aligns[ai].dst);
}

/* The empty calls: a bare return. */
__asm__(".text\n\t.balign 4\n\t"
	".globl bench_empty_vc, bench_empty_vf, bench_empty_lc, bench_empty_lf\n"
	"bench_empty_vc:\nbench_empty_vf:\nbench_empty_lc:\nbench_empty_lf:\n\t"
#if defined(__loongarch__)
	"jr $ra\n"
#else
	"ret\n"
#endif
);

/* One noinline loop per prototype (bench_common.h). */
#define DEFINE_TIMED(name, fn_t, arg_t)                                         \
	__attribute__((noinline)) uint64_t name(fn_t f, void *d, arg_t s, size_t n, \
						unsigned reps, uintptr_t want,      \
						uintptr_t *bad)                     \
	{                                                                       \
		uintptr_t acc = 0;                                              \
		uint64_t t0 = counter();                                        \
		for (unsigned r = 0; r < reps; r++)                             \
			acc |= (uintptr_t)f(d, s, n) ^ want;                    \
		uint64_t t = counter() - t0;                                    \
		*bad = acc;                                                     \
		return t;                                                       \
	}
DEFINE_TIMED(timed_vc, vmio_copy_fn, const void *)
DEFINE_TIMED(timed_vf, vmio_fill_fn, int)
DEFINE_TIMED(timed_lc, libc_copy_fn, const void *)
DEFINE_TIMED(timed_lf, libc_fill_fn, int)

static unsigned passed, failed;

/* Count one check, and print it if it failed. */
void check(int ok, const char *what, const char *impl, size_t len, unsigned sa,
	   unsigned da)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL %s %s len %zu src+%u dst+%u\n", what, impl, len, sa, da);
	}
}

/* Print the summary line that scripts/run-qemu looks for. */
int bench_summary(void)
{
	printf("\n%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* Source pattern and destination canaries over the bytes a check reads. */
void prepare_copy(size_t len)
{
	for (size_t i = 0; i < len + 3 * GUARD; i++) {
		src_buf[i] = src_byte(i);
		dst_buf[i] = CANARY;
	}
}

/* bench_dst_ok over dst_buf. */
int dst_ok(size_t len, unsigned sa, unsigned da, int fill)
{
	return bench_dst_ok(dst_buf, len, sa, da, fill);
}

/* A fixed-point number with three decimals, padded on the left. */
void print_x1000(uint64_t v, int width)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%llu.%03llu", (unsigned long long)(v / 1000),
		 (unsigned long long)(v % 1000));
	for (int n = (int)strlen(buf); n < width; n++)
		printf(" ");
	printf("%s", buf);
}
