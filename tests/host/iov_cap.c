/*
 * The total of a scatter/gather writer is capped at VMIO_MAX_RW_COUNT by
 * shortening the segment that crosses it (Linux's import_iovec): a copy
 * into the segments stops there, having written exactly the bytes before
 * the cap into the crossing segment and nothing into it or any segment
 * after.  It takes a copy of 2 GiB: the source and the first segment are
 * views of one 2 MiB file mapped again and again, so little memory is used.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vmio/vmio.h"
#include "vtest.h"

#define CHUNK ((size_t)2 << 20)

/* len bytes (a multiple of CHUNK) of address space, every CHUNK of it the file fd's. */
static uint8_t *aliased(int fd, size_t len, int prot)
{
	uint8_t *base = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (base == MAP_FAILED)
		return NULL;
	for (size_t off = 0; off < len; off += CHUNK)
		if (mmap(base + off, CHUNK, prot, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
			return NULL;
	return base;
}

VT_CASE(iov_write_stops_at_the_capped_segment)
{
	const size_t cap = VMIO_MAX_RW_COUNT, len = (cap / CHUNK + 1) * CHUNK;
	FILE *f = tmpfile();
	uint8_t *src, *dst, *tail, *after;
	size_t n = 0;

	VT_CHECK(f != NULL && ftruncate(fileno(f), CHUNK) == 0);
	if (vt_case_failures())
		return;
	src = aliased(fileno(f), len, PROT_READ);
	dst = aliased(fileno(f), len, PROT_READ | PROT_WRITE);
	tail = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	VT_CHECK(src && dst && tail != MAP_FAILED);
	if (vt_case_failures())
		return;
	after = tail + 4096;
	memset(tail, 0xa5, 8192);

	/* cap - 5 bytes, then 100 bytes of which 5 count, then 50 that do not. */
	struct vmio_iovec iov[3] = { { dst, cap - 5 }, { tail, 100 }, { after, 50 } };
	struct vm_fwriter_iov wt;
	struct vm_reader r = vm_reader_from_kernel_space(src, cap + 1000);

	VT_EQ(vm_fwriter_iov_init(&wt, iov, 3), 0);
	VT_EQ(vm_fwriter_iov_avail(&wt), cap);
	VT_EQ(vm_fwriter_iov_write(&wt, &r, &n), 0);
	VT_EQ(n, cap);
	VT_EQ(vm_fwriter_iov_avail(&wt), 0);
	VT_EQ(vm_reader_remain(&r), 1000);
	/* The crossing segment: its first 5 bytes are the source's, the rest untouched. */
	for (size_t i = 0; i < 100; i++)
		VT_EQ(tail[i], i < 5 ? src[cap - 5 + i] : 0xa5);
	for (size_t i = 0; i < 50; i++)
		VT_EQ(after[i], 0xa5);
	/* A second write has nothing left to do. */
	VT_EQ(vm_fwriter_iov_write(&wt, &r, &n), 0);
	VT_EQ(n, 0);
	munmap(src, len);
	munmap(dst, len);
	munmap(tail, 8192);
	fclose(f);
}
