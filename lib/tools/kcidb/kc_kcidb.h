/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-report --kcidb: a kconform results.json as KCIDB I/O JSON (README,
 * "Reporting to KernelCI (KCIDB)"; schema selftest/kernelci/kcidb-io.schema.json).
 */
#ifndef LIB_TOOLS_KCIDB_KC_KCIDB_H
#define LIB_TOOLS_KCIDB_KC_KCIDB_H

/* Parse the --kcidb command line and write the file; exit status. */
int kc_kcidb_main(int argc, char **argv);

#endif /* LIB_TOOLS_KCIDB_KC_KCIDB_H */
