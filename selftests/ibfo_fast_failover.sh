#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fast failover (fast_failover.lib): active-backup, datagram-mode slaves.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

FF_MODE=active-backup
FF_CM=datagram
# shellcheck source=fast_failover.lib
. "$(dirname "$0")/fast_failover.lib"
ksft_exit
