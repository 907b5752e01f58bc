// SPDX-License-Identifier: GPL-2.0
/*
 * softib address handles.  An AH is a copy of its IB attributes; nothing is
 * allocated, so creation and destruction never sleep and honour both
 * RDMA_CREATE_AH_SLEEPABLE and atomic callers (ib_cm, ipoib).
 */
#include "softib.h"

/**
 * softib_create_ah - create an IB address handle
 * @ibah: AH allocated by the core
 * @init: attributes and flags; never sleeps either way
 * @udata: must be NULL
 *
 * Return: 0, -EINVAL or -EOPNOTSUPP.
 */
int softib_create_ah(struct ib_ah *ibah, struct rdma_ah_init_attr *init,
		     struct ib_udata *udata)
{
	struct rdma_ah_attr *attr = init->ah_attr;
	struct softib_ah *ah = to_sah(ibah);

	if (udata)
		return -EOPNOTSUPP;
	if (attr->type != RDMA_AH_ATTR_TYPE_IB)
		return -EINVAL;
	if (!softib_port(to_sdev(ibah->device), rdma_ah_get_port_num(attr)))
		return -EINVAL;
	if ((rdma_ah_get_ah_flags(attr) & IB_AH_GRH) &&
	    rdma_ah_read_grh(attr)->sgid_index >= SOFTIB_GID_TBL_LEN)
		return -EINVAL;

	ah->attr = *attr;
	/* The core holds the reference on ibah->sgid_attr. */
	ah->attr.grh.sgid_attr = NULL;
	return 0;
}

/**
 * softib_query_ah - return an AH's attributes
 * @ibah: AH
 * @attr: filled with the IB attributes (no sgid_attr)
 *
 * Return: 0.
 */
int softib_query_ah(struct ib_ah *ibah, struct rdma_ah_attr *attr)
{
	*attr = to_sah(ibah)->attr;
	return 0;
}

/**
 * softib_destroy_ah - destroy an AH; nothing to free
 * @ibah: AH
 * @flags: RDMA_DESTROY_AH_*; atomic callers are fine
 *
 * Return: 0.
 */
int softib_destroy_ah(struct ib_ah *ibah, u32 flags)
{
	return 0;
}
