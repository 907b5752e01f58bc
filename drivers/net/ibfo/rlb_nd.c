// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - IPv6 receive balancing.
 *
 * The IPv6 side of rlb.c.  A plain IPoIB neighbour sends to the link-layer
 * address its neighbour entry for our IPv6 address holds, which comes
 * from our neighbour discovery messages.  With rx_balance on, each (our
 * IPv6 address, neighbour IPv6 address) pair gets a slave, by the same
 * rendezvous hashing as transmit flows, and the neighbour is told that
 * slave's address:
 *
 * - in the target link-layer address option of every unicast neighbour
 *   advertisement (the answer to the neighbour's solicitation) and in the
 *   source link-layer address option of every unicast solicitation (a
 *   neighbour probe): both override the neighbour's entry (RFC 4861 7.2.3,
 *   7.2.5; Linux's ndisc_recv_ns() and ndisc_recv_na());
 * - after every change of the usable slaves, with each peer
 *   notification round: a unicast solicitation from each of our
 *   addresses on the neighbour's prefix to every neighbour in the master's
 *   neighbour table.  A solicitation rather than an unsolicited
 *   advertisement: the kernel exports the means to build the former
 *   (ndisc_ns_create(), as bonding uses), and the neighbour takes the source
 *   address option of a unicast solicitation whatever the state of its
 *   entry.  The neighbour answers it; the answer is ordinary traffic.
 *
 * Multicast solicitations and the unsolicited advertisements of the
 * broadcast peer notification keep the master's address: every host
 * hears them.  Without rx_balance a unicast message to a neighbour on another
 * rail than the master's address names a slave on the neighbour's rail.
 */

#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "ibfo.h"

#if IS_ENABLED(CONFIG_IPV6)

/* Our addresses per neighbour in one announcement round. */
#define IBFO_RLB_ND_MAX_ADDRS	64

/* The link-layer address option of a neighbour discovery message of type
 * @type naming the master's address, NULL if it has none.
 */
static u8 *ibfo_nd_own_lladdr(struct ibfo *ibfo, struct nd_msg *msg,
			      unsigned int len)
{
	u8 want = msg->icmph.icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT ?
		  ND_OPT_TARGET_LL_ADDR : ND_OPT_SOURCE_LL_ADDR;
	unsigned int pos = sizeof(*msg), optlen;
	struct nd_opt_hdr *opt;
	u8 *lladdr;

	while (pos + sizeof(*opt) <= len) {
		opt = (struct nd_opt_hdr *)((u8 *)msg + pos);
		optlen = opt->nd_opt_len << 3;
		if (!optlen || pos + optlen > len)
			return NULL;
		if (opt->nd_opt_type == want) {
			lladdr = ndisc_opt_addr_data(opt, ibfo->dev);
			if (!lladdr || memcmp(lladdr, ibfo->dev->dev_addr,
					      INFINIBAND_ALEN))
				return NULL;
			return lladdr;
		}
		pos += optlen;
	}
	return NULL;
}

/* An outgoing neighbour solicitation or advertisement naming the
 * master's address, made writable.
 */
struct ibfo_nd_own {
	const struct ipv6hdr *ip6;
	struct nd_msg *msg;
	unsigned int len;
	u8 *lladdr;
};

static bool ibfo_nd_find_own(struct ibfo *ibfo, struct sk_buff *skb,
			     struct ibfo_nd_own *own)
{
	unsigned int off = IBFO_HARD_LEN + sizeof(struct ipv6hdr);
	const struct ipv6hdr *ip6;
	struct ipv6hdr ip6_buf;
	u8 type;
	const u8 *tp;

	/* Every IPv6 packet that may be ND passes here: look before any
	 * pull or copy.  ND messages carry no extension headers and hop
	 * limit 255.
	 */
	ip6 = skb_header_pointer(skb, IBFO_HARD_LEN, sizeof(ip6_buf), &ip6_buf);
	if (!ip6 || ip6->nexthdr != IPPROTO_ICMPV6 || ip6->hop_limit != 255 ||
	    skb->ip_summed == CHECKSUM_PARTIAL)
		return false;
	tp = skb_header_pointer(skb, off, sizeof(type), &type);
	if (!tp || (*tp != NDISC_NEIGHBOUR_ADVERTISEMENT &&
		    *tp != NDISC_NEIGHBOUR_SOLICITATION))
		return false;
	own->len = ntohs(ip6->payload_len);
	if (own->len < sizeof(*own->msg) || off + own->len > skb->len ||
	    skb_ensure_writable(skb, off + own->len))
		return false;
	/* skb_ensure_writable() may have moved the data. */
	own->ip6 = (const struct ipv6hdr *)(skb->data + IBFO_HARD_LEN);
	own->msg = (struct nd_msg *)(skb->data + off);
	own->lladdr = ibfo_nd_own_lladdr(ibfo, own->msg, own->len);
	return own->lladdr;
}

/* Name @addr instead; the ICMPv6 checksum, complete in an ND message
 * (ndisc_send_skb()), is redone.
 */
static void ibfo_nd_set_lladdr(struct ibfo_nd_own *own, const u8 *addr)
{
	struct nd_msg *msg = own->msg;

	memcpy(own->lladdr, addr, INFINIBAND_ALEN);
	msg->icmph.icmp6_cksum = 0;
	msg->icmph.icmp6_cksum = csum_ipv6_magic(&own->ip6->saddr,
						 &own->ip6->daddr, own->len,
						 IPPROTO_ICMPV6,
						 csum_partial(msg, own->len, 0));
}

/**
 * ibfo_nd_set_own_lladdr - name another address as ours in outgoing ND
 * @ibfo: the master
 * @skb: an IPv6 frame on its way out, IPoIB hard header first
 * @addr: the address to name instead of the master's
 *
 * A neighbour solicitation or advertisement whose link-layer address
 * option names the master's address names @addr instead; anything else
 * is left alone after a look at the IPv6 header.
 *
 * Context: transmit path, RCU (BH).
 */
void ibfo_nd_set_own_lladdr(struct ibfo *ibfo, struct sk_buff *skb,
			    const u8 *addr)
{
	struct ibfo_nd_own own;

	if (ibfo_nd_find_own(ibfo, skb, &own))
		ibfo_nd_set_lladdr(&own, addr);
}

/**
 * ibfo_rlb_nd_xmit - name the neighbour's slave in outgoing unicast ND
 * @ibfo: the master, in multipath mode
 * @skb: an IPv6 unicast frame on its way out, IPoIB hard header first
 *
 * A neighbour advertisement or solicitation sent unicast names the
 * master's address as ours: name the slave ibfo_rlb_pick() gives for the
 * (source, destination) address pair instead.
 *
 * Context: transmit path, RCU (BH).
 */
void ibfo_rlb_nd_xmit(struct ibfo *ibfo, struct sk_buff *skb)
{
	struct ibfo_slave *slave;
	struct ibfo_nd_own own;

	if (!ibfo_nd_find_own(ibfo, skb, &own))
		return;
	/* skb->data: the pseudo header, the port the frame goes to. */
	slave = ibfo_rlb_pick(ibfo, ibfo_rlb_pair(&own.ip6->saddr,
						  &own.ip6->daddr,
						  sizeof(struct in6_addr)),
			      own.lladdr, skb->data);
	if (slave)
		ibfo_nd_set_lladdr(&own, slave->dev->dev_addr);
}

/* Whether our @ours is an address a neighbour at @neigh talks to: the same
 * prefix, or both link-local.
 */
static bool ibfo_rlb_nd_match(const struct ibfo_addr6 *ours,
			      const struct in6_addr *neigh)
{
	if (ipv6_addr_type(neigh) & IPV6_ADDR_LINKLOCAL)
		return ipv6_addr_type(&ours->addr) & IPV6_ADDR_LINKLOCAL;
	return ipv6_prefix_equal(&ours->addr, neigh, ours->prefix_len);
}

/**
 * ibfo_rlb_nd_announce - tell every known IPv6 neighbour which slave to use
 * @ibfo: the master, in multipath mode with rx_balance on
 *
 * A unicast solicitation of each neighbour from each of our addresses it
 * talks to; ibfo_rlb_nd_xmit() puts the pair's slave in it.
 *
 * Context: process.
 */
void ibfo_rlb_nd_announce(struct ibfo *ibfo)
{
	unsigned int i, j, n, nneighs;
	struct ibfo_neigh *neighs;
	struct ibfo_addr6 *addrs;
	struct inet6_dev *idev;
	struct sk_buff *skb;

	idev = in6_dev_get(ibfo->dev);
	if (!idev)
		return;
	addrs = kmalloc_array(IBFO_RLB_ND_MAX_ADDRS, sizeof(*addrs),
			      GFP_KERNEL);
	if (!addrs)
		goto put_idev;
	neighs = ibfo_neigh_snapshot(&nd_tbl, ibfo->dev, &nneighs);
	if (!neighs)
		goto free_addrs;
	n = ibfo_notify_addrs6(idev, addrs, IBFO_RLB_ND_MAX_ADDRS);
	for (i = 0; i < nneighs; i++) {
		for (j = 0; j < n; j++) {
			if (!ibfo_rlb_nd_match(&addrs[j], &neighs[i].ip6))
				continue;
			skb = ndisc_ns_create(ibfo->dev, &neighs[i].ip6,
					      &addrs[j].addr, 0);
			if (skb)
				ndisc_send_skb(skb, &neighs[i].ip6,
					       &addrs[j].addr);
		}
	}
	kvfree(neighs);
free_addrs:
	kfree(addrs);
put_idev:
	in6_dev_put(idev);
}

#endif /* CONFIG_IPV6 */
