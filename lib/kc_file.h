/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading a whole file into memory. */
#ifndef LIB_KC_FILE_H
#define LIB_KC_FILE_H

/*
 * The contents of `path`, NUL-terminated, in a malloc'd buffer the caller
 * frees.  A missing file gives NULL (errno ENOENT or ENOTDIR); any other error fails
 * the case.  (ATF)
 */
char *kc_file_slurp(const char *path);

#endif /* LIB_KC_FILE_H */
