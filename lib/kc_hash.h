/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one string hash of the tree (FNV-1a, 64 bits): names of the entries a
 * run shares under the kyua config variable vgrun_cache (lib/kc_vgrun.c's
 * launches, lib/kc_vgbatch.c's batches, cases/parity's listings).  A name,
 * not a security boundary: an entry's contents say what it is.
 */
#ifndef LIB_KC_HASH_H
#define LIB_KC_HASH_H

/* The value to start from (FNV-1a's offset basis). */
#define KC_HASH_INIT	1469598103934665603ULL

/* h continued over s, its NUL included (so "a","b" differs from "ab"). */
unsigned long long kc_hash_str(unsigned long long h, const char *s);

#endif /* LIB_KC_HASH_H */
