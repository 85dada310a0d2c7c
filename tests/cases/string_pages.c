/*
 * Strings touch only the pages a byte-by-byte scan touches: no load of
 * __strnlen_fallible or __strncpy_fallible reaches the page after the one
 * that holds the NUL, or the last byte of the limit.  Counted as faults
 * fixed up through the exception table (plat_fault_count: the trap
 * handler's, or on the host the SIGSEGV handler's), every call must take 0.
 *
 * The string runs to within 1..EDGE bytes of the hole after page UREG_RW2,
 * every byte before it non-zero: in the first sweep the NUL lies there and
 * the limit is far past the hole; in the second there is no NUL and the
 * limit ends there.  The string starts 256 + a bytes earlier for every a
 * below ALIGNS, so every source misalignment the block turns distinguish
 * (4 x 32 bytes on x86_64, 64 and 128 bytes on riscv64 and loongarch64)
 * meets every distance; the copy's kernel buffer walks through the eight
 * misalignments as the distance grows.  Each string goes through both
 * primitives and through vm_freader_strnlen / vm_freader_read_cstring;
 * every result, count and copied byte is checked too.
 */
#include <stdio.h>
#include <string.h>

#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define EDGE 200		/* distances of the NUL or limit end from the hole */
#define ALIGNS 128		/* source misalignments: the widest turn */
#define BASE 256		/* bytes of the string before its misalignment part */
#define SPAN (BASE + ALIGNS + EDGE + 64) /* bytes below the hole we write */
#define FAR (4 * 4096 + 3)	/* a limit far past the hole */
#define GUARD 16

static uint8_t img[SPAN];		/* what [hole - SPAN, hole) holds */
static uint8_t kbuf[FAR + 2 * GUARD + 8]; /* the copies' kernel buffer */

enum { K_STRNLEN, K_STRNCPY, K_READER_STRNLEN, K_READ_CSTRING, K_KINDS };
static const char *const kind_name[K_KINDS] = {
	"__strnlen_fallible", "__strncpy_fallible", "vm_freader_strnlen",
	"vm_freader_read_cstring",
};
static unsigned long calls[K_KINDS], faulted[K_KINDS];

static uint8_t *hole(void)
{
	return ureg_page(UREG_RW2 + 1);
}

/* Write img over [hole - SPAN, hole), with a NUL at hole - d (d = 0: none). */
static void put_image(size_t d)
{
	uint8_t *lo = hole() - SPAN;

	for (size_t i = 0; i < SPAN; i++)
		img[i] = (uint8_t)(i * 37 % 255 + 1);
	if (d)
		img[SPAN - d] = 0;
	VT_EQ(__memcpy_fallible(lo, img, SPAN), 0);
}

/* Count one call of kind k that took `faults` faults; say so for the first few. */
static void tally(int k, uint64_t faults, const uint8_t *u, size_t d)
{
	calls[k]++;
	if (!faults)
		return;
	if (faulted[k]++ < 4)
		printf("    %s: %llu fault(s), string at hole - %zu, end at hole - %zu\n",
		       kind_name[k], (unsigned long long)faults, (size_t)(hole() - u), d);
}

/* buf holds the n bytes from u, then GUARD canaries (0xa5) untouched. */
static void check_copy(const char *buf, const uint8_t *u, size_t n)
{
	const uint8_t *src = img + (SPAN - (size_t)(hole() - u));

	VT_CHECK(memcmp(buf, src, n) == 0);
	for (size_t i = 0; i < GUARD; i++)
		VT_EQ((uint8_t)buf[n + i], 0xa5);
}

static char *arm(size_t mis, size_t n)
{
	char *buf = (char *)kbuf + GUARD + mis;

	memset(buf - GUARD, 0xa5, n + 2 * GUARD);
	return buf;
}

/*
 * One string at u whose end lies d bytes before the hole: with nul, the
 * NUL is its last byte and every limit is FAR; else it has len = hole - d
 * - u bytes and no NUL, and every limit is exactly len.
 */
static void one(const uint8_t *u, size_t d, int nul, size_t mis)
{
	size_t len = (size_t)(hole() - u) - d + (nul ? 0 : 1);
	size_t lim = nul ? FAR : len;
	int want = nul ? 0 : VMIO_ENAMETOOLONG;
	size_t copied = nul ? len + 1 : len;
	struct vm_freader r;
	uint64_t f0;
	size_t k;
	char *buf;

	k = 0x5a5a;
	f0 = plat_fault_count();
	VT_EQ(__strnlen_fallible((const char *)u, lim, &k), want);
	tally(K_STRNLEN, plat_fault_count() - f0, u, d);
	VT_EQ(k, len);

	buf = arm(mis, copied);
	k = 0x5a5a;
	f0 = plat_fault_count();
	VT_EQ(__strncpy_fallible(buf, (const char *)u, lim, &k), want);
	tally(K_STRNCPY, plat_fault_count() - f0, u, d);
	VT_EQ(k, len);
	check_copy(buf, u, copied);

	/* The reader: the limit is its remain; strnlen and the copy ask for more. */
	VT_EQ(vm_freader_from_user_space(&r, u, lim), 0);
	k = 0x5a5a;
	f0 = plat_fault_count();
	VT_EQ(vm_freader_strnlen(&r, SIZE_MAX, &k), want);
	tally(K_READER_STRNLEN, plat_fault_count() - f0, u, d);
	VT_EQ(k, nul ? len : 0x5a5a);

	buf = arm(mis, nul ? copied : FAR);
	k = 0x5a5a;
	f0 = plat_fault_count();
	VT_EQ(vm_freader_read_cstring(&r, buf, FAR, &k), want);
	tally(K_READ_CSTRING, plat_fault_count() - f0, u, d);
	if (nul) {
		VT_EQ(k, len);
		check_copy(buf, u, copied);
		VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)u + len + 1);
	} else {
		VT_EQ(k, 0x5a5a); /* too long: the big buffer zeroed whole */
		VT_EQ(buf[0], 0);
		VT_EQ(buf[FAR - 1], 0);
		VT_EQ((uint8_t)buf[FAR], 0xa5);
	}
}

static void sweep(int nul)
{
	unsigned long c0[K_KINDS], f0[K_KINDS];

	memcpy(c0, calls, sizeof c0);
	memcpy(f0, faulted, sizeof f0);
	ureg_setup();
	if (!nul)
		put_image(0);
	for (size_t d = 1; d <= EDGE; d++) {
		if (nul)
			put_image(d);
		for (size_t a = 0; a < ALIGNS; a++)
			one(hole() - d - BASE - a, d, nul, (a + d / 8) % 8);
	}
	ureg_restore(hole() - SPAN, SPAN);
	for (int k = 0; k < K_KINDS; k++) {
		printf("    %s: %lu of %lu calls faulted\n", kind_name[k],
		       faulted[k] - f0[k], calls[k] - c0[k]);
		VT_EQ(faulted[k] - f0[k], 0);
	}
}

VT_CASE(string_pages_nul_before_hole)
{
	sweep(1);
}

VT_CASE(string_pages_limit_before_hole)
{
	sweep(0);
}

/* The counter counts: a string that runs into the hole faults there. */
VT_CASE(string_pages_fault_counter)
{
	uint8_t *u = hole() - 100;
	uint64_t f0;
	size_t k = 0;

	ureg_setup();
	put_image(0);
	f0 = plat_fault_count();
	VT_EQ(__strnlen_fallible((const char *)u, FAR, &k), VMIO_EFAULT);
	VT_EQ(k, 100);
	VT_CHECK(plat_fault_count() - f0 >= 1);
	printf("    a string into the hole: %llu fault(s) counted\n",
	       (unsigned long long)(plat_fault_count() - f0));
	ureg_restore(hole() - SPAN, SPAN);
}
