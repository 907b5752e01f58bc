// SPDX-License-Identifier: GPL-2.0
/*
 * softib protection domains and memory regions.
 *
 * The device uses virtual DMA and serves kernel consumers only, so an SGE
 * address is a kernel virtual address and keys are not checked: a PD and
 * the DMA MR carry no state beyond the core's objects.
 */
#include <linux/atomic.h>
#include <linux/slab.h>

#include "softib.h"

static atomic_t softib_next_key = ATOMIC_INIT(0);

/**
 * softib_alloc_pd - allocate a protection domain (kernel only)
 * @ibpd: PD allocated by the core
 * @udata: must be NULL
 *
 * Return: 0, or -EOPNOTSUPP for user PDs.
 */
int softib_alloc_pd(struct ib_pd *ibpd, struct ib_udata *udata)
{
	return udata ? -EOPNOTSUPP : 0;
}

/**
 * softib_dealloc_pd - free a protection domain
 * @ibpd: PD
 * @udata: unused
 *
 * Return: 0.
 */
int softib_dealloc_pd(struct ib_pd *ibpd, struct ib_udata *udata)
{
	return 0;
}

/**
 * softib_get_dma_mr - MR covering all kernel memory
 * @ibpd: PD
 * @access: access flags, not enforced
 *
 * Return: the MR or an ERR_PTR().
 */
struct ib_mr *softib_get_dma_mr(struct ib_pd *ibpd, int access)
{
	struct softib_mr *mr;

	mr = kzalloc(sizeof(*mr), GFP_KERNEL);
	if (!mr)
		return ERR_PTR(-ENOMEM);
	/* Key 0 is the device's local_dma_lkey; MR keys start above it. */
	mr->ibmr.lkey = atomic_inc_return(&softib_next_key) << 8;
	mr->ibmr.rkey = mr->ibmr.lkey;
	return &mr->ibmr;
}

/**
 * softib_reg_user_mr - user memory registration, unsupported
 * @ibpd: PD
 *
 * Called through the reg_user_mr callback (device.c), whose other
 * arguments differ between kernels and do not matter here.
 *
 * Return: ERR_PTR(-EOPNOTSUPP).
 */
struct ib_mr *softib_reg_user_mr(struct ib_pd *ibpd)
{
	/* Listed as mandatory by ib_core; user verbs are not supported. */
	return ERR_PTR(-EOPNOTSUPP);
}

/**
 * softib_dereg_mr - free an MR
 * @ibmr: MR
 * @udata: unused
 *
 * Return: 0.
 */
int softib_dereg_mr(struct ib_mr *ibmr, struct ib_udata *udata)
{
	kfree(container_of(ibmr, struct softib_mr, ibmr));
	return 0;
}
