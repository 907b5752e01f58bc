# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Host package installs from Debian's archive, for the tools' bash scripts
# (sourced).  Every install waits up to 10 minutes for the dpkg lock
# instead of failing: on a fresh machine make check installs from both of
# its slots at once.

# apt_install PKG|DEB...: install PKG (a name or a .deb file), quietly,
# without recommends.  Needs root.
apt_install()
{
	if [ "$(id -u)" -ne 0 ]; then
		echo "${0##*/}: need root to install $*" >&2
		return 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		-o DPkg::Lock::Timeout=600 --no-install-recommends "$@" >&2
}

# pkg_installed PKG: dpkg has PKG installed on this machine.
pkg_installed()
{
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# host_install PKG...: install those of PKG this machine lacks.  If that
# fails, refresh the package lists once and try again: a fresh machine's
# lists may be missing or out of date.
host_install()
{
	local p missing=()

	for p in "$@"; do
		pkg_installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	echo "${0##*/}: installing ${missing[*]}" >&2
	apt_install "${missing[@]}" && return 0
	apt-get update -qq -o DPkg::Lock::Timeout=600 >&2 &&
		apt_install "${missing[@]}"
}
