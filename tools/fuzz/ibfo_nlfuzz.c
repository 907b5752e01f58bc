// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo_nlfuzz: seeded, reproducible rtnetlink fuzzer for the "ibfo" link
 * kind, on libmnl (nlmsg.h).
 *
 *   ibfo_nlfuzz [-s SEED] [-n COUNT] [-c EVERY] [-i IPOIB,...] [-o OTHER,...]
 *               [-N NETNS] [-d MAXDEVS] [-v]
 *
 * Sends COUNT RTM_NEWLINK/RTM_SETLINK/RTM_DELLINK requests: ibfo creation,
 * option changes with valid and mutated IFLA_IBFO_* attributes (out of
 * range, wrong length, unknown or repeated types, NLA_F_NESTED on scalars,
 * trailing bytes, broken nesting, read-only ones, slave data), enslaving
 * and releasing through IFLA_MASTER (IPoIB devices given with -i, other
 * devices with -o, loopback, ibfo devices, random ifindexes), moves to
 * and creation in the network namespace NETNS, MTU changes of the
 * masters, and deletions, interleaved with valid changes.  Requests to
 * NETNS's devices go through a second socket opened there.
 *
 * Each request must be acknowledged (applied) or refused with an errno;
 * the extack message of a refusal is recorded.  The tool keeps a model of
 * every ibfo device's options and of every IPoIB device's master, applies
 * to it what an acknowledged request asked for, and compares it with the
 * kernel's state (RTM_GETLINK dumps in both namespaces) every EVERY
 * requests and at the end: options, slaves, and MTUs (a master's is the
 * model's, each slave has its master's).  Requests the kernel must refuse (policy
 * violations) or must accept (valid changes) are checked as well; any
 * difference counts as a mismatch.  Exit status 1 on mismatches, 2 on
 * usage or setup errors.  Closing line:
 *   fuzz: N sent, A accepted, R rejected, M mismatches
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nlmsg.h"

/* Driver limits (drivers/net/ibfo/ibfo.h). */
#define DELAY_MAX	600000u
#define NCOUNT_MAX	255u
#define NINT_MIN	10u
#define NINT_MAX	60000u
#define MTU_MIN		68u	/* the master's min_mtu, ETH_MIN_MTU */
#define MTU_MAX		65520u	/* IBFO_MAX_MTU */
#define MTU_DEFAULT	2044u	/* IBFO_DEFAULT_MTU */
#define MTU_IPOIB_MIN	72u	/* ipoib's datagram-mode minimum */

#define MAXDEVS		16
#define MAXCAND		16

/* ---- deterministic PRNG (xorshift64*) ---- */
static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static uint32_t below(uint32_t n) { return n ? rnd() % n : 0; }
static int chance(unsigned int pct) { return below(100) < pct; }

/* ---- model ---- */
struct mdev {
	int used;
	int ns;		/* 0: ours, 1: NETNS */
	int ifindex;
	char name[IFNAMSIZ];
	struct opts o;
	uint32_t mtu;
};

struct cand {
	char name[IFNAMSIZ];
	int ifindex;
	int ipoib;
	int master;	/* model: ifindex of its master, 0 for none */
	uint32_t mtu;	/* its MTU at the start, unenslaved: it takes any up
			 * to it (if up: a datagram-mode IPoIB device that
			 * never joined its broadcast group has its port's)
			 */
};

static struct mdev devs[MAXDEVS];
static int maxdevs = 4;
static struct cand cands[MAXCAND];
static int ncands;
static int verbose;
static struct mnl_socket *sk[2];
static int nsfd = -1;
/* Whether we run in PID 1's network namespace (op_move). */
static int in_init_netns;
static unsigned int seq = 1;
static int devno;

static unsigned long n_sent, n_acc, n_rej, n_mis, n_readbacks;
static unsigned long n_must_rej, n_must_acc, n_noext, n_partial;

struct extmsg {
	char text[96];
	int err;
	unsigned long count;
};

static struct extmsg exts[64];
static int nexts;

static void mismatch(const char *fmt, ...)
{
	va_list ap;

	n_mis++;
	fprintf(stderr, "MISMATCH (msg %lu): ", n_sent);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static const struct opts defaults = {
	.mode = IBFO_MODE_ACTIVE_BACKUP,
	.reselect = IBFO_PRIMARY_RESELECT_ALWAYS,
	.hash = IBFO_XMIT_HASH_LAYER34,
	.rxbal = 1,
	.ncount = 3,
	.nint = 100,
};

static struct mdev *dev_find(int ns, int ifindex)
{
	int i;

	for (i = 0; i < MAXDEVS; i++)
		if (devs[i].used && devs[i].ns == ns &&
		    devs[i].ifindex == ifindex)
			return &devs[i];
	return NULL;
}

static int dev_count(void)
{
	int i, n = 0;

	for (i = 0; i < MAXDEVS; i++)
		n += devs[i].used;
	return n;
}

static struct mdev *dev_pick(int ns)
{
	int i, n = 0, k;

	for (i = 0; i < MAXDEVS; i++)
		n += devs[i].used && (ns < 0 || devs[i].ns == ns);
	if (!n)
		return NULL;
	k = below(n);
	for (i = 0; i < MAXDEVS; i++)
		if (devs[i].used && (ns < 0 || devs[i].ns == ns) && !k--)
			return &devs[i];
	return NULL;
}

static int has_slaves(const struct mdev *d)
{
	int i;

	if (d->ns)
		return 0;
	for (i = 0; i < ncands; i++)
		if (cands[i].master == d->ifindex)
			return 1;
	return 0;
}

static struct cand *cand_find(int ifindex)
{
	int i;

	for (i = 0; i < ncands; i++)
		if (cands[i].ifindex == ifindex)
			return &cands[i];
	return NULL;
}

/* What an ifindex is in namespace @ns, as far as the model knows. */
enum kind { K_NONE, K_UNKNOWN, K_LO, K_IBFO, K_IPOIB, K_OTHER };

static enum kind kind_of(int ns, uint32_t ifindex)
{
	struct cand *c;

	if (ifindex == 0 || ifindex > INT_MAX)
		return K_NONE;
	if (ifindex == 1)
		return K_LO;
	if (dev_find(ns, ifindex))
		return K_IBFO;
	if (!ns) {
		c = cand_find(ifindex);
		if (c)
			return c->ipoib ? K_IPOIB : K_OTHER;
	}
	/* ifindexes above every known one were never allocated here */
	return ifindex > 100000 ? K_NONE : K_UNKNOWN;
}

/* ---- transport ---- */
static void record_ext(int err, const char *text)
{
	int i;

	for (i = 0; i < nexts; i++)
		if (exts[i].err == err && !strcmp(exts[i].text, text)) {
			exts[i].count++;
			return;
		}
	if (nexts < (int)ARRAY_SIZE(exts)) {
		snprintf(exts[nexts].text, sizeof(exts[0].text), "%s", text);
		exts[nexts].err = err;
		exts[nexts].count = 1;
		nexts++;
	}
}

/* Send @m on socket @s; returns 0 (acked) or a negative errno. */
static int talk(struct mnl_socket *s, struct msg *m, char *ext, size_t extlen)
{
	int err, rcv_err;

	err = nl_send(s, m, ++seq);
	if (err) {
		fprintf(stderr, "sendto: %s\n", strerror(-err));
		exit(2);
	}
	err = nl_ack(s, seq, ext, extlen, &rcv_err);
	if (rcv_err) {
		fprintf(stderr, "recv: %s\n", strerror(rcv_err));
		exit(2);
	}
	return err;
}

/* The extack message of the last request, "" if none. */
static char ext[256];

/* Outcome of one request, with the model's prediction: 1 must be
 * accepted, -1 must be refused, 0 either.
 */
static int request(int ns, struct msg *m, int predict, const char *what)
{
	int err;

	n_sent++;
	err = talk(sk[ns], m, ext, sizeof(ext));
	if (!err) {
		n_acc++;
	} else {
		n_rej++;
		if (ext[0]) {
			record_ext(-err, ext);
		} else {
			record_ext(-err, "(no extack message)");
			n_noext++;
		}
	}
	if (verbose)
		fprintf(stderr, "%lu %s%s: %s%s%s\n", n_sent, ns ? "[ns] " : "",
			what, err ? strerror(-err) : "ok",
			ext[0] && err ? ": " : "", err ? ext : "");
	if (predict < 0) {
		n_must_rej++;
		if (!err)
			mismatch("%s: accepted, must be refused", what);
	} else if (predict > 0) {
		n_must_acc++;
		if (err)
			mismatch("%s: refused (%s%s%s), must be accepted", what,
				 strerror(-err), ext[0] ? ": " : "", ext);
	}
	return err;
}

/* ---- readback ---- */
struct seen {
	int ifindex;
	int master;
	uint32_t mtu;
	int is_ibfo;
	int have[IFLA_IBFO_MAX + 1];
	struct opts o;
	uint32_t active;
	char name[IFNAMSIZ];
	unsigned char bcast[32];
	int bcast_len;
};

static struct seen seen[256];
static int nseen;

static void parse_link(void *ctx, const struct nlmsghdr *nh)
{
	const struct nlattr *tb[IFLA_MAX + 1], *data, *a;
	struct ifinfomsg *ifi = link_attrs(nh, tb);
	struct seen *s;

	(void)ctx;
	if (nseen >= (int)ARRAY_SIZE(seen))
		return;
	s = &seen[nseen++];
	memset(s, 0, sizeof(*s));
	s->ifindex = ifi->ifi_index;
	if (tb[IFLA_MASTER])
		s->master = mnl_attr_get_u32(tb[IFLA_MASTER]);
	if (tb[IFLA_MTU])
		s->mtu = mnl_attr_get_u32(tb[IFLA_MTU]);
	a = tb[IFLA_BROADCAST];
	if (a && mnl_attr_get_payload_len(a) <= sizeof(s->bcast)) {
		s->bcast_len = mnl_attr_get_payload_len(a);
		memcpy(s->bcast, mnl_attr_get_payload(a), s->bcast_len);
	}
	if (tb[IFLA_IFNAME])
		snprintf(s->name, sizeof(s->name), "%s",
			 mnl_attr_get_str(tb[IFLA_IFNAME]));
	data = ibfo_info_data(tb[IFLA_LINKINFO], &s->is_ibfo);
	if (data)
		parse_opts(data, &s->o, &s->active, s->have);
}

static void dump(int ns)
{
	int err;

	/* An interrupted dump (the links changed during it) is redone. */
	do {
		nseen = 0;
		err = nl_dump_links(sk[ns], ++seq, parse_link, NULL);
	} while (err == -EINTR);
	if (err) {
		fprintf(stderr, "RTM_GETLINK: %s\n", strerror(-err));
		exit(2);
	}
}

static struct seen *seen_find(int ifindex)
{
	int i;

	for (i = 0; i < nseen; i++)
		if (seen[i].ifindex == ifindex)
			return &seen[i];
	return NULL;
}

static void cmp(const struct mdev *d, const char *what, uint32_t got,
		uint32_t want)
{
	if (got != want)
		mismatch("%s%s: %s is %u, model %u", d->ns ? "[ns] " : "",
			 d->name, what, got, want);
}

/* Compare the kernel's state in @ns with the model. */
static void readback_ns(int ns)
{
	int i, t;

	dump(ns);
	for (i = 0; i < nseen; i++) {
		struct seen *s = &seen[i], *m;
		struct mdev *d;
		struct cand *c;

		if (s->is_ibfo) {
			d = dev_find(ns, s->ifindex);
			if (!d) {
				mismatch("%s%s (%d): ibfo device not in model",
					 ns ? "[ns] " : "", s->name, s->ifindex);
				continue;
			}
			for (t = 1; t <= IFLA_IBFO_MAX; t++)
				if (!s->have[t])
					mismatch("%s: attribute %d not reported",
						 d->name, t);
			cmp(d, "mode", s->o.mode, d->o.mode);
			cmp(d, "primary", s->o.primary, d->o.primary);
			cmp(d, "primary_reselect", s->o.reselect, d->o.reselect);
			cmp(d, "updelay", s->o.up, d->o.up);
			cmp(d, "downdelay", s->o.down, d->o.down);
			cmp(d, "peer_notify_count", s->o.ncount, d->o.ncount);
			cmp(d, "peer_notify_interval", s->o.nint, d->o.nint);
			cmp(d, "xmit_hash_policy", s->o.hash, d->o.hash);
			cmp(d, "rx_balance", s->o.rxbal, d->o.rxbal);
			cmp(d, "peer_discovery", s->o.disc, d->o.disc);
			cmp(d, "mtu", s->mtu, d->mtu);
			/* Its broadcast address is its slaves'. */
			for (t = 0; !ns && t < ncands; t++) {
				struct seen *sl = seen_find(cands[t].ifindex);

				if (cands[t].master != d->ifindex || !sl)
					continue;
				if (sl->bcast_len != s->bcast_len ||
				    memcmp(sl->bcast, s->bcast, s->bcast_len))
					mismatch("%s: broadcast address is not its slave %s's",
						 d->name, cands[t].name);
				break;
			}
			/* The active slave is one of its slaves. */
			if (s->active) {
				struct seen *a = seen_find(s->active);

				if (!a || a->master != s->ifindex)
					mismatch("%s: active slave %u is not its slave",
						 d->name, s->active);
			}
		}
		if (ns)
			continue;
		c = cand_find(s->ifindex);
		if (c && c->master != s->master)
			mismatch("%s: master is %d, model %d", c->name,
				 s->master, c->master);
		m = c && s->master ? seen_find(s->master) : NULL;
		if (m && m->mtu != s->mtu)
			mismatch("%s: MTU %u, its master's %u", c->name, s->mtu,
				 m->mtu);
		if (!c && s->master && dev_find(0, s->master))
			mismatch("%s (%d): slave of ibfo %d not in model",
				 s->name, s->ifindex, s->master);
	}
	for (i = 0; i < MAXDEVS; i++)
		if (devs[i].used && devs[i].ns == ns &&
		    !seen_find(devs[i].ifindex))
			mismatch("%s%s (%d): in model, not in kernel",
				 ns ? "[ns] " : "", devs[i].name,
				 devs[i].ifindex);
}

static void readback(void)
{
	n_readbacks++;
	readback_ns(0);
	if (sk[1])
		readback_ns(1);
}

/* Learn the ifindex of a device just created. */
static int ifindex_of(int ns, const char *name)
{
	int i;

	dump(ns);
	for (i = 0; i < nseen; i++)
		if (!strcmp(seen[i].name, name))
			return seen[i].ifindex;
	return 0;
}

/* Take the kernel's options of @d where the model cannot tell. */
static void adopt(struct mdev *d)
{
	struct seen *s;

	dump(d->ns);
	s = seen_find(d->ifindex);
	if (s)
		d->o = s->o;
}

/* ---- IFLA_INFO_DATA generation ---- */
struct attrdef {
	int type, size;		/* size 1: u8, 4: u32 */
	uint32_t min, max;	/* valid range */
};

static const struct attrdef adefs[] = {
	{ IFLA_IBFO_MODE, 1, 0, IBFO_MODE_MAX },
	{ IFLA_IBFO_PRIMARY, 4, 0, 0 },
	{ IFLA_IBFO_PRIMARY_RESELECT, 1, 0, IBFO_PRIMARY_RESELECT_MAX },
	{ IFLA_IBFO_UPDELAY, 4, 0, DELAY_MAX },
	{ IFLA_IBFO_DOWNDELAY, 4, 0, DELAY_MAX },
	{ IFLA_IBFO_PEER_NOTIFY_COUNT, 4, 0, NCOUNT_MAX },
	{ IFLA_IBFO_PEER_NOTIFY_INTERVAL, 4, NINT_MIN, NINT_MAX },
	{ IFLA_IBFO_ACTIVE_SLAVE, 4, 0, 0 },
	{ IFLA_IBFO_XMIT_HASH_POLICY, 1, 0, IBFO_XMIT_HASH_MAX },
	{ IFLA_IBFO_RX_BALANCE, 1, 0, 1 },
	{ IFLA_IBFO_PEER_DISCOVERY, 1, 0, 1 },
};

#define NADEFS ((int)ARRAY_SIZE(adefs))

/* What a generated IFLA_INFO_DATA does, if applied. */
struct change {
	int n;
	int type[64];
	uint32_t val[64];
	int invalid;		/* the policy or ibfo_validate refuses it */
	int primary_bad;	/* ibfo_config_parse refuses the primary */
	int primary_unknown;	/* can't tell */
};

static uint32_t pick_primary(int ns)
{
	switch (below(8)) {
	case 0:
		return 0;
	case 1:
		return 1;
	case 2:
		return rnd();
	case 3: {
		const struct mdev *o = dev_pick(ns);

		return o ? o->ifindex : 0;
	}
	default:
		if (!ns && ncands)
			return cands[below(ncands)].ifindex;
		return below(40);
	}
}

static int primary_ok(int ns, const struct mdev *d, uint32_t v, int *unknown)
{
	struct cand *c;

	switch (kind_of(ns, v)) {
	case K_NONE:
		return v == 0;
	case K_UNKNOWN:
		*unknown = 1;
		return 1;
	case K_IPOIB:
		return 1;
	case K_IBFO:
	case K_LO:
		return 0;
	case K_OTHER:
		c = cand_find(v);
		return d && c && c->master == d->ifindex;
	}
	return 0;
}

/* Append mutated or valid IBFO attributes to @m, describe them in @c.
 * @valid_only: only well-formed, in-range values of settable options.
 */
static void gen_data(struct msg *m, struct change *c, int ns,
		     const struct mdev *d, int valid_only)
{
	int i, n = 1 + below(valid_only ? 4 : 6);

	for (i = 0; i < n; i++) {
		const struct attrdef *ad = &adefs[below(NADEFS)];
		int type = ad->type, mut = valid_only ? 0 : below(12);
		unsigned char raw[8];
		uint32_t v;
		int len = ad->size;

		if (valid_only && type == IFLA_IBFO_ACTIVE_SLAVE)
			type = IFLA_IBFO_UPDELAY;
		if (type == IFLA_IBFO_UPDELAY)
			ad = &adefs[3];
		if (type == IFLA_IBFO_PRIMARY)
			v = pick_primary(ns);
		else if (chance(20))
			v = chance(50) ? ad->min : ad->max;
		else
			v = ad->min + below(ad->max - ad->min + 1);
		if (valid_only && type == IFLA_IBFO_PRIMARY &&
		    !primary_ok(ns, d, v, &c->primary_unknown))
			v = 0;
		if (valid_only && type == IFLA_IBFO_MODE && d && has_slaves(d))
			v = d->o.mode;

		switch (mut) {
		case 0 ... 5:	/* valid encoding */
			break;
		case 6:		/* out of range */
			if (type == IFLA_IBFO_PRIMARY) {
				v = 0x80000000u + below(1000);
				break;
			}
			if (ad->min && chance(40))
				v = below(ad->min);
			else
				v = ad->max + 1 + (chance(50) ? 0 :
					below(ad->size == 1 ? 255 - ad->max : 0x7fffffff));
			if (ad->size == 1 && v > 255)
				v = 255;
			if (v >= ad->min && v <= ad->max)
				v = ad->max + 1;
			c->invalid = 1;
			break;
		case 7:		/* wrong length */
			do
				len = below(9);
			while (len == ad->size);
			c->invalid = 1;
			break;
		case 8:		/* unknown type */
			type = chance(20) ? 0 : IFLA_IBFO_MAX + 1 + below(40);
			c->invalid = 1;
			break;
		case 9:		/* scalar flagged as nested */
			type |= NLA_F_NESTED;
			c->invalid = 1;
			break;
		default:	/* valid, repeated below */
			break;
		}
		if (type == IFLA_IBFO_ACTIVE_SLAVE)
			c->invalid = 1;
		memset(raw, 0, sizeof(raw));
		if (ad->size == 1)
			raw[0] = v;
		else
			memcpy(raw, &v, 4);
		if (len > 4)
			memcpy(raw + 4, &v, 4);
		/* Left out if it does not fit: mutations can grow a
		 * request past BUFSZ.
		 */
		mnl_attr_put_check(&m->nh, BUFSZ, type, len, raw);
		if (!c->invalid && c->n < 64) {
			c->type[c->n] = type;
			c->val[c->n] = v;
			c->n++;
		}
		if (mut >= 10 && i + 1 == n && c->n < 64)
			n++;	/* one more, maybe the same type again */
	}
}

/* Apply @c to @o the way ibfo_config_parse() reads it: the last
 * attribute of a type wins; the primary is checked against the state
 * before the request.
 */
static void change_check(struct change *c, int ns, const struct mdev *d)
{
	int i, last_mode = -1;
	int last_primary = -1;

	for (i = 0; i < c->n; i++) {
		if (c->type[i] == IFLA_IBFO_MODE)
			last_mode = i;
		if (c->type[i] == IFLA_IBFO_PRIMARY)
			last_primary = i;
	}
	if (last_primary >= 0 &&
	    !primary_ok(ns, d, c->val[last_primary], &c->primary_unknown))
		c->primary_bad = 1;
	if (last_mode >= 0 && d && has_slaves(d) &&
	    c->val[last_mode] != d->o.mode)
		c->primary_bad = 1;	/* -EBUSY: counts as a refusal */
}

static void change_apply(struct opts *o, const struct change *c)
{
	int i;

	for (i = 0; i < c->n; i++) {
		uint32_t v = c->val[i];

		switch (c->type[i]) {
		case IFLA_IBFO_MODE:
			o->mode = v;
			break;
		case IFLA_IBFO_PRIMARY:
			o->primary = v;
			break;
		case IFLA_IBFO_PRIMARY_RESELECT:
			o->reselect = v;
			break;
		case IFLA_IBFO_UPDELAY:
			o->up = v;
			break;
		case IFLA_IBFO_DOWNDELAY:
			o->down = v;
			break;
		case IFLA_IBFO_PEER_NOTIFY_COUNT:
			o->ncount = v;
			break;
		case IFLA_IBFO_PEER_NOTIFY_INTERVAL:
			o->nint = v;
			break;
		case IFLA_IBFO_XMIT_HASH_POLICY:
			o->hash = v;
			break;
		case IFLA_IBFO_RX_BALANCE:
			o->rxbal = v;
			break;
		case IFLA_IBFO_PEER_DISCOVERY:
			o->disc = v;
			break;
		}
	}
}

/* ---- operations ---- */
static void release_all(int master)
{
	int i;

	for (i = 0; i < ncands; i++)
		if (cands[i].master == master)
			cands[i].master = 0;
}

/* A slave's ifindex named as primary stays until the netdev goes away;
 * nothing here deletes IPoIB devices, so the model has nothing to do.
 */

static void op_create(void)
{
	struct change c = { 0 };
	struct msg m;
	struct nlattr *li, *data;
	struct mdev *d = NULL;
	int i, ns = sk[1] && chance(20) ? 1 : 0;
	int via_fd = ns && chance(50);
	int valid = chance(50), err, predict;
	char name[IFNAMSIZ];

	for (i = 0; i < MAXDEVS; i++)
		if (!devs[i].used) {
			d = &devs[i];
			break;
		}
	if (!d)
		return;
	snprintf(name, sizeof(name), "fz%d", devno++);
	msg_init(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	mnl_attr_put_strz(&m.nh, IFLA_IFNAME, name);
	if (via_fd)
		mnl_attr_put_u32(&m.nh, IFLA_NET_NS_FD, nsfd);
	li = mnl_attr_nest_start(&m.nh, IFLA_LINKINFO);
	mnl_attr_put_strz(&m.nh, IFLA_INFO_KIND, "ibfo");
	if (chance(80)) {
		data = mnl_attr_nest_start(&m.nh, IFLA_INFO_DATA);
		gen_data(&m, &c, ns, NULL, valid);
		mnl_attr_nest_end(&m.nh, data);
	}
	mnl_attr_nest_end(&m.nh, li);
	change_check(&c, ns, NULL);
	predict = c.invalid ? -1 : c.primary_bad ? -1 :
		  c.primary_unknown ? 0 : 1;
	err = request(via_fd ? 0 : ns, &m, predict, "create");
	if (err)
		return;
	memset(d, 0, sizeof(*d));
	d->used = 1;
	d->ns = ns;
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->o = defaults;
	d->mtu = MTU_DEFAULT;
	change_apply(&d->o, &c);
	d->ifindex = ifindex_of(ns, name);
	if (!d->ifindex) {
		mismatch("%s: created, not found", name);
		d->used = 0;
	}
}

static void op_delete(void)
{
	struct mdev *d = dev_pick(-1);
	struct msg m;
	int err, ns;

	if (!d || chance(10)) {
		/* Nothing there, or loopback: refused. */
		ns = sk[1] && chance(30);
		msg_init(&m, RTM_DELLINK, 0, chance(50) ? 1 :
			 (int)(200000 + below(100000)));
		request(ns, &m, -1, "delete lo/none");
		return;
	}
	ns = d->ns;
	if (chance(30)) {
		msg_init(&m, RTM_DELLINK, 0, 0);
		mnl_attr_put_strz(&m.nh, IFLA_IFNAME, d->name);
	} else {
		msg_init(&m, RTM_DELLINK, 0, d->ifindex);
	}
	err = request(ns, &m, 1, "delete");
	if (err)
		return;
	if (!ns)
		release_all(d->ifindex);
	d->used = 0;
}

/* Option change through RTM_NEWLINK (changelink), RTM_SETLINK (which
 * ignores IFLA_LINKINFO: nothing changes) or with structural damage.
 */
static void op_change(void)
{
	struct mdev *d = dev_pick(-1);
	struct change c = { 0 };
	struct msg m;
	struct ifinfomsg *ifi;
	struct nlattr *li, *data;
	int ns, err, predict, type = RTM_NEWLINK, flags = 0;
	int structural = 0, applies = 1, valid = chance(40);
	const char *what = "change";

	if (!d)
		return;
	ns = d->ns;
	if (!valid && chance(15))
		type = RTM_SETLINK, applies = 0, what = "setlink+linkinfo";
	if (!valid && type == RTM_NEWLINK && chance(10)) {
		flags = chance(50) ? NLM_F_EXCL : NLM_F_REPLACE;
		what = "change excl/replace";
		structural = -1;
	}
	ifi = msg_init(&m, type, flags, d->ifindex);
	if (chance(10)) {
		/* by name instead of ifindex */
		ifi->ifi_index = 0;
		mnl_attr_put_strz(&m.nh, IFLA_IFNAME, d->name);
	}
	if (!valid && chance(5)) {
		/* The master's addresses are its slaves': refused. */
		unsigned char addr[20] = { 0, 0, 4, 4, 0xfe, 0x80 };

		mnl_attr_put(&m.nh, chance(50) ? IFLA_ADDRESS : IFLA_BROADCAST,
			     sizeof(addr), addr);
		if (type == RTM_NEWLINK)
			structural = -1, what = "change+address";
		else
			structural = 2;		/* do_setlink: no verdict */
	}
	li = mnl_attr_nest_start(&m.nh, IFLA_LINKINFO);
	if (!valid && chance(8)) {
		/* another kind's ops: -EOPNOTSUPP */
		mnl_attr_put_strz(&m.nh, IFLA_INFO_KIND, "dummy");
		if (type == RTM_NEWLINK && !structural)
			structural = -1, what = "change kind dummy";
	} else if (valid || chance(95)) {
		mnl_attr_put_strz(&m.nh, IFLA_INFO_KIND, "ibfo");
	} else if (type == RTM_NEWLINK && !structural) {
		structural = -1, what = "change no kind";	/* data without kind */
	}
	data = mnl_attr_nest_start(&m.nh, IFLA_INFO_DATA);
	gen_data(&m, &c, ns, d, valid);
	if (!valid && chance(5)) {
		/* trailing bytes, not an attribute */
		mnl_attr_put_check(&m.nh, BUFSZ, IFLA_IBFO_UPDELAY, 3,
				   "\1\2\3");
		msg_cut(&m, 4);
		c.invalid = 1;
	}
	mnl_attr_nest_end(&m.nh, data);
	if (!valid && chance(4)) {
		/* a second IFLA_INFO_DATA: rtnetlink parses the last one */
		struct change c2 = { 0 };

		data = mnl_attr_nest_start(&m.nh, IFLA_INFO_DATA);
		gen_data(&m, &c2, ns, d, chance(50));
		mnl_attr_nest_end(&m.nh, data);
		what = "change 2x data";
		c.invalid |= c2.invalid;
		c = (struct change){ .n = c2.n, .invalid = c.invalid | c2.invalid };
		memcpy(c.type, c2.type, sizeof(c.type));
		memcpy(c.val, c2.val, sizeof(c.val));
	}
	if (!valid && chance(4)) {
		/* slave data for a master that is nobody's slave */
		struct nlattr *sd = mnl_attr_nest_start(&m.nh, IFLA_INFO_SLAVE_DATA);

		mnl_attr_put_u32_check(&m.nh, BUFSZ, IFLA_IBFO_SLAVE_STATE, 0);
		mnl_attr_nest_end(&m.nh, sd);
		if (type == RTM_NEWLINK && !structural)
			structural = 3, what = "change+slave data";
	}
	mnl_attr_nest_end(&m.nh, li);
	if (!valid && chance(3)) {
		/* nesting broken: IFLA_LINKINFO claims more than there is */
		nest_overclaim(li, 8 + 4 * below(8));
		structural = 2;
		what = "change broken nest";
	}
	change_check(&c, ns, d);
	if (structural == -1)
		predict = -1;
	else if (!applies || structural == 2)
		predict = 0;
	else if (c.invalid)
		predict = -1;
	else if (c.primary_bad)
		predict = -1;
	else if (c.primary_unknown || structural)
		predict = 0;
	else
		predict = 1;
	if (structural == 3 && !c.invalid && !c.primary_bad)
		predict = 0;
	err = request(ns, &m, predict, what);
	if (structural == 3 && !c.invalid && !c.primary_bad) {
		/* rtnetlink runs changelink before it refuses the slave
		 * data: the options are applied although it fails.
		 */
		n_partial++;
		if (c.primary_unknown)
			adopt(d);
		else
			change_apply(&d->o, &c);
		return;
	}
	if (err || !applies || structural == 2)
		return;
	change_apply(&d->o, &c);
}

/* IFLA_MASTER on a candidate, loopback, or an ibfo device. */
/* Can @c take @d's MTU?  Surely if it is between ipoib's minimum and the
 * MTU @c had unenslaved; above that a datagram-mode slave may refuse it
 * or only pretend to take it, which ibfo must refuse.
 */
static int mtu_fits(const struct cand *c, const struct mdev *d)
{
	return d && d->mtu >= MTU_IPOIB_MIN && d->mtu <= c->mtu;
}

static void op_master(void)
{
	struct msg m;
	struct cand *c = NULL;
	struct mdev *d, *self = NULL;
	uint32_t master;
	int ifindex, err, predict = 0, malformed = chance(5);
	enum kind mk;

	if (sk[1] && chance(8)) {
		/* inside NETNS: its loopback or ibfo devices, nothing to
		 * enslave there
		 */
		self = dev_pick(1);
		ifindex = self && chance(70) ? self->ifindex : 1;
		d = dev_pick(1);
		master = d && chance(80) ? (uint32_t)d->ifindex : below(40);
		msg_init(&m, RTM_SETLINK, 0, ifindex);
		mnl_attr_put_u32(&m.nh, IFLA_MASTER, master);
		err = request(1, &m, kind_of(1, master) == K_IBFO ? -1 : 0,
			      "[ns] enslave");
		(void)err;
		return;
	}
	if (ncands && chance(85)) {
		c = &cands[below(ncands)];
		ifindex = c->ifindex;
	} else if (chance(50)) {
		self = dev_pick(0);
		ifindex = self ? self->ifindex : 1;
	} else {
		ifindex = 1;
	}
	switch (below(10)) {
	case 0:
		master = 0;
		break;
	case 1:
		master = below(60);
		break;
	case 2: {
		/* an ibfo device of NETNS, by its ifindex there */
		d = dev_pick(1);
		master = d ? d->ifindex : 0;
		break;
	}
	default:
		d = dev_pick(0);
		master = d ? d->ifindex : 0;
		break;
	}
	mk = kind_of(0, master);
	msg_init(&m, chance(20) ? RTM_NEWLINK : RTM_SETLINK, 0, ifindex);
	if (malformed)
		mnl_attr_put(&m.nh, IFLA_MASTER, 2, &master);
	else
		mnl_attr_put_u32(&m.nh, IFLA_MASTER, master);

	if (malformed) {
		predict = -1;
	} else if (c && c->ipoib) {
		if (master == (uint32_t)c->master)
			predict = 1;
		else if (mk == K_NONE)
			predict = master ? -1 : 1;
		else if (mk == K_IBFO)
			predict = mtu_fits(c, dev_find(0, master)) ? 1 : 0;
		else if (mk != K_UNKNOWN)
			predict = -1;
	} else if (mk == K_IBFO) {
		/* not IPoIB, or an ibfo device: refused */
		predict = -1;
	} else if (mk == K_NONE && master) {
		predict = -1;
	}
	err = request(0, &m, predict, malformed ? "enslave malformed" :
		      c && c->ipoib ? "enslave ipoib" : "enslave other");
	if (malformed || !c)
		return;
	/* do_set_master() releases from the old master first, whatever
	 * happens to the new one.
	 */
	if (c->master && (uint32_t)c->master != master)
		c->master = 0;
	if (!err && master && (mk == K_IBFO || mk == K_UNKNOWN))
		c->master = master;
}

/* A master's MTU: an edge or any value; outside [MTU_MIN, MTU_MAX] the
 * core must refuse it, inside every slave must take it or the request
 * is refused, changing nothing (readback).
 */
static void op_mtu(void)
{
	static const uint32_t edges[] = {
		0, MTU_MIN - 1, MTU_MIN, MTU_IPOIB_MIN - 1, MTU_IPOIB_MIN,
		1500, MTU_DEFAULT - 1, MTU_DEFAULT, MTU_DEFAULT + 1, 4092,
		4093, MTU_MAX, MTU_MAX + 1, UINT32_MAX,
	};
	struct mdev *d = dev_pick(0);
	struct msg m;
	uint32_t mtu;

	if (!d)
		return;
	if (chance(60))
		mtu = edges[below(ARRAY_SIZE(edges))];
	else
		mtu = MTU_MIN + below(MTU_MAX - MTU_MIN + 1);
	msg_init(&m, RTM_SETLINK, 0, d->ifindex);
	mnl_attr_put_u32(&m.nh, IFLA_MTU, mtu);
	if (!request(0, &m, mtu < MTU_MIN || mtu > MTU_MAX ? -1 : 0, "mtu"))
		d->mtu = mtu;
}

/* Slave data: ibfo slaves have no settable attributes.  ibfo itself
 * refuses them for its slaves, with its reason; rtnetlink refuses them
 * for devices without a master.
 */
static void op_slave_data(void)
{
	struct msg m;
	struct nlattr *li, *sd;
	struct cand *c;
	uint32_t type, v;

	if (!ncands)
		return;
	c = &cands[below(ncands)];
	/* In the order in which gcc evaluated them as arguments before: the
	 * same seed draws the same requests.
	 */
	v = rnd();
	type = below(IFLA_IBFO_SLAVE_MAX + 3);
	msg_init(&m, RTM_NEWLINK, 0, c->ifindex);
	li = mnl_attr_nest_start(&m.nh, IFLA_LINKINFO);
	mnl_attr_put_strz(&m.nh, IFLA_INFO_SLAVE_KIND, "ibfo");
	sd = mnl_attr_nest_start(&m.nh, IFLA_INFO_SLAVE_DATA);
	mnl_attr_put_u32(&m.nh, type, v);
	mnl_attr_nest_end(&m.nh, sd);
	mnl_attr_nest_end(&m.nh, li);
	if (request(0, &m, -1, "slave data") && c->master &&
	    !strstr(ext, "read-only") && !strstr(ext, "no options"))
		mismatch("slave data on a slave: refused without ibfo's reason (\"%s\")",
			 ext);
}

/*
 * Moving an ibfo master to another namespace: refused, the master's
 * namespace is immutable.  A "move" into its own namespace (PID 1's,
 * when we run there) is refused by Linux 6.1, which checks the flag
 * first, and accepted as a no-op by later kernels: either is right.
 */
static void op_move(void)
{
	struct mdev *d = dev_pick(0);
	int predict = -1;
	struct msg m;

	if (!d || nsfd < 0)
		return;
	msg_init(&m, chance(50) ? RTM_SETLINK : RTM_NEWLINK, 0, d->ifindex);
	if (chance(50)) {
		mnl_attr_put_u32(&m.nh, IFLA_NET_NS_FD, nsfd);
	} else {
		mnl_attr_put_u32(&m.nh, IFLA_NET_NS_PID, 1);
		if (in_init_netns)
			predict = 0;
	}
	request(0, &m, predict, "move");
}

/* Same namespace inode as PID 1? */
static int same_netns_as_init(void)
{
	struct stat a, b;

	if (stat("/proc/self/ns/net", &a) || stat("/proc/1/ns/net", &b))
		return 0;
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void one(void)
{
	unsigned int r = below(100);

	if (dev_count() == 0 || (r < 6 && dev_count() < maxdevs))
		op_create();
	else if (r < 10)
		op_delete();
	else if (r < 55)
		op_change();
	else if (r < 90)
		op_master();
	else if (r < 93)
		op_slave_data();
	else if (r < 96)
		op_mtu();
	else
		op_move();
}

/* ---- setup ---- */
static struct mnl_socket *open_sock(void)
{
	struct mnl_socket *s = nl_open();

	if (!s) {
		fprintf(stderr, "netlink socket: %s\n", strerror(errno));
		exit(2);
	}
	return s;
}

static void add_cands(const char *list, int ipoib)
{
	char *copy = strdup(list), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok && ncands < MAXCAND;
	     tok = strtok_r(NULL, ",", &save)) {
		struct cand *c = &cands[ncands];
		int idx = if_nametoindex(tok);

		if (!idx) {
			fprintf(stderr, "ibfo_nlfuzz: no device %s\n", tok);
			exit(2);
		}
		snprintf(c->name, sizeof(c->name), "%s", tok);
		c->ifindex = idx;
		c->ipoib = ipoib;
		ncands++;
	}
	free(copy);
}

/* Start from the kernel's state: existing ibfo devices and masters. */
static void model_init(int ns)
{
	int i, j;

	dump(ns);
	for (i = 0; i < nseen; i++) {
		struct seen *s = &seen[i];
		struct cand *c;

		if (s->is_ibfo) {
			for (j = 0; j < MAXDEVS && devs[j].used; j++)
				;
			if (j == MAXDEVS)
				continue;
			devs[j].used = 1;
			devs[j].ns = ns;
			devs[j].ifindex = s->ifindex;
			snprintf(devs[j].name, sizeof(devs[j].name), "%s", s->name);
			devs[j].o = s->o;
			devs[j].mtu = s->mtu;
		}
		c = ns ? NULL : cand_find(s->ifindex);
		if (c) {
			c->master = s->master;
			c->mtu = s->mtu;
		}
	}
}

static const char usage_text[] =
	"usage: ibfo_nlfuzz [-s SEED] [-n COUNT] [-c EVERY] [-i IPOIB,...]\n"
	"                   [-o OTHER,...] [-N NETNS] [-d MAXDEVS] [-v]\n";

static void usage(void)
{
	fputs(usage_text, stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long count = 1000, every = 500, seed = 1, i;
	const char *netns = NULL;
	int opt, self;

	while ((opt = getopt(argc, argv, "s:n:c:i:o:N:d:v")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			every = strtoul(optarg, NULL, 0);
			break;
		case 'i':
			add_cands(optarg, 1);
			break;
		case 'o':
			add_cands(optarg, 0);
			break;
		case 'N':
			netns = optarg;
			break;
		case 'd':
			maxdevs = atoi(optarg);
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || maxdevs < 1 || maxdevs > MAXDEVS)
		usage();
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
	in_init_netns = same_netns_as_init();
	sk[0] = open_sock();
	if (netns) {
		char path[256];

		snprintf(path, sizeof(path), "/var/run/netns/%s", netns);
		nsfd = open(path, O_RDONLY | O_CLOEXEC);
		self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		if (nsfd < 0 || self < 0 || setns(nsfd, CLONE_NEWNET)) {
			perror(path);
			return 2;
		}
		sk[1] = open_sock();
		if (setns(self, CLONE_NEWNET)) {
			perror("setns back");
			return 2;
		}
		close(self);
	}
	model_init(0);
	if (sk[1])
		model_init(1);
	printf("fuzz: seed %lu, %lu messages, %d candidate slaves%s%s\n",
	       seed, count, ncands, netns ? ", netns " : "",
	       netns ? netns : "");
	fflush(stdout);
	/* Some draws send nothing (no device to act on yet). */
	for (i = 0; n_sent < count && i < 4 * count; i++) {
		unsigned long before = n_sent;

		one();
		if (every && n_sent != before && n_sent % every == 0)
			readback();
	}
	readback();
	for (i = 0; i < (unsigned long)nexts; i++)
		printf("fuzz: refused %lu x %s: %s\n", exts[i].count,
		       strerror(exts[i].err), exts[i].text);
	printf("fuzz: %lu refusals without extack\n", n_noext);
	printf("fuzz: %lu verdicts checked (%lu must-refuse, %lu must-accept)\n",
	       n_must_rej + n_must_acc, n_must_rej, n_must_acc);
	printf("fuzz: %lu readbacks\n", n_readbacks);
	printf("fuzz: %lu refused but applied (slave data after changelink)\n",
	       n_partial);
	printf("fuzz: %lu sent, %lu accepted, %lu rejected, %lu mismatches\n",
	       n_sent, n_acc, n_rej, n_mis);
	return n_mis ? 1 : 0;
}
