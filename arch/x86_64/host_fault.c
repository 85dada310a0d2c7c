/*
 * Host port only: turn SIGSEGV/SIGBUS raised by a listed instruction into a
 * jump to its fixup, as a kernel's trap handler would.  This file is the one
 * place of the library that uses libc (sigaction), and it is built only for
 * the host target.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <ucontext.h>

#include "vmio/errno.h"
#include "vmio/extable.h"
#include "vmio/host.h"

static void on_fault(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	uintptr_t fixup = vmio_extable_fixup((uintptr_t)uc->uc_mcontext.gregs[REG_RIP]);

	(void)info;
	if (fixup) {
		uc->uc_mcontext.gregs[REG_RIP] = (greg_t)fixup;
		return;
	}
	/* Not ours: the faulting instruction runs again and kills us. */
	signal(sig, SIG_DFL);
}

int vmio_host_init(void)
{
	struct sigaction sa = { 0 };

	vmio_extable_init();
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) || sigaction(SIGBUS, &sa, NULL))
		return VMIO_EINVAL;
	return 0;
}
