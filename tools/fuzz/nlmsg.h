/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw rtnetlink plumbing shared by ibfo_nlfuzz and ibfo_failnth: building
 * requests, the request/acknowledgment exchange (with the extack message),
 * RTM_GETLINK dumps and reading ibfo's IFLA_INFO_DATA back.  No library:
 * the tools run in the busybox test guest.
 */
#ifndef IBFO_TOOLS_NLMSG_H
#define IBFO_TOOLS_NLMSG_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
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

static inline struct nlattr *nest_start(struct msg *m, int type)
{
	struct nlattr *a = (void *)(m->buf + NLMSG_ALIGN(m->nh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN;
	m->nh.nlmsg_len = NLMSG_ALIGN(m->nh.nlmsg_len) + NLA_HDRLEN;
	return a;
}

static inline void nest_end(struct msg *m, struct nlattr *a)
{
	a->nla_len = m->buf + m->nh.nlmsg_len - (char *)a;
}

/* An attribute that does not fit is left out: the fuzzer's mutations
 * can grow a request past BUFSZ.
 */
static inline void put(struct msg *m, int type, const void *data, int len)
{
	struct nlattr *a = (void *)(m->buf + NLMSG_ALIGN(m->nh.nlmsg_len));

	if (NLMSG_ALIGN(m->nh.nlmsg_len) + NLA_ALIGN(NLA_HDRLEN + len) >
	    BUFSZ)
		return;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	memset((char *)a + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	m->nh.nlmsg_len = NLMSG_ALIGN(m->nh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static inline void put_u8(struct msg *m, int type, uint8_t v)
{
	put(m, type, &v, 1);
}

static inline void put_u32(struct msg *m, int type, uint32_t v)
{
	put(m, type, &v, 4);
}

static inline void put_str(struct msg *m, int type, const char *s)
{
	put(m, type, s, strlen(s) + 1);
}

/* An ifinfomsg request (acknowledged: NLM_F_ACK) on @ifindex. */
static inline void msg_init(struct msg *m, int type, int flags, int ifindex)
{
	struct ifinfomsg *ifi;

	memset(m->buf, 0, NLMSG_SPACE(sizeof(*ifi)));
	m->nh.nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	m->nh.nlmsg_type = type;
	m->nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	ifi = NLMSG_DATA(&m->nh);
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
}

/* ---- reading ---- */

/* Attributes are walked as
 *   for (a = first; attr_ok(a, rem); a = attr_next(a, &rem))
 * with @rem the bytes left from @a on (attr_nested() for a nest's).
 */
static inline int attr_ok(const struct nlattr *a, int rem)
{
	return rem >= (int)NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= rem;
}

static inline struct nlattr *attr_next(struct nlattr *a, int *rem)
{
	*rem -= NLA_ALIGN(a->nla_len);
	return (void *)((char *)a + NLA_ALIGN(a->nla_len));
}

static inline void *attr_data(const struct nlattr *a)
{
	return (char *)a + NLA_HDRLEN;
}

/* The first attribute inside @nest; *@rem: the bytes of its payload. */
static inline struct nlattr *attr_nested(struct nlattr *nest, int *rem)
{
	*rem = nest->nla_len - NLA_HDRLEN;
	return attr_data(nest);
}

static inline uint32_t attr_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (a->nla_len >= NLA_HDRLEN + 4)
		memcpy(&v, attr_data(a), 4);
	return v;
}

static inline uint8_t attr_u8(const struct nlattr *a)
{
	return a->nla_len > NLA_HDRLEN ? *(uint8_t *)attr_data(a) : 0;
}

/* The top-level attributes of an RTM_NEWLINK message, by type, into
 * tb[0..IFLA_MAX] (NULL where absent); returns its ifinfomsg.
 */
static inline struct ifinfomsg *link_attrs(struct nlmsghdr *nh,
					   struct nlattr **tb)
{
	struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct nlattr *a;
	int rem;

	memset(tb, 0, (IFLA_MAX + 1) * sizeof(*tb));
	rem = nh->nlmsg_len - NLMSG_LENGTH(sizeof(*ifi));
	for (a = (void *)IFLA_RTA(ifi); attr_ok(a, rem); a = attr_next(a, &rem))
		if ((a->nla_type & NLA_TYPE_MASK) <= IFLA_MAX)
			tb[a->nla_type & NLA_TYPE_MASK] = a;
	return ifi;
}

/* IFLA_LINKINFO @li (may be NULL): its IFLA_INFO_DATA if its kind is
 * "ibfo", else NULL; *@is_ibfo says whether the kind is "ibfo".
 */
static inline struct nlattr *ibfo_info_data(struct nlattr *li, int *is_ibfo)
{
	struct nlattr *a, *data = NULL;
	int rem;

	*is_ibfo = 0;
	if (!li)
		return NULL;
	for (a = attr_nested(li, &rem); attr_ok(a, rem);
	     a = attr_next(a, &rem)) {
		int t = a->nla_type & NLA_TYPE_MASK;

		if (t == IFLA_INFO_KIND && a->nla_len > NLA_HDRLEN &&
		    !strncmp(attr_data(a), "ibfo", a->nla_len - NLA_HDRLEN))
			*is_ibfo = 1;
		if (t == IFLA_INFO_DATA)
			data = a;
	}
	return *is_ibfo ? data : NULL;
}

/* ibfo's options, as the tools model them. */
struct opts {
	uint8_t mode, reselect, hash, rxbal, disc;
	uint32_t primary, up, down, ncount, nint;
};

/* Read ibfo's IFLA_INFO_DATA @data into @o and *@active; @have (NULL or
 * IFLA_IBFO_MAX + 1 entries) marks each attribute type present.
 */
static inline void parse_opts(struct nlattr *data, struct opts *o,
			      uint32_t *active, int *have)
{
	struct nlattr *a;
	int rem;

	for (a = attr_nested(data, &rem); attr_ok(a, rem);
	     a = attr_next(a, &rem)) {
		int t = a->nla_type & NLA_TYPE_MASK;

		if (t > IFLA_IBFO_MAX)
			continue;
		if (have)
			have[t] = 1;
		switch (t) {
		case IFLA_IBFO_MODE:
			o->mode = attr_u8(a);
			break;
		case IFLA_IBFO_PRIMARY:
			o->primary = attr_u32(a);
			break;
		case IFLA_IBFO_PRIMARY_RESELECT:
			o->reselect = attr_u8(a);
			break;
		case IFLA_IBFO_UPDELAY:
			o->up = attr_u32(a);
			break;
		case IFLA_IBFO_DOWNDELAY:
			o->down = attr_u32(a);
			break;
		case IFLA_IBFO_PEER_NOTIFY_COUNT:
			o->ncount = attr_u32(a);
			break;
		case IFLA_IBFO_PEER_NOTIFY_INTERVAL:
			o->nint = attr_u32(a);
			break;
		case IFLA_IBFO_ACTIVE_SLAVE:
			*active = attr_u32(a);
			break;
		case IFLA_IBFO_XMIT_HASH_POLICY:
			o->hash = attr_u8(a);
			break;
		case IFLA_IBFO_RX_BALANCE:
			o->rxbal = attr_u8(a);
			break;
		case IFLA_IBFO_PEER_DISCOVERY:
			o->disc = attr_u8(a);
			break;
		}
	}
}

/* ---- transport ---- */

/* A NETLINK_ROUTE socket that asks for extack messages and capped
 * acknowledgments; -errno on failure.
 */
static inline int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, s, rcv = 1 << 20;

	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (s < 0)
		return -errno;
	if (bind(s, (void *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		close(s);
		return err;
	}
	setsockopt(s, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	return s;
}

/* Send @m with sequence number @seq on @fd: 0 or -errno. */
static inline int nl_send(int fd, struct msg *m, unsigned int seq)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	m->nh.nlmsg_seq = seq;
	if (sendto(fd, m->buf, m->nh.nlmsg_len, 0, (void *)&sa,
		   sizeof(sa)) < 0)
		return -errno;
	return 0;
}

/* The extack message of acknowledgment @nh into @ext, if it has one.  The
 * TLVs follow the echoed request: its header only with NETLINK_CAP_ACK,
 * all of it without.
 */
static inline void ack_ext(struct nlmsghdr *nh, char *ext, size_t extlen)
{
	struct nlmsgerr *e = NLMSG_DATA(nh);
	struct nlattr *a;
	int off, rem;

	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = sizeof(*e);
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		off = NLMSG_ALIGN(sizeof(e->error) + e->msg.nlmsg_len);
	a = (void *)((char *)e + off);
	rem = (char *)nh + nh->nlmsg_len - (char *)a;
	for (; attr_ok(a, rem); a = attr_next(a, &rem))
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
			snprintf(ext, extlen, "%.*s",
				 (int)(a->nla_len - NLA_HDRLEN),
				 (char *)attr_data(a));
}

/* Wait for the acknowledgment of request @seq on @fd: the kernel's 0 or
 * negative errno, its extack message (if refused) into @ext (may be NULL).
 * If recv() fails, *@rcv_err is its errno (ENOBUFS: the socket dropped a
 * message, maybe the acknowledgment) and -errno is returned.
 */
static inline int nl_ack(int fd, unsigned int seq, char *ext, size_t extlen,
			 int *rcv_err)
{
	static char rbuf[1 << 16];
	struct nlmsghdr *nh;
	int len;

	*rcv_err = 0;
	if (ext)
		ext[0] = 0;
	for (;;) {
		len = recv(fd, rbuf, sizeof(rbuf), 0);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			*rcv_err = errno;
			return -errno;
		}
		for (nh = (void *)rbuf; NLMSG_OK(nh, (unsigned int)len);
		     nh = NLMSG_NEXT(nh, len)) {
			int err;

			if (nh->nlmsg_seq != seq || nh->nlmsg_type != NLMSG_ERROR)
				continue;
			err = ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
			if (err && ext)
				ack_ext(nh, ext, extlen);
			return err;
		}
	}
}

/* Dump every link of @fd's namespace (request @seq) and call @fn on each
 * RTM_NEWLINK: 0, or -errno if sending or receiving failed.
 */
static inline int nl_dump_links(int fd, unsigned int seq,
				void (*fn)(void *ctx, struct nlmsghdr *nh),
				void *ctx)
{
	static char rbuf[1 << 16];
	struct nlmsghdr *nh;
	struct msg m;
	int len, err;

	msg_init(&m, RTM_GETLINK, NLM_F_DUMP, 0);
	m.nh.nlmsg_flags &= ~NLM_F_ACK;
	err = nl_send(fd, &m, seq);
	if (err)
		return err;
	for (;;) {
		len = recv(fd, rbuf, sizeof(rbuf), 0);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (nh = (void *)rbuf; NLMSG_OK(nh, (unsigned int)len);
		     nh = NLMSG_NEXT(nh, len)) {
			if (nh->nlmsg_seq != seq)
				continue;
			if (nh->nlmsg_type == NLMSG_DONE ||
			    nh->nlmsg_type == NLMSG_ERROR)
				return 0;
			if (nh->nlmsg_type == RTM_NEWLINK)
				fn(ctx, nh);
		}
	}
}

#endif /* IBFO_TOOLS_NLMSG_H */
