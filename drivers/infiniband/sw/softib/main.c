// SPDX-License-Identifier: GPL-2.0
/*
 * softib: software InfiniBand HCAs and switch with an embedded subnet
 * administrator, for running the stock IB stack (ib_core, ib_sa, ib_cm,
 * ib_ipoib) without hardware.  "modprobe softib" creates num_hcas devices
 * with num_ports ports each, all in subnet 0; more through
 * /sys/bus/softib/new_device.
 */
#include <linux/module.h>

#include "softib.h"

static unsigned int num_hcas = 2;
module_param(num_hcas, uint, 0444);
MODULE_PARM_DESC(num_hcas, "Devices created at load time (default 2)");

static unsigned int num_ports = 2;
module_param(num_ports, uint, 0444);
MODULE_PARM_DESC(num_ports, "Ports per device created at load time, 1..8 (default 2)");

/* Control plane: subnets, LIDs, port attributes (see softib.h) */
DEFINE_MUTEX(softib_cfg_lock);
struct workqueue_struct *softib_wq;

static int __init softib_init(void)
{
	unsigned int i;
	int ret;

	if (num_hcas > SOFTIB_MAX_DEVS || num_ports < 1 ||
	    num_ports > SOFTIB_MAX_PORTS)
		return -EINVAL;

	softib_wq = alloc_workqueue("softib", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!softib_wq)
		return -ENOMEM;
	ret = softib_fabric_init();
	if (ret)
		goto destroy_wq;
	ret = softib_bus_init();
	if (ret)
		goto exit_fabric;

	for (i = 0; i < num_hcas; i++) {
		ret = softib_bus_new_device(i, num_ports);
		if (ret)
			goto exit_bus;
	}
	softib_plant_bug();
	return 0;

exit_bus:
	softib_bus_exit();
exit_fabric:
	softib_fabric_exit();
destroy_wq:
	destroy_workqueue(softib_wq);
	return ret;
}

static void __exit softib_exit(void)
{
	softib_bus_exit();
	softib_fabric_exit();
	destroy_workqueue(softib_wq);
}

module_init(softib_init);
module_exit(softib_exit);

MODULE_DESCRIPTION("Software InfiniBand HCA and switch");
MODULE_AUTHOR("ibfo developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(IBFO_VERSION);
