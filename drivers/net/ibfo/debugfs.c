// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - debugfs dump.
 *
 * One read-only file per master, /sys/kernel/debug/ibfo/<netns>-<ifindex>
 * (the inode number of its network namespace, as in /proc/PID/ns/net, and
 * its ifindex: unique in every namespace, and stable, as ibfo devices
 * cannot change namespace), lists the slaves with their rail, the current
 * multipath choices of every CPU's flow cache and the ibfo peers' ports:
 * which (slave, peer port) a destination's flows take.  For debugging;
 * no ABI.  "peer_ttl" (seconds, every master) sets how long a peer's
 * record lives without a refresh, for tests.
 *
 * The dump reads the caches racily, as ibfo_slave_flows() does: it prints
 * an entry's numbers and the name of its slave's ifindex, and follows no
 * pointer out of it.
 */

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "ibfo.h"

static struct dentry *ibfo_debugfs_root;

static const char *const ibfo_link_names[] = {
	[IBFO_LINK_DOWN]	= "down",
	[IBFO_LINK_GOING_UP]	= "going_up",
	[IBFO_LINK_UP]		= "up",
	[IBFO_LINK_GOING_DOWN]	= "going_down",
};

static void ibfo_debugfs_slaves(struct seq_file *m, struct ibfo *ibfo)
{
	struct ibfo_slave *slave, *active;
	u8 link;

	active = rcu_dereference(ibfo->active_slave);
	list_for_each_entry_rcu(slave, &ibfo->slaves, list) {
		link = READ_ONCE(slave->link);
		seq_printf(m, "slave %s ifindex %d prefix %016llx link %s%s\n",
			   slave->dev->name, slave->dev->ifindex,
			   be64_to_cpu(ibfo_addr_prefix(slave->dev->dev_addr)),
			   link < ARRAY_SIZE(ibfo_link_names) ?
			   ibfo_link_names[link] : "?",
			   slave == active ? " active" : "");
	}
}

static void ibfo_debugfs_flows(struct seq_file *m, struct ibfo *ibfo)
{
	const struct ibfo_flow *flow;
	struct net_device *dev;
	int cpu, i, ifindex;
	__be32 nexthop;
	u32 gen;
	u8 port;

	/* As in ibfo_slave_flows(): entries of the current generation. */
	gen = smp_load_acquire(&ibfo->gen);
	for_each_possible_cpu(cpu) {
		flow = per_cpu_ptr(ibfo->flow_cache, cpu)->entry;
		for (i = 0; i < IBFO_FLOW_CACHE_SIZE; i++) {
			if (READ_ONCE(flow[i].gen) != gen ||
			    !READ_ONCE(flow[i].slave))
				continue;
			ifindex = READ_ONCE(flow[i].ifindex);
			nexthop = READ_ONCE(flow[i].nexthop);
			port = READ_ONCE(flow[i].port);
			dev = dev_get_by_index_rcu(dev_net(ibfo->dev), ifindex);
			seq_printf(m, "flow cpu %d hash %08x slave %s nexthop %pI4 dest_prefix %016llx ",
				   cpu, READ_ONCE(flow[i].hash),
				   dev ? dev->name : "?", &nexthop,
				   be64_to_cpu(READ_ONCE(flow[i].prefix)));
			if (port == IBFO_FLOW_NEIGH)
				seq_puts(m, "peer_port neigh\n");
			else
				seq_printf(m, "peer_port %u\n", port);
		}
	}
}

static void ibfo_debugfs_peers(struct seq_file *m, struct ibfo *ibfo)
{
	const struct ibfo_peer *peer;
	unsigned int b, i;

	seq_printf(m, "peers %u rejected %u\n", READ_ONCE(ibfo->npeers),
		   atomic_read(&ibfo->peers_rejected));
	for (b = 0; b < IBFO_PEER_BUCKETS; b++)
		hlist_for_each_entry_rcu(peer, &ibfo->peers[b], node)
			for (i = 0; i < peer->count; i++)
				seq_printf(m, "peer %pI4 port %u addr %*phC age %lus\n",
					   &peer->ip, i, INFINIBAND_ALEN,
					   peer->addr[i],
					   (jiffies - READ_ONCE(peer->updated)) / HZ);
}

static int ibfo_debugfs_show(struct seq_file *m, void *v)
{
	struct ibfo *ibfo = m->private;
	const struct ibfo_mode_ops *mode;

	rcu_read_lock();
	mode = rcu_dereference(ibfo->mode);
	seq_printf(m, "dev %s mode %s gen %u\n", ibfo->dev->name, mode->name,
		   READ_ONCE(ibfo->gen));
	ibfo_debugfs_slaves(m, ibfo);
	ibfo_debugfs_flows(m, ibfo);
	ibfo_debugfs_peers(m, ibfo);
	rcu_read_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ibfo_debugfs);

/**
 * ibfo_debugfs_add - create a master's debugfs file
 * @ibfo: the master, just registered (it has its ifindex)
 *
 * Failure is not an error: the file is for debugging only.
 *
 * Context: RTNL held.
 */
void ibfo_debugfs_add(struct ibfo *ibfo)
{
	char name[32];

	ASSERT_RTNL();
	if (IS_ERR_OR_NULL(ibfo_debugfs_root))
		return;
	snprintf(name, sizeof(name), "%u-%d", dev_net(ibfo->dev)->ns.inum,
		 ibfo->dev->ifindex);
	ibfo->debugfs = debugfs_create_file(name, 0400, ibfo_debugfs_root,
					    ibfo, &ibfo_debugfs_fops);
}

/**
 * ibfo_debugfs_del - remove a master's debugfs file
 * @ibfo: the master, being unregistered
 *
 * Waits for readers of the file to finish, before the master's state
 * is freed.
 */
void ibfo_debugfs_del(struct ibfo *ibfo)
{
	debugfs_remove(ibfo->debugfs);
	ibfo->debugfs = NULL;
}

/**
 * ibfo_debugfs_init - create the module's debugfs directory
 */
void ibfo_debugfs_init(void)
{
	ibfo_debugfs_root = debugfs_create_dir("ibfo", NULL);
	/* Lets a test see ibfo peers expire without waiting 5 minutes. */
	debugfs_create_u32("peer_ttl", 0600, ibfo_debugfs_root,
			   &ibfo_peer_ttl_s);
}

/**
 * ibfo_debugfs_exit - remove the module's debugfs directory
 *
 * Every master is gone, and with it its file.
 */
void ibfo_debugfs_exit(void)
{
	debugfs_remove(ibfo_debugfs_root);
	ibfo_debugfs_root = NULL;
}
