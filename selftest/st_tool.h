/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the selftests that drive the suite's tools (kc-run, kc-ktap,
 * kc-report, kc-matrix, kc-goclass, kyua on fixtures) share: running a shell
 * command line, finding the source and build roots, and reading JSON
 * members.  Linked into those programs through OBJS.<prog> in their
 * module.mk; the suite's cases never use it.
 */
#ifndef SELFTEST_ST_TOOL_H
#define SELFTEST_ST_TOOL_H

#include <atf-c.h>
#include <json-c/json.h>

/* Run a shell command line (printf format); its exit status, or 128+signal.
 * Fails the case (ATF) when the shell cannot be run. */
int st_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The source tree (config variable source_root, which make selftest sets;
 * fails the case without it). */
const char *st_root(const atf_tc_t *tc);

/* The build root, absolute: srcdir is <build>/selftest/<dir>.  Static buffer. */
const char *st_build(const atf_tc_t *tc);

/* Member k of object o (NULL when o is NULL, k is missing or k is null). */
json_object *st_jget(json_object *o, const char *k);

/* The string value of member k of o, or dflt when st_jget finds nothing. */
const char *st_jstr(json_object *o, const char *k, const char *dflt);

#endif /* SELFTEST_ST_TOOL_H */
