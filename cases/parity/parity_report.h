/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What cases/parity reads from a Valgrind side's XML report that does not
 * parse (no ATF calls).  Such a report is Valgrind's own doing: a client
 * clone that Valgrind runs as a thread of the same Valgrind (known issue
 * vg_clone_vm_process_as_thread) leaves two processes writing their exit
 * output into one stream, interleaved.  Its leak records count for nothing,
 * as in a report that parses (leaks are no syscall-wrapper matter); any
 * other error counts.
 */
#ifndef CASES_PARITY_PARITY_REPORT_H
#define CASES_PARITY_PARITY_REPORT_H

#include <stdbool.h>

/*
 * Does the unparseable report raw hold an error that is not a leak record:
 * an <error> whose <kind> is not Leak_*, or more <error> tags than leak
 * kinds (an interleaving may have cut a <kind> short)?
 */
bool parity_garbled_has_error(const char *raw);

#endif /* CASES_PARITY_PARITY_REPORT_H */
