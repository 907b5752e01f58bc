// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - the slave list.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "ibfo.h"

/**
 * ibfo_has_slaves - whether a master has any slave
 * @ibfo: the master
 *
 * Context: RTNL held.
 * Return: true if at least one slave is enslaved.
 */
bool ibfo_has_slaves(const struct ibfo *ibfo)
{
	ASSERT_RTNL();
	return !list_empty(&ibfo->slaves);
}

/**
 * ibfo_slave_find - look up a slave of a master by ifindex
 * @ibfo: the master
 * @ifindex: ifindex of the slave netdev
 *
 * Context: RTNL held.
 * Return: the slave, or NULL if no slave of @ibfo has that ifindex.
 */
struct ibfo_slave *ibfo_slave_find(struct ibfo *ibfo, int ifindex)
{
	struct ibfo_slave *slave;

	ASSERT_RTNL();
	list_for_each_entry(slave, &ibfo->slaves, list)
		if (slave->dev->ifindex == ifindex)
			return slave;
	return NULL;
}
