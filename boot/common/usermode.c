/*
 * Running the user programs of tests/user/ on a bare-metal target.
 *
 * The user image (tests/user/, linked at a lower-half user address and
 * built into our image as bytes: user_image) is copied into fresh frames
 * mapped at that address, user-accessible, with a user stack of its own
 * above an unmapped guard page.  user_run() enters user mode through the
 * ISA's user_enter(); the program ends by exit() or by a fault, which
 * user_fault() reports.  Afterwards the kernel checks its own memory, the
 * read-only user page, and that no user page holds the kernel's secret.
 */
#include <stdio.h>
#include <string.h>

#include "plat.h"
#include "user_abi.h"
#include "usermode.h"
#include "usermode_priv.h"

/* The user image (generated from tests/user/: user_blob.S). */
extern const uint8_t user_image[], user_image_end[];
extern const uint64_t user_image_va;

#define USER_IMAGE_MAX_PAGES 16
#define USER_STACK_PAGES 4
#define USER_STACK_OFFSET 0x100000 /* the stack's lowest page, above the image */

int user_active;

static uint8_t *image_frames[USER_IMAGE_MAX_PAGES], *stack_frames[USER_STACK_PAGES];
static unsigned image_pages;
static struct user_result *current[PLAT_MAX_CPUS]; /* the program each CPU runs */
static int image_loaded; /* user_run has loaded the image: user_run_secondary may start */
static uintptr_t secondary_tops[PLAT_MAX_CPUS]; /* top of each secondary's user stack */

/* Map the image's pages and the stack's, once: user_run() refills them. */
static void map_user_pages(void)
{
	size_t ps = plat_info()->page_size;
	size_t size = (size_t)(user_image_end - user_image);

	image_pages = (unsigned)((size + ps - 1) / ps) + 1; /* and one for the stack's guard */
	if (image_pages > USER_IMAGE_MAX_PAGES || (image_pages + 1) * ps > USER_STACK_OFFSET) {
		printf("usermode: the user image (%zu bytes) is too large\n", size);
		plat_exit(2);
	}
	for (unsigned i = 0; i < image_pages; i++) {
		image_frames[i] = plat_frames_alloc(1);
		if (!image_frames[i])
			break;
		plat_user_map(user_image_va + i * ps, image_frames[i], 1);
	}
	for (unsigned i = 0; i < USER_STACK_PAGES; i++) {
		stack_frames[i] = plat_frames_alloc(1);
		if (!stack_frames[i])
			break;
		plat_user_map(user_image_va + USER_STACK_OFFSET + i * ps, stack_frames[i], 1);
	}
	if (!image_frames[image_pages - 1] || !stack_frames[USER_STACK_PAGES - 1]) {
		printf("usermode: out of memory for user pages\n");
		plat_exit(2);
	}
}

/* A fresh copy of the image, zeros after it, a zeroed stack. */
static void load_user_image(void)
{
	size_t ps = plat_info()->page_size;
	size_t size = (size_t)(user_image_end - user_image);

	for (unsigned i = 0; i < image_pages; i++) {
		size_t off = i * ps, n = off < size ? size - off : 0;

		if (n > ps)
			n = ps;
		memcpy(image_frames[i], user_image + off, n);
		memset(image_frames[i] + n, 0, ps - n);
	}
	for (unsigned i = 0; i < USER_STACK_PAGES; i++)
		memset(stack_frames[i], 0, ps);
}

int user_ro_page_intact(void)
{
	const uint8_t *ro = ureg_frame(UREG_RO);
	size_t ps = plat_info()->page_size;

	for (size_t i = 0; i < ps; i++)
		if (ro[i] != plat_ro_byte(i))
			return 0;
	return 1;
}

/* Whether the page at frame holds the first 16 bytes of the kernel's secret. */
static int holds_secret(const uint8_t *frame)
{
	size_t ps = plat_info()->page_size;

	for (size_t i = 0; i + 16 <= ps; i++)
		if (frame[i] == user_sys.secret_copy[0] && !memcmp(frame + i, user_sys.secret_copy, 16))
			return 1;
	return 0;
}

/* Pages of the program (image, stack, test region) that hold the secret. */
static unsigned secret_pages(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < image_pages; i++)
		n += holds_secret(image_frames[i]);
	for (unsigned i = 0; i < USER_STACK_PAGES; i++)
		n += holds_secret(stack_frames[i]);
	for (unsigned i = 0; i < UREG_PAGES; i++)
		if (ureg_frame(i))
			n += holds_secret(ureg_frame(i));
	return n;
}

/* What get_info tells the program, and the kernel memory it names. */
static void publish(uint8_t *stack_buf)
{
	for (unsigned i = 0; i < sizeof(user_sys.secret); i++)
		user_sys.secret[i] = (uint8_t)((i * 151u + 89u) ^ 0xc5u);
	memcpy(user_sys.secret_copy, user_sys.secret, sizeof(user_sys.secret));
	memcpy(stack_buf, user_sys.secret, USER_STACK_BUF);
	user_sys.stack_buf = stack_buf;
	user_sys.info = (struct user_info){
		.magic = USER_INFO_MAGIC,
		.region = plat_user_base(),
		.page_size = plat_info()->page_size,
		.rw_pages = UREG_RW_PAGES,
		.ro_page = UREG_RO,
		.rw2_page = UREG_RW2,
		.name_max = USER_NAME_MAX,
		.kernel_text = (uintptr_t)&syscall_dispatch,
		.kernel_data = (uintptr_t)user_sys.secret,
		.kernel_stack = (uintptr_t)stack_buf,
		.source_len = SOURCE_LEN,
	};
	user_sys.text_sum = kernel_text_sum();
}

/* The checks after a program: a line each for what failed; returns the count. */
static unsigned check_after(const uint8_t *stack_buf)
{
	unsigned bad = 0, pages;

	if (memcmp(user_sys.secret, user_sys.secret_copy, sizeof(user_sys.secret)))
		bad++, printf("  KERNEL CHECK FAILED: the kernel's secret changed\n");
	if (memcmp(stack_buf, user_sys.secret_copy, USER_STACK_BUF))
		bad++, printf("  KERNEL CHECK FAILED: the kernel stack buffer changed\n");
	if (kernel_text_sum() != user_sys.text_sum)
		bad++, printf("  KERNEL CHECK FAILED: kernel text changed\n");
	if (!user_ro_page_intact())
		bad++, printf("  KERNEL CHECK FAILED: the read-only user page changed\n");
	pages = secret_pages();
	if (pages)
		bad++, printf("  KERNEL CHECK FAILED: %u user pages hold the kernel's secret\n", pages);
	return bad;
}

/*
 * Each online secondary's user stack: USER_STACK_PAGES fresh pages above
 * the ones before it, with an unmapped guard page below each (mapped once,
 * by user_run on CPU 0: the frame allocator and the page tables take one
 * CPU at a time, plat.h).
 */
static void map_secondary_stacks(void)
{
	size_t ps = plat_info()->page_size;

	for (unsigned cpu = 1; cpu < plat_cpu_count() && cpu < PLAT_MAX_CPUS; cpu++) {
		uintptr_t base = user_image_va + USER_STACK_OFFSET +
				 cpu * (USER_STACK_PAGES + 1) * ps;

		if (secondary_tops[cpu])
			continue;
		for (unsigned i = 0; i < USER_STACK_PAGES; i++) {
			uint8_t *frame = plat_frames_alloc(1);

			if (!frame) {
				printf("usermode: out of memory for a user stack\n");
				plat_exit(2);
			}
			plat_user_map(base + i * ps, frame, 1);
		}
		secondary_tops[cpu] = base + USER_STACK_PAGES * ps;
	}
}

void user_run(unsigned prog, int rows, struct user_result *res)
{
	uint8_t stack_buf[USER_STACK_BUF];
	uintptr_t sp = user_image_va + USER_STACK_OFFSET +
		       USER_STACK_PAGES * plat_info()->page_size;
	long code;

	memset(res, 0, sizeof(*res));
	if (!image_pages)
		map_user_pages();
	map_secondary_stacks();
	load_user_image();
	__atomic_store_n(&image_loaded, 1, __ATOMIC_RELEASE);
	publish(stack_buf);
	user_sys.rows = rows;
	user_sys.syscalls = user_sys.expects = user_sys.expects_failed = 0;
	user_sys.kernel_failed = user_sys.access_open = 0;
	current[plat_cpu_id()] = res;
	if (rows)
		syscall_table_head();

	user_active = 1;
	code = user_enter((uintptr_t)user_image_va, sp, prog);
	user_active = 0;

	res->code = code;
	res->syscalls = user_sys.syscalls;
	res->expects = user_sys.expects;
	res->expects_failed = user_sys.expects_failed;
	res->access_open = user_sys.access_open;
	res->kernel_failed = user_sys.kernel_failed + check_after(stack_buf);
	if (rows) {
		if (res->faulted)
			printf("  => program %u ended by a fault (%s at pc 0x%lx, address 0x%lx)",
			       prog, res->cause, (unsigned long)res->pc, (unsigned long)res->addr);
		else
			printf("  => program %u exited with %ld", prog, res->code);
		printf("; %u calls, %u verdicts, %u failed; kernel checks failed: %u; "
		       "user access open at %u entries/exits\n", res->syscalls, res->expects,
		       res->expects_failed, res->kernel_failed, res->access_open);
	}
}

_Noreturn void user_fault(const char *cause, uintptr_t pc, uintptr_t addr)
{
	struct user_result *res = current[plat_cpu_id()];

	res->faulted = 1;
	res->cause = cause;
	res->pc = pc;
	res->addr = addr;
	user_leave(-1);
}

void user_run_secondary(unsigned prog, struct user_result *res)
{
	unsigned cpu = plat_cpu_id();

	/* user_run maps this CPU's stack before it says the image is loaded. */
	while (!__atomic_load_n(&image_loaded, __ATOMIC_ACQUIRE))
		;
	if (!secondary_tops[cpu]) {
		printf("usermode: CPU %u has no user stack\n", cpu);
		plat_exit(2);
	}
	memset(res, 0, sizeof(*res));
	current[cpu] = res;
	res->code = user_enter((uintptr_t)user_image_va, secondary_tops[cpu], prog);
}
