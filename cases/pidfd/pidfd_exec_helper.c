/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exec target for the vfork-style clone cases:
 *	pidfd_exec_helper <exit code> [<fd>]
 * With <fd>, first block reading one byte from it (EOF also releases), so
 * the parent can show that it runs while the helper is alive.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	char c;

	if (argc < 2)
		return (2);
	if (argc > 2) {
		int fd = atoi(argv[2]);

		while (read(fd, &c, 1) == -1 && errno == EINTR)
			;
	}
	return (atoi(argv[1]));
}
