// SPDX-License-Identifier: GPL-2.0
/* rtnl_link_ops.newlink takes a struct rtnl_newlink_params: Linux 6.15. */
#include <net/rtnetlink.h>

static int probe_newlink(struct net_device *dev,
			 struct rtnl_newlink_params *params,
			 struct netlink_ext_ack *extack)
{
	return 0;
}

const struct rtnl_link_ops probe_ops = { .newlink = probe_newlink };
