// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - active-backup mode.
 *
 * All traffic leaves through ibfo->active_slave, which the core (mode.c)
 * chooses again whenever a slave comes, leaves or changes health.
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
	.rx_accept	= ibfo_rx_accept_active,
	.update		= ibfo_update_active,
};
