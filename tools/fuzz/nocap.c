// SPDX-License-Identifier: GPL-2.0
/*
 * nocap: run a command without CAP_NET_ADMIN (and CAP_SYS_ADMIN), still
 * as root: both are dropped from the bounding set, so exec cannot give
 * them back, and from the effective, permitted and inheritable sets.
 *
 *   nocap CMD [ARG...]
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

int main(int argc, char **argv)
{
	static const int drop[] = { CAP_NET_ADMIN, CAP_SYS_ADMIN };
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	unsigned int i;

	if (argc < 2) {
		fprintf(stderr, "usage: nocap CMD [ARG...]\n");
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(drop); i++)
		if (prctl(PR_CAPBSET_DROP, drop[i], 0, 0, 0)) {
			perror("PR_CAPBSET_DROP");
			return 2;
		}
	if (syscall(SYS_capget, &hdr, data)) {
		perror("capget");
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(drop); i++) {
		data[drop[i] / 32].effective &= ~(1u << (drop[i] % 32));
		data[drop[i] / 32].permitted &= ~(1u << (drop[i] % 32));
		data[drop[i] / 32].inheritable &= ~(1u << (drop[i] % 32));
	}
	if (syscall(SYS_capset, &hdr, data)) {
		perror("capset");
		return 2;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
