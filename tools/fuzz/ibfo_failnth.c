// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo_failnth: systematic allocation-fault sweep of ibfo's rtnetlink
 * operations, with the kernel's per-task fault injection
 * (/proc/thread-self/fail-nth, Documentation/fault-injection/), on
 * libmnl (nlmsg.h).
 *
 *   ibfo_failnth -i IPOIB0,IPOIB1 [-o OP,...] [-x STEP] [-r ROUNDS]
 *                [-m MAXN] [-v]
 *
 * For each operation OP (a single rtnetlink request: create a master with
 * options, enslave a slave that is down or up, enslave a second one,
 * change options, change mode, change the MTU over two slaves, release,
 * delete a master with slaves) and n = 1, 1 + STEP, ...: set up the state
 * before OP without faults, write n to fail-nth, send OP, read back from
 * fail-nth whether the n-th allocation in the kernel (slab or page, any
 * caller: rtnetlink core, ibfo, ib_ipoib, ...) was made to fail, then:
 *
 *   - the request returned 0 or an errno (or its acknowledgment was the
 *     allocation that failed: then either outcome is allowed);
 *   - the state read back (RTM_GETLINK: the master's existence, options,
 *     MTU and UP flag; each slave's master, MTU, UP and SLAVE flags) is
 *     exactly the state after a fault-free OP on success, and exactly the
 *     state before it on failure: nothing half-applied;
 *   - after a failure, the same request without a fault succeeds (the
 *     failed attempt left nothing behind that gets in the way);
 *   - the state is torn down again without error.
 *
 * rtnetlink handles a request in the sender's context, inside sendmsg():
 * fail-nth is read right after it, before the acknowledgment is received.
 * The sweep of an operation ends at the first n whose fault was not
 * consumed: the request made fewer than n allocations.  mlockall() keeps
 * page faults of this process out of the count.  Each ROUND starts at
 * another offset within STEP, so rounds with STEP > 1 cover other points.
 *
 * Exit status 1 on mismatches, 2 on setup errors.  Closing line:
 *   faults: N injected over K operations, E errors returned, M mismatches
 * (K: operation sweeps run, i.e. operations x rounds.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "nlmsg.h"

#define MASTER		"fi0"
#define NSLAVES		2
/* Flags that must follow the operation; RUNNING, LOWER_UP etc. follow
 * the IB fabric, asynchronously.
 */
#define FLAGS_MASK	(IFF_UP | IFF_SLAVE)

static struct mnl_socket *sk;
static int failfd = -1, verbose;
static unsigned int seq = 1;
static char slave_name[NSLAVES][IFNAMSIZ];
static int slave_idx[NSLAVES];
static unsigned int base_mtu[NSLAVES], orig_mtu[NSLAVES];
static unsigned long n_mis;

static void mismatch(const char *op, unsigned int n, const char *fmt, ...)
{
	va_list ap;

	n_mis++;
	fprintf(stderr, "MISMATCH %s n=%u: ", op, n);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("ibfo_failnth: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* ---- options ---- */
static void put_opts(struct msg *m, const struct opts *o)
{
	struct nlmsghdr *nh = &m->nh;
	struct nlattr *li, *data;

	li = mnl_attr_nest_start(nh, IFLA_LINKINFO);
	mnl_attr_put_strz(nh, IFLA_INFO_KIND, "ibfo");
	data = mnl_attr_nest_start(nh, IFLA_INFO_DATA);
	mnl_attr_put_u8(nh, IFLA_IBFO_MODE, o->mode);
	mnl_attr_put_u32(nh, IFLA_IBFO_PRIMARY, o->primary);
	mnl_attr_put_u8(nh, IFLA_IBFO_PRIMARY_RESELECT, o->reselect);
	mnl_attr_put_u32(nh, IFLA_IBFO_UPDELAY, o->up);
	mnl_attr_put_u32(nh, IFLA_IBFO_DOWNDELAY, o->down);
	mnl_attr_put_u32(nh, IFLA_IBFO_PEER_NOTIFY_COUNT, o->ncount);
	mnl_attr_put_u32(nh, IFLA_IBFO_PEER_NOTIFY_INTERVAL, o->nint);
	mnl_attr_put_u8(nh, IFLA_IBFO_XMIT_HASH_POLICY, o->hash);
	mnl_attr_put_u8(nh, IFLA_IBFO_RX_BALANCE, o->rxbal);
	mnl_attr_put_u8(nh, IFLA_IBFO_PEER_DISCOVERY, o->disc);
	mnl_attr_nest_end(nh, data);
	mnl_attr_nest_end(nh, li);
}

/* ---- transport ---- */

/* The acknowledgment of request @s: 0 or a negative errno from the
 * kernel; -ENOBUFS with *@lost set when the socket reported that a
 * message (the acknowledgment itself) could not be queued.
 */
static int recv_ack(unsigned int s, int *lost)
{
	int err, rcv_err;

	err = nl_ack(sk, s, NULL, 0, &rcv_err);
	*lost = rcv_err == ENOBUFS;
	if (rcv_err && !*lost)
		die("recv: %s", strerror(rcv_err));
	return err;
}

static int send_msg(struct msg *m)
{
	return nl_send(sk, m, ++seq);
}

/* A request without fault injection: 0 or a negative errno. */
static int talk(struct msg *m)
{
	int err, lost;

	err = send_msg(m);
	if (err)
		return err;
	err = recv_ack(seq, &lost);
	if (lost)
		die("acknowledgment lost without fault injection");
	return err;
}

static void fail_nth_set(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	if (pwrite(failfd, buf, len, 0) != len)
		die("write fail-nth: %s", strerror(errno));
}

static unsigned int fail_nth_get(void)
{
	char buf[16] = "";

	if (pread(failfd, buf, sizeof(buf) - 1, 0) <= 0)
		die("read fail-nth: %s", strerror(errno));
	return strtoul(buf, NULL, 10);
}

/* Request @m with the n-th allocation failing.  Returns its result;
 * *@injected: the fault was consumed; *@lost: the acknowledgment was.
 * Between the two fail-nth accesses only sendmsg() runs: fail-nth stays
 * open (opening allocates) and every page of ours is locked in.
 */
static int talk_faulted(struct msg *m, unsigned int n, int *injected,
			int *lost)
{
	unsigned int left;
	int err;

	fail_nth_set(n);
	err = send_msg(m);
	left = fail_nth_get();
	fail_nth_set(0);
	*injected = left == 0;
	*lost = 0;
	if (err)
		return err;
	return recv_ack(seq, lost);
}

/* ---- state read back ---- */
struct link {
	int exists, ifindex, master, is_ibfo, have_opts;
	unsigned int flags, mtu;
	struct opts o;
};

struct state {
	struct link m;			/* MASTER */
	struct link s[NSLAVES];
};

static void parse_link(void *ctx, const struct nlmsghdr *nh)
{
	struct state *st = ctx;
	const struct nlattr *tb[IFLA_MAX + 1], *data;
	struct ifinfomsg *ifi = link_attrs(nh, tb);
	struct link l = { .exists = 1, .ifindex = ifi->ifi_index };
	uint32_t active;
	int i;

	l.flags = ifi->ifi_flags & FLAGS_MASK;
	if (tb[IFLA_MASTER])
		l.master = mnl_attr_get_u32(tb[IFLA_MASTER]);
	if (tb[IFLA_MTU])
		l.mtu = mnl_attr_get_u32(tb[IFLA_MTU]);
	data = ibfo_info_data(tb[IFLA_LINKINFO], &l.is_ibfo);
	if (data) {
		l.have_opts = 1;
		parse_opts(data, &l.o, &active, NULL);
	}
	if (tb[IFLA_IFNAME] &&
	    !strcmp(mnl_attr_get_str(tb[IFLA_IFNAME]), MASTER))
		st->m = l;
	for (i = 0; i < NSLAVES; i++)
		if (l.ifindex == slave_idx[i])
			st->s[i] = l;
}

static void snapshot(struct state *st)
{
	int err;

	/* An interrupted dump (the links changed during it) is redone. */
	do {
		memset(st, 0, sizeof(*st));
		err = nl_dump_links(sk, ++seq, parse_link, st);
	} while (err == -EINTR);
	if (err)
		die("RTM_GETLINK: %s", strerror(-err));
}

/* The first difference between two states, "" if none.  The master's
 * ifindex changes with every creation: slaves are compared by whether
 * their master is MASTER.
 */
static const char *state_diff(const struct state *a, const struct state *b)
{
	static char why[160];
	const struct link *x = &a->m, *y = &b->m;
	int i;

	if (x->exists != y->exists)
		return x->exists ? "master exists" : "master missing";
	if (x->exists) {
		if (x->is_ibfo != y->is_ibfo || x->have_opts != y->have_opts)
			return "master kind";
		if (memcmp(&x->o, &y->o, sizeof(x->o)))
			return "master options";
		if (x->mtu != y->mtu) {
			snprintf(why, sizeof(why), "master mtu %u vs %u",
				 x->mtu, y->mtu);
			return why;
		}
		if (x->flags != y->flags)
			return "master flags";
	}
	for (i = 0; i < NSLAVES; i++) {
		const struct link *s = &a->s[i], *t = &b->s[i];
		int sm = s->master && s->master == x->ifindex;
		int tm = t->master && t->master == y->ifindex;

		snprintf(why, sizeof(why), "%s: ", slave_name[i]);
		if (!s->exists || !t->exists)
			return strcat(why, "gone");
		if (sm != tm || !s->master != !t->master)
			return strcat(why, "master");
		if (s->mtu != t->mtu) {
			snprintf(why + strlen(why), sizeof(why) - strlen(why),
				 "mtu %u vs %u", s->mtu, t->mtu);
			return why;
		}
		if (s->flags != t->flags) {
			snprintf(why + strlen(why), sizeof(why) - strlen(why),
				 "flags %#x vs %#x", s->flags, t->flags);
			return why;
		}
	}
	return "";
}

/* ---- operations ---- */
static const struct opts opts_ab = {
	.mode = IBFO_MODE_ACTIVE_BACKUP,
	.reselect = IBFO_PRIMARY_RESELECT_ALWAYS,
	.hash = IBFO_XMIT_HASH_LAYER34,
	.rxbal = 1,
	.ncount = 3,
	.nint = 100,
};

static int master_idx(void)
{
	struct state st;

	snapshot(&st);
	return st.m.exists ? st.m.ifindex : 0;
}

static void build_create(struct msg *m, int mp)
{
	struct opts o = {
		.mode = mp ? IBFO_MODE_MULTIPATH : IBFO_MODE_ACTIVE_BACKUP,
		.primary = slave_idx[0],
		.reselect = IBFO_PRIMARY_RESELECT_BETTER,
		.up = 200,
		.down = 100,
		.ncount = 5,
		.nint = 50,
		.hash = IBFO_XMIT_HASH_LAYER3,
		.rxbal = 0,
		.disc = 1,
	};
	struct ifinfomsg *ifi;

	ifi = msg_init(m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	mnl_attr_put_strz(&m->nh, IFLA_IFNAME, MASTER);
	put_opts(m, &o);
}

static void build_master(struct msg *m, int slave, int master)
{
	msg_init(m, RTM_SETLINK, 0, slave_idx[slave]);
	mnl_attr_put_u32(&m->nh, IFLA_MASTER, master);
}

static void need(const char *what, int err)
{
	if (err)
		die("setup: %s: %s", what, strerror(-err));
}

static void setup_master(void)
{
	struct ifinfomsg *ifi;
	struct msg m;

	ifi = msg_init(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	mnl_attr_put_strz(&m.nh, IFLA_IFNAME, MASTER);
	put_opts(&m, &opts_ab);
	need("create " MASTER, talk(&m));
}

static void setup_slave_up(int i)
{
	struct ifinfomsg *ifi;
	struct msg m;

	ifi = msg_init(&m, RTM_SETLINK, 0, slave_idx[i]);
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	need("slave up", talk(&m));
}

static void setup_enslave(int i)
{
	struct msg m;

	build_master(&m, i, master_idx());
	need("enslave", talk(&m));
}

/* Back to the state every operation starts from: no master, every slave
 * free, down, with its MTU.  Returns 0 or the first error.
 */
static int teardown(void)
{
	struct ifinfomsg *ifi;
	struct msg m;
	int idx = master_idx(), i, err, ret = 0;

	if (idx) {
		msg_init(&m, RTM_DELLINK, 0, idx);
		err = talk(&m);
		if (err && !ret)
			ret = err;
	}
	for (i = 0; i < NSLAVES; i++) {
		ifi = msg_init(&m, RTM_SETLINK, 0, slave_idx[i]);
		ifi->ifi_flags = 0;
		ifi->ifi_change = IFF_UP;
		mnl_attr_put_u32(&m.nh, IFLA_MASTER, 0);
		mnl_attr_put_u32(&m.nh, IFLA_MTU, base_mtu[i]);
		err = talk(&m);
		if (err && !ret)
			ret = err;
	}
	return ret;
}

struct op {
	const char *name;
	void (*setup)(void);
	void (*build)(struct msg *m);
};

static void no_setup(void) { }

static void setup_master_only(void) { setup_master(); }

static void setup_master_up_slave(void)
{
	setup_master();
	setup_slave_up(0);
}

static void setup_one_slave(void)
{
	setup_master();
	setup_enslave(0);
}

static void setup_two_slaves(void)
{
	setup_master();
	setup_enslave(0);
	setup_enslave(1);
}

static void build_create_ab(struct msg *m) { build_create(m, 0); }
static void build_create_mp(struct msg *m) { build_create(m, 1); }
static void build_enslave0(struct msg *m) { build_master(m, 0, master_idx()); }
static void build_enslave1(struct msg *m) { build_master(m, 1, master_idx()); }
static void build_release0(struct msg *m) { build_master(m, 0, 0); }

static void build_change(struct msg *m)
{
	struct opts o = {
		.mode = IBFO_MODE_ACTIVE_BACKUP,
		.primary = slave_idx[1],
		.reselect = IBFO_PRIMARY_RESELECT_FAILURE,
		.up = 300,
		.down = 400,
		.ncount = 7,
		.nint = 70,
		.hash = IBFO_XMIT_HASH_LAYER3,
		.rxbal = 0,
	};

	msg_init(m, RTM_NEWLINK, 0, master_idx());
	put_opts(m, &o);
}

static void build_mode(struct msg *m)
{
	struct opts o = opts_ab;

	o.mode = IBFO_MODE_MULTIPATH;
	o.hash = IBFO_XMIT_HASH_LAYER3;
	msg_init(m, RTM_NEWLINK, 0, master_idx());
	put_opts(m, &o);
}

static void build_mtu(struct msg *m)
{
	msg_init(m, RTM_SETLINK, 0, master_idx());
	mnl_attr_put_u32(&m->nh, IFLA_MTU, 1500);
}

static void build_delete(struct msg *m)
{
	msg_init(m, RTM_DELLINK, 0, master_idx());
}

static const struct op ops[] = {
	{ "create", no_setup, build_create_ab },
	{ "create_mp", no_setup, build_create_mp },
	{ "enslave", setup_master_only, build_enslave0 },
	{ "enslave_up", setup_master_up_slave, build_enslave0 },
	{ "enslave_second", setup_one_slave, build_enslave1 },
	{ "change", setup_two_slaves, build_change },
	{ "mode", setup_master_only, build_mode },
	{ "mtu", setup_two_slaves, build_mtu },
	{ "release", setup_two_slaves, build_release0 },
	{ "delete", setup_two_slaves, build_delete },
};

/* ---- the sweep ---- */
static unsigned long t_injected, t_errors, t_sweeps, t_lost;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sweep(const struct op *op, unsigned int first, unsigned int step,
		  unsigned int maxn)
{
	unsigned long injected = 0, errors = 0, lost_acks = 0, mis0 = n_mis;
	struct state before, after, got;
	int errs[135] = { 0 };
	unsigned int n, end = 0;
	double t0 = now();
	char list[256] = "";
	struct msg m;
	int err, i;

	/* The reference: the state after a fault-free request. */
	op->setup();
	op->build(&m);
	err = talk(&m);
	if (err)
		die("%s without faults: %s", op->name, strerror(-err));
	snapshot(&after);
	err = teardown();
	if (err)
		die("%s: teardown: %s", op->name, strerror(-err));

	for (n = first; n <= maxn; n += step) {
		int inj, lost;
		char why[160];
		const char *d;

		op->setup();
		snapshot(&before);
		op->build(&m);
		err = talk_faulted(&m, n, &inj, &lost);
		snapshot(&got);
		if (verbose)
			fprintf(stderr, "%s n=%u: %s%s%s\n", op->name, n,
				err ? strerror(-err) : "ok",
				inj ? "" : " (no fault left)",
				lost ? " (ack lost)" : "");
		if (!inj) {
			/* Fewer than n allocations: the sweep is complete. */
			end = n;
			if (err)
				mismatch(op->name, n, "no fault injected, yet %s",
					 strerror(-err));
			d = state_diff(&got, &after);
			if (*d)
				mismatch(op->name, n, "without fault: %s", d);
			if (teardown())
				mismatch(op->name, n, "teardown failed");
			break;
		}
		injected++;
		if (lost) {
			lost_acks++;
			/* Either outcome, but a whole one. */
			/* state_diff() returns a static buffer: copy one. */
			snprintf(why, sizeof(why), "%s",
				 state_diff(&got, &before));
			d = state_diff(&got, &after);
			if (*why && *d)
				mismatch(op->name, n,
					 "ack lost, state neither before (%s) nor after (%s)",
					 why, d);
		} else if (!err) {
			d = state_diff(&got, &after);
			if (*d)
				mismatch(op->name, n, "succeeded, but %s", d);
		} else {
			errors++;
			if (-err > 0 && -err < (int)ARRAY_SIZE(errs))
				errs[-err]++;
			d = state_diff(&got, &before);
			if (*d)
				mismatch(op->name, n, "failed (%s), but %s",
					 strerror(-err), d);
		}
		/* Whatever failed left nothing in the way of a retry. */
		if (!*state_diff(&got, &before)) {
			op->build(&m);
			err = talk(&m);
			snapshot(&got);
			d = state_diff(&got, &after);
			if (err)
				mismatch(op->name, n, "retry without fault: %s",
					 strerror(-err));
			else if (*d)
				mismatch(op->name, n, "retry: %s", d);
		}
		err = teardown();
		if (err)
			mismatch(op->name, n, "teardown: %s", strerror(-err));
	}
	for (i = 1; i < (int)ARRAY_SIZE(errs); i++)
		if (errs[i])
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%s%s %d", *list ? ", " : "", strerrorname_np(i),
				 errs[i]);
	printf("faults: %s: %s%u allocations, %lu injected (from n=%u, step %u), ",
	       op->name, end ? "" : "over ", end ? end - 1 : maxn, injected,
	       first, step);
	printf("%lu errors%s%s%s, %lu acks lost, %lu mismatches, %.1f s\n",
	       errors, *list ? " (" : "", list, *list ? ")" : "",
	       lost_acks, n_mis - mis0, now() - t0);
	fflush(stdout);
	t_injected += injected;
	t_errors += errors;
	t_lost += lost_acks;
	t_sweeps++;
}

static void print_usage(void)
{
	unsigned int i;

	fputs("usage: ibfo_failnth -i IPOIB0,IPOIB1 [-o OP,...] [-x STEP]\n"
	      "                    [-r ROUNDS] [-m MAXN] [-v]\nops:", stderr);
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		fprintf(stderr, " %s", ops[i].name);
	fputc('\n', stderr);
	exit(2);
}

static int selected(const char *list, const char *name)
{
	char *copy, *tok, *save = NULL;
	int found = 0;

	if (!list)
		return 1;
	copy = strdup(list);
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		found |= !strcmp(tok, name);
	free(copy);
	return found;
}

int main(int argc, char **argv)
{
	unsigned int step = 1, rounds = 1, maxn = 100000, r, i;
	const char *oplist = NULL;
	char *slaves = NULL, *tok, *save = NULL;
	struct state st;
	int opt, nops = 0, k = 0;

	while ((opt = getopt(argc, argv, "i:o:x:r:m:v")) != -1) {
		switch (opt) {
		case 'i':
			slaves = optarg;
			break;
		case 'o':
			oplist = optarg;
			break;
		case 'x':
			step = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 'm':
			maxn = strtoul(optarg, NULL, 0);
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc || !slaves || !step || !rounds)
		print_usage();
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		nops += selected(oplist, ops[i].name);
	if (!nops)
		print_usage();
	for (tok = strtok_r(slaves, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (k == NSLAVES)
			print_usage();
		snprintf(slave_name[k], IFNAMSIZ, "%s", tok);
		slave_idx[k] = if_nametoindex(tok);
		if (!slave_idx[k])
			die("no device %s", tok);
		k++;
	}
	if (k != NSLAVES)
		print_usage();

	failfd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (failfd < 0)
		die("/proc/thread-self/fail-nth: %s (no CONFIG_FAULT_INJECTION?)",
		    strerror(errno));
	sk = nl_open();
	if (!sk)
		die("netlink socket: %s", strerror(errno));
	/* No page fault of ours may take an injected fault. */
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		die("mlockall: %s", strerror(errno));

	snapshot(&st);
	if (st.m.exists)
		die("%s exists already", MASTER);
	for (i = 0; i < NSLAVES; i++) {
		if (st.s[i].master)
			die("%s has a master", slave_name[i]);
		orig_mtu[i] = st.s[i].mtu;
		/* Not the master's MTU: enslaving must visibly change it. */
		base_mtu[i] = orig_mtu[i] - 44;
	}
	if (teardown())
		die("cannot put the slaves down");
	printf("faults: slaves %s (mtu %u), %s (mtu %u); step %u, %u round(s)\n",
	       slave_name[0], base_mtu[0], slave_name[1], base_mtu[1], step,
	       rounds);
	fflush(stdout);
	for (r = 0; r < rounds; r++)
		for (i = 0; i < ARRAY_SIZE(ops); i++)
			if (selected(oplist, ops[i].name))
				sweep(&ops[i], 1 + (r + i) % step, step, maxn);
	for (i = 0; i < NSLAVES; i++) {
		struct msg m;

		msg_init(&m, RTM_SETLINK, 0, slave_idx[i]);
		mnl_attr_put_u32(&m.nh, IFLA_MTU, orig_mtu[i]);
		if (talk(&m))
			die("cannot restore the MTU of %s", slave_name[i]);
	}
	printf("faults: %lu acknowledgments lost (outcome read back)\n",
	       t_lost);
	printf("faults: %lu injected over %lu operations, %lu errors returned, %lu mismatches\n",
	       t_injected, t_sweeps, t_errors, n_mis);
	return n_mis ? 1 : 0;
}
