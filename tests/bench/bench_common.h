/*
 * What the guest benchmarks share: the counter, the buffers and the checks
 * of every measured call, the byte loops, the empty call and the timed
 * loops.  guest_bench.c (riscv64, loongarch64) counts instructions under
 * -icount; guest_bench_x86.c (x86_64) reads the TSC under TCG.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "bench_check.h"

#if defined(__riscv) || defined(__loongarch__)
#if defined(__riscv)
#define COUNTER "rdinstret"
#define COUNTER_INSN "rdinstret %0"
#else
#define COUNTER "rdtime.d"
#define COUNTER_INSN "rdtime.d %0, $zero"
#endif
/* The counter: retired instructions (riscv64) or the constant timer (loongarch64). */
static inline uint64_t counter(void)
{
	uint64_t v;

	__asm__ volatile(COUNTER_INSN : "=r"(v) : : "memory");
	return v;
}
#elif defined(__x86_64__)
#define COUNTER "rdtsc"
/*
 * lfence before: the read waits for the instructions before it; lfence
 * after: the instructions after it wait for the read.
 */
static inline uint64_t counter(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}
#else
#error "bench_common.h: riscv64, loongarch64 or x86_64 only"
#endif

/* The largest size measured: 1 MiB on x86_64, 64 KiB under -icount. */
#if defined(__x86_64__)
#define MAX_LEN 1048576
#else
#define MAX_LEN 65536
#endif

/*
 * Each buffer: GUARD bytes, up to 63 of misalignment, len bytes, GUARD
 * bytes.  dst_buf lies BUF_STRIDE_PAGES whole pages after src_buf, so
 * (dst - src) mod 4096 is the alignment offsets alone, and that distance is
 * 32 mod 64 pages: under TCG a source page and the destination page used
 * with it never share an entry of QEMU's direct-mapped software TLB (64 to
 * 256 entries in a little-used MMU mode such as x86_64 kernel code with
 * RFLAGS.AC set; 256 pages apart, every byte copied there missed twice).
 */
#define BUF_BYTES (MAX_LEN + 3 * GUARD)
#define BUF_PAGES ((BUF_BYTES + 4095) / 4096)
#define BUF_STRIDE_PAGES ((BUF_PAGES + 31) / 64 * 64 + 32)
extern uint8_t *const src_buf, *const dst_buf;

/*
 * The alignments measured at every size: source and destination offsets
 * of a copy, destination offset of a fill.
 */
#define NCOPY_ALIGNS 4
#define NFILL_ALIGNS 3
extern const struct copy_align {
	unsigned src, dst;
} copy_aligns[NCOPY_ALIGNS];
extern const unsigned fill_aligns[NFILL_ALIGNS];

/* The source and destination offsets of case (fill, ai). */
static inline unsigned case_sa(int fill, size_t ai)
{
	return fill ? 0 : copy_aligns[ai].src;
}

static inline unsigned case_da(int fill, size_t ai)
{
	return fill ? fill_aligns[ai] : copy_aligns[ai].dst;
}

/*
 * Call f(fill, si, ai) for every size index si < nsizes and alignment ai:
 * by_size, each size's copies then its fills; else every copy, then every
 * fill.
 */
void for_each_case(void (*f)(int fill, size_t si, size_t ai), size_t nsizes, int by_size);

/* The op and alignment columns of a table row: "copy", "s/d" or "fill", "-/d". */
const char *case_op(int fill);
void case_align(int fill, size_t ai, char *buf, size_t size);

typedef size_t (*vmio_copy_fn)(void *, const void *, size_t);
typedef size_t (*vmio_fill_fn)(void *, int, size_t);
typedef void *(*libc_copy_fn)(void *, const void *, size_t);
typedef void *(*libc_fill_fn)(void *, int, size_t);

/* One `ret` under four prototypes: the empty call subtracted from each figure. */
size_t bench_empty_vc(void *, const void *, size_t);
size_t bench_empty_vf(void *, int, size_t);
void *bench_empty_lc(void *, const void *, size_t);
void *bench_empty_lf(void *, int, size_t);

/* byte_copy and byte_fill, the plain loops: bench_check.h. */

/*
 * Counter units over reps calls of f(d, s, n).  *bad is the OR over the
 * calls of (result XOR want): 0 when every call returned want.
 */
uint64_t timed_vc(vmio_copy_fn f, void *d, const void *s, size_t n, unsigned reps,
		  uintptr_t want, uintptr_t *bad);
uint64_t timed_vf(vmio_fill_fn f, void *d, int s, size_t n, unsigned reps,
		  uintptr_t want, uintptr_t *bad);
uint64_t timed_lc(libc_copy_fn f, void *d, const void *s, size_t n, unsigned reps,
		  uintptr_t want, uintptr_t *bad);
uint64_t timed_lf(libc_fill_fn f, void *d, int s, size_t n, unsigned reps,
		  uintptr_t want, uintptr_t *bad);

/* Count one check, and print it if it failed. */
void check(int ok, const char *what, const char *impl, size_t len, unsigned sa,
	   unsigned da);

/* Print "N passed, N failed"; return the exit status (0 if none failed). */
int bench_summary(void);

/* Fill src_buf with src_byte() and dst_buf with CANARY over len + 3 * GUARD bytes. */
void prepare_copy(size_t len);

/*
 * Whether dst_buf holds canaries, then at GUARD + da len bytes of FILL_BYTE
 * (fill) or of the source from GUARD + sa, then canaries again.
 */
int dst_ok(size_t len, unsigned sa, unsigned da, int fill);

/* Print v / 1000 with three decimals, right-aligned in width. */
void print_x1000(uint64_t v, int width);

#endif
