// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - module init and exit.
 *
 * No pernet_operations: every ibfo device has rtnl_link_ops, so deleting a
 * network namespace dellinks the devices in it (default_device_exit_batch),
 * and rtnl_link_unregister() on module exit deletes the devices left in
 * every namespace.
 */

#include <linux/module.h>

#include "ibfo.h"

static int __init ibfo_mod_init(void)
{
	return ibfo_netlink_init();
}

static void __exit ibfo_mod_exit(void)
{
	ibfo_netlink_exit();
}

module_init(ibfo_mod_init);
module_exit(ibfo_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("IP failover and multipathing over IPoIB");
MODULE_AUTHOR("ibfo developers");
MODULE_VERSION(IBFO_VERSION);
MODULE_ALIAS_RTNL_LINK(IBFO_KIND);
