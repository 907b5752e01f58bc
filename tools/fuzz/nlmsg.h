/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtnetlink plumbing shared by ibfo_nlfuzz and ibfo_failnth, on libmnl
 * (what iproute2 and nftables use): requests are built with
 * mnl_nlmsg_put_header() and mnl_attr_put*(), sent and answered through
 * mnl_socket_*() and mnl_cb_run2(); acknowledgments (with their extack
 * message), RTM_GETLINK dumps and ibfo's IFLA_INFO_DATA are read with
 * mnl_attr_parse*() and mnl_attr_validate().  What libmnl cannot build,
 * the fuzzer's malformed messages, is below under "malformed".
 */
#ifndef IBFO_TOOLS_NLMSG_H
#define IBFO_TOOLS_NLMSG_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "../../include/uapi/linux/if_ibfo.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BUFSZ		8192

/* ---- building ---- */
struct msg {
	union {
		struct nlmsghdr nh;
		char buf[BUFSZ];
	};
};

/* An ifinfomsg request (acknowledged: NLM_F_ACK) on @ifindex.  The whole
 * buffer is cleared: libmnl 1.0.4 (Debian 12) does not zero an
 * attribute's padding, and a seed must give the same bytes every time.
 */
static inline struct ifinfomsg *msg_init(struct msg *m, int type, int flags,
					 int ifindex)
{
	struct nlmsghdr *nh;
	struct ifinfomsg *ifi;

	memset(m->buf, 0, sizeof(m->buf));
	nh = mnl_nlmsg_put_header(m->buf);
	nh->nlmsg_type = type;
	nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	ifi = mnl_nlmsg_put_extra_header(nh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return ifi;
}

/* ---- malformed ----
 * mnl_attr_put() writes whatever payload length and type it is given, so
 * the fuzzer's wrong sizes, unknown types, NLA_F_NESTED on a scalar and
 * repeated attributes are libmnl calls.  What libmnl cannot build is an
 * attribute that claims more bytes than the message holds: a message cut
 * short inside its last attribute, or a nest whose length runs past the
 * end of the message (mnl_attr_nest_end() writes the true length).  Those
 * are done by hand, here and nowhere else.
 */

/* Cut the last @bytes off @m: what was the start of its last attribute
 * is left as trailing bytes that are no complete attribute.
 */
static inline void msg_cut(struct msg *m, unsigned int bytes)
{
	m->nh.nlmsg_len -= bytes;
}

/* After mnl_attr_nest_end(): @nest claims @bytes more than it holds,
 * past the end of the message.
 */
static inline void nest_overclaim(struct nlattr *nest, unsigned int bytes)
{
	nest->nla_len += bytes;
}

/* ---- reading ---- */

/* The attributes of one level, by type, as mnl_attr_parse*() with
 * attr_table_cb() collects them: @tb[0..@max] (the last of a type wins),
 * each checked with mnl_attr_validate() against its kind in @kinds; one
 * that is malformed (a u32 of another size, a string without its NUL) is
 * left out, as if absent.
 */
struct attr_table {
	unsigned int max;
	const enum mnl_attr_data_type *kinds;	/* NULL: MNL_TYPE_UNSPEC */
	const struct nlattr **tb;
};

static inline int attr_table_cb(const struct nlattr *a, void *data)
{
	const struct attr_table *t = data;
	unsigned int type = mnl_attr_get_type(a);

	if (type > t->max)
		return MNL_CB_OK;
	if (t->kinds && mnl_attr_validate(a, t->kinds[type]) < 0)
		return MNL_CB_OK;
	t->tb[type] = a;
	return MNL_CB_OK;
}

static const enum mnl_attr_data_type ifla_kinds[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = MNL_TYPE_NUL_STRING,
	[IFLA_MTU] = MNL_TYPE_U32,
	[IFLA_MASTER] = MNL_TYPE_U32,
	[IFLA_LINKINFO] = MNL_TYPE_NESTED,
};

static const enum mnl_attr_data_type info_kinds[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING,
	[IFLA_INFO_DATA] = MNL_TYPE_NESTED,
};

static const enum mnl_attr_data_type ibfo_kinds[IFLA_IBFO_MAX + 1] = {
	[IFLA_IBFO_MODE] = MNL_TYPE_U8,
	[IFLA_IBFO_PRIMARY] = MNL_TYPE_U32,
	[IFLA_IBFO_PRIMARY_RESELECT] = MNL_TYPE_U8,
	[IFLA_IBFO_UPDELAY] = MNL_TYPE_U32,
	[IFLA_IBFO_DOWNDELAY] = MNL_TYPE_U32,
	[IFLA_IBFO_PEER_NOTIFY_COUNT] = MNL_TYPE_U32,
	[IFLA_IBFO_PEER_NOTIFY_INTERVAL] = MNL_TYPE_U32,
	[IFLA_IBFO_ACTIVE_SLAVE] = MNL_TYPE_U32,
	[IFLA_IBFO_XMIT_HASH_POLICY] = MNL_TYPE_U8,
	[IFLA_IBFO_RX_BALANCE] = MNL_TYPE_U8,
	[IFLA_IBFO_PEER_DISCOVERY] = MNL_TYPE_U8,
};

/* The top-level attributes of an RTM_NEWLINK message, by type, into
 * tb[0..IFLA_MAX] (NULL where absent or malformed); returns its ifinfomsg.
 */
static inline struct ifinfomsg *link_attrs(const struct nlmsghdr *nh,
					   const struct nlattr **tb)
{
	struct attr_table t = { IFLA_MAX, ifla_kinds, tb };

	memset(tb, 0, (IFLA_MAX + 1) * sizeof(*tb));
	mnl_attr_parse(nh, sizeof(struct ifinfomsg), attr_table_cb, &t);
	return mnl_nlmsg_get_payload(nh);
}

/* IFLA_LINKINFO @li (may be NULL): its IFLA_INFO_DATA if its kind is
 * "ibfo", else NULL; *@is_ibfo says whether the kind is "ibfo".
 */
static inline const struct nlattr *ibfo_info_data(const struct nlattr *li,
						  int *is_ibfo)
{
	const struct nlattr *tb[IFLA_INFO_MAX + 1] = { NULL };
	struct attr_table t = { IFLA_INFO_MAX, info_kinds, tb };

	*is_ibfo = 0;
	if (!li)
		return NULL;
	mnl_attr_parse_nested(li, attr_table_cb, &t);
	*is_ibfo = tb[IFLA_INFO_KIND] &&
		   !strcmp(mnl_attr_get_str(tb[IFLA_INFO_KIND]), "ibfo");
	return *is_ibfo ? tb[IFLA_INFO_DATA] : NULL;
}

/* ibfo's options, as the tools model them. */
struct opts {
	uint8_t mode, reselect, hash, rxbal, disc;
	uint32_t primary, up, down, ncount, nint;
};

/* Read ibfo's IFLA_INFO_DATA @data into @o and *@active; @have (NULL or
 * IFLA_IBFO_MAX + 1 entries) marks each attribute type present (and of
 * its size).
 */
static inline void parse_opts(const struct nlattr *data, struct opts *o,
			      uint32_t *active, int *have)
{
	const struct nlattr *tb[IFLA_IBFO_MAX + 1] = { NULL };
	struct attr_table t = { IFLA_IBFO_MAX, ibfo_kinds, tb };
	int i;

	mnl_attr_parse_nested(data, attr_table_cb, &t);
	for (i = 0; i <= IFLA_IBFO_MAX; i++)
		if (have && tb[i])
			have[i] = 1;
	if (tb[IFLA_IBFO_MODE])
		o->mode = mnl_attr_get_u8(tb[IFLA_IBFO_MODE]);
	if (tb[IFLA_IBFO_PRIMARY])
		o->primary = mnl_attr_get_u32(tb[IFLA_IBFO_PRIMARY]);
	if (tb[IFLA_IBFO_PRIMARY_RESELECT])
		o->reselect = mnl_attr_get_u8(tb[IFLA_IBFO_PRIMARY_RESELECT]);
	if (tb[IFLA_IBFO_UPDELAY])
		o->up = mnl_attr_get_u32(tb[IFLA_IBFO_UPDELAY]);
	if (tb[IFLA_IBFO_DOWNDELAY])
		o->down = mnl_attr_get_u32(tb[IFLA_IBFO_DOWNDELAY]);
	if (tb[IFLA_IBFO_PEER_NOTIFY_COUNT])
		o->ncount = mnl_attr_get_u32(tb[IFLA_IBFO_PEER_NOTIFY_COUNT]);
	if (tb[IFLA_IBFO_PEER_NOTIFY_INTERVAL])
		o->nint = mnl_attr_get_u32(tb[IFLA_IBFO_PEER_NOTIFY_INTERVAL]);
	if (tb[IFLA_IBFO_ACTIVE_SLAVE])
		*active = mnl_attr_get_u32(tb[IFLA_IBFO_ACTIVE_SLAVE]);
	if (tb[IFLA_IBFO_XMIT_HASH_POLICY])
		o->hash = mnl_attr_get_u8(tb[IFLA_IBFO_XMIT_HASH_POLICY]);
	if (tb[IFLA_IBFO_RX_BALANCE])
		o->rxbal = mnl_attr_get_u8(tb[IFLA_IBFO_RX_BALANCE]);
	if (tb[IFLA_IBFO_PEER_DISCOVERY])
		o->disc = mnl_attr_get_u8(tb[IFLA_IBFO_PEER_DISCOVERY]);
}

/* ---- transport ---- */

/* A NETLINK_ROUTE socket that asks for extack messages and capped
 * acknowledgments; NULL with errno set on failure.
 */
static inline struct mnl_socket *nl_open(void)
{
	struct mnl_socket *nl;
	int one = 1, rcv = 1 << 20;

	nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl)
		return NULL;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = errno;

		mnl_socket_close(nl);
		errno = err;
		return NULL;
	}
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVBUF, &rcv,
		   sizeof(rcv));
	return nl;
}

/* Send @m with sequence number @seq on @nl: 0 or -errno. */
static inline int nl_send(struct mnl_socket *nl, struct msg *m,
			  unsigned int seq)
{
	m->nh.nlmsg_seq = seq;
	if (mnl_socket_sendto(nl, m->buf, m->nh.nlmsg_len) < 0)
		return -errno;
	return 0;
}

/* What the control-message callbacks below look for and find.  mnl_cb_run2()
 * runs with sequence number 0 (no check: it would fail on a stale message,
 * e.g. an acknowledgment queued after the socket reported ENOBUFS) and the
 * callbacks pass over other requests' messages.
 */
struct nl_reply {
	unsigned int seq;
	int err;			/* the kernel's 0 or negative errno */
	char *ext;			/* its extack message, may be NULL */
	size_t extlen;
	void (*fn)(void *ctx, const struct nlmsghdr *nh);	/* dumps */
	void *ctx;
};

static inline int ext_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **msg = data;

	if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
		*msg = a;
	return MNL_CB_OK;
}

/* The extack message of acknowledgment @nh into @ext, if it has one.  The
 * TLVs follow the echoed request: its header only with NETLINK_CAP_ACK,
 * all of it without.
 */
static inline void ack_ext(const struct nlmsghdr *nh, char *ext,
			   size_t extlen)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nh);
	const struct nlattr *msg = NULL;
	unsigned int off = sizeof(*e);

	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		off += mnl_nlmsg_get_payload_len(&e->msg);
	mnl_attr_parse(nh, off, ext_attr_cb, &msg);
	if (msg)
		snprintf(ext, extlen, "%s", mnl_attr_get_str(msg));
}

static inline int nl_error_cb(const struct nlmsghdr *nh, void *data)
{
	struct nl_reply *r = data;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nh);

	if (nh->nlmsg_seq != r->seq)
		return MNL_CB_OK;
	if (mnl_nlmsg_get_payload_len(nh) < sizeof(e->error))
		return MNL_CB_OK;
	r->err = e->error;
	if (r->err && r->ext &&
	    mnl_nlmsg_get_payload_len(nh) >= sizeof(*e))
		ack_ext(nh, r->ext, r->extlen);
	return MNL_CB_STOP;
}

static inline int nl_done_cb(const struct nlmsghdr *nh, void *data)
{
	const struct nl_reply *r = data;

	return nh->nlmsg_seq == r->seq ? MNL_CB_STOP : MNL_CB_OK;
}

static inline int nl_link_cb(const struct nlmsghdr *nh, void *data)
{
	const struct nl_reply *r = data;

	if (r->fn && nh->nlmsg_seq == r->seq && nh->nlmsg_type == RTM_NEWLINK)
		r->fn(r->ctx, nh);
	return MNL_CB_OK;
}

/* Receive and run the callbacks until the reply to @r->seq has ended:
 * 0, -EINTR if a dump was interrupted (NLM_F_DUMP_INTR: the rest of it
 * is read and dropped), or -errno if recv() failed or mnl_cb_run2()
 * refused a message, *@rcv_err that errno.
 */
static inline int nl_run(struct mnl_socket *nl, struct nl_reply *r,
			 int *rcv_err)
{
	static union {
		struct nlmsghdr nh;
		char buf[1 << 16];
	} rbuf;
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = nl_error_cb,
		[NLMSG_DONE] = nl_done_cb,
	};
	const struct nlmsghdr *nh;
	int len, ret, intr = 0;

	*rcv_err = 0;
	for (;;) {
		len = mnl_socket_recvfrom(nl, rbuf.buf, sizeof(rbuf.buf));
		if (len < 0) {
			if (errno == EINTR)
				continue;
			*rcv_err = errno;
			return -errno;
		}
		ret = mnl_cb_run2(rbuf.buf, len, 0, mnl_socket_get_portid(nl),
				  intr ? NULL : nl_link_cb, r, ctl,
				  ARRAY_SIZE(ctl));
		if (ret == MNL_CB_STOP)
			return intr ? -EINTR : 0;
		if (ret >= 0)
			continue;
		if (errno != EINTR) {
			/* ESRCH: a message from someone else than the kernel */
			*rcv_err = errno;
			return -errno;
		}
		/* mnl_cb_run2() stopped at the interrupted message: the end
		 * of this dump may be in the same buffer.
		 */
		intr = 1;
		for (nh = &rbuf.nh; mnl_nlmsg_ok(nh, len);
		     nh = mnl_nlmsg_next(nh, &len))
			if (nh->nlmsg_seq == r->seq &&
			    (nh->nlmsg_type == NLMSG_DONE ||
			     nh->nlmsg_type == NLMSG_ERROR))
				return -EINTR;
	}
}

/* Wait for the acknowledgment of request @seq on @nl: the kernel's 0 or
 * negative errno, its extack message (if refused) into @ext (may be NULL).
 * If recv() fails, *@rcv_err is its errno (ENOBUFS: the socket dropped a
 * message, maybe the acknowledgment) and -errno is returned.
 */
static inline int nl_ack(struct mnl_socket *nl, unsigned int seq, char *ext,
			 size_t extlen, int *rcv_err)
{
	struct nl_reply r = { .seq = seq, .ext = ext, .extlen = extlen };
	int err;

	if (ext)
		ext[0] = 0;
	err = nl_run(nl, &r, rcv_err);
	return *rcv_err ? err : r.err;
}

/* Dump every link of @nl's namespace (request @seq) and call @fn on each
 * RTM_NEWLINK: 0, -EINTR if the dump was interrupted (the links changed
 * during it: @fn saw part of them; dump again), or -errno if sending or
 * receiving failed.
 */
static inline int nl_dump_links(struct mnl_socket *nl, unsigned int seq,
				void (*fn)(void *ctx,
					   const struct nlmsghdr *nh),
				void *ctx)
{
	struct nl_reply r = { .seq = seq, .fn = fn, .ctx = ctx };
	struct msg m;
	int err, rcv_err;

	msg_init(&m, RTM_GETLINK, NLM_F_DUMP, 0);
	m.nh.nlmsg_flags &= ~NLM_F_ACK;
	err = nl_send(nl, &m, seq);
	if (err)
		return err;
	return nl_run(nl, &r, &rcv_err);
}

#endif /* IBFO_TOOLS_NLMSG_H */
