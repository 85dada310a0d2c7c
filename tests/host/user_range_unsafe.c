/*
 * The bare-metal user-range safety check, run in a host process: this
 * program links vmio's range code built without VMIO_HOST, so the default
 * user range [VMIO_USER_START, VMIO_USER_END) holds the library itself, as
 * it does for a kernel linked low.  User access must fail closed until a
 * range that leaves vmio out is set, and no range holding vmio is taken.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#include "vmio/vmio.h"

static unsigned passed, failed;

static void check(int ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL %s\n", what);
	}
}

static const unsigned char user_bytes[64] = { 1 }; /* in the program, next to vmio */

int main(void)
{
	uintptr_t code = (uintptr_t)&vmio_user_range_set;
	uintptr_t s = 0, e = 0;
	struct vm_freader r = { { 1, 2 } };
	struct vm_fwriter w = { { 3, 4 } };

	check(VMIO_USER_START <= code && code < VMIO_USER_END, "the default range holds vmio's code");
	vmio_user_range_get(&s, &e);
	check(s == VMIO_USER_START && e == VMIO_USER_END, "the range starts as the default");

	/* Fails closed: every pointer refused, the output unchanged. */
	check(vm_freader_from_user_space(&r, user_bytes, 8) == VMIO_EFAULT, "reader refused");
	check(vm_fwriter_from_user_space(&w, (void *)user_bytes, 0) == VMIO_EFAULT, "writer refused");
	check(vm_freader_from_user_space(&r, (void *)VMIO_USER_START, 1) == VMIO_EFAULT,
	      "the range's first byte refused");
	check(r.r.cursor == 1 && r.r.end == 2 && w.r.cursor == 3 && w.r.end == 4, "outputs unchanged");

	/* No range that holds vmio is taken, the default included; nothing changes. */
	check(vmio_user_range_set(VMIO_USER_START, VMIO_USER_END) == VMIO_EINVAL, "default refused");
	check(vmio_user_range_set(code & ~(uintptr_t)0xfff, (code & ~(uintptr_t)0xfff) + 0x1000) ==
		      VMIO_EINVAL,
	      "a page of vmio's code refused");
	vmio_user_range_get(&s, &e);
	check(s == VMIO_USER_START && e == VMIO_USER_END, "the range unchanged");
	check(vm_freader_from_user_space(&r, user_bytes, 8) == VMIO_EFAULT, "still closed");

	/* A range that leaves vmio out (a page of its own) opens user access, with the usual rule. */
	uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t p = (uintptr_t)page;

	check(page != MAP_FAILED, "a page mapped");
	check(vmio_user_range_set(p, p + 4096) == 0, "a range apart from vmio set");
	vmio_user_range_get(&s, &e);
	check(s == p && e == p + 4096, "the new range in force");
	check(vm_freader_from_user_space(&r, page + 8, 16) == 0 &&
		      (uintptr_t)vm_freader_cursor(&r) == p + 8 && vm_freader_remain(&r) == 16,
	      "reader made in the new range");
	check(vm_fwriter_from_user_space(&w, page, 4097) == VMIO_EFAULT, "past its end refused");
	check(vm_freader_from_user_space(&r, user_bytes, 8) == VMIO_EFAULT, "vmio's side refused");
	check(vm_freader_from_user_space(&r, (void *)code, 8) == VMIO_EFAULT, "vmio's code refused");

	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
