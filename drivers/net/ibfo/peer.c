// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - ibfo peers' ports.
 *
 * In multipath mode every ARP frame the master sends carries, after the
 * ARP payload, a trailer (struct ibfo_disc, uapi header) listing the
 * addresses of its usable slaves.  Plain peers ignore it (arp_rcv() only
 * needs the payload).  An ibfo master in multipath mode that receives one
 * remembers, for the sender's IPv4 address, the ports it listed; IPv4
 * flows to that next hop then spread over every (our slave, its port)
 * pair in the same IB subnet (GID prefix), and a change on either side
 * moves only the flows of the pairs that broke.  The sender lists its
 * ports again with each peer notification round after a change of its
 * slaves, so a remote port failure reaches us without waiting for ARP.
 *
 * An ARP frame without the trailer from a known peer (no longer ibfo in
 * multipath mode) drops its record.  A broadcast one that changes a
 * peer's record is answered with our ports, unicast: the peer may have
 * missed our own announcements while its ports were failing.
 *
 * IPv6 flows are striped too when the peer is dual-stack: the discovery
 * rides on ARP, so the record is found by its port addresses instead,
 * one of which the peer's IPv6 neighbour entry names (the master's
 * address is one of its slaves', as is the one receive balancing gives).
 *
 * The trailer is not authenticated: any host of the P_Key can send one,
 * for any IP address.  So discovery is off unless the peer_discovery
 * option is set, and a trailer is only used when every field is
 * plausible for our fabric (ibfo_peer_disc()); anything else changes
 * nothing and is counted in &ibfo.peers_rejected.
 *
 * A record is replaced, never changed, under &ibfo.lock with the flow
 * generation bumped, and freed after an RCU grace period: cached flows
 * point into it only while their generation is current (and, see
 * ibfo_flow_lookup(), while it has not expired).  Records not refreshed
 * within the TTL are ignored at once, and freed by a periodic sweep
 * (ibfo_peer_gc()) or when a new peer needs their slot.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/skbuff.h>

#include <net/arp.h>

#include "ibfo.h"

#define IBFO_ARP_LEN		(sizeof(struct arphdr) + \
				 2 * (INFINIBAND_ALEN + sizeof(__be32)))

/* IPoIB address flags (byte 0): connected and unreliable connected mode. */
#define IBFO_ADDR_FLAGS		0xc0
/* QPNs that are no IPoIB UD QP: none, the GSI QP, the multicast QPN. */
#define IBFO_QPN_GSI		1
#define IBFO_QPN_MCAST		0xffffff

/* Seconds a record lives without a refresh: debugfs "peer_ttl" (tests). */
u32 ibfo_peer_ttl_s = IBFO_PEER_TTL_S;

static bool ibfo_peer_expired(const struct ibfo_peer *peer)
{
	return !ibfo_peer_fresh(READ_ONCE(peer->updated));
}

/* Bucket of @ip.  The seed is random: a sender of many addresses cannot
 * choose them to fill one chain.
 */
static struct hlist_head *ibfo_peer_bucket(struct ibfo *ibfo, __be32 ip)
{
	return &ibfo->peers[jhash_1word((__force u32)ip, ibfo->peer_seed) %
			    IBFO_PEER_BUCKETS];
}

/* The key of a port address in &ibfo.peer_ports: its QPN and GID, not
 * the flags byte, which a connected-mode neighbour entry sets.
 */
static u32 ibfo_peer_port_key(const struct ibfo *ibfo, const u8 *addr)
{
	return jhash(addr + 1, INFINIBAND_ALEN - 1, ibfo->peer_seed);
}

static struct hlist_head *ibfo_peer_port_bucket(struct ibfo *ibfo, u32 key)
{
	return &ibfo->peer_ports[key % IBFO_PEER_BUCKETS];
}

/* Index @peer's ports by address, or remove them from the index. */
static void ibfo_peer_link_ports(struct ibfo *ibfo, struct ibfo_peer *peer)
{
	unsigned int i;

	lockdep_assert_held(&ibfo->lock);
	for (i = 0; i < peer->count; i++)
		hlist_add_head_rcu(&peer->port[i].node,
				   ibfo_peer_port_bucket(ibfo,
							 peer->port[i].key));
}

static void ibfo_peer_unlink_ports(struct ibfo *ibfo, struct ibfo_peer *peer)
{
	unsigned int i;

	lockdep_assert_held(&ibfo->lock);
	for (i = 0; i < peer->count; i++)
		hlist_del_rcu(&peer->port[i].node);
}

/**
 * ibfo_peer_find - the ports an ibfo peer announced
 * @ibfo: the master
 * @ip: the peer's IPv4 address (a next hop)
 *
 * Context: RCU (BH), or under &ibfo.lock.
 * Return: the peer's record, or NULL if none is known or it expired.
 */
struct ibfo_peer *ibfo_peer_find(struct ibfo *ibfo, __be32 ip)
{
	struct ibfo_peer *peer;

	hlist_for_each_entry_rcu(peer, ibfo_peer_bucket(ibfo, ip), node,
				 lockdep_is_held(&ibfo->lock))
		if (peer->ip == ip)
			return ibfo_peer_expired(peer) ? NULL : peer;
	return NULL;
}

/**
 * ibfo_peer_find_port - the ibfo peer that has a port of a given address
 * @ibfo: the master
 * @addr: an IPoIB address, the one an IPv6 neighbour entry names
 *
 * Context: RCU (BH).
 * Return: the peer's record, or NULL if none lists @addr or it expired.
 */
struct ibfo_peer *ibfo_peer_find_port(struct ibfo *ibfo, const u8 *addr)
{
	u32 key = ibfo_peer_port_key(ibfo, addr);
	const struct ibfo_peer_port *port;
	struct ibfo_peer *peer;

	hlist_for_each_entry_rcu(port, ibfo_peer_port_bucket(ibfo, key), node) {
		peer = port->peer;
		if (port->key != key ||
		    memcmp(peer->addr[port - peer->port] + 1, addr + 1,
			   INFINIBAND_ALEN - 1))
			continue;
		return ibfo_peer_expired(peer) ? NULL : peer;
	}
	return NULL;
}

/* Same ports as @peer? */
static bool ibfo_peer_same(const struct ibfo_peer *peer,
			   const struct ibfo_disc *disc)
{
	return peer->count == disc->count &&
	       !memcmp(peer->addr, disc->addr, disc->count * INFINIBAND_ALEN);
}

static struct ibfo_peer *ibfo_peer_new(struct ibfo *ibfo, __be32 ip,
				       const struct ibfo_disc *disc)
{
	struct ibfo_peer *peer;
	unsigned int i;

	peer = kzalloc(sizeof(*peer), GFP_ATOMIC);
	if (!peer)
		return NULL;
	peer->ip = ip;
	peer->updated = jiffies;
	peer->count = disc->count;
	memcpy(peer->addr, disc->addr, disc->count * INFINIBAND_ALEN);
	for (i = 0; i < peer->count; i++) {
		peer->addr_hash[i] = jhash(peer->addr[i], INFINIBAND_ALEN, 0);
		peer->port[i].peer = peer;
		peer->port[i].key = ibfo_peer_port_key(ibfo, peer->addr[i]);
	}
	return peer;
}

/* The record of @ip, expired or not. */
static struct ibfo_peer *ibfo_peer_get(struct ibfo *ibfo, __be32 ip)
{
	struct ibfo_peer *peer;

	hlist_for_each_entry_rcu(peer, ibfo_peer_bucket(ibfo, ip), node,
				 lockdep_is_held(&ibfo->lock))
		if (peer->ip == ip)
			return peer;
	return NULL;
}

/* Take @peer out of the tables and free it once no reader can hold it.
 * The generation is bumped after the record left the lists and before
 * its grace period starts: a transmitter that sees the new generation
 * can no longer find it, and one that still uses it from its flow cache
 * (the old generation) is inside a read-side section that started
 * before kfree_rcu(), which the grace period waits for.  Freeing first
 * would leave a window, between kfree_rcu() and the bump, where a reader
 * that began after the grace period started still trusts its cached
 * pointer into the record.
 */
static void ibfo_peer_drop(struct ibfo *ibfo, struct ibfo_peer *peer)
{
	lockdep_assert_held(&ibfo->lock);
	hlist_del_rcu(&peer->node);
	ibfo_peer_unlink_ports(ibfo, peer);
	ibfo->npeers--;
	ibfo_flows_invalidate(ibfo);
	kfree_rcu(peer, rcu);
}

/* @ip sent ARP without the trailer: it is no (longer an) ibfo peer. */
static void ibfo_peer_forget(struct ibfo *ibfo, __be32 ip)
{
	struct ibfo_peer *peer;

	/* Most ARP comes from plain peers: no lock unless there is a record. */
	if (!ibfo_peer_get(ibfo, ip))
		return;
	spin_lock(&ibfo->lock);
	peer = ibfo_peer_get(ibfo, ip);
	if (peer)
		ibfo_peer_drop(ibfo, peer);
	spin_unlock(&ibfo->lock);
}

/* A slot for a new record at the limit: an expired record of @ip's bucket
 * is freed.  False if there is none (the new peer is not learned).
 */
static bool ibfo_peer_evict(struct ibfo *ibfo, __be32 ip)
{
	struct ibfo_peer *peer;

	lockdep_assert_held(&ibfo->lock);
	hlist_for_each_entry(peer, ibfo_peer_bucket(ibfo, ip), node) {
		if (ibfo_peer_expired(peer)) {
			ibfo_peer_drop(ibfo, peer);
			return true;
		}
	}
	return false;
}

/* Remember (or refresh) that @ip is an ibfo peer with @disc's ports.
 * Returns true if its ports changed (or it is new).
 */
static bool ibfo_peer_learn(struct ibfo *ibfo, __be32 ip,
			    const struct ibfo_disc *disc)
{
	struct ibfo_peer *old, *peer;

	old = ibfo_peer_find(ibfo, ip);
	if (old && ibfo_peer_same(old, disc)) {
		WRITE_ONCE(old->updated, jiffies);
		return false;
	}
	peer = ibfo_peer_new(ibfo, ip, disc);
	if (!peer)
		return false;

	spin_lock(&ibfo->lock);
	/* Switched off meanwhile (ibfo_peers_flush() ran, or will). */
	if (!ibfo->params.peer_discovery)
		goto refuse;
	old = ibfo_peer_get(ibfo, ip);
	if (old) {
		hlist_replace_rcu(&old->node, &peer->node);
		ibfo_peer_unlink_ports(ibfo, old);
	} else if (ibfo->npeers < IBFO_PEERS_MAX ||
		   ibfo_peer_evict(ibfo, ip)) {
		hlist_add_head_rcu(&peer->node, ibfo_peer_bucket(ibfo, ip));
		ibfo->npeers++;
	} else {
		goto refuse;
	}
	ibfo_peer_link_ports(ibfo, peer);
	/* The peer's flows move to the new ports; and, as in
	 * ibfo_peer_drop(), the old record is freed only after the bump.
	 */
	ibfo_flows_invalidate(ibfo);
	if (old)
		kfree_rcu(old, rcu);
	/* Does nothing while the sweep is pending. */
	queue_delayed_work(ibfo_wq, &ibfo->peer_gc, ibfo_peer_ttl());
	spin_unlock(&ibfo->lock);
	return true;

refuse:
	spin_unlock(&ibfo->lock);
	kfree(peer);
	return false;
}

/* Free the records that expired, bucket by bucket, and come back while
 * any record is left.
 */
static void ibfo_peer_gc(struct work_struct *work)
{
	struct ibfo *ibfo = container_of(to_delayed_work(work), struct ibfo,
					 peer_gc);
	struct ibfo_peer *peer;
	struct hlist_node *tmp;
	unsigned int b;
	bool left;

	for (b = 0; b < IBFO_PEER_BUCKETS; b++) {
		spin_lock_bh(&ibfo->lock);
		hlist_for_each_entry_safe(peer, tmp, &ibfo->peers[b], node)
			if (ibfo_peer_expired(peer))
				ibfo_peer_drop(ibfo, peer);
		spin_unlock_bh(&ibfo->lock);
	}
	spin_lock_bh(&ibfo->lock);
	left = ibfo->npeers;
	spin_unlock_bh(&ibfo->lock);
	/* A record that expires now is freed within half a TTL. */
	if (left)
		queue_delayed_work(ibfo_wq, &ibfo->peer_gc,
				   max(ibfo_peer_ttl() / 2, (unsigned long)HZ));
}

/**
 * ibfo_peers_flush - forget every ibfo peer of a master
 * @ibfo: the master, whose peer_discovery was just switched off
 *
 * Context: process, RTNL; takes &ibfo.lock.
 */
void ibfo_peers_flush(struct ibfo *ibfo)
{
	struct ibfo_peer *peer;
	struct hlist_node *tmp;
	unsigned int b;

	for (b = 0; b < IBFO_PEER_BUCKETS; b++) {
		spin_lock_bh(&ibfo->lock);
		hlist_for_each_entry_safe(peer, tmp, &ibfo->peers[b], node)
			ibfo_peer_drop(ibfo, peer);
		spin_unlock_bh(&ibfo->lock);
	}
}

/* A peer announced new ports to everyone: it may have missed our own
 * announcements while its ports were failing.  Tell it ours, unicast: a
 * gratuitous ARP naming the slave ibfo_rlb_pick() gives it (with
 * rx_balance its own), which the transmit path gives our trailer.  Never
 * in answer to a unicast one, so two ibfo hosts do not answer each other
 * in a loop.
 */
static void ibfo_peer_answer(struct ibfo *ibfo, __be32 ip, const u8 *ha)
{
	const u8 *own = ibfo->dev->dev_addr;
	struct ibfo_slave *slave;
	struct sk_buff *skb;
	__be32 ours;

	ours = inet_select_addr(ibfo->dev, ip, RT_SCOPE_LINK);
	if (!ours)
		return;
	slave = ibfo_rlb_pick(ibfo, ibfo_rlb_pair(&ours, &ip, sizeof(ours)),
			      own, ha);
	if (slave)
		own = slave->dev->dev_addr;
	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, ours, ibfo->dev, ours, ha,
			 own, NULL);
	if (skb)
		arp_xmit(skb);
}

/* Is @addr a GID prefix of one of our slaves (a subnet we are on)? */
static bool ibfo_peer_our_subnet(struct ibfo *ibfo, const u8 *addr)
{
	struct ibfo_slave *slave;

	list_for_each_entry_rcu(slave, &ibfo->slaves, list)
		if (ibfo_same_subnet(slave->dev->dev_addr, addr))
			return true;
	return false;
}

/* Why the listed port @addr cannot be an IPoIB port, or NULL. */
static const char *ibfo_peer_bad_port(const u8 *addr)
{
	static const u8 zero_guid[8];
	u32 qpn = (addr[1] << 16) | (addr[2] << 8) | addr[3];

	if (addr[0] & ~IBFO_ADDR_FLAGS)
		return "unknown address flags";
	if (!qpn || qpn == IBFO_QPN_GSI || qpn == IBFO_QPN_MCAST)
		return "no UD QPN";
	if (addr[4] == 0xff)
		return "multicast GID";
	if (!memcmp(addr + 12, zero_guid, sizeof(zero_guid)))
		return "zero port GUID";
	return NULL;
}

/* Same port, whatever the flags byte (a connected-mode capable one)? */
static bool ibfo_peer_same_port(const u8 *a, const u8 *b)
{
	return !memcmp(a + 1, b + 1, INFINIBAND_ALEN - 1);
}

/* Why @disc, sent by @sha, is not to be believed, or NULL; if it is,
 * @use gets its ports on our subnets (the others no slave of ours can
 * reach: a peer with more rails than us).  @len: the bytes from @disc to
 * the end of the frame.
 */
static const char *ibfo_peer_bad_disc(struct ibfo *ibfo,
				      const struct ibfo_disc *disc,
				      unsigned int len, const u8 *sha,
				      struct ibfo_disc *use)
{
	bool sender = false;
	const char *why;
	unsigned int i, j;

	if (disc->version != IBFO_DISC_VERSION)
		return "unknown version";
	if (disc->reserved)
		return "reserved field set";
	if (!disc->count || disc->count > IBFO_DISC_MAX_PORTS)
		return "port count out of range";
	if (len != struct_size(disc, addr, disc->count))
		return "port count does not match the frame";
	use->count = 0;
	for (i = 0; i < disc->count; i++) {
		why = ibfo_peer_bad_port(disc->addr[i]);
		if (why)
			return why;
		for (j = 0; j < i; j++)
			if (ibfo_peer_same_port(disc->addr[i], disc->addr[j]))
				return "port listed twice";
		if (ibfo_peer_same_port(disc->addr[i], sha))
			sender = true;
		if (ibfo_peer_our_subnet(ibfo, disc->addr[i]))
			memcpy(use->addr[use->count++], disc->addr[i],
			       INFINIBAND_ALEN);
	}
	/* Its ARP frame names one of its usable ports: the master's address
	 * or the slave receive balancing gives.
	 */
	if (!sender)
		return "sender address not listed";
	if (!use->count)
		return "no port on our subnets (GID prefixes)";
	return NULL;
}

/* The trailer after the ARP payload in @skb, with only its ports on our
 * subnets, in @use: NULL if there is none, an ERR_PTR if there is one
 * that is not to be used.
 */
static const struct ibfo_disc *ibfo_peer_disc(struct ibfo *ibfo,
					      struct sk_buff *skb, __be32 sip,
					      struct ibfo_disc *use)
{
	const struct ibfo_disc *disc;
	unsigned int len;
	const char *why;

	if (!pskb_may_pull(skb, IBFO_ARP_LEN + sizeof(*disc)))
		return NULL;
	disc = (const struct ibfo_disc *)(skb->data + IBFO_ARP_LEN);
	if (disc->magic != htonl(IBFO_DISC_MAGIC))
		return NULL;
	/* The whole frame is at most a header and eight ports. */
	len = skb->len - IBFO_ARP_LEN;
	if (len > struct_size(disc, addr, IBFO_DISC_MAX_PORTS)) {
		why = "frame longer than any trailer";
		goto bad;
	}
	if (!pskb_may_pull(skb, skb->len)) {
		why = "unreadable";
		goto bad;
	}
	/* pskb_may_pull() may have moved the data. */
	disc = (const struct ibfo_disc *)(skb->data + IBFO_ARP_LEN);
	why = ibfo_peer_bad_disc(ibfo, disc, len,
				 skb->data + sizeof(struct arphdr), use);
	if (!why)
		return use;
bad:
	atomic_inc(&ibfo->peers_rejected);
	net_info_ratelimited("%s: ignoring the ibfo trailer from %pI4: %s\n",
			     ibfo->dev->name, &sip, why);
	return ERR_PTR(-EINVAL);
}

/**
 * ibfo_peer_rx_arp - learn an ibfo peer's ports from an ARP frame
 * @ibfo: the master, in multipath mode
 * @skb: an ARP frame that reached the master, ARP header first
 *
 * Without peer_discovery, does nothing.  A trailer that is not to be
 * believed changes nothing, not even the record it would replace.
 *
 * Context: a slave's receive path, RCU, BH disabled.
 */
void ibfo_peer_rx_arp(struct ibfo *ibfo, struct sk_buff *skb)
{
	u8 buf[sizeof(struct ibfo_disc) +
	       IBFO_DISC_MAX_PORTS * INFINIBAND_ALEN] __aligned(4);
	const struct ibfo_disc *disc;
	const struct arphdr *arp;
	__be32 sip;

	if (!READ_ONCE(ibfo->params.peer_discovery) ||
	    !pskb_may_pull(skb, IBFO_ARP_LEN))
		return;
	arp = (const struct arphdr *)skb->data;
	if (!ibfo_arp_is_ipoib(arp))
		return;
	memcpy(&sip, (const u8 *)(arp + 1) + INFINIBAND_ALEN, sizeof(sip));
	if (ipv4_is_zeronet(sip) || ipv4_is_multicast(sip) ||
	    ipv4_is_lbcast(sip))
		return;
	disc = ibfo_peer_disc(ibfo, skb, sip, (struct ibfo_disc *)buf);
	if (IS_ERR(disc))
		return;
	/* The data may have moved. */
	arp = (const struct arphdr *)skb->data;
	if (!disc)
		ibfo_peer_forget(ibfo, sip);
	else if (ibfo_peer_learn(ibfo, sip, disc) &&
		 skb->pkt_type != PACKET_HOST)
		ibfo_peer_answer(ibfo, sip, (const u8 *)(arp + 1));
}

/**
 * ibfo_peer_tx_arp - list our usable ports after an outgoing ARP payload
 * @ibfo: the master, in multipath mode
 * @skb: an ARP frame on its way out, IPoIB hard header first
 *
 * Without peer_discovery, the frame is left as it is.
 *
 * Context: transmit path, RCU (BH).
 */
void ibfo_peer_tx_arp(struct ibfo *ibfo, struct sk_buff *skb)
{
	struct ibfo_disc *disc;
	struct ibfo_slave *slave;
	unsigned int len, count = 0;

	/* Only a bare ARP frame, as the stack builds it. */
	if (!READ_ONCE(ibfo->params.peer_discovery) ||
	    skb->len != IBFO_HARD_LEN + IBFO_ARP_LEN || skb_linearize(skb))
		return;
	len = sizeof(*disc) + IBFO_DISC_MAX_PORTS * INFINIBAND_ALEN;
	if (skb_tailroom(skb) < len &&
	    pskb_expand_head(skb, 0, len - skb_tailroom(skb), GFP_ATOMIC))
		return;
	if (skb_ensure_writable(skb, skb->len))
		return;
	disc = skb_put(skb, sizeof(*disc));
	disc->magic = htonl(IBFO_DISC_MAGIC);
	disc->version = IBFO_DISC_VERSION;
	disc->reserved = 0;
	list_for_each_entry_rcu(slave, &ibfo->slaves, list,
				rcu_read_lock_bh_held()) {
		if (!ibfo_slave_may_carry(slave) || count == IBFO_DISC_MAX_PORTS)
			continue;
		skb_put_data(skb, slave->dev->dev_addr, INFINIBAND_ALEN);
		count++;
	}
	/* No usable port to list: a plain ARP frame (receivers refuse an
	 * empty list).
	 */
	if (!count)
		__skb_trim(skb, skb->len - sizeof(*disc));
	else
		disc->count = count;
}

/**
 * ibfo_peer_choose - the (slave, peer port) pair for a flow to a peer
 * @ibfo: the master
 * @peer: the peer's record
 * @hash: the flow hash
 * @port: gets the index of the peer's port in @peer
 *
 * Rendezvous hashing over the pairs whose ports share a GID prefix (an
 * IB subnet): a pair keeps its flows while both ends are usable.  With
 * rails, only same-rail pairs are candidates, so a failed rail's flows
 * move to the pairs of the others.
 *
 * Context: RCU (BH).
 * Return: our slave, or NULL if no usable pair exists.
 */
struct ibfo_slave *ibfo_peer_choose(struct ibfo *ibfo,
				    const struct ibfo_peer *peer, u32 hash,
				    unsigned int *port)
{
	struct ibfo_slave *slave, *best = NULL;
	u32 weight, best_weight = 0;
	unsigned int i;

	list_for_each_entry_rcu(slave, &ibfo->slaves, list,
				rcu_read_lock_bh_held()) {
		if (!ibfo_slave_may_carry(slave))
			continue;
		for (i = 0; i < peer->count; i++) {
			if (!ibfo_same_subnet(slave->dev->dev_addr,
					      peer->addr[i]))
				continue;
			weight = jhash_3words(hash, slave->salt,
					      peer->addr_hash[i], 0);
			if (!best || weight > best_weight) {
				best = slave;
				best_weight = weight;
				*port = i;
			}
		}
	}
	return best;
}

/**
 * ibfo_peers_init - set up a master's ibfo peer table
 * @ibfo: the master, being set up
 */
void ibfo_peers_init(struct ibfo *ibfo)
{
	INIT_DELAYED_WORK(&ibfo->peer_gc, ibfo_peer_gc);
	ibfo->peer_seed = get_random_u32();
}

/**
 * ibfo_peers_free - forget every ibfo peer of a master
 * @ibfo: the master, unregistered and without slaves: no reader is
 *	left, and nothing learns a peer or queues the sweep again
 */
void ibfo_peers_free(struct ibfo *ibfo)
{
	struct ibfo_peer *peer;
	struct hlist_node *tmp;
	unsigned int i;

	cancel_delayed_work_sync(&ibfo->peer_gc);
	for (i = 0; i < IBFO_PEER_BUCKETS; i++)
		hlist_for_each_entry_safe(peer, tmp, &ibfo->peers[i], node) {
			hlist_del(&peer->node);
			kfree(peer);
		}
	ibfo->npeers = 0;
}
