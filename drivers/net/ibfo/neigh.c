// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - the master's neighbours.
 *
 * Peer notification (notify.c, rlb.c, rlb_nd.c) and standby probes
 * (standby.c) send something to every neighbour of the master.  Nothing
 * may be sent under a neighbour table's lock, so ibfo_neigh_snapshot()
 * copies them out first.  Outgoing ARP frames built by the stack name the
 * master's own address; ibfo_arp_own() finds it for those that put a
 * slave's address in its place (ibfo_nd_find_own() in rlb_nd.c does the
 * same for neighbour discovery).
 */

#include <linux/if_arp.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <net/neighbour.h>

#include "ibfo.h"

struct ibfo_neigh_walk {
	const struct neigh_table *tbl;
	struct net_device *dev;
	struct ibfo_neigh *neighs;
	unsigned int count;
};

/* Under the table's lock: only copy. */
static void ibfo_neigh_copy(struct neighbour *n, void *cookie)
{
	struct ibfo_neigh_walk *walk = cookie;
	struct ibfo_neigh *neigh;

	if (n->dev != walk->dev || !(READ_ONCE(n->nud_state) & NUD_VALID) ||
	    walk->count == IBFO_NEIGH_MAX)
		return;
	neigh = &walk->neighs[walk->count++];
	memcpy(&neigh->ip6, n->primary_key, walk->tbl->key_len);
	neigh_ha_snapshot(neigh->ha, n, walk->dev);
}

/**
 * ibfo_neigh_snapshot - copy the valid neighbours of a master
 * @tbl: &arp_tbl or &nd_tbl
 * @dev: the master
 * @count: gets the number of neighbours copied, at most IBFO_NEIGH_MAX
 *
 * Context: process; takes the table's lock.
 * Return: the neighbours, to be freed with kvfree(), or NULL without
 * memory.
 */
struct ibfo_neigh *ibfo_neigh_snapshot(struct neigh_table *tbl,
				       struct net_device *dev,
				       unsigned int *count)
{
	struct ibfo_neigh_walk walk = { .tbl = tbl, .dev = dev };

	*count = 0;
	walk.neighs = kvmalloc_array(IBFO_NEIGH_MAX, sizeof(*walk.neighs),
				     GFP_KERNEL);
	if (!walk.neighs)
		return NULL;
	neigh_for_each(tbl, ibfo_neigh_copy, &walk);
	*count = walk.count;
	return walk.neighs;
}

/**
 * ibfo_arp_own - the payload of an outgoing ARP frame naming the master
 * @ibfo: the master
 * @skb: an ARP frame on its way out, IPoIB hard header first
 *
 * Context: transmit path.
 * Return: the payload, writable, if @skb is an IPoIB ARP frame whose
 * sender hardware address is the master's; otherwise NULL.
 */
struct ibfo_arp *ibfo_arp_own(struct ibfo *ibfo, struct sk_buff *skb)
{
	unsigned int off = IBFO_HARD_LEN + sizeof(struct arphdr);
	const struct ibfo_arp *payload;
	const struct arphdr *arp;

	if (!pskb_may_pull(skb, off + sizeof(*payload)))
		return NULL;
	arp = (const struct arphdr *)(skb->data + IBFO_HARD_LEN);
	payload = (const struct ibfo_arp *)(skb->data + off);
	if (!ibfo_arp_is_ipoib(arp) ||
	    memcmp(payload->sha, ibfo->dev->dev_addr, INFINIBAND_ALEN) ||
	    skb_ensure_writable(skb, off + sizeof(*payload)))
		return NULL;
	/* skb_ensure_writable() may have moved the data. */
	return (struct ibfo_arp *)(skb->data + off);
}
