// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - active-backup mode.
 *
 * All traffic leaves through ibfo->active_slave; the core replaces that
 * pointer when the active slave fails.
 */

#include "ibfo.h"

static struct ibfo_slave *ibfo_ab_tx_slave(struct ibfo *ibfo,
					   struct sk_buff *skb)
{
	return rcu_dereference_bh(ibfo->active_slave);
}

const struct ibfo_mode_ops ibfo_mode_ab = {
	.id		= IBFO_MODE_ACTIVE_BACKUP,
	.name		= "active-backup",
	.tx_slave	= ibfo_ab_tx_slave,
};
