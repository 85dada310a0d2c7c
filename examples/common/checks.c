/*
 * The checks every example runs (see checks.h): vmio's public API only,
 * the platform's part through platform.h and the example's hooks.
 */
#include "checks.h"

#include "console.h"
#include "mem.h"
#include "vmio/vmio.h"

uint8_t kbuf[4 * PAGE_SIZE];

static int passed, failed;
static const char kernel_rodata[] = "kernel read-only data";

/* Count and print one check. */
void check(bool ok, const char *what)
{
	kprintf("%s %s\n", ok ? "ok  " : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

/* The user address of byte off of the user region. */
void *user(size_t off)
{
	return (void *)(USER_BASE + off);
}

/* The pattern byte at offset off of the user region. */
uint8_t pattern(size_t off)
{
	return (uint8_t)(off * 7 + off / PAGE_SIZE + 1);
}

/* Fill every mapped user page with the pattern, through the kernel's alias. */
void fill_user(void)
{
	for (size_t p = 0; p < USER_PAGES; p++)
		for (size_t i = 0; i < PAGE_SIZE; i++)
			user_frames[p][i] = pattern(p * PAGE_SIZE + i);
}

/* Whether user bytes [from, to) still hold the pattern. */
static bool user_is_pattern(size_t from, size_t to)
{
	for (size_t off = from; off < to; off++)
		if (user_frames[off / PAGE_SIZE][off % PAGE_SIZE] != pattern(off))
			return false;
	return true;
}

/* Whether user bytes [from, to) all hold v. */
static bool user_is(size_t from, size_t to, uint8_t v)
{
	for (size_t off = from; off < to; off++)
		if (user_frames[off / PAGE_SIZE][off % PAGE_SIZE] != v)
			return false;
	return true;
}

/* Whether kbuf[from, to) all hold v. */
static bool kbuf_is(size_t from, size_t to, uint8_t v)
{
	for (size_t i = from; i < to; i++)
		if (kbuf[i] != v)
			return false;
	return true;
}

/* The user range is a runtime setting: narrow it to the user region. */
static void check_user_range(void)
{
	uintptr_t start = 0, end = 0, s2, e2;
	const uintptr_t lo = USER_BASE, hi = USER_BASE + USER_PAGES * PAGE_SIZE;
	struct vm_freader r;
	struct vm_fwriter w;

	vmio_user_range_get(&start, &end);
	kprintf("default user range [%#lx, %#lx)\n", (unsigned long)start, (unsigned long)end);
	check(start < end && end <= KERNEL_SPACE_START,
	      "the default user range lies below the kernel");
	check(vmio_user_range_set(lo, hi) == 0, "vmio_user_range_set to the user region");
	vmio_user_range_get(&s2, &e2);
	check(s2 == lo && e2 == hi, "vmio_user_range_get gives it back");
	check(vmio_user_range_set(hi, lo) == VMIO_EINVAL &&
		      vmio_user_range_set(lo, lo) == VMIO_EINVAL,
	      "start >= end refused with VMIO_EINVAL");
	check(vmio_user_range_set(lo, UINTPTR_MAX) == VMIO_EINVAL,
	      "a range holding the kernel (vmio with it) refused with VMIO_EINVAL");
	vmio_user_range_get(&s2, &e2);
	check(s2 == lo && e2 == hi, "a refused setting leaves the range as it was");
	check(vm_freader_from_user_space(&r, (void *)(lo - 1), 1) == VMIO_EFAULT,
	      "a byte below the range is refused");
	check(vm_fwriter_from_user_space(&w, (void *)(hi - 1), 2) == VMIO_EFAULT,
	      "a range running past the end is refused");
	check(vm_freader_from_user_space(&r, (void *)(hi - 1), 1) == 0 &&
		      vm_fwriter_from_user_space(&w, (void *)hi, 0) == 0,
	      "the last byte, and an empty range at the end, are accepted");
}

/* Kernel text, data, stack and exception table are no user memory. */
static void check_kernel_refused(const char *range)
{
	int on_stack = 42;
	const void *kernel[] = { (const void *)check_kernel_refused, kernel_rodata, kbuf,
				 &on_stack, __start_vmio_extable };
	const char *names[] = { "text", "rodata", "bss", "stack", "vmio_extable" };

	for (size_t i = 0; i < sizeof kernel / sizeof kernel[0]; i++) {
		struct vm_freader r = { { 1, 2 } };
		struct vm_fwriter w = { { 3, 4 } };
		char what[128];

		ksnprintf(what, sizeof what, "kernel %s at %p refused for both kinds, untouched (%s)",
			  names[i], kernel[i], range);
		check(vm_freader_from_user_space(&r, kernel[i], 16) == VMIO_EFAULT &&
			      vm_fwriter_from_user_space(&w, (void *)kernel[i], 16) == VMIO_EFAULT &&
			      r.r.cursor == 1 && r.r.end == 2 && w.r.cursor == 3 && w.r.end == 4,
		      what);
	}
}

/* Reads that run into the hole stop exactly before it. */
static void check_reads(void)
{
	const size_t from = PAGE_SIZE + 100, hole = USER_HOLE * PAGE_SIZE;
	struct vm_freader r;
	struct vm_writer w;
	unsigned long faults = faults_fixed;
	size_t n = 0;
	uint64_t v = 0x1122334455667788;

	memset(kbuf, 0xee, sizeof kbuf);
	w = vm_writer_from_kernel_space(kbuf, 3 * PAGE_SIZE);
	check(vm_freader_from_user_space(&r, user(from), 3 * PAGE_SIZE) == 0, "reader made");
	check(vm_freader_read_fallible(&r, &w, &n) == VMIO_EFAULT, "3 pages into the hole: VMIO_EFAULT");
	check(n == hole - from, "count == bytes before the hole");
	check(faults_fixed > faults && last_fault_addr == USER_BASE + hole,
	      "a real fault at the hole's first byte was fixed up");
	check_access_closed("the faulting copy");
	check((uintptr_t)vm_freader_cursor(&r) == USER_BASE + hole &&
		      vm_writer_avail(&w) == 3 * PAGE_SIZE - n,
	      "both cursors stand at the count");
	bool same = true;
	for (size_t i = 0; i < n; i++)
		same &= kbuf[i] == pattern(from + i);
	check(same, "the bytes read are the user's");
	check(kbuf_is(n, sizeof kbuf, 0xee), "no kernel byte past the count written");

	check(vm_freader_from_user_space(&r, user(hole - 4), 8) == 0 &&
		      vm_freader_read_val(&r, &v, sizeof v) == VMIO_EFAULT &&
		      (uintptr_t)vm_freader_cursor(&r) == USER_BASE + hole - 4,
	      "read_val across the hole: VMIO_EFAULT, cursor unchanged");
	check(v == 0x1122334455667788 || v == 0, "no partial value after the fault");

	uint32_t once = 7;
	check(vm_freader_from_user_space(&r, user(hole + 8), 4) == 0 &&
		      vm_freader_read_once(&r, &once) == VMIO_EFAULT && once == 7,
	      "read_once in the hole: VMIO_EFAULT");

	memset(kbuf, 0, PAGE_SIZE);
	w = vm_writer_from_kernel_space(kbuf, PAGE_SIZE);
	check(vm_freader_from_user_space(&r, user(USER_RO * PAGE_SIZE), PAGE_SIZE) == 0 &&
		      vm_freader_read_fallible(&r, &w, &n) == 0 && n == PAGE_SIZE &&
		      kbuf[0] == pattern(USER_RO * PAGE_SIZE) &&
		      kbuf[PAGE_SIZE - 1] == pattern((USER_RO + 1) * PAGE_SIZE - 1),
	      "the read-only page reads whole");
}

/* Writes into the hole or the read-only page stop exactly before it. */
static void check_writes(void)
{
	const size_t hole = USER_HOLE * PAGE_SIZE, ro = USER_RO * PAGE_SIZE;
	const size_t src = (USER_RO + 1) * PAGE_SIZE; /* a read-write page after the hole */
	struct vm_fwriter w;
	struct vm_reader r;
	size_t n = 0;

	memset(kbuf, 0xa5, sizeof kbuf);
	r = vm_reader_from_kernel_space(kbuf, 3 * PAGE_SIZE);
	check(vm_fwriter_from_user_space(&w, user(PAGE_SIZE + 100), 3 * PAGE_SIZE) == 0 &&
		      vm_fwriter_write_fallible(&w, &r, &n) == VMIO_EFAULT &&
		      n == hole - PAGE_SIZE - 100,
	      "write of 3 pages into the hole: count == bytes before the hole");
	check(user_is_pattern(0, PAGE_SIZE + 100) && user_is(PAGE_SIZE + 100, hole, 0xa5),
	      "user bytes before the count written, none before the start");
	check_access_closed("the faulting write");

	fill_user();
	r = vm_reader_from_kernel_space(kbuf, 100);
	check(vm_fwriter_from_user_space(&w, user(ro - 37), 100) == 0 &&
		      vm_fwriter_write_fallible(&w, &r, &n) == VMIO_EFAULT && n == 37 &&
		      vm_reader_remain(&r) == 63,
	      "write into the read-only page: count exact (37 of 100)");
	check(user_is(ro - 37, ro, 0xa5) && user_is_pattern(ro, ro + PAGE_SIZE) &&
		      user_is_pattern(ro - PAGE_SIZE, ro - 37),
	      "read-only page unchanged, bytes before it written");

	fill_user();
	check(vm_fwriter_from_user_space(&w, user(ro - 5), 2 * PAGE_SIZE) == 0 &&
		      vm_fwriter_fill_zeros(&w, 2 * PAGE_SIZE, &n) == VMIO_EFAULT && n == 5 &&
		      user_is(ro - 5, ro, 0) && user_is_pattern(ro, ro + 2 * PAGE_SIZE),
	      "fill_zeros into the read-only page: 5 zeros, nothing after");

	fill_user();
	uint64_t once = 0;
	check(vm_fwriter_from_user_space(&w, user(ro + 64), 8) == 0 &&
		      vm_fwriter_write_once(&w, &once) == VMIO_EFAULT &&
		      user_is_pattern(ro, ro + PAGE_SIZE) &&
		      (uintptr_t)vm_fwriter_cursor(&w) == USER_BASE + ro + 64,
	      "write_once to the read-only page: VMIO_EFAULT, nothing moved");

	/* User to user: the page after the read-only one into the page before
	 * the hole, whose end runs into the hole. */
	struct vm_freader ur;
	fill_user();
	check(vm_freader_from_user_space(&ur, user(src), PAGE_SIZE) == 0 &&
		      vm_fwriter_from_user_space(&w, user(hole - 1000), PAGE_SIZE) == 0 &&
		      vm_freader_read_fallible(&ur, &w, &n) == VMIO_EFAULT && n == 1000,
	      "user-to-user copy into the hole: the 1000 bytes before it");
	bool same = true;
	for (size_t i = 0; i < 1000; i++)
		same &= user_frames[USER_HOLE - 1][PAGE_SIZE - 1000 + i] == pattern(src + i);
	check(same, "the 1000 bytes are those of the page after the read-only one");
}

/* Run the common checks in order, refilling the user region between groups. */
void run_common_checks(void)
{
	check(vmio_extable_size() > 0, "vmio's exception table linked in");
	fill_user();
	check_kernel_refused("default range");
	check_user_range();
	check_kernel_refused("narrowed range");
	check_reads();
	fill_user();
	check_writes();
}

/* Print the summary line; returns the number of failed checks. */
int checks_summary(void)
{
	kprintf("%d passed, %d failed\n", passed, failed);
	return failed;
}
