/* The host port: vmio in a Linux process, with faults delivered as signals. */
#ifndef VMIO_HOST_H
#define VMIO_HOST_H

/*
 * Sort the exception table and install a SIGSEGV/SIGBUS handler that resumes
 * a faulting primitive at its fixup.  Faults anywhere else keep their
 * default action (the process dies).  Returns 0, or VMIO_EINVAL if the
 * handlers could not be installed.
 */
int vmio_host_init(void);

#endif
