// SPDX-License-Identifier: GPL-2.0
/*
 * softib embedded subnet administrator.
 *
 * Answers the SA queries the kernel's own ULPs send through ib_sa (ipoib,
 * ib_cm, rdma_cm): MCMemberRecord Set/Delete/Get, PathRecord Get and
 * ClassPortInfo Get.  Every other request gets an error response, so no
 * caller ever waits for a timeout.
 *
 * Multicast state is per subnet: groups keyed by MGID, each with its member
 * ports and their JoinState bits.  ib_sa sends no leave on PORT_ERR or
 * CLIENT_REREGISTER, so the fabric reports those with softib_sa_port_reset().
 *
 * Locking: sa->lock (irqsave, any context) protects the groups, their
 * members and the MLID allocator.  It is the innermost lock: the fabric
 * callbacks (softib_subnet_port_info/_has_pkey) are only called without it,
 * so the fabric may call into the SA with its own locks held.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": sa: " fmt

#include <linux/bitfield.h>
#include <linux/bitmap.h>
#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <rdma/ib_sa.h>

#include "sa.h"

/* SA class-specific MAD status values (status bits 8-14), as OpenSM's. */
#define SOFTIB_SA_ERR_NO_RESOURCES		0x0100
#define SOFTIB_SA_ERR_REQ_INVALID		0x0200
#define SOFTIB_SA_ERR_NO_RECORDS		0x0300
#define SOFTIB_SA_ERR_TOO_MANY_RECORDS		0x0400
#define SOFTIB_SA_ERR_REQ_INVALID_GID		0x0500
#define SOFTIB_SA_ERR_REQ_INSUFFICIENT_COMPONENTS 0x0600

#define SOFTIB_SA_MLID_FIRST	0xc000
#define SOFTIB_SA_MLID_LAST	0xfffe
#define SOFTIB_SA_NUM_MLIDS	(SOFTIB_SA_MLID_LAST - SOFTIB_SA_MLID_FIRST + 1)

#define SOFTIB_SA_SCOPE_LINK_LOCAL 0x2

#define SOFTIB_SA_PKEY_BASE	0x7fff
#define SOFTIB_SA_PKEY_FULL	0x8000

/* What OpenSM gives the default partition's IPoIB broadcast group. */
#define SOFTIB_SA_IPOIB_QKEY	0x00000b1b
#define SOFTIB_SA_DEFAULT_MTU	IB_MTU_2048
#define SOFTIB_SA_DEFAULT_RATE	IB_RATE_10_GBPS
/* OpenSM's default subnet timeout: 4.096 us * 2^18, about 1 s. */
#define SOFTIB_SA_PKT_LIFE	18
#define SOFTIB_SA_RESP_TIME	18
#define SOFTIB_SA_PKT_LIFE_MAX	63
/*
 * A PathRecord's PacketLifeTime bounds a packet's time in this fabric: the
 * ports' added delays plus this much for queueing and TCG scheduling.  It
 * sets the RC ACK timeout that ib_cm gives the QPs of a connection.
 */
#define SOFTIB_SA_PATH_SLACK_US	1000

#define SOFTIB_SA_JOIN_FULL		BIT(FULLMEMBER_JOIN)
#define SOFTIB_SA_JOIN_SENDONLY_FULL	BIT(SENDONLY_FULLMEMBER_JOIN)
/* Only a (send-only) full member may create a group. */
#define SOFTIB_SA_JOIN_CREATORS	(SOFTIB_SA_JOIN_FULL | SOFTIB_SA_JOIN_SENDONLY_FULL)

#define SOFTIB_SA_MCM_JOIN_COMPS (IB_SA_MCMEMBER_REC_MGID |		\
				  IB_SA_MCMEMBER_REC_PORT_GID |		\
				  IB_SA_MCMEMBER_REC_JOIN_STATE)
/* Components a join must carry to create a group (as OpenSM requires). */
#define SOFTIB_SA_MCM_CREATE_COMPS (IB_SA_MCMEMBER_REC_QKEY |		\
				    IB_SA_MCMEMBER_REC_TRAFFIC_CLASS |	\
				    IB_SA_MCMEMBER_REC_PKEY |		\
				    IB_SA_MCMEMBER_REC_FLOW_LABEL |	\
				    IB_SA_MCMEMBER_REC_SL)

/* MCMemberRecord on the wire: mcmember_rec_table in core/sa_query.c. */
struct softib_sa_mcm_wire {
	u8	mgid[16];
	u8	port_gid[16];
	__be32	qkey;
	__be16	mlid;
	u8	mtu;		/* selector:2 mtu:6 */
	u8	traffic_class;
	__be16	pkey;
	u8	rate;		/* selector:2 rate:6 */
	u8	pkt_life;	/* selector:2 packet_life_time:6 */
	__be32	sl_flow_hop;	/* sl:4 flow_label:20 hop_limit:8 */
	u8	scope_state;	/* scope:4 join_state:4 */
	u8	proxy_join;	/* proxy_join:1 reserved:7 */
	u8	reserved[2];
} __packed;

static_assert(sizeof(struct softib_sa_mcm_wire) == 52);

#define SOFTIB_SA_SEL_MASK	GENMASK(7, 6)
#define SOFTIB_SA_VAL_MASK	GENMASK(5, 0)
#define SOFTIB_SA_SL_MASK	GENMASK(31, 28)
#define SOFTIB_SA_FLOW_MASK	GENMASK(27, 8)
#define SOFTIB_SA_HOP_MASK	GENMASK(7, 0)
#define SOFTIB_SA_SCOPE_MASK	GENMASK(7, 4)
#define SOFTIB_SA_JOIN_MASK	GENMASK(3, 0)
#define SOFTIB_SA_PROXY_JOIN	BIT(7)

/* SA header AttributeOffset: record size in 8-byte words, padded. */
#define SOFTIB_SA_ATTR_OFFSET(size)	cpu_to_be16(DIV_ROUND_UP(size, 8))
#define SOFTIB_SA_PATH_REC_SIZE		64

struct softib_sa_member {
	struct list_head	node;		/* in group->members */
	union ib_gid		port_gid;
	u8			join_state;
};

struct softib_sa_group {
	struct hlist_node	node;		/* in sa->groups */
	struct list_head	members;
	/* MGID, MLID and parameters; port_gid, join_state, selectors unused */
	struct ib_sa_mcmember_rec rec;
};

struct softib_sa {
	struct softib_subnet	*sn;
	spinlock_t		lock;	/* groups, members, MLIDs */
	DECLARE_HASHTABLE(groups, 5);
	/*
	 * Next-fit: a freed MLID is handed out again only after all others,
	 * so a port that has not yet detached from a deleted group is unlikely
	 * to receive a new group's traffic.
	 */
	unsigned int		next_mlid;
	DECLARE_BITMAP(mlids, SOFTIB_SA_NUM_MLIDS);
};

/* ---- MCMemberRecord wire format ---- */

static void softib_sa_mcm_unpack(const void *data,
				 struct ib_sa_mcmember_rec *rec)
{
	const struct softib_sa_mcm_wire *w = data;
	u32 sl_flow_hop = be32_to_cpu(w->sl_flow_hop);

	memset(rec, 0, sizeof(*rec));
	memcpy(rec->mgid.raw, w->mgid, sizeof(rec->mgid.raw));
	memcpy(rec->port_gid.raw, w->port_gid, sizeof(rec->port_gid.raw));
	rec->qkey = w->qkey;
	rec->mlid = w->mlid;
	rec->mtu_selector = FIELD_GET(SOFTIB_SA_SEL_MASK, w->mtu);
	rec->mtu = FIELD_GET(SOFTIB_SA_VAL_MASK, w->mtu);
	rec->traffic_class = w->traffic_class;
	rec->pkey = w->pkey;
	rec->rate_selector = FIELD_GET(SOFTIB_SA_SEL_MASK, w->rate);
	rec->rate = FIELD_GET(SOFTIB_SA_VAL_MASK, w->rate);
	rec->packet_life_time_selector = FIELD_GET(SOFTIB_SA_SEL_MASK,
						   w->pkt_life);
	rec->packet_life_time = FIELD_GET(SOFTIB_SA_VAL_MASK, w->pkt_life);
	rec->sl = FIELD_GET(SOFTIB_SA_SL_MASK, sl_flow_hop);
	rec->flow_label = cpu_to_be32(FIELD_GET(SOFTIB_SA_FLOW_MASK,
						sl_flow_hop));
	rec->hop_limit = FIELD_GET(SOFTIB_SA_HOP_MASK, sl_flow_hop);
	rec->scope = FIELD_GET(SOFTIB_SA_SCOPE_MASK, w->scope_state);
	rec->join_state = FIELD_GET(SOFTIB_SA_JOIN_MASK, w->scope_state);
	rec->proxy_join = FIELD_GET(SOFTIB_SA_PROXY_JOIN, w->proxy_join);
}

/* Responses state the group's exact values: every selector is EQ. */
static void softib_sa_mcm_pack(const struct ib_sa_mcmember_rec *rec,
			       void *data)
{
	struct softib_sa_mcm_wire *w = data;

	memset(w, 0, sizeof(*w));
	memcpy(w->mgid, rec->mgid.raw, sizeof(w->mgid));
	memcpy(w->port_gid, rec->port_gid.raw, sizeof(w->port_gid));
	w->qkey = rec->qkey;
	w->mlid = rec->mlid;
	w->mtu = FIELD_PREP(SOFTIB_SA_SEL_MASK, IB_SA_EQ) |
		 FIELD_PREP(SOFTIB_SA_VAL_MASK, rec->mtu);
	w->traffic_class = rec->traffic_class;
	w->pkey = rec->pkey;
	w->rate = FIELD_PREP(SOFTIB_SA_SEL_MASK, IB_SA_EQ) |
		  FIELD_PREP(SOFTIB_SA_VAL_MASK, rec->rate);
	w->pkt_life = FIELD_PREP(SOFTIB_SA_SEL_MASK, IB_SA_EQ) |
		      FIELD_PREP(SOFTIB_SA_VAL_MASK, rec->packet_life_time);
	w->sl_flow_hop = cpu_to_be32(FIELD_PREP(SOFTIB_SA_SL_MASK, rec->sl) |
				     FIELD_PREP(SOFTIB_SA_FLOW_MASK,
						be32_to_cpu(rec->flow_label)) |
				     FIELD_PREP(SOFTIB_SA_HOP_MASK,
						rec->hop_limit));
	w->scope_state = FIELD_PREP(SOFTIB_SA_SCOPE_MASK, rec->scope) |
			 FIELD_PREP(SOFTIB_SA_JOIN_MASK, rec->join_state);
}

/* ---- values, selectors and port capabilities ---- */

static bool softib_sa_pkey_match(u16 a, u16 b)
{
	return !((a ^ b) & SOFTIB_SA_PKEY_BASE);
}

/* A port reporting no (valid) MTU or rate gets the subnet defaults. */
static u8 softib_sa_port_mtu(const struct softib_port_info *port)
{
	if (port->mtu < IB_MTU_256 || port->mtu > IB_MTU_4096)
		return SOFTIB_SA_DEFAULT_MTU;
	return port->mtu;
}

static u8 softib_sa_port_rate(const struct softib_port_info *port)
{
	if (ib_rate_to_mbps(port->rate) <= 0)
		return SOFTIB_SA_DEFAULT_RATE;
	return port->rate;
}

static u8 softib_sa_min_rate(u8 a, u8 b)
{
	return ib_rate_to_mbps(a) <= ib_rate_to_mbps(b) ? a : b;
}

/*
 * The selector that applies to a value component: none (BEST) when the
 * value is not a component, EQ when the value comes without its selector.
 */
static u8 softib_sa_selector(ib_sa_comp_mask mask, ib_sa_comp_mask sel_comp,
			     ib_sa_comp_mask val_comp, u8 sel)
{
	if (!(mask & val_comp))
		return IB_SA_BEST;
	return (mask & sel_comp) ? sel : IB_SA_EQ;
}

/* Does a record holding @have satisfy "selector @sel, value @want"? */
static bool softib_sa_selector_ok(u8 sel, int have, int want)
{
	switch (sel) {
	case IB_SA_GT:
		return have > want;
	case IB_SA_LT:
		return have < want;
	case IB_SA_EQ:
		return have == want;
	default:
		return true;
	}
}

/* The best MTU up to @cap meeting the selector, or 0 if there is none. */
static u8 softib_sa_pick_mtu(u8 sel, u8 want, u8 cap)
{
	switch (sel) {
	case IB_SA_GT:
		return cap > want ? cap : 0;
	case IB_SA_LT:
		return want > IB_MTU_256 ? min_t(u8, cap, want - 1) : 0;
	case IB_SA_EQ:
		return want >= IB_MTU_256 && want <= cap ? want : 0;
	default:
		return cap;
	}
}

/*
 * The same for rates, whose enum is not ordered by speed.  LT offers only
 * @cap itself rather than searching for a slower standard rate.
 */
static u8 softib_sa_pick_rate(u8 sel, u8 want, u8 cap)
{
	int want_mbps = ib_rate_to_mbps(want);
	int cap_mbps = ib_rate_to_mbps(cap);

	if (sel == IB_SA_BEST)
		return cap;
	if (want_mbps <= 0)
		return 0;
	switch (sel) {
	case IB_SA_GT:
		return cap_mbps > want_mbps ? cap : 0;
	case IB_SA_LT:
		return cap_mbps < want_mbps ? cap : 0;
	default:
		return want_mbps <= cap_mbps ? want : 0;
	}
}

/* The smallest PacketLifeTime (4.096 us * 2^life) covering a path. */
static u8 softib_sa_path_life(u32 delay_us)
{
	u64 ns = ((u64)delay_us + SOFTIB_SA_PATH_SLACK_US) * NSEC_PER_USEC;

	return order_base_2(DIV_ROUND_UP_ULL(ns, 4096));
}

/*
 * A packet lifetime is an upper bound: any value not below the real one
 * (@life) may be stated.  Returns -1 if the selector cannot be met.
 */
static int softib_sa_pick_life(u8 sel, u8 want, u8 life)
{
	switch (sel) {
	case IB_SA_GT:
		return want < SOFTIB_SA_PKT_LIFE_MAX ? max_t(int, life, want + 1)
						     : -1;
	case IB_SA_LT:
		return life < want ? life : -1;
	case IB_SA_EQ:
		return want >= life ? want : -1;
	default:
		return life;
	}
}

/* ---- MAD framing ---- */

static void softib_sa_init_resp(const struct ib_sa_mad *req,
				struct ib_sa_mad *resp)
{
	memset(resp, 0, sizeof(*resp));
	resp->mad_hdr = req->mad_hdr;
	resp->mad_hdr.class_version = IB_SA_CLASS_VERSION;
	/* Set is answered with GetResp, every other request with method|R */
	if (req->mad_hdr.method == IB_MGMT_METHOD_SET)
		resp->mad_hdr.method = IB_MGMT_METHOD_GET_RESP;
	else
		resp->mad_hdr.method |= IB_MGMT_METHOD_RESP;
	resp->mad_hdr.status = 0;
	resp->mad_hdr.class_specific = 0;
	/* SM_Key is always returned as 0 */
	resp->sa_hdr.comp_mask = req->sa_hdr.comp_mask;
}

/*
 * The port @gid must exist, be active and be the requester itself: joins
 * by proxy for another port are not supported.
 */
static u16 softib_sa_requester_port(struct softib_sa *sa, u16 slid,
				    const union ib_gid *gid,
				    struct softib_port_info *port)
{
	if (softib_subnet_port_info(sa->sn, gid, port) || !port->active) {
		pr_debug("lid %u: port %pI6 unknown or not active\n",
			 slid, gid->raw);
		return SOFTIB_SA_ERR_REQ_INVALID;
	}
	if (port->lid != slid) {
		pr_debug("lid %u: proxy request for %pI6 (lid %u) refused\n",
			 slid, gid->raw, port->lid);
		return SOFTIB_SA_ERR_REQ_INVALID;
	}
	return 0;
}

/* ---- multicast groups ---- */

static u32 softib_sa_mgid_hash(const union ib_gid *mgid)
{
	return jhash(mgid->raw, sizeof(mgid->raw), 0);
}

static struct softib_sa_group *softib_sa_find_group(struct softib_sa *sa,
						    const union ib_gid *mgid)
{
	struct softib_sa_group *group;

	lockdep_assert_held(&sa->lock);
	hash_for_each_possible(sa->groups, group, node,
			       softib_sa_mgid_hash(mgid))
		if (!memcmp(&group->rec.mgid, mgid, sizeof(*mgid)))
			return group;
	return NULL;
}

static struct softib_sa_member *
softib_sa_find_member(struct softib_sa_group *group,
		      const union ib_gid *port_gid)
{
	struct softib_sa_member *member;

	list_for_each_entry(member, &group->members, node)
		if (!memcmp(&member->port_gid, port_gid, sizeof(*port_gid)))
			return member;
	return NULL;
}

static int softib_sa_alloc_mlid(struct softib_sa *sa)
{
	unsigned int bit;

	lockdep_assert_held(&sa->lock);
	bit = find_next_zero_bit(sa->mlids, SOFTIB_SA_NUM_MLIDS,
				 sa->next_mlid);
	if (bit >= SOFTIB_SA_NUM_MLIDS)
		bit = find_first_zero_bit(sa->mlids, SOFTIB_SA_NUM_MLIDS);
	if (bit >= SOFTIB_SA_NUM_MLIDS)
		return -ENOSPC;
	__set_bit(bit, sa->mlids);
	sa->next_mlid = (bit + 1) % SOFTIB_SA_NUM_MLIDS;
	return SOFTIB_SA_MLID_FIRST + bit;
}

static void softib_sa_destroy_group(struct softib_sa *sa,
				    struct softib_sa_group *group)
{
	struct softib_sa_member *member, *tmp;

	lockdep_assert_held(&sa->lock);
	pr_debug("delete group %pI6 mlid 0x%04x\n", group->rec.mgid.raw,
		 be16_to_cpu(group->rec.mlid));
	list_for_each_entry_safe(member, tmp, &group->members, node) {
		list_del(&member->node);
		kfree(member);
	}
	__clear_bit(be16_to_cpu(group->rec.mlid) - SOFTIB_SA_MLID_FIRST,
		    sa->mlids);
	hash_del(&group->node);
	kfree(group);
}

/* ipoib's broadcast group ff1x:401b:<pkey>::ffff:ffff, any scope. */
static bool softib_sa_is_ipoib_bcast(const union ib_gid *mgid)
{
	static const u8 tail[10] = {
		0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff
	};

	return mgid->raw[0] == 0xff && (mgid->raw[1] & 0xf0) == 0x10 &&
	       mgid->raw[2] == 0x40 && mgid->raw[3] == 0x1b &&
	       !memcmp(&mgid->raw[6], tail, sizeof(tail));
}

static u16 softib_sa_ipoib_bcast_pkey(const union ib_gid *mgid)
{
	return get_unaligned_be16(&mgid->raw[4]);
}

/*
 * ipoib joins its broadcast group without the components needed to create
 * it, relying on the SM to have created it; give it OpenSM's defaults.
 */
static void softib_sa_ipoib_bcast_params(const struct ib_sa_mcmember_rec *req,
					 const struct softib_port_info *port,
					 struct ib_sa_mcmember_rec *grp)
{
	u16 pkey = softib_sa_ipoib_bcast_pkey(&req->mgid);

	grp->qkey = cpu_to_be32(SOFTIB_SA_IPOIB_QKEY);
	grp->pkey = cpu_to_be16(pkey | SOFTIB_SA_PKEY_FULL);
	grp->mtu = min_t(u8, SOFTIB_SA_DEFAULT_MTU, softib_sa_port_mtu(port));
	grp->rate = softib_sa_min_rate(SOFTIB_SA_DEFAULT_RATE,
				       softib_sa_port_rate(port));
	grp->packet_life_time = SOFTIB_SA_PKT_LIFE;
}

/* Parameters of a group created on demand, realizable by its creator. */
static u16 softib_sa_new_group_params(ib_sa_comp_mask mask,
				      const struct ib_sa_mcmember_rec *req,
				      const struct softib_port_info *port,
				      struct ib_sa_mcmember_rec *grp)
{
	u8 sel;
	int life;

	if ((mask & SOFTIB_SA_MCM_CREATE_COMPS) != SOFTIB_SA_MCM_CREATE_COMPS)
		return SOFTIB_SA_ERR_REQ_INSUFFICIENT_COMPONENTS;

	grp->qkey = req->qkey;
	grp->pkey = cpu_to_be16(be16_to_cpu(req->pkey) | SOFTIB_SA_PKEY_FULL);
	grp->traffic_class = req->traffic_class;
	grp->sl = req->sl;
	grp->flow_label = req->flow_label;
	if (mask & IB_SA_MCMEMBER_REC_HOP_LIMIT)
		grp->hop_limit = req->hop_limit;

	/* Without an MTU/rate component use the defaults, as for ipoib. */
	sel = softib_sa_selector(mask, IB_SA_MCMEMBER_REC_MTU_SELECTOR,
				 IB_SA_MCMEMBER_REC_MTU, req->mtu_selector);
	grp->mtu = softib_sa_pick_mtu(sel, req->mtu, softib_sa_port_mtu(port));
	if (sel == IB_SA_BEST)
		grp->mtu = min_t(u8, grp->mtu, SOFTIB_SA_DEFAULT_MTU);

	sel = softib_sa_selector(mask, IB_SA_MCMEMBER_REC_RATE_SELECTOR,
				 IB_SA_MCMEMBER_REC_RATE, req->rate_selector);
	grp->rate = softib_sa_pick_rate(sel, req->rate,
					softib_sa_port_rate(port));
	if (sel == IB_SA_BEST)
		grp->rate = softib_sa_min_rate(grp->rate,
					       SOFTIB_SA_DEFAULT_RATE);

	sel = softib_sa_selector(mask,
				 IB_SA_MCMEMBER_REC_PACKET_LIFE_TIME_SELECTOR,
				 IB_SA_MCMEMBER_REC_PACKET_LIFE_TIME,
				 req->packet_life_time_selector);
	life = softib_sa_pick_life(sel, req->packet_life_time,
				   SOFTIB_SA_PKT_LIFE);

	if (!grp->mtu || !grp->rate || life < 0)
		return SOFTIB_SA_ERR_REQ_INVALID;
	grp->packet_life_time = life;
	return 0;
}

static u16 softib_sa_create_group(struct softib_sa *sa, ib_sa_comp_mask mask,
				  const struct ib_sa_mcmember_rec *req,
				  const struct softib_port_info *port,
				  struct softib_sa_group **groupp)
{
	bool assign_mgid = !memchr_inv(req->mgid.raw, 0, sizeof(req->mgid));
	struct ib_sa_mcmember_rec grp = {};
	struct softib_sa_group *group;
	u16 status;
	int mlid;

	lockdep_assert_held(&sa->lock);
	if (!(req->join_state & SOFTIB_SA_JOIN_CREATORS))
		return SOFTIB_SA_ERR_REQ_INVALID;
	if (!assign_mgid && req->mgid.raw[0] != 0xff)
		return SOFTIB_SA_ERR_REQ_INVALID;

	if (!assign_mgid && softib_sa_is_ipoib_bcast(&req->mgid)) {
		softib_sa_ipoib_bcast_params(req, port, &grp);
	} else {
		status = softib_sa_new_group_params(mask, req, port, &grp);
		if (status)
			return status;
	}

	group = kzalloc(sizeof(*group), GFP_ATOMIC);
	if (!group)
		return SOFTIB_SA_ERR_NO_RESOURCES;
	mlid = softib_sa_alloc_mlid(sa);
	if (mlid < 0) {
		kfree(group);
		return SOFTIB_SA_ERR_NO_RESOURCES;
	}
	grp.mlid = cpu_to_be16(mlid);

	if (assign_mgid) {
		/* SA-assigned MGID (signature 0xa01b): ff1<scope>:a01b::<mlid> */
		grp.scope = (mask & IB_SA_MCMEMBER_REC_SCOPE) ?
			    req->scope : SOFTIB_SA_SCOPE_LINK_LOCAL;
		grp.mgid.raw[0] = 0xff;
		grp.mgid.raw[1] = 0x10 | grp.scope;
		grp.mgid.raw[2] = 0xa0;
		grp.mgid.raw[3] = 0x1b;
		put_unaligned_be16(mlid, &grp.mgid.raw[14]);
	} else {
		grp.mgid = req->mgid;
		grp.scope = req->mgid.raw[1] & 0x0f;
	}

	group->rec = grp;
	INIT_LIST_HEAD(&group->members);
	hash_add(sa->groups, &group->node, softib_sa_mgid_hash(&grp.mgid));
	pr_debug("create group %pI6 mlid 0x%04x qkey 0x%x pkey 0x%04x mtu %u rate %u\n",
		 grp.mgid.raw, mlid, be32_to_cpu(grp.qkey),
		 be16_to_cpu(grp.pkey), grp.mtu, grp.rate);
	*groupp = group;
	return 0;
}

/* Do the components of @req match @group (equality or selector)? */
static bool softib_sa_group_matches(const struct softib_sa_group *group,
				    ib_sa_comp_mask mask,
				    const struct ib_sa_mcmember_rec *req)
{
	const struct ib_sa_mcmember_rec *grp = &group->rec;
	u8 sel;

	if ((mask & IB_SA_MCMEMBER_REC_MGID) &&
	    memcmp(&req->mgid, &grp->mgid, sizeof(grp->mgid)))
		return false;
	if ((mask & IB_SA_MCMEMBER_REC_QKEY) && req->qkey != grp->qkey)
		return false;
	if ((mask & IB_SA_MCMEMBER_REC_MLID) && req->mlid != grp->mlid)
		return false;
	if ((mask & IB_SA_MCMEMBER_REC_PKEY) &&
	    !softib_sa_pkey_match(be16_to_cpu(req->pkey),
				  be16_to_cpu(grp->pkey)))
		return false;
	if ((mask & IB_SA_MCMEMBER_REC_TRAFFIC_CLASS) &&
	    req->traffic_class != grp->traffic_class)
		return false;
	if ((mask & IB_SA_MCMEMBER_REC_SL) && req->sl != grp->sl)
		return false;
	if ((mask & IB_SA_MCMEMBER_REC_FLOW_LABEL) &&
	    req->flow_label != grp->flow_label)
		return false;
	if ((mask & IB_SA_MCMEMBER_REC_HOP_LIMIT) &&
	    req->hop_limit != grp->hop_limit)
		return false;
	if ((mask & IB_SA_MCMEMBER_REC_SCOPE) && req->scope != grp->scope)
		return false;

	sel = softib_sa_selector(mask, IB_SA_MCMEMBER_REC_MTU_SELECTOR,
				 IB_SA_MCMEMBER_REC_MTU, req->mtu_selector);
	if (!softib_sa_selector_ok(sel, grp->mtu, req->mtu))
		return false;
	sel = softib_sa_selector(mask, IB_SA_MCMEMBER_REC_RATE_SELECTOR,
				 IB_SA_MCMEMBER_REC_RATE, req->rate_selector);
	if (!softib_sa_selector_ok(sel, ib_rate_to_mbps(grp->rate),
				   ib_rate_to_mbps(req->rate)))
		return false;
	sel = softib_sa_selector(mask,
				 IB_SA_MCMEMBER_REC_PACKET_LIFE_TIME_SELECTOR,
				 IB_SA_MCMEMBER_REC_PACKET_LIFE_TIME,
				 req->packet_life_time_selector);
	return softib_sa_selector_ok(sel, grp->packet_life_time,
				     req->packet_life_time);
}

/*
 * A port may join if the request matches the group, the group is in the
 * P_Key checked for the port, and the port can carry the group's packets.
 */
static u16 softib_sa_check_join(const struct softib_sa_group *group,
				ib_sa_comp_mask mask,
				const struct ib_sa_mcmember_rec *req,
				const struct softib_port_info *port, u16 pkey)
{
	const struct ib_sa_mcmember_rec *grp = &group->rec;

	/* The group was found by MGID, or created with an assigned one. */
	mask &= ~IB_SA_MCMEMBER_REC_MGID;
	if (!softib_sa_pkey_match(pkey, be16_to_cpu(grp->pkey)) ||
	    !softib_sa_group_matches(group, mask, req) ||
	    grp->mtu > softib_sa_port_mtu(port) ||
	    ib_rate_to_mbps(grp->rate) >
	    ib_rate_to_mbps(softib_sa_port_rate(port))) {
		pr_debug("join %pI6 by %pI6 does not match the group\n",
			 grp->mgid.raw, req->port_gid.raw);
		return SOFTIB_SA_ERR_REQ_INVALID;
	}
	return 0;
}

static u16 softib_sa_join_locked(struct softib_sa *sa, ib_sa_comp_mask mask,
				 const struct ib_sa_mcmember_rec *req,
				 const struct softib_port_info *port, u16 pkey,
				 struct ib_sa_mcmember_rec *reply)
{
	struct softib_sa_member *member = NULL;
	struct softib_sa_group *group;
	bool created = false;
	u16 status;

	lockdep_assert_held(&sa->lock);
	group = softib_sa_find_group(sa, &req->mgid);
	if (!group) {
		status = softib_sa_create_group(sa, mask, req, port, &group);
		if (status)
			return status;
		created = true;
	}

	status = softib_sa_check_join(group, mask, req, port, pkey);
	if (status)
		goto err_group;

	member = softib_sa_find_member(group, &req->port_gid);
	if (!member) {
		member = kzalloc(sizeof(*member), GFP_ATOMIC);
		if (!member) {
			status = SOFTIB_SA_ERR_NO_RESOURCES;
			goto err_group;
		}
		member->port_gid = req->port_gid;
		list_add_tail(&member->node, &group->members);
	}
	member->join_state |= req->join_state;

	/* ib_sa learns the port's whole JoinState, so it can leave it all. */
	*reply = group->rec;
	reply->port_gid = member->port_gid;
	reply->join_state = member->join_state;
	return 0;

err_group:
	if (created)
		softib_sa_destroy_group(sa, group);
	return status;
}

/*
 * The P_Key the port must hold: the request's, else the one in ipoib's
 * broadcast MGID, else the existing group's.  softib_sa_check_join()
 * verifies it against the group under the lock.
 */
static u16 softib_sa_join_pkey(struct softib_sa *sa, ib_sa_comp_mask mask,
			       const struct ib_sa_mcmember_rec *req, u16 *pkey)
{
	struct softib_sa_group *group;
	unsigned long flags;

	if (mask & IB_SA_MCMEMBER_REC_PKEY) {
		*pkey = be16_to_cpu(req->pkey);
		return 0;
	}
	if (softib_sa_is_ipoib_bcast(&req->mgid)) {
		*pkey = softib_sa_ipoib_bcast_pkey(&req->mgid);
		return 0;
	}

	spin_lock_irqsave(&sa->lock, flags);
	group = softib_sa_find_group(sa, &req->mgid);
	if (group)
		*pkey = be16_to_cpu(group->rec.pkey);
	spin_unlock_irqrestore(&sa->lock, flags);
	/* A group to be created needs the P_Key component. */
	return group ? 0 : SOFTIB_SA_ERR_REQ_INSUFFICIENT_COMPONENTS;
}

/*
 * Unpack a join or leave and check what both need: the join components,
 * a join state, and that the record names the requesting port itself.
 */
static u16 softib_sa_mcm_request(struct softib_sa *sa, u16 slid,
				 const struct ib_sa_mad *req,
				 struct ib_sa_mcmember_rec *rec,
				 struct softib_port_info *port)
{
	softib_sa_mcm_unpack(req->data, rec);
	if ((req->sa_hdr.comp_mask & SOFTIB_SA_MCM_JOIN_COMPS) !=
	    SOFTIB_SA_MCM_JOIN_COMPS)
		return SOFTIB_SA_ERR_REQ_INSUFFICIENT_COMPONENTS;
	if (!rec->join_state)
		return SOFTIB_SA_ERR_REQ_INVALID;
	return softib_sa_requester_port(sa, slid, &rec->port_gid, port);
}

static u16 softib_sa_mcm_join(struct softib_sa *sa, u16 slid,
			      const struct ib_sa_mad *req,
			      struct ib_sa_mad *resp)
{
	ib_sa_comp_mask mask = req->sa_hdr.comp_mask;
	struct ib_sa_mcmember_rec rec, reply;
	struct softib_port_info port;
	unsigned long flags;
	u16 status, pkey;

	/*
	 * The fabric is called before taking sa->lock (see the top), so a
	 * join racing softib_sa_port_reset() of its port may still add a
	 * member; the port's next reset or leave removes it.
	 */
	status = softib_sa_mcm_request(sa, slid, req, &rec, &port);
	if (status)
		return status;
	status = softib_sa_join_pkey(sa, mask, &rec, &pkey);
	if (status)
		return status;
	if (!softib_subnet_port_has_pkey(sa->sn, &rec.port_gid, pkey)) {
		pr_debug("join %pI6: port %pI6 lacks pkey 0x%04x\n",
			 rec.mgid.raw, rec.port_gid.raw, pkey);
		return SOFTIB_SA_ERR_REQ_INVALID;
	}

	spin_lock_irqsave(&sa->lock, flags);
	status = softib_sa_join_locked(sa, mask, &rec, &port, pkey, &reply);
	spin_unlock_irqrestore(&sa->lock, flags);
	if (status)
		return status;

	softib_sa_mcm_pack(&reply, resp->data);
	resp->sa_hdr.attr_offset =
		SOFTIB_SA_ATTR_OFFSET(sizeof(struct softib_sa_mcm_wire));
	return 0;
}

static u16 softib_sa_leave_locked(struct softib_sa *sa,
				  const struct ib_sa_mcmember_rec *req,
				  struct ib_sa_mcmember_rec *reply)
{
	struct softib_sa_member *member;
	struct softib_sa_group *group;

	lockdep_assert_held(&sa->lock);
	group = softib_sa_find_group(sa, &req->mgid);
	if (!group)
		return SOFTIB_SA_ERR_REQ_INVALID;
	member = softib_sa_find_member(group, &req->port_gid);
	if (!member)
		return SOFTIB_SA_ERR_REQ_INVALID;

	/* The response is the record deleted: the JoinState bits removed. */
	*reply = group->rec;
	reply->port_gid = member->port_gid;
	reply->join_state = member->join_state & req->join_state;

	member->join_state &= ~req->join_state;
	if (!member->join_state) {
		list_del(&member->node);
		kfree(member);
		if (list_empty(&group->members))
			softib_sa_destroy_group(sa, group);
	}
	return 0;
}

static u16 softib_sa_mcm_leave(struct softib_sa *sa, u16 slid,
			       const struct ib_sa_mad *req,
			       struct ib_sa_mad *resp)
{
	struct ib_sa_mcmember_rec rec, reply;
	struct softib_port_info port;
	unsigned long flags;
	u16 status;

	status = softib_sa_mcm_request(sa, slid, req, &rec, &port);
	if (status)
		return status;

	spin_lock_irqsave(&sa->lock, flags);
	status = softib_sa_leave_locked(sa, &rec, &reply);
	spin_unlock_irqrestore(&sa->lock, flags);
	if (status)
		return status;

	softib_sa_mcm_pack(&reply, resp->data);
	resp->sa_hdr.attr_offset =
		SOFTIB_SA_ATTR_OFFSET(sizeof(struct softib_sa_mcm_wire));
	return 0;
}

/* SubnAdmGet: exactly one (group, member) record must match. */
static u16 softib_sa_mcm_get(struct softib_sa *sa, const struct ib_sa_mad *req,
			     struct ib_sa_mad *resp)
{
	ib_sa_comp_mask mask = req->sa_hdr.comp_mask;
	struct ib_sa_mcmember_rec rec, reply;
	struct softib_sa_member *member;
	struct softib_sa_group *group;
	unsigned int bkt, found = 0;
	unsigned long flags;

	softib_sa_mcm_unpack(req->data, &rec);

	spin_lock_irqsave(&sa->lock, flags);
	hash_for_each(sa->groups, bkt, group, node) {
		if (!softib_sa_group_matches(group, mask, &rec))
			continue;
		list_for_each_entry(member, &group->members, node) {
			if ((mask & IB_SA_MCMEMBER_REC_PORT_GID) &&
			    memcmp(&member->port_gid, &rec.port_gid,
				   sizeof(rec.port_gid)))
				continue;
			if ((mask & IB_SA_MCMEMBER_REC_JOIN_STATE) &&
			    (member->join_state & rec.join_state) !=
			    rec.join_state)
				continue;
			if (!found++) {
				reply = group->rec;
				reply.port_gid = member->port_gid;
				reply.join_state = member->join_state;
			}
		}
	}
	spin_unlock_irqrestore(&sa->lock, flags);

	if (!found)
		return SOFTIB_SA_ERR_NO_RECORDS;
	if (found > 1)
		return SOFTIB_SA_ERR_TOO_MANY_RECORDS;
	softib_sa_mcm_pack(&reply, resp->data);
	resp->sa_hdr.attr_offset =
		SOFTIB_SA_ATTR_OFFSET(sizeof(struct softib_sa_mcm_wire));
	return 0;
}

/* ---- PathRecord ---- */

static u16 softib_sa_path_get(struct softib_sa *sa,
			      const struct ib_sa_mad *req,
			      struct ib_sa_mad *resp)
{
	ib_sa_comp_mask mask = req->sa_hdr.comp_mask;
	struct softib_port_info src, dst;
	struct sa_path_rec rec = {}, reply = {};
	u8 sel, mtu, rate;
	u16 pkey;
	int life;

	/* ib_sa's own unpacker, so both ends agree on the layout. */
	ib_sa_unpack_path((void *)req->data, &rec);

	/* Paths are looked up by GID only; LIDs merely narrow the match. */
	if (!(mask & IB_SA_PATH_REC_SGID) || !(mask & IB_SA_PATH_REC_DGID))
		return SOFTIB_SA_ERR_REQ_INSUFFICIENT_COMPONENTS;
	/* ServiceID is two component bits that must come together. */
	if ((mask & IB_SA_PATH_REC_SERVICE_ID) &&
	    (mask & IB_SA_PATH_REC_SERVICE_ID) != IB_SA_PATH_REC_SERVICE_ID)
		return SOFTIB_SA_ERR_REQ_INSUFFICIENT_COMPONENTS;

	if (softib_subnet_port_info(sa->sn, &rec.sgid, &src))
		return SOFTIB_SA_ERR_REQ_INVALID_GID;
	if (softib_subnet_port_info(sa->sn, &rec.dgid, &dst) ||
	    !src.active || !dst.active)
		return SOFTIB_SA_ERR_NO_RECORDS;
	if ((mask & IB_SA_PATH_REC_DLID) && be16_to_cpu(rec.ib.dlid) != dst.lid)
		return SOFTIB_SA_ERR_NO_RECORDS;
	if ((mask & IB_SA_PATH_REC_SLID) && be16_to_cpu(rec.ib.slid) != src.lid)
		return SOFTIB_SA_ERR_NO_RECORDS;
	if ((mask & IB_SA_PATH_REC_RAW_TRAFFIC) && rec.ib.raw_traffic)
		return SOFTIB_SA_ERR_NO_RECORDS;

	pkey = (mask & IB_SA_PATH_REC_PKEY) ? be16_to_cpu(rec.pkey) : 0xffff;
	if (!softib_subnet_port_has_pkey(sa->sn, &rec.sgid, pkey) ||
	    !softib_subnet_port_has_pkey(sa->sn, &rec.dgid, pkey))
		return SOFTIB_SA_ERR_NO_RECORDS;

	sel = softib_sa_selector(mask, IB_SA_PATH_REC_MTU_SELECTOR,
				 IB_SA_PATH_REC_MTU, rec.mtu_selector);
	mtu = softib_sa_pick_mtu(sel, rec.mtu,
				 min(softib_sa_port_mtu(&src),
				     softib_sa_port_mtu(&dst)));
	sel = softib_sa_selector(mask, IB_SA_PATH_REC_RATE_SELECTOR,
				 IB_SA_PATH_REC_RATE, rec.rate_selector);
	rate = softib_sa_pick_rate(sel, rec.rate,
				   softib_sa_min_rate(softib_sa_port_rate(&src),
						      softib_sa_port_rate(&dst)));
	sel = softib_sa_selector(mask, IB_SA_PATH_REC_PACKET_LIFE_TIME_SELECTOR,
				 IB_SA_PATH_REC_PACKET_LIFE_TIME,
				 rec.packet_life_time_selector);
	/* A loopback path has PacketLifeTime 0 (IBA table 205). */
	life = softib_sa_pick_life(sel, rec.packet_life_time,
				   src.lid == dst.lid ? 0 :
				   softib_sa_path_life(src.delay_us +
						       dst.delay_us));
	if (!mtu || !rate || life < 0)
		return SOFTIB_SA_ERR_NO_RECORDS;

	reply.rec_type = SA_PATH_REC_TYPE_IB;
	if (mask & IB_SA_PATH_REC_SERVICE_ID)
		reply.service_id = rec.service_id;
	reply.dgid = rec.dgid;
	reply.sgid = rec.sgid;
	reply.ib.dlid = cpu_to_be16(dst.lid);
	reply.ib.slid = cpu_to_be16(src.lid);
	/* hop_limit 0: no GRH within the subnet unless asked for. */
	if (mask & IB_SA_PATH_REC_FLOW_LABEL)
		reply.flow_label = rec.flow_label;
	if (mask & IB_SA_PATH_REC_HOP_LIMIT)
		reply.hop_limit = rec.hop_limit;
	if (mask & IB_SA_PATH_REC_TRAFFIC_CLASS)
		reply.traffic_class = rec.traffic_class;
	if (mask & IB_SA_PATH_REC_QOS_CLASS)
		reply.qos_class = rec.qos_class;
	/* The fabric has no SL-to-VL restrictions: any SL is a path. */
	if (mask & IB_SA_PATH_REC_SL)
		reply.sl = rec.sl;
	reply.reversible = 1;
	reply.numb_path = 1;
	reply.pkey = cpu_to_be16(pkey);
	reply.mtu_selector = IB_SA_EQ;
	reply.mtu = mtu;
	reply.rate_selector = IB_SA_EQ;
	reply.rate = rate;
	reply.packet_life_time_selector = IB_SA_EQ;
	reply.packet_life_time = life;

	ib_sa_pack_path(&reply, resp->data);
	resp->sa_hdr.attr_offset =
		SOFTIB_SA_ATTR_OFFSET(SOFTIB_SA_PATH_REC_SIZE);
	return 0;
}

/* ---- ClassPortInfo ---- */

/*
 * ib_sa only consumes this on OPA, but an unanswered query blocks ib_wq
 * for seconds after every port event and so delays device teardown.
 */
static u16 softib_sa_get_cpi(struct ib_sa_mad *resp)
{
	struct ib_class_port_info cpi = {
		.base_version = IB_MGMT_BASE_VERSION,
		.class_version = IB_SA_CLASS_VERSION,
		.cap_mask2_resp_time =
			cpu_to_be32(IB_SA_CAP_MASK2_SENDONLY_FULL_MEM_SUPPORT <<
				    IB_CLASS_PORT_INFO_RESP_TIME_FIELD_SIZE),
	};

	ib_set_cpi_resp_time(&cpi, SOFTIB_SA_RESP_TIME);
	memcpy(resp->data, &cpi, sizeof(cpi));
	return 0;
}

static u16 softib_sa_dispatch(struct softib_sa *sa, u16 slid,
			      const struct ib_sa_mad *req,
			      struct ib_sa_mad *resp)
{
	u8 method = req->mad_hdr.method;

	if (req->mad_hdr.class_version != IB_SA_CLASS_VERSION)
		return IB_MGMT_MAD_STATUS_BAD_VERSION;
	/* No GetTable/GetMulti: those need RMPP responses. */
	if (method != IB_MGMT_METHOD_GET && method != IB_MGMT_METHOD_SET &&
	    method != IB_SA_METHOD_DELETE)
		return IB_MGMT_MAD_STATUS_UNSUPPORTED_METHOD;

	switch (be16_to_cpu(req->mad_hdr.attr_id)) {
	case IB_SA_ATTR_CLASS_PORTINFO:
		if (method == IB_MGMT_METHOD_GET)
			return softib_sa_get_cpi(resp);
		break;
	case IB_SA_ATTR_MC_MEMBER_REC:
		if (method == IB_MGMT_METHOD_SET)
			return softib_sa_mcm_join(sa, slid, req, resp);
		if (method == IB_SA_METHOD_DELETE)
			return softib_sa_mcm_leave(sa, slid, req, resp);
		return softib_sa_mcm_get(sa, req, resp);
	case IB_SA_ATTR_PATH_REC:
		if (method == IB_MGMT_METHOD_GET)
			return softib_sa_path_get(sa, req, resp);
		break;
	}
	return IB_MGMT_MAD_STATUS_UNSUPPORTED_METHOD_ATTRIB;
}

/**
 * softib_sa_handle_mad() - answer one MAD sent to the subnet's SM LID
 * @sa: the subnet's SA
 * @slid: LID of the requesting port
 * @in: the request, IB_MGMT_MAD_SIZE bytes
 * @out: where the response is built, IB_MGMT_MAD_SIZE bytes
 *
 * Every SA request gets a response with the request's TID; errors are
 * reported in its status field (with the request's data echoed), never by
 * silence.  Context: any, takes sa->lock; never sleeps.
 *
 * Return: true if @out holds a response to send back to (@slid, QP1);
 * false if @in is no SA request (another class or base version, or itself
 * a response) and must be dropped.
 */
bool softib_sa_handle_mad(struct softib_sa *sa, u16 slid,
			  const struct ib_mad *in, struct ib_mad *out)
{
	const struct ib_sa_mad *req = (const struct ib_sa_mad *)in;
	struct ib_sa_mad *resp = (struct ib_sa_mad *)out;
	u16 status;

	BUILD_BUG_ON(sizeof(*req) != sizeof(*in));

	if (in->mad_hdr.base_version != IB_MGMT_BASE_VERSION ||
	    in->mad_hdr.mgmt_class != IB_MGMT_CLASS_SUBN_ADM ||
	    (in->mad_hdr.method & IB_MGMT_METHOD_RESP) ||
	    in->mad_hdr.method == IB_MGMT_METHOD_TRAP_REPRESS)
		return false;

	softib_sa_init_resp(req, resp);
	status = softib_sa_dispatch(sa, slid, req, resp);
	if (status) {
		pr_debug("lid %u: method 0x%02x attr 0x%04x: status 0x%04x\n",
			 slid, req->mad_hdr.method,
			 be16_to_cpu(req->mad_hdr.attr_id), status);
		resp->mad_hdr.status = cpu_to_be16(status);
		resp->sa_hdr.attr_offset = 0;
		memcpy(resp->data, req->data, sizeof(resp->data));
	}
	return true;
}

/**
 * softib_sa_is_path_query() - is a MAD a PathRecord Get request
 * @mad: a MAD sent to the subnet's SM LID, IB_MGMT_MAD_SIZE bytes
 *
 * Lets the fabric count the path queries each port sends.  Context: any.
 *
 * Return: true for an SA PathRecord Get request, answered or not.
 */
bool softib_sa_is_path_query(const struct ib_mad *mad)
{
	return mad->mad_hdr.base_version == IB_MGMT_BASE_VERSION &&
	       mad->mad_hdr.mgmt_class == IB_MGMT_CLASS_SUBN_ADM &&
	       mad->mad_hdr.method == IB_MGMT_METHOD_GET &&
	       mad->mad_hdr.attr_id == cpu_to_be16(IB_SA_ATTR_PATH_REC);
}

/**
 * softib_sa_port_reset() - forget all multicast memberships of a port
 * @sa: the subnet's SA
 * @port_gid: GID of the port that went down, left or must reregister
 *
 * Groups left without members are deleted and their MLIDs freed; ipoib's
 * broadcast group is created again by the next join.
 * Context: any, takes sa->lock.
 */
void softib_sa_port_reset(struct softib_sa *sa, const union ib_gid *port_gid)
{
	struct softib_sa_member *member;
	struct softib_sa_group *group;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int bkt;

	spin_lock_irqsave(&sa->lock, flags);
	hash_for_each_safe(sa->groups, bkt, tmp, group, node) {
		member = softib_sa_find_member(group, port_gid);
		if (!member)
			continue;
		list_del(&member->node);
		kfree(member);
		if (list_empty(&group->members))
			softib_sa_destroy_group(sa, group);
	}
	spin_unlock_irqrestore(&sa->lock, flags);
}

/**
 * softib_sa_create() - create the SA of a subnet
 * @sn: the subnet, passed back to softib_subnet_port_info() and
 *	softib_subnet_port_has_pkey()
 *
 * The SA starts with no multicast groups.  Context: process.
 *
 * Return: the SA, or NULL if out of memory.
 */
struct softib_sa *softib_sa_create(struct softib_subnet *sn)
{
	struct softib_sa *sa;

	sa = kzalloc(sizeof(*sa), GFP_KERNEL);
	if (!sa)
		return NULL;
	sa->sn = sn;
	spin_lock_init(&sa->lock);
	hash_init(sa->groups);
	return sa;
}

/**
 * softib_sa_destroy() - free an SA and all its multicast state
 * @sa: the SA, or NULL
 *
 * The caller guarantees that no softib_sa_handle_mad() or
 * softib_sa_port_reset() call runs or starts.  Context: any.
 */
void softib_sa_destroy(struct softib_sa *sa)
{
	struct softib_sa_group *group;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int bkt;

	if (!sa)
		return;
	/* Uncontended; taken so the helpers' lockdep assertions hold. */
	spin_lock_irqsave(&sa->lock, flags);
	hash_for_each_safe(sa->groups, bkt, tmp, group, node)
		softib_sa_destroy_group(sa, group);
	spin_unlock_irqrestore(&sa->lock, flags);
	kfree(sa);
}
