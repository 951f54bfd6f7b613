/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Argument helpers shared by the commands. Errors are TROUPE_CLI_USAGE_ERROR:
 * they are the caller's to fix. */

/* Repeated options that may also hold comma-separated lists
 * ("--action Wave --action 'Sit, Stand'") as one flat, trimmed list without
 * empty items. NULL in, NULL out. */
char   **troupe_cli_split_list      (const char * const *values);

/* A readable regular file, or a usage error naming it. */
GFile   *troupe_cli_input_file      (const char  *path,
                                     GError     **error);

/* The text of @path ("-" = stdin), valid UTF-8, for --backstory-file. */
char    *troupe_cli_read_text       (const char  *path,
                                     GError     **error);

/* Writes @bytes to @path ("-" = stdout), replacing it. */
gboolean troupe_cli_write_output    (const char  *path,
                                     GBytes      *bytes,
                                     GError     **error);

G_END_DECLS
