// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - the mode table.
 *
 * A mode is a static, stateless ops table (struct ibfo_mode_ops), its
 * policy in its own file: mode_ab.c, mode_mp.c.  Per-device state lives
 * in struct ibfo, so switching modes allocates and frees nothing.
 */

#include <linux/rtnetlink.h>

#include "ibfo.h"

static const struct ibfo_mode_ops *const ibfo_modes[__IBFO_MODE_MAX] = {
	[IBFO_MODE_ACTIVE_BACKUP] = &ibfo_mode_ab,
	[IBFO_MODE_MULTIPATH] = &ibfo_mode_mp,
};

/**
 * ibfo_mode_get - find the ops of a mode
 * @id: IBFO_MODE_* value
 *
 * Return: the mode, or NULL if @id is unknown or not implemented.
 */
const struct ibfo_mode_ops *ibfo_mode_get(u8 id)
{
	return id < ARRAY_SIZE(ibfo_modes) ? ibfo_modes[id] : NULL;
}

/**
 * ibfo_mode_set - switch a master to another mode
 * @ibfo: the master, without slaves
 * @mode: the new mode
 *
 * Transmitters still running the old mode's ops are harmless: modes are
 * static and without slaves every mode drops.
 *
 * Context: RTNL held.
 */
void ibfo_mode_set(struct ibfo *ibfo, const struct ibfo_mode_ops *mode)
{
	ASSERT_RTNL();
	WARN_ON_ONCE(ibfo_has_slaves(ibfo));
	rcu_assign_pointer(ibfo->mode, mode);
}

/**
 * ibfo_rx_balanced - whether neighbours are given a slave each (rlb.c)
 * @ibfo: the master
 *
 * Context: any.  Modes are static tables, never freed: looking at the
 * current one needs no RCU read section.
 * Return: true in multipath mode with rx_balance on.
 */
bool ibfo_rx_balanced(struct ibfo *ibfo)
{
	return rcu_access_pointer(ibfo->mode) == &ibfo_mode_mp &&
	       READ_ONCE(ibfo->params.rx_balance);
}
