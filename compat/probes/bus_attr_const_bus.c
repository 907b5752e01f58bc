// SPDX-License-Identifier: GPL-2.0
/* bus_attribute callbacks take a const struct bus_type: Linux 6.3. */
#include <linux/device.h>

static ssize_t probe_store(const struct bus_type *bus, const char *buf,
			   size_t count)
{
	return count;
}

const struct bus_attribute probe_attr = { .store = probe_store };
