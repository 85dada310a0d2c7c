/*
 * The per-ISA half of vmio/uaccess.h (include that one): opening and
 * closing the user-access window, and the single-instruction accesses of
 * vmio_unsafe_get_user / vmio_unsafe_put_user.  Each access is one load or
 * store with an exception-table entry (section vmio_extable, the format of
 * vmio/extable.h: two 32-bit offsets, each from its own field) whose fixup
 * is the caller's C label: a fault jumps there with the window closed by
 * the trap handler (x86_64 RFLAGS.AC, riscv64 sstatus.SUM).
 */
#ifndef VMIO_UACCESS_ARCH_H
#define VMIO_UACCESS_ARCH_H

/* The exception-table entry for local label 1 of this asm, fixup at label operand fix. */
#define VMIO__EX_ASM(fix)                                  \
	".pushsection vmio_extable, \"aw\"\n\t"             \
	".balign 4\n\t"                                     \
	".long 1b - .\n\t"                                  \
	".long " fix " - .\n\t"                             \
	".popsection\n\t"

/*
 * One access of size bytes: insn is the instruction for the size, v the
 * uint64_t that receives the value (a load) or the union whose member of
 * that size gives it (a store), p the address.  The
 * label is operand %l2 (one output or two inputs come first).
 */
#define VMIO__LOAD_ONE(insn, v, p, label)                                     \
	__asm__ volatile goto("1: " insn "\n\t" VMIO__EX_ASM("%l2")                  \
		     : "=&r"(v) : "r"(p) : "memory" : label)
#define VMIO__STORE_ONE(insn, v, p, label)                                    \
	__asm__ volatile goto("1: " insn "\n\t" VMIO__EX_ASM("%l2")                  \
		     : : "r"(v), "r"(p) : "memory" : label)

#if defined(__x86_64__)

/* SMAP: RFLAGS.AC lets the kernel reach user pages (not on the host: no SMAP in a process). */
/*@ assigns \nothing; */
static inline void vmio__window_open(void)
{
#ifndef VMIO_HOST
	__asm__ volatile("stac" ::: "memory");
#endif
}

/*@ assigns \nothing; */
static inline void vmio__window_close(void)
{
#ifndef VMIO_HOST
	__asm__ volatile("clac" ::: "memory");
#endif
}

/* Close the window and return whether it was open (RFLAGS.AC, bit 18). */
/*@ assigns \nothing; */
static inline unsigned long vmio__window_save(void)
{
#ifndef VMIO_HOST
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; clac" : "=r"(flags) : : "memory");
	return flags & (1UL << 18);
#else
	return 0;
#endif
}

#define VMIO__UNSAFE_LOAD(size, v, p, label)                                       \
	do {                                                                       \
		if ((size) == 1)                                                   \
			VMIO__LOAD_ONE("movzbl (%1), %k0", v, p, label);           \
		else if ((size) == 2)                                              \
			VMIO__LOAD_ONE("movzwl (%1), %k0", v, p, label);           \
		else if ((size) == 4)                                              \
			VMIO__LOAD_ONE("movl (%1), %k0", v, p, label);             \
		else                                                               \
			VMIO__LOAD_ONE("movq (%1), %q0", v, p, label);             \
	} while (0)
#define VMIO__UNSAFE_STORE(size, v, p, label)                                      \
	do {                                                                       \
		if ((size) == 1)                                                   \
			VMIO__STORE_ONE("movb %b0, (%1)", (v).b, p, label);            \
		else if ((size) == 2)                                              \
			VMIO__STORE_ONE("movw %w0, (%1)", (v).h, p, label);            \
		else if ((size) == 4)                                              \
			VMIO__STORE_ONE("movl %k0, (%1)", (v).w, p, label);            \
		else                                                               \
			VMIO__STORE_ONE("movq %q0, (%1)", (v).d, p, label);            \
	} while (0)

#elif defined(__riscv)

/* sstatus.SUM (bit 18) lets S-mode reach pages marked U. */
/*@ assigns \nothing; */
static inline void vmio__window_open(void)
{
	__asm__ volatile("csrs sstatus, %0" : : "r"(1UL << 18) : "memory");
}

/*@ assigns \nothing; */
static inline void vmio__window_close(void)
{
	__asm__ volatile("csrc sstatus, %0" : : "r"(1UL << 18) : "memory");
}

/* Close the window and return whether it was open (sstatus.SUM). */
/*@ assigns \nothing; */
static inline unsigned long vmio__window_save(void)
{
	unsigned long old;

	__asm__ volatile("csrrc %0, sstatus, %1" : "=r"(old) : "r"(1UL << 18) : "memory");
	return old & (1UL << 18);
}

#define VMIO__UNSAFE_LOAD(size, v, p, label)                                       \
	do {                                                                       \
		if ((size) == 1)                                                   \
			VMIO__LOAD_ONE("lbu %0, 0(%1)", v, p, label);              \
		else if ((size) == 2)                                              \
			VMIO__LOAD_ONE("lhu %0, 0(%1)", v, p, label);              \
		else if ((size) == 4)                                              \
			VMIO__LOAD_ONE("lwu %0, 0(%1)", v, p, label);              \
		else                                                               \
			VMIO__LOAD_ONE("ld %0, 0(%1)", v, p, label);               \
	} while (0)
#define VMIO__UNSAFE_STORE(size, v, p, label)                                      \
	do {                                                                       \
		if ((size) == 1)                                                   \
			VMIO__STORE_ONE("sb %0, 0(%1)", (v).b, p, label);              \
		else if ((size) == 2)                                              \
			VMIO__STORE_ONE("sh %0, 0(%1)", (v).h, p, label);              \
		else if ((size) == 4)                                              \
			VMIO__STORE_ONE("sw %0, 0(%1)", (v).w, p, label);              \
		else                                                               \
			VMIO__STORE_ONE("sd %0, 0(%1)", (v).d, p, label);              \
	} while (0)

#elif defined(__loongarch__)

/* PLV0 reaches PLV3 pages: there is no window to open. */
/*@ assigns \nothing; */
static inline void vmio__window_open(void)
{
}

/*@ assigns \nothing; */
static inline void vmio__window_close(void)
{
}

/*@ assigns \nothing; */
static inline unsigned long vmio__window_save(void)
{
	return 0;
}

#define VMIO__UNSAFE_LOAD(size, v, p, label)                                       \
	do {                                                                       \
		if ((size) == 1)                                                   \
			VMIO__LOAD_ONE("ld.bu %0, %1, 0", v, p, label);            \
		else if ((size) == 2)                                              \
			VMIO__LOAD_ONE("ld.hu %0, %1, 0", v, p, label);            \
		else if ((size) == 4)                                              \
			VMIO__LOAD_ONE("ld.wu %0, %1, 0", v, p, label);            \
		else                                                               \
			VMIO__LOAD_ONE("ld.d %0, %1, 0", v, p, label);             \
	} while (0)
#define VMIO__UNSAFE_STORE(size, v, p, label)                                      \
	do {                                                                       \
		if ((size) == 1)                                                   \
			VMIO__STORE_ONE("st.b %0, %1, 0", (v).b, p, label);            \
		else if ((size) == 2)                                              \
			VMIO__STORE_ONE("st.h %0, %1, 0", (v).h, p, label);            \
		else if ((size) == 4)                                              \
			VMIO__STORE_ONE("st.w %0, %1, 0", (v).w, p, label);            \
		else                                                               \
			VMIO__STORE_ONE("st.d %0, %1, 0", (v).d, p, label);            \
	} while (0)

#else
#error "vmio/uaccess.h: unknown ISA"
#endif

#endif
