// SPDX-License-Identifier: GPL-2.0
/*
 * softib switch: subnets, LID routing, the per-port transmit engine with
 * rate limit, delay and loss, and the hookup of the embedded SA.
 *
 * A datagram's life: post_send() copies it into a softib_pkt on the
 * sending port's txq and kicks the port's work item.  The worker takes
 * packets off txq when the token bucket allows, completes the send, then
 * either drops it (port down, loss) or delivers it - at once, or after the
 * configured delay from the port's flight list.  Delivery routes by
 * (subnet, DLID): an MLID fans out (mcast.c), the SM LID goes to the SA,
 * anything else to the port owning the LID and the QP there.
 *
 * The fast path: on a port without rate, delay and loss, whose txq and
 * flight list are empty and which nobody else is transmitting on
 * (port->tx_busy), a UD or GSI datagram skips the worker.  post_send()
 * keeps it in a softib_xmit_batch and, after dropping the QP's locks,
 * transmits and delivers it itself, as the worker would, in the caller's
 * context (softib_fabric_xmit_run()).  A work item hop costs milliseconds
 * under emulation; ipoib's ARP and PathRecord round trips take several.
 * RC messages always take the worker: see softib_rc_xmit().
 *
 * Loss, delay and rate act on the egress of the sending port; a SA reply
 * is delivered straight to the requester's QP1.
 */
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <rdma/ib_mad.h>

#include "softib.h"
#include "sa.h"

#define SOFTIB_TX_BUDGET	64
/* LRH + BTH + DETH + ICRC + VCRC on the wire */
#define SOFTIB_WIRE_OVERHEAD	(8 + 12 + 8 + 4 + 2)
/*
 * Bucket depth: two full packets, or 2 ms at the configured rate if more,
 * so timer and scheduling slack do not eat into the average rate.
 */
#define SOFTIB_BURST_BYTES	(2 * (SOFTIB_MAX_MSG + SOFTIB_WIRE_OVERHEAD + 40))
#define SOFTIB_BURST_MIN_NS	(2 * NSEC_PER_MSEC)

static struct softib_subnet softib_subnets[SOFTIB_MAX_SUBNETS];

/* Lowest free unicast LID in @sn. */
static int softib_subnet_alloc_lid(struct softib_subnet *sn,
				   struct softib_port *port, u16 *lid)
{
	u32 id;
	int ret;

	lockdep_assert_held(&softib_cfg_lock);

	ret = xa_alloc(&sn->lids, &id, port,
		       XA_LIMIT(SOFTIB_SM_LID + 1, SOFTIB_MAX_UCAST_LID),
		       GFP_KERNEL);
	if (ret)
		return ret;
	*lid = id;
	return 0;
}

/**
 * softib_fabric_attach - put a new port into a subnet with a fresh LID
 * @port: port not yet in any subnet
 * @subnet: subnet number
 *
 * Sets LID and subnet only; the caller decides about state and events.
 *
 * Return: 0 or -errno.
 */
int softib_fabric_attach(struct softib_port *port, u32 subnet)
{
	struct softib_subnet *sn;
	unsigned long flags;
	u16 lid;
	int ret;

	lockdep_assert_held(&softib_cfg_lock);

	if (subnet >= SOFTIB_MAX_SUBNETS)
		return -EINVAL;
	sn = &softib_subnets[subnet];
	ret = softib_subnet_alloc_lid(sn, port, &lid);
	if (ret)
		return ret;

	spin_lock_irqsave(&port->attr_lock, flags);
	WRITE_ONCE(port->lid, lid);
	WRITE_ONCE(port->subnet, sn);
	spin_unlock_irqrestore(&port->attr_lock, flags);
	list_add_tail_rcu(&port->subnet_node, &sn->ports);
	return 0;
}

/**
 * softib_fabric_detach - take a port out of its subnet
 * @port: port
 *
 * The SA forgets the port.  Lookups may still see it until the caller
 * synchronises RCU.
 */
void softib_fabric_detach(struct softib_port *port)
{
	struct softib_subnet *sn = port->subnet;
	union ib_gid gid;

	lockdep_assert_held(&softib_cfg_lock);

	if (!sn)
		return;
	xa_erase(&sn->lids, port->lid);
	list_del_rcu(&port->subnet_node);
	softib_port_gid(port, &gid);
	softib_sa_port_reset(sn->sa, &gid);
}

/**
 * softib_fabric_move - move a port to another subnet
 * @port: port
 * @subnet: new subnet number
 *
 * Like recabling: an active port goes down (PORT_ERR), comes up in the new
 * subnet with a new LID and SM (LID_CHANGE, SM_CHANGE, PORT_ACTIVE).
 *
 * Return: 0 or -errno; nothing changes on error.
 */
int softib_fabric_move(struct softib_port *port, u32 subnet)
{
	struct softib_subnet *old = port->subnet, *sn;
	bool active = READ_ONCE(port->state) == IB_PORT_ACTIVE;
	unsigned long flags;
	union ib_gid gid;
	u16 lid;
	int ret;

	lockdep_assert_held(&softib_cfg_lock);

	if (subnet >= SOFTIB_MAX_SUBNETS)
		return -EINVAL;
	sn = &softib_subnets[subnet];
	if (sn == old)
		return 0;
	ret = softib_subnet_alloc_lid(sn, port, &lid);
	if (ret)
		return ret;

	if (active) {
		spin_lock_irqsave(&port->attr_lock, flags);
		WRITE_ONCE(port->state, IB_PORT_DOWN);
		spin_unlock_irqrestore(&port->attr_lock, flags);
		softib_port_event(port, IB_EVENT_PORT_ERR);
	}

	xa_erase(&old->lids, port->lid);
	list_del_rcu(&port->subnet_node);
	softib_port_gid(port, &gid);
	softib_sa_port_reset(old->sa, &gid);

	spin_lock_irqsave(&port->attr_lock, flags);
	WRITE_ONCE(port->lid, lid);
	WRITE_ONCE(port->subnet, sn);
	spin_unlock_irqrestore(&port->attr_lock, flags);
	list_add_tail_rcu(&port->subnet_node, &sn->ports);

	softib_port_event(port, IB_EVENT_LID_CHANGE);
	softib_port_event(port, IB_EVENT_SM_CHANGE);
	if (active) {
		spin_lock_irqsave(&port->attr_lock, flags);
		WRITE_ONCE(port->state, IB_PORT_ACTIVE);
		spin_unlock_irqrestore(&port->attr_lock, flags);
		softib_port_event(port, IB_EVENT_PORT_ACTIVE);
	}
	return 0;
}

/**
 * softib_fabric_set_lid - give a port a chosen LID in its subnet
 * @port: port
 * @lid: unicast LID, not the SM's and not in use
 *
 * Return: 0, -EINVAL, -EEXIST or -ENOMEM.
 */
int softib_fabric_set_lid(struct softib_port *port, u32 lid)
{
	struct softib_subnet *sn = port->subnet;
	unsigned long flags;
	int ret;

	lockdep_assert_held(&softib_cfg_lock);

	if (lid < 1 || lid > SOFTIB_MAX_UCAST_LID)
		return -EINVAL;
	if (lid == port->lid)
		return 0;
	if (lid == sn->sm_lid)
		return -EEXIST;
	ret = xa_insert(&sn->lids, lid, port, GFP_KERNEL);
	if (ret == -EBUSY)
		return -EEXIST;
	if (ret)
		return ret;
	xa_erase(&sn->lids, port->lid);

	spin_lock_irqsave(&port->attr_lock, flags);
	WRITE_ONCE(port->lid, lid);
	spin_unlock_irqrestore(&port->attr_lock, flags);
	softib_port_event(port, IB_EVENT_LID_CHANGE);
	return 0;
}

static struct softib_port *softib_subnet_find_gid(struct softib_subnet *sn,
						  const union ib_gid *gid)
{
	struct softib_port *port;
	union ib_gid pgid;

	list_for_each_entry_rcu(port, &sn->ports, subnet_node) {
		softib_port_gid(port, &pgid);
		if (!memcmp(&pgid, gid, sizeof(pgid)))
			return port;
	}
	return NULL;
}

/**
 * softib_subnet_port_info - describe the port with a GID for the SA
 * @sn: subnet
 * @gid: the port's GID[0]
 * @info: filled on success
 *
 * Any context.
 *
 * Return: 0, or -ENOENT if no port of @sn has @gid.
 */
int softib_subnet_port_info(struct softib_subnet *sn,
			    const union ib_gid *gid,
			    struct softib_port_info *info)
{
	struct softib_port *port;
	int ret = -ENOENT;

	rcu_read_lock();
	port = softib_subnet_find_gid(sn, gid);
	if (port) {
		info->lid = READ_ONCE(port->lid);
		info->mtu = SOFTIB_MTU;
		info->rate = softib_port_rate(port);
		info->active = READ_ONCE(port->state) == IB_PORT_ACTIVE;
		info->delay_us = READ_ONCE(port->delay_us);
		ret = 0;
	}
	rcu_read_unlock();
	return ret;
}

/**
 * softib_subnet_port_has_pkey - P_Key table lookup for the SA
 * @sn: subnet
 * @gid: the port's GID[0]
 * @pkey: P_Key; the membership bit is ignored
 *
 * Any context.
 *
 * Return: true if the port's P_Key table holds @pkey.
 */
bool softib_subnet_port_has_pkey(struct softib_subnet *sn,
				 const union ib_gid *gid, u16 pkey)
{
	struct softib_port *port;
	bool ret = false;

	int i;

	rcu_read_lock();
	port = softib_subnet_find_gid(sn, gid);
	for (i = 0; port && i < SOFTIB_PKEY_TBL_LEN && !ret; i++) {
		u16 entry = READ_ONCE(port->pkeys[i]);

		ret = (entry & 0x7fff) && (entry & 0x7fff) == (pkey & 0x7fff);
	}
	rcu_read_unlock();
	return ret;
}

static void softib_port_rx_count(struct softib_port *port, bool ok, u32 len)
{
	if (ok) {
		atomic64_inc(&port->stats.rx_packets);
		atomic64_add(len, &port->stats.rx_bytes);
	} else {
		atomic64_inc(&port->stats.rx_dropped);
	}
}

/* Deliver to a unicast destination port; under rcu_read_lock(). */
static void softib_deliver_port(struct softib_port *port,
				const struct softib_pkt *pkt,
				struct softib_cq_batch *batch)
{
	struct softib_qp *qp;

	if (READ_ONCE(port->state) != IB_PORT_ACTIVE) {
		softib_port_rx_count(port, false, 0);
		return;
	}
	if (pkt->dqpn == 1)
		qp = rcu_dereference(port->gsi);
	else
		qp = xa_load(&port->sdev->qps, pkt->dqpn);
	softib_port_rx_count(port,
			     qp && softib_qp_receive(qp, port, pkt, batch),
			     pkt->len);
}

/* A QP1 MAD to the SM LID: let the SA answer; under rcu_read_lock(). */
static void softib_deliver_sa(struct softib_subnet *sn,
			      const struct softib_pkt *pkt,
			      struct softib_cq_batch *batch)
{
	struct softib_port *port;
	struct softib_pkt *reply;

	if (pkt->dqpn != 1 || pkt->len < sizeof(struct ib_mad))
		return;
	port = xa_load(&sn->lids, pkt->slid);
	if (!port)
		return;
	reply = kzalloc(struct_size(reply, data, sizeof(struct ib_mad)),
			GFP_ATOMIC);
	if (!reply)
		return;
	if (softib_sa_is_path_query((const struct ib_mad *)pkt->data))
		atomic64_inc(&port->stats.sa_path_queries);
	if (softib_sa_handle_mad(sn->sa, pkt->slid,
				 (const struct ib_mad *)pkt->data,
				 (struct ib_mad *)reply->data)) {
		/* No GRH: ib_mad matches it to a GRH-less request. */
		reply->len = sizeof(struct ib_mad);
		reply->subnet = sn;
		reply->slid = sn->sm_lid;
		reply->dlid = pkt->slid;
		reply->sl = pkt->sl;
		reply->pkey = pkt->pkey;
		reply->sqpn = 1;
		reply->dqpn = 1;
		reply->qkey = IB_QP1_QKEY;
		softib_deliver_port(port, reply, batch);
	}
	kfree(reply);
}

/*
 * An RC message to a unicast port; under rcu_read_lock().  The responder's
 * verdict (pkt->fate) travels back on the responder port's egress, so its
 * loss knob can drop the ACK or NAK.
 */
static void softib_deliver_rc(struct softib_port *port,
			      struct softib_pkt *pkt,
			      struct softib_cq_batch *batch)
{
	struct softib_qp *qp = NULL;
	u32 loss;

	if (READ_ONCE(port->state) == IB_PORT_ACTIVE)
		qp = xa_load(&port->sdev->qps, pkt->dqpn);
	if (qp && qp->ibqp.qp_type == IB_QPT_RC)
		pkt->fate = softib_rc_receive(qp, port, pkt, batch);
	softib_port_rx_count(port, pkt->fate != SOFTIB_RC_LOST, pkt->len);

	loss = READ_ONCE(port->loss_ppm);
	if (pkt->fate != SOFTIB_RC_LOST && loss &&
	    get_random_u32_below(1000000) < loss) {
		atomic64_inc(&port->stats.tx_dropped);
		pkt->fate = SOFTIB_RC_LOST;
	}
}

static void softib_deliver(struct softib_pkt *pkt)
{
	struct softib_subnet *sn = pkt->subnet;
	struct softib_cq_batch batch = {};
	struct softib_port *port;

	rcu_read_lock();
	if (pkt->rc) {
		port = xa_load(&sn->lids, pkt->dlid);
		if (port)
			softib_deliver_rc(port, pkt, &batch);
	} else if (pkt->dlid >= be16_to_cpu(IB_MULTICAST_LID_BASE)) {
		if (pkt->dlid != be16_to_cpu(IB_LID_PERMISSIVE))
			softib_mcast_deliver(sn, pkt, &batch);
	} else if (pkt->dlid == sn->sm_lid) {
		softib_deliver_sa(sn, pkt, &batch);
	} else {
		port = xa_load(&sn->lids, pkt->dlid);
		if (port)
			softib_deliver_port(port, pkt, &batch);
	}
	/* The QPs found above, and so their CQs, live until we unlock. */
	softib_cq_batch_run(&batch);
	rcu_read_unlock();
}

/*
 * May @xb transmit the next packet of @port itself?  Only on a port that
 * does not shape (the worker's token bucket and flight list do that), and
 * only as the port's next packet: nothing queued or delayed before it, and
 * nobody else transmitting (or @xb already is).
 */
static bool softib_port_may_inline(struct softib_port *port,
				   const struct softib_xmit_batch *xb)
{
	lockdep_assert_held(&port->txq_lock);

	if (READ_ONCE(port->rate_mbit) || READ_ONCE(port->delay_us) ||
	    READ_ONCE(port->loss_ppm))
		return false;
	if (!list_empty(&port->txq) || !list_empty(&port->flight))
		return false;
	return xb->port == port || !port->tx_busy;
}

/**
 * softib_fabric_xmit - hand a packet to its sending port
 * @port: sending port
 * @pkt: packet whose send is on the QP's send queue
 * @xb: post_send()'s inline batch, or NULL to always use the worker
 *
 * Any context; the caller may hold its QP's locks.  The packet either
 * joins @xb (the port was free: @xb now holds its tx_busy claim and
 * softib_fabric_xmit_run() must follow once the QP's locks are dropped)
 * or the port's txq.  When the shaper queue is full the caller completes
 * the send itself.
 *
 * Return: true if taken, false if the queue is full.
 */
bool softib_fabric_xmit(struct softib_port *port, struct softib_pkt *pkt,
			struct softib_xmit_batch *xb)
{
	bool queued = false, kick = false;
	unsigned long flags;

	spin_lock_irqsave(&port->txq_lock, flags);
	if (port->dying)
		goto unlock;
	if (xb && softib_port_may_inline(port, xb)) {
		port->tx_busy = true;
		xb->port = port;
		list_add_tail(&pkt->list, &xb->pkts);
		queued = true;
	} else if (port->txq_len < SOFTIB_TXQ_LIMIT) {
		list_add_tail(&pkt->list, &port->txq);
		port->txq_len++;
		queued = true;
		/* Whoever transmits now looks at txq again when done. */
		kick = !port->tx_busy;
	}
unlock:
	spin_unlock_irqrestore(&port->txq_lock, flags);
	if (kick)
		queue_work(softib_wq, &port->work);
	return queued;
}

/*
 * Token bucket as a virtual clock: a packet may leave at next_tx_ns, which
 * may lag "now" by at most the burst.  Returns 0 if @pkt may go now,
 * otherwise the time to retry.
 */
static u64 softib_shaper_check(struct softib_port *port,
			       const struct softib_pkt *pkt, u64 now)
{
	u32 rate = READ_ONCE(port->rate_mbit);
	u64 burst_ns, t;

	lockdep_assert_held(&port->txq_lock);

	if (!rate)
		return 0;
	/* bytes * 8 bit / (rate * 1e6 bit/s) = bytes * 8000 / rate ns */
	burst_ns = max_t(u64, div_u64((u64)SOFTIB_BURST_BYTES * 8000, rate),
			 SOFTIB_BURST_MIN_NS);
	t = max(port->next_tx_ns, now > burst_ns ? now - burst_ns : 0);
	if (t > now)
		return t;
	port->next_tx_ns = t + div_u64((u64)(pkt->len + SOFTIB_WIRE_OVERHEAD +
					     (pkt->has_grh ? 40 : 0)) * 8000,
				       rate);
	return 0;
}

/* A packet the fabric is done with: RC goes back to its QP. */
static void softib_pkt_release(struct softib_pkt *pkt)
{
	if (pkt->rc)
		softib_rc_returned(pkt);
	else
		kfree(pkt);
}

/*
 * The packet leaves the port (or dies here).  A UD send completes now, an
 * RC one only when the responder's ACK reaches the requester.
 */
static void softib_port_transmit(struct softib_port *port,
				 struct softib_pkt *pkt, u64 now)
{
	u32 loss = READ_ONCE(port->loss_ppm);
	u32 delay = READ_ONCE(port->delay_us);
	unsigned long flags;

	if (!pkt->rc)
		softib_qp_send_done(pkt, IB_WC_SUCCESS);
	pkt->fate = SOFTIB_RC_LOST;

	pkt->subnet = READ_ONCE(port->subnet);
	if (READ_ONCE(port->state) != IB_PORT_ACTIVE || !pkt->subnet ||
	    (loss && get_random_u32_below(1000000) < loss)) {
		atomic64_inc(&port->stats.tx_dropped);
		softib_pkt_release(pkt);
		return;
	}
	atomic64_inc(&port->stats.tx_packets);
	atomic64_add(pkt->len, &port->stats.tx_bytes);

	if (delay) {
		pkt->due_ns = now + (u64)delay * NSEC_PER_USEC;
		spin_lock_irqsave(&port->txq_lock, flags);
		list_add_tail(&pkt->list, &port->flight);
		spin_unlock_irqrestore(&port->txq_lock, flags);
		return;
	}
	softib_deliver(pkt);
	softib_pkt_release(pkt);
}

/*
 * Give up a port's tx_busy claim.  Returns true if packets were queued
 * meanwhile: their senders left them to the holder, who must kick the
 * worker.
 */
static bool softib_port_tx_release(struct softib_port *port)
{
	unsigned long flags;
	bool more;

	spin_lock_irqsave(&port->txq_lock, flags);
	port->tx_busy = false;
	more = !list_empty(&port->txq) || !list_empty(&port->flight);
	spin_unlock_irqrestore(&port->txq_lock, flags);
	return more;
}

/*
 * The worker's next packet that is due, from the flight list (delivery)
 * or txq (transmission), taken with the port's tx_busy claim; *@held
 * says whether the worker holds that claim (for the packet before), and
 * is updated.  Nothing is taken while an inline sender holds the claim:
 * it kicks the worker when done.  *@wake is set to when to look again if
 * nothing is due.
 */
static struct softib_pkt *softib_port_next(struct softib_port *port, u64 now,
					   bool *held, bool *flight, u64 *wake)
{
	struct softib_pkt *pkt = NULL;
	unsigned long flags;
	u64 t;

	*wake = 0;
	spin_lock_irqsave(&port->txq_lock, flags);
	if (*held)
		port->tx_busy = false;
	else if (port->tx_busy)
		goto unlock;
	pkt = list_first_entry_or_null(&port->flight, struct softib_pkt, list);
	if (pkt) {
		if (pkt->due_ns <= now) {
			list_del(&pkt->list);
			*flight = true;
			goto unlock;
		}
		*wake = pkt->due_ns;
	}
	pkt = list_first_entry_or_null(&port->txq, struct softib_pkt, list);
	if (pkt) {
		t = softib_shaper_check(port, pkt, now);
		if (!t) {
			list_del(&pkt->list);
			port->txq_len--;
			*flight = false;
			goto unlock;
		}
		*wake = *wake ? min(*wake, t) : t;
		pkt = NULL;
	}
unlock:
	if (pkt)
		port->tx_busy = true;
	*held = pkt;
	spin_unlock_irqrestore(&port->txq_lock, flags);
	return pkt;
}

/**
 * softib_port_tx_work - a port's transmit engine
 * @work: port->work
 *
 * Runs on softib_wq; one instance per port at a time (work items are not
 * reentrant), which keeps each QP's sends in order.
 */
void softib_port_tx_work(struct work_struct *work)
{
	struct softib_port *port = container_of(work, struct softib_port,
						work);
	int budget = SOFTIB_TX_BUDGET;
	bool flight, held = false;
	struct softib_pkt *pkt;
	u64 wake;

	while (budget--) {
		u64 now = ktime_get_ns();

		pkt = softib_port_next(port, now, &held, &flight, &wake);
		if (!pkt) {
			if (wake && !READ_ONCE(port->dying))
				hrtimer_start(&port->timer, ns_to_ktime(wake),
					      HRTIMER_MODE_ABS);
			return;
		}
		if (flight) {
			softib_deliver(pkt);
			softib_pkt_release(pkt);
		} else {
			softib_port_transmit(port, pkt, now);
		}
	}
	/* Out of budget: let others have the port, and come back. */
	softib_port_tx_release(port);
	queue_work(softib_wq, &port->work);
}

/*
 * The next packet that other contexts queued on @port while we held its
 * tx_busy claim, for us to send as the worker would: a UD or GSI one at
 * the head of txq, as long as the port still does not shape.
 */
static struct softib_pkt *softib_port_next_inline(struct softib_port *port)
{
	struct softib_pkt *pkt = NULL;
	unsigned long flags;

	spin_lock_irqsave(&port->txq_lock, flags);
	if (!READ_ONCE(port->rate_mbit) && !READ_ONCE(port->delay_us) &&
	    !READ_ONCE(port->loss_ppm) && list_empty(&port->flight))
		pkt = list_first_entry_or_null(&port->txq, struct softib_pkt,
					       list);
	if (pkt && pkt->rc)
		pkt = NULL;
	if (pkt) {
		list_del(&pkt->list);
		port->txq_len--;
	}
	spin_unlock_irqrestore(&port->txq_lock, flags);
	return pkt;
}

/**
 * softib_fabric_xmit_run - transmit the packets of an inline batch
 * @xb: batch filled by softib_fabric_xmit(); emptied
 *
 * Called by post_send() once it has dropped the QP's locks, in its
 * caller's context: process, softirq or with IRQs disabled (ib_mad posts
 * under an irqsave lock), never sleeping.  Each packet goes as the worker
 * would send it: its send completes (taking the sending QP's sq_lock),
 * then it is delivered (receiving QPs' rq_lock, the SA), and the CQ
 * handlers due are called with no softib lock held (see cq.c for what
 * happens when IRQs are off).
 *
 * Datagrams that other contexts queued on the port meanwhile (they found
 * it busy) are sent next, up to SOFTIB_TX_BUDGET, rather than left to a
 * worker hop: a worker hop costs milliseconds under emulation, and a
 * datagram held up that long is overtaken by the next one of its flow if
 * that goes out through another, idle port.  An RC message at the head of
 * txq, a port that started shaping, or the end of the budget hand the rest
 * to the worker, in order.
 */
void softib_fabric_xmit_run(struct softib_xmit_batch *xb)
{
	struct softib_port *port = xb->port;
	int budget = SOFTIB_TX_BUDGET;
	struct softib_pkt *pkt;

	if (!port)
		return;
	xb->port = NULL;
	while ((pkt = list_first_entry_or_null(&xb->pkts, struct softib_pkt,
					       list))) {
		list_del(&pkt->list);
		softib_port_transmit(port, pkt, ktime_get_ns());
	}
	while (budget-- && (pkt = softib_port_next_inline(port)))
		softib_port_transmit(port, pkt, ktime_get_ns());
	if (softib_port_tx_release(port))
		queue_work(softib_wq, &port->work);
}

/**
 * softib_port_tx_timer - wake a port's transmit engine after a wait
 * @timer: port->timer
 *
 * Return: HRTIMER_NORESTART.
 */
enum hrtimer_restart softib_port_tx_timer(struct hrtimer *timer)
{
	struct softib_port *port = container_of(timer, struct softib_port,
						timer);

	queue_work(softib_wq, &port->work);
	return HRTIMER_NORESTART;
}

/**
 * softib_fabric_drain - stop a port's transmit engine and drop its packets
 * @port: port whose device is unregistered (no QPs left)
 *
 * Sleeps.  Packets still queued have no QP any more (destroying a QP
 * detaches its sends), so nothing is left to complete.
 */
void softib_fabric_drain(struct softib_port *port)
{
	struct softib_pkt *pkt, *tmp;
	unsigned long flags;
	LIST_HEAD(dead);

	spin_lock_irqsave(&port->txq_lock, flags);
	port->dying = true;
	spin_unlock_irqrestore(&port->txq_lock, flags);

	/* The worker re-arms the timer and the timer queues the worker. */
	do {
		hrtimer_cancel(&port->timer);
		cancel_work_sync(&port->work);
	} while (hrtimer_active(&port->timer));

	spin_lock_irqsave(&port->txq_lock, flags);
	list_splice_init(&port->txq, &dead);
	list_splice_init(&port->flight, &dead);
	port->txq_len = 0;
	spin_unlock_irqrestore(&port->txq_lock, flags);

	list_for_each_entry_safe(pkt, tmp, &dead, list) {
		if (pkt->rc) {
			pkt->fate = SOFTIB_RC_LOST;
			softib_rc_returned(pkt);
			continue;
		}
		softib_qp_send_done(pkt, IB_WC_WR_FLUSH_ERR);
		kfree(pkt);
	}
}

/**
 * softib_fabric_init - set up the subnets and their SAs
 *
 * Return: 0 or -errno.
 */
int softib_fabric_init(void)
{
	int i, ret;

	for (i = 0; i < SOFTIB_MAX_SUBNETS; i++) {
		struct softib_subnet *sn = &softib_subnets[i];

		sn->id = i;
		sn->sm_lid = SOFTIB_SM_LID;
		xa_init_flags(&sn->lids, XA_FLAGS_ALLOC1);
		INIT_LIST_HEAD(&sn->ports);
		sn->sa = softib_sa_create(sn);
		if (IS_ERR_OR_NULL(sn->sa)) {
			ret = sn->sa ? PTR_ERR(sn->sa) : -ENOMEM;
			goto destroy_sas;
		}
	}
	return 0;

destroy_sas:
	while (i--)
		softib_sa_destroy(softib_subnets[i].sa);
	return ret;
}

/**
 * softib_fabric_exit - free the subnets; all ports are gone
 */
void softib_fabric_exit(void)
{
	int i;

	for (i = 0; i < SOFTIB_MAX_SUBNETS; i++) {
		softib_sa_destroy(softib_subnets[i].sa);
		xa_destroy(&softib_subnets[i].lids);
	}
}
