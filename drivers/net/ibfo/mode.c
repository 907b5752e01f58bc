// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - the mode table.
 *
 * A mode is a static, stateless ops table; per-device state lives in
 * struct ibfo, so switching modes allocates and frees nothing.
 */

#include <linux/rtnetlink.h>

#include "ibfo.h"

static const struct ibfo_mode_ops *const ibfo_modes[__IBFO_MODE_MAX] = {
	[IBFO_MODE_ACTIVE_BACKUP] = &ibfo_mode_ab,
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
