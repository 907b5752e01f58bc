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

#define CREATE_TRACE_POINTS
#include "trace.h"

static int __init ibfo_mod_init(void)
{
	int err;

	err = ibfo_wq_init();
	if (err)
		return err;
	ibfo_debugfs_init();
	err = ibfo_health_init();
	if (err)
		goto err_debugfs_exit;
	err = ibfo_notifier_init();
	if (err)
		goto err_health_exit;
	err = ibfo_standby_notifier_init();
	if (err)
		goto err_notifier_exit;
	err = ibfo_netlink_init();
	if (err)
		goto err_standby_notifier_exit;
	return 0;

err_standby_notifier_exit:
	ibfo_standby_notifier_exit();
err_notifier_exit:
	ibfo_notifier_exit();
err_health_exit:
	ibfo_health_exit();
err_debugfs_exit:
	ibfo_debugfs_exit();
	ibfo_wq_exit();
	return err;
}

/* Devices go first, releasing their slaves, then the notifiers, the IB
 * client and the workqueue, which waits for a last sync work that may
 * still be returning from dropping its device reference.
 */
static void __exit ibfo_mod_exit(void)
{
	ibfo_netlink_exit();
	ibfo_standby_notifier_exit();
	ibfo_notifier_exit();
	ibfo_health_exit();
	ibfo_debugfs_exit();
	ibfo_wq_exit();
	/* Released slaves are freed by an RCU callback in this module. */
	rcu_barrier();
}

module_init(ibfo_mod_init);
module_exit(ibfo_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("IP failover and multipathing over IPoIB");
MODULE_AUTHOR("ibfo developers");
MODULE_VERSION(IBFO_VERSION);
MODULE_ALIAS_RTNL_LINK(IBFO_KIND);
