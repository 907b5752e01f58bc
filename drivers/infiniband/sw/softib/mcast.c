// SPDX-License-Identifier: GPL-2.0
/*
 * softib multicast: QP attachments to (MGID, MLID).
 *
 * One table for the whole fabric, hashed by MLID.  An MLID only has a
 * meaning inside a subnet, so delivery filters attachments by the subnet
 * of the attached QP's port at the time of delivery; a port that moves to
 * another subnet thus stops receiving its old groups without bookkeeping.
 *
 * Locking: softib_mcast_lock (irqsave: attach may come from atomic context)
 * serialises writers; delivery walks the table under RCU and entries are
 * freed with kfree_rcu().
 */
#include <linux/hashtable.h>
#include <linux/rculist.h>
#include <linux/slab.h>

#include "softib.h"

#define SOFTIB_MCAST_HASH_BITS	6

struct softib_mcast_attach {
	struct hlist_node node;
	struct softib_qp *qp;
	union ib_gid mgid;
	u16 mlid;
	struct rcu_head rcu;
};

static DEFINE_HASHTABLE(softib_mcast_table, SOFTIB_MCAST_HASH_BITS);
static DEFINE_SPINLOCK(softib_mcast_lock);

static struct softib_mcast_attach *
softib_mcast_find(struct softib_qp *qp, const union ib_gid *mgid, u16 mlid)
{
	struct softib_mcast_attach *a;

	lockdep_assert_held(&softib_mcast_lock);

	hash_for_each_possible(softib_mcast_table, a, node, mlid)
		if (a->qp == qp && a->mlid == mlid &&
		    !memcmp(&a->mgid, mgid, sizeof(*mgid)))
			return a;
	return NULL;
}

/**
 * softib_attach_mcast - attach a UD QP to a multicast group
 * @ibqp: QP
 * @gid: MGID
 * @lid: MLID
 *
 * Return: 0, -ENOMEM or -EOPNOTSUPP.
 */
int softib_attach_mcast(struct ib_qp *ibqp, union ib_gid *gid, u16 lid)
{
	struct softib_qp *qp = to_sqp(ibqp);
	struct softib_mcast_attach *a;
	unsigned long flags;

	switch (ibqp->qp_type) {
	case IB_QPT_UD:
		break;
	default:
		return -EOPNOTSUPP;
	}

	a = kzalloc(sizeof(*a), GFP_ATOMIC);
	if (!a)
		return -ENOMEM;
	a->qp = qp;
	a->mgid = *gid;
	a->mlid = lid;

	spin_lock_irqsave(&softib_mcast_lock, flags);
	if (softib_mcast_find(qp, gid, lid)) {
		/* Attaching twice is not an error; deliver once. */
		spin_unlock_irqrestore(&softib_mcast_lock, flags);
		kfree(a);
		return 0;
	}
	hash_add_rcu(softib_mcast_table, &a->node, lid);
	spin_unlock_irqrestore(&softib_mcast_lock, flags);
	return 0;
}

/**
 * softib_detach_mcast - detach a QP from a multicast group
 * @ibqp: QP
 * @gid: MGID
 * @lid: MLID
 *
 * Return: 0, or -EINVAL if not attached.
 */
int softib_detach_mcast(struct ib_qp *ibqp, union ib_gid *gid, u16 lid)
{
	struct softib_mcast_attach *a;
	unsigned long flags;

	spin_lock_irqsave(&softib_mcast_lock, flags);
	a = softib_mcast_find(to_sqp(ibqp), gid, lid);
	if (a)
		hash_del_rcu(&a->node);
	spin_unlock_irqrestore(&softib_mcast_lock, flags);
	if (!a)
		return -EINVAL;
	kfree_rcu(a, rcu);
	return 0;
}

/**
 * softib_mcast_detach_qp - drop every attachment of a dying QP
 * @qp: the QP
 *
 * The caller synchronises RCU before freeing @qp.
 */
void softib_mcast_detach_qp(struct softib_qp *qp)
{
	struct softib_mcast_attach *a;
	struct hlist_node *tmp;
	unsigned long flags;
	int bkt;

	spin_lock_irqsave(&softib_mcast_lock, flags);
	hash_for_each_safe(softib_mcast_table, bkt, tmp, a, node) {
		if (a->qp != qp)
			continue;
		hash_del_rcu(&a->node);
		kfree_rcu(a, rcu);
	}
	spin_unlock_irqrestore(&softib_mcast_lock, flags);
}

/**
 * softib_mcast_deliver - fan a multicast datagram out in a subnet
 * @sn: subnet the datagram was sent in
 * @pkt: the datagram (dlid is an MLID)
 * @batch: collects receive CQs due a callback
 *
 * Every QP attached to the MLID (and to the MGID when the datagram has a
 * GRH) on an active port of @sn gets a copy, the sender's own QP included.
 * Called under rcu_read_lock().
 */
void softib_mcast_deliver(struct softib_subnet *sn,
			  const struct softib_pkt *pkt,
			  struct softib_cq_batch *batch)
{
	struct softib_mcast_attach *a;

	hash_for_each_possible_rcu(softib_mcast_table, a, node, pkt->dlid) {
		struct softib_port *port = READ_ONCE(a->qp->port);

		if (a->mlid != pkt->dlid || !port ||
		    READ_ONCE(port->subnet) != sn)
			continue;
		if (pkt->has_grh &&
		    memcmp(&a->mgid, &pkt->grh.dgid, sizeof(a->mgid)))
			continue;
		if (READ_ONCE(port->state) != IB_PORT_ACTIVE) {
			atomic64_inc(&port->stats.rx_dropped);
			continue;
		}
		if (softib_qp_receive(a->qp, port, pkt, batch)) {
			atomic64_inc(&port->stats.rx_packets);
			atomic64_add(pkt->len, &port->stats.rx_bytes);
		} else {
			atomic64_inc(&port->stats.rx_dropped);
		}
	}
}
