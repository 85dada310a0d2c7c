/*
 * An embedder's program, built against an installed vmio (headers, libvmio.a
 * and vmio.pc) and nothing else of this tree: a user buffer that runs into
 * an inaccessible page is read as far as it can be, and a bad range is
 * refused.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <vmio/host.h>
#include <vmio/vmio.h>

static int passed, failed;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
	ok ? passed++ : failed++;
}

int main(void)
{
	long ps = sysconf(_SC_PAGESIZE);
	unsigned char *user, kbuf[64];
	struct vm_freader r;
	size_t n = 0;

	if (vmio_host_init())
		return 2;
	user = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (user == MAP_FAILED || mprotect(user + ps, ps, PROT_NONE))
		return 2;
	memset(user + ps - 40, 0x5a, 40);

	/* 64 bytes asked, 40 mapped: exactly 40 come. */
	struct vm_writer w = vm_writer_from_kernel_space(kbuf, sizeof kbuf);
	check(vm_freader_from_user_space(&r, user + ps - 40, 64) == 0, "user range accepted");
	check(vm_freader_read_fallible(&r, &w, &n) == VMIO_EFAULT && n == 40,
	      "read stops at the inaccessible page with the exact count");
	check(kbuf[0] == 0x5a && kbuf[39] == 0x5a, "the bytes read are the user's");

	/* A range that wraps around is refused and leaves the reader alone. */
	struct vm_freader before = r;
	check(vm_freader_from_user_space(&r, user, (size_t)-1) == VMIO_EFAULT &&
		      memcmp(&r, &before, sizeof r) == 0,
	      "wrapping range refused, reader unchanged");
	check(vmio_extable_size() > 0, "exception table linked in");

	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
