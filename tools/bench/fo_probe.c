// SPDX-License-Identifier: GPL-2.0
/*
 * fo_probe - measure a failover outage with a fixed-rate UDP stream.
 *
 *   fo_probe send [-r RATE] [-d SECS | -n COUNT] [-s BYTES] [-p PORT] [-B MS]
 *                 [-j] ADDR
 *   fo_probe recv [-p PORT] [-t SECS] [-f NS | -F FILE] [-W MS] [-H MS]
 *                 [-w FILE] [-j] [-l LABEL] [ADDR]
 *   fo_probe fault [-o FILE] SYSFS_FILE VALUE
 *   fo_probe now
 *
 * The sender sends datagram seq 0, 1, 2, ... at absolute CLOCK_MONOTONIC
 * deadlines (clock_nanosleep TIMER_ABSTIME), each carrying its sequence
 * number and send time, and ends with a few FIN datagrams that carry the
 * number sent.  Late by up to -B MS (default 10) after a stall, it sends
 * the missed datagrams at once; later than that, it drops the missed
 * deadlines (not sequence numbers) and counts a resync.  The receiver
 * records the arrival time of every sequence number (kernel receive
 * timestamp, mapped to CLOCK_MONOTONIC) and, when the FIN arrives, after
 * -t SECS or on SIGTERM/SIGINT, prints a summary: received, lost, and the
 * outage at the fault instant (-f or -F): the lost run that ends after the
 * fault, from the last packet before it to the first packet after it, by
 * arrival time, with its lost count (-W: the run must begin within MS
 * after the fault, default 1000).  -H MS adds the arrivals per 1 ms bin
 * from MS before to MS after the fault; -w FILE writes every arrival (seq,
 * send and arrival ns); -j prints JSON.  Sender and receiver must share
 * CLOCK_MONOTONIC (network namespaces of one machine).
 *
 * "fault" takes the time, writes VALUE to SYSFS_FILE (e.g. a softib port's
 * link file) and prints the time before the write in ns; "now" prints the
 * time.  Both are CLOCK_MONOTONIC, the clock of the datagrams.
 *
 * Why an outage and not the largest gap: under QEMU TCG a 1 ms stream
 * without any fault shows inter-arrival gaps of ~9 ms; the lost run at the
 * fault and its edges are what a failover costs.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FO_MAGIC	0x49424650u	/* "IBFP" */
#define FO_FLAG_FIN	1u
#define FO_FINS		5		/* FIN datagrams at the end */
#define FO_MIN_SIZE	32
#define FO_MAX_SIZE	65000
#define FO_MAX_SEQ	(64u << 20)	/* receiver's table limit */
#define NSEC_PER_SEC	1000000000LL
#define NSEC_PER_MSEC	1000000LL

/* On the wire, big endian. */
struct fo_hdr {
	uint32_t magic;
	uint32_t flags;
	uint64_t seq;		/* FIN: number of datagrams sent */
	uint64_t sent_ns;	/* sender's CLOCK_MONOTONIC */
	uint64_t pad;
};

/* Plain: the loops that test it call into libc, which reloads it. */
static sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Not signal(): its SA_RESTART would keep poll() from returning. */
static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static int64_t real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static void ns_to_ts(int64_t ns, struct timespec *ts)
{
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

static double ms(int64_t ns)
{
	return (double)ns / NSEC_PER_MSEC;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void print_usage(void)
{
	fputs("usage: fo_probe send [-r RATE] [-d SECS | -n COUNT] [-s BYTES] [-p PORT]\n"
	      "                      [-B MS] [-j] ADDR\n"
	      "       fo_probe recv [-p PORT] [-t SECS] [-f NS | -F FILE] [-W MS] [-H MS] [-w FILE] [-j] [-l LABEL] [ADDR]\n"
	      "       fo_probe fault [-o FILE] SYSFS_FILE VALUE\n"
	      "       fo_probe now\n", stderr);
	exit(2);
}

/*
 * Output: one line, JSON ({"key":value,...}) or text (key=value ...).  A
 * nested object is "key":{...} in JSON and key_-prefixed names in text.
 */
static bool out_json;
static const char *out_prefix = "";
static bool out_first = true;

static void out_key(const char *key)
{
	if (out_json)
		printf("%s\"%s\":", out_first ? "" : ",", key);
	else
		printf("%s%s%s=", out_first ? "" : " ", out_prefix, key);
	out_first = false;
}

static void out_u(const char *key, uint64_t v)
{
	out_key(key);
	printf("%llu", (unsigned long long)v);
}

static void out_ms(const char *key, int64_t ns)
{
	out_key(key);
	printf("%.3f", ms(ns));
}

static void out_b(const char *key, bool v)
{
	out_key(key);
	fputs(v ? "true" : "false", stdout);
}

static void out_s(const char *key, const char *v)
{
	out_key(key);
	printf(out_json ? "\"%s\"" : "%s", v);
}

static void out_begin(void)
{
	out_first = true;
	if (out_json)
		putchar('{');
}

static void out_end(void)
{
	puts(out_json ? "}" : "");
}

static void out_open(const char *key)
{
	if (out_json) {
		out_key(key);
		putchar('{');
		out_first = true;
	} else {
		out_prefix = "outage_";
	}
}

static void out_close(void)
{
	if (out_json)
		putchar('}');
	out_prefix = "";
	out_first = false;
}

/* An IPv4 or IPv6 literal (no name lookup: the binary is static). */
static socklen_t parse_addr(const char *s, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		return sizeof(*sin);
	}
	if (inet_pton(AF_INET6, s, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		return sizeof(*sin6);
	}
	fprintf(stderr, "fo_probe: not an IPv4/IPv6 address: %s\n", s);
	exit(2);
}

/* --- send ------------------------------------------------------------- */

struct send_stats {
	uint64_t sent;
	uint64_t errors;
	uint64_t late;		/* sent more than a period late */
	uint64_t resyncs;	/* schedule given up after a long stall */
	int64_t max_late_ns;
	int last_errno;
};

static void send_one(int fd, char *buf, size_t len, uint32_t flags,
		     uint64_t seq, struct send_stats *st)
{
	struct fo_hdr *h = (struct fo_hdr *)buf;

	h->magic = htobe32(FO_MAGIC);
	h->flags = htobe32(flags);
	h->seq = htobe64(seq);
	h->sent_ns = htobe64((uint64_t)mono_ns());
	if (send(fd, buf, len, 0) < 0) {
		st->errors++;
		st->last_errno = errno;
	}
}

static int cmd_send(int argc, char **argv)
{
	struct sockaddr_storage ss;
	struct send_stats st = { 0 };
	double rate = 1000, secs = 0;
	uint64_t count = 0, seq;
	int64_t period, next, late, max_burst = 10 * NSEC_PER_MSEC;
	struct timespec ts;
	size_t size = 64;
	int port = 7777;
	socklen_t alen;
	char *buf;
	int fd, c, i;

	while ((c = getopt(argc, argv, "r:d:n:s:p:B:j")) != -1) {
		switch (c) {
		case 'r':
			rate = atof(optarg);
			break;
		case 'd':
			secs = atof(optarg);
			break;
		case 'n':
			count = strtoull(optarg, NULL, 0);
			break;
		case 's':
			size = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 'B':
			max_burst = (int64_t)(atof(optarg) * NSEC_PER_MSEC);
			break;
		case 'j':
			out_json = true;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc - 1 || rate <= 0 || size < FO_MIN_SIZE ||
	    size > FO_MAX_SIZE)
		print_usage();
	if (!count)
		count = (uint64_t)((secs > 0 ? secs : 10) * rate);
	period = (int64_t)(NSEC_PER_SEC / rate);

	alen = parse_addr(argv[optind], port, &ss);
	fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	if (connect(fd, (struct sockaddr *)&ss, alen) < 0)
		die("connect");
	buf = calloc(1, size);
	if (!buf)
		die("calloc");
	catch_signals();

	next = mono_ns();
	for (seq = 0; seq < count && !stop; seq++) {
		ns_to_ts(next, &ts);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
				       NULL) == EINTR && !stop)
			;
		late = mono_ns() - next;
		if (late > st.max_late_ns)
			st.max_late_ns = late;
		send_one(fd, buf, size, 0, seq, &st);
		/*
		 * Keep the schedule: after a short stall (TCG has them), send
		 * the late datagrams at once, so that sequence numbers stay a
		 * clock and lost counts mean time...
		 */
		if (late > period)
			st.late++;
		next += period;
		/* ... but a long stall would become a burst that overflows
		 * queues: give its deadlines up (no sequence numbers skipped).
		 */
		if (late > max_burst) {
			next = mono_ns() + period;
			st.resyncs++;
		}
	}
	st.sent = seq;
	for (i = 0; i < FO_FINS; i++) {
		send_one(fd, buf, size, FO_FLAG_FIN, st.sent, &st);
		usleep(20000);
	}
	out_begin();
	out_s("role", "send");
	out_u("sent", st.sent);
	out_u("rate", (uint64_t)rate);
	out_u("size", size);
	out_u("errors", st.errors);
	out_u("last_errno", st.last_errno);
	out_u("late", st.late);
	out_u("resyncs", st.resyncs);
	out_ms("max_late_ms", st.max_late_ns);
	out_end();
	close(fd);
	free(buf);
	return 0;
}

/* --- receive ---------------------------------------------------------- */

/* One slot per sequence number; arrival 0 means never received. */
struct slot {
	int64_t arr_ns;
	int64_t sent_ns;
};

struct recv_state {
	struct slot *slot;
	uint64_t cap;
	uint64_t max_seq;	/* highest seen + 1 */
	uint64_t fin_total;	/* from FIN, 0 if none */
	uint64_t received;	/* distinct */
	uint64_t dups;
	uint64_t reordered;
	uint64_t junk;
	uint64_t last_seq;
	int64_t first_arr_ns;
	int64_t last_arr_ns;
};

/* The outage at the fault: the lost run [lo, hi] ending after it. */
struct outage {
	bool found;
	bool dead;		/* the stream never resumed */
	bool lost_run;		/* false: no loss, the arrival gap only */
	uint64_t before;	/* last received seq before the run */
	uint64_t after;		/* first received seq after it */
	uint64_t lost;
	int64_t before_arr, after_arr;
	int64_t before_sent, after_sent;
	uint64_t later_lost;	/* lost in the second after resuming */
	uint64_t later_runs;
};

static int slot_grow(struct recv_state *rs, uint64_t seq)
{
	uint64_t cap = rs->cap ? rs->cap : 65536;
	struct slot *s;

	if (seq >= FO_MAX_SEQ)
		return -1;
	while (cap <= seq)
		cap *= 2;
	s = realloc(rs->slot, cap * sizeof(*s));
	if (!s)
		return -1;
	memset(s + rs->cap, 0, (cap - rs->cap) * sizeof(*s));
	rs->slot = s;
	rs->cap = cap;
	return 0;
}

/* The kernel's receive time (CLOCK_REALTIME), else now; in MONOTONIC. */
static int64_t arrival(struct msghdr *mh, int64_t mono_off)
{
	struct cmsghdr *cm;
	struct timespec ts;

	for (cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		if (cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SCM_TIMESTAMPNS) {
			memcpy(&ts, CMSG_DATA(cm), sizeof(ts));
			return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec -
			       mono_off;
		}
	}
	return mono_ns();
}

static void record(struct recv_state *rs, const struct fo_hdr *h,
		   int64_t arr)
{
	uint64_t seq = be64toh(h->seq);

	if (be32toh(h->flags) & FO_FLAG_FIN) {
		rs->fin_total = seq;
		return;
	}
	if (seq >= rs->cap && slot_grow(rs, seq)) {
		rs->junk++;
		return;
	}
	if (rs->slot[seq].arr_ns) {
		rs->dups++;
		return;
	}
	if (rs->received && seq < rs->last_seq)
		rs->reordered++;
	rs->last_seq = seq;
	rs->slot[seq].arr_ns = arr;
	rs->slot[seq].sent_ns = (int64_t)be64toh(h->sent_ns);
	rs->received++;
	if (seq + 1 > rs->max_seq)
		rs->max_seq = seq + 1;
	if (!rs->first_arr_ns)
		rs->first_arr_ns = arr;
	rs->last_arr_ns = arr;
}

static bool got(const struct recv_state *rs, uint64_t seq)
{
	return seq < rs->max_seq && rs->slot[seq].arr_ns;
}

/*
 * The lost run at FAULT: the first run of missing sequence numbers that
 * ends after FAULT (its next received packet was sent at or after FAULT)
 * and begins no later than WINDOW after it.  Sequence numbers, not arrival
 * order, define the run: a late packet does not split it.  If the stream
 * stops within WINDOW after FAULT and its end (the FIN) never arrives, it
 * never resumed: "dead".  With neither, the outage is the arrival gap
 * across FAULT, with nothing lost.
 */
static void find_outage(const struct recv_state *rs, int64_t fault,
			int64_t window, struct outage *o)
{
	uint64_t s, prev = UINT64_MAX, first_after = UINT64_MAX, run_end, n;
	bool beyond = false;
	int64_t end;

	memset(o, 0, sizeof(*o));
	for (s = 0; s < rs->max_seq; s++) {
		if (!got(rs, s))
			continue;
		if (prev != UINT64_MAX && rs->slot[prev].sent_ns > fault + window) {
			beyond = true;
			break;
		}
		if (rs->slot[s].sent_ns >= fault) {
			if (first_after == UINT64_MAX && prev != UINT64_MAX) {
				first_after = s;
				o->before = prev;
			}
			if (prev != UINT64_MAX && s - prev > 1) {
				o->lost_run = true;
				o->before = prev;
				o->after = s;
				o->lost = s - prev - 1;
				break;
			}
		}
		prev = s;
	}
	if (!o->lost_run && !beyond && prev != UINT64_MAX &&
	    (!rs->fin_total || rs->fin_total > rs->max_seq)) {
		o->dead = true;
		o->before = prev;
		o->lost = rs->fin_total ? rs->fin_total - prev - 1 : 0;
		o->before_arr = rs->slot[prev].arr_ns;
		return;
	}
	if (!o->lost_run) {
		if (first_after == UINT64_MAX)
			return;
		o->after = first_after;
	}
	o->found = true;
	o->before_arr = rs->slot[o->before].arr_ns;
	o->after_arr = rs->slot[o->after].arr_ns;
	o->before_sent = rs->slot[o->before].sent_ns;
	o->after_sent = rs->slot[o->after].sent_ns;

	/* Losses in the second after the stream resumed (e.g. ipoib's
	 * 3-packet queue per pending PathRecord).
	 */
	end = o->after_sent + NSEC_PER_SEC;
	run_end = o->after;
	for (s = o->after + 1; s < rs->max_seq; s++) {
		if (!got(rs, s))
			continue;
		if (rs->slot[s].sent_ns > end)
			break;
		n = s - run_end - 1;
		if (n) {
			o->later_lost += n;
			o->later_runs++;
		}
		run_end = s;
	}
}

static int64_t read_fault_file(const char *path)
{
	long long v = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lld", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

/* Arrivals per 1 ms bin in [fault - hist, fault + hist). */
static void print_hist(const struct recv_state *rs, int64_t fault, int hist)
{
	unsigned int *bin = calloc(2 * hist, sizeof(*bin));
	int64_t start = fault - (int64_t)hist * NSEC_PER_MSEC, d;
	uint64_t s;
	int i;

	if (!bin)
		die("calloc");
	for (s = 0; s < rs->max_seq; s++) {
		if (!got(rs, s))
			continue;
		d = rs->slot[s].arr_ns - start;
		if (d >= 0 && d < 2LL * hist * NSEC_PER_MSEC)
			bin[d / NSEC_PER_MSEC]++;
	}
	out_key("hist_start_ms");
	printf("%d", -hist);
	out_key("hist");
	fputs(out_json ? "[" : "", stdout);
	for (i = 0; i < 2 * hist; i++)
		printf("%s%u", i ? "," : "", bin[i]);
	fputs(out_json ? "]" : "", stdout);
	free(bin);
}

static void write_raw(const struct recv_state *rs, const char *path)
{
	FILE *f = fopen(path, "w");
	uint64_t s;

	if (!f)
		die(path);
	fputs("# seq sent_ns arrival_ns\n", f);
	for (s = 0; s < rs->max_seq; s++)
		if (got(rs, s))
			fprintf(f, "%llu %lld %lld\n", (unsigned long long)s,
				(long long)rs->slot[s].sent_ns,
				(long long)rs->slot[s].arr_ns);
	fclose(f);
}

static void summary(const struct recv_state *rs, int64_t fault,
		    int64_t window, int hist, const char *label)
{
	uint64_t total = rs->fin_total ? rs->fin_total : rs->max_seq;
	uint64_t lost = total > rs->received ? total - rs->received : 0;
	struct outage o = { 0 };

	if (fault)
		find_outage(rs, fault, window, &o);
	out_begin();
	out_s("role", "recv");
	out_s("label", label);
	out_u("received", rs->received);
	out_u("total", total);
	out_u("lost", lost);
	out_u("dups", rs->dups);
	out_u("reordered", rs->reordered);
	out_b("fin", rs->fin_total);
	out_ms("duration_ms", rs->last_arr_ns - rs->first_arr_ns);
	if (fault && o.found) {
		out_open("outage");
		out_b("recovered", true);
		out_ms("ms", o.after_arr - o.before_arr);
		out_u("lost", o.lost);
		out_b("lost_run", o.lost_run);
		out_u("before_seq", o.before);
		out_u("after_seq", o.after);
		out_ms("before_ms", o.before_arr - fault);
		out_ms("after_ms", o.after_arr - fault);
		out_ms("send_gap_ms", o.after_sent - o.before_sent);
		out_u("later_lost", o.later_lost);
		out_u("later_runs", o.later_runs);
		out_close();
	} else if (fault && o.dead) {
		out_open("outage");
		out_b("recovered", false);
		out_u("before_seq", o.before);
		out_ms("before_ms", o.before_arr - fault);
		out_u("lost", o.lost);
		out_b("lost_known", rs->fin_total);
		out_close();
	} else if (fault) {
		out_key("outage");
		fputs(out_json ? "null" : "none", stdout);
	}
	if (hist && fault)
		print_hist(rs, fault, hist);
	out_end();
}

static int cmd_recv(int argc, char **argv)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct timespec))];
		struct cmsghdr align;
	} ctl;
	struct recv_state rs = { 0 };
	const char *fault_file = NULL, *raw = NULL, *label = "-";
	struct sockaddr_storage ss;
	int64_t fault = 0, deadline = 0, mono_off;
	int64_t window = NSEC_PER_SEC;
	struct pollfd pfd;
	struct msghdr mh;
	struct iovec iov;
	char buf[FO_MAX_SIZE];
	int port = 7777, hist = 0, one = 1, zero = 0, fd, c;
	double secs = 0;
	socklen_t alen;
	ssize_t n;

	while ((c = getopt(argc, argv, "p:t:f:F:W:H:w:jl:")) != -1) {
		switch (c) {
		case 'p':
			port = atoi(optarg);
			break;
		case 't':
			secs = atof(optarg);
			break;
		case 'f':
			fault = strtoll(optarg, NULL, 0);
			break;
		case 'F':
			fault_file = optarg;
			break;
		case 'W':
			window = (int64_t)(atof(optarg) * NSEC_PER_MSEC);
			break;
		case 'H':
			hist = atoi(optarg);
			break;
		case 'w':
			raw = optarg;
			break;
		case 'j':
			out_json = true;
			break;
		case 'l':
			label = optarg;
			break;
		default:
			print_usage();
		}
	}
	if (optind < argc - 1 || hist < 0 || hist > 100000)
		print_usage();

	/* Any address, both families, unless one is given. */
	if (optind == argc - 1)
		alen = parse_addr(argv[optind], port, &ss);
	else
		alen = parse_addr("::", port, &ss);
	fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	if (ss.ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one));
	c = 4 << 20;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &c, sizeof(c));
	if (bind(fd, (struct sockaddr *)&ss, alen) < 0)
		die("bind");
	if (slot_grow(&rs, 0))
		die("realloc");

	catch_signals();
	mono_off = real_ns() - mono_ns();
	if (secs > 0)
		deadline = mono_ns() + (int64_t)(secs * NSEC_PER_SEC);
	/* Ready: scripts wait for this line before starting the sender. */
	fprintf(stderr, "fo_probe: listening on port %d\n", port);

	pfd.fd = fd;
	pfd.events = POLLIN;
	while (!stop && !rs.fin_total) {
		if (deadline && mono_ns() >= deadline)
			break;
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		n = recvmsg(fd, &mh, MSG_DONTWAIT);
		if (n < (ssize_t)sizeof(struct fo_hdr)) {
			if (n >= 0)
				rs.junk++;
			continue;
		}
		if (be32toh(((struct fo_hdr *)buf)->magic) != FO_MAGIC) {
			rs.junk++;
			continue;
		}
		record(&rs, (struct fo_hdr *)buf, arrival(&mh, mono_off));
	}
	close(fd);

	if (fault_file)
		fault = read_fault_file(fault_file);
	if (raw)
		write_raw(&rs, raw);
	summary(&rs, fault, window, hist, label);
	free(rs.slot);
	return 0;
}

/* --- fault / now ------------------------------------------------------ */

static int cmd_fault(int argc, char **argv)
{
	const char *out = NULL;
	int64_t t0, t1;
	FILE *f;
	size_t len;
	int fd, c;

	while ((c = getopt(argc, argv, "o:")) != -1) {
		if (c != 'o')
			print_usage();
		out = optarg;
	}
	if (optind != argc - 2)
		print_usage();
	fd = open(argv[optind], O_WRONLY);
	if (fd < 0)
		die(argv[optind]);
	len = strlen(argv[optind + 1]);
	t0 = mono_ns();
	if (write(fd, argv[optind + 1], len) != (ssize_t)len)
		die("write");
	t1 = mono_ns();
	close(fd);
	if (out) {
		f = fopen(out, "w");
		if (!f)
			die(out);
		fprintf(f, "%lld\n", (long long)t0);
		fclose(f);
	}
	printf("%lld %lld\n", (long long)t0, (long long)(t1 - t0));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		print_usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[1], "send"))
		return cmd_send(argc - 1, argv + 1);
	if (!strcmp(argv[1], "recv"))
		return cmd_recv(argc - 1, argv + 1);
	if (!strcmp(argv[1], "fault"))
		return cmd_fault(argc - 1, argv + 1);
	if (!strcmp(argv[1], "now")) {
		printf("%lld\n", (long long)mono_ns());
		return 0;
	}
	print_usage();
	return 2;
}
