/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A multipart/form-data upload parsed as it arrives (see the multipart
 * parser): the "file" part goes straight to a file in `dir`. Nothing holds
 * the whole body, so 4 GiB costs what 1 KiB does. The file is removed
 * with the message unless taken. */
void     troupe_sandbox_spool_attach (SoupServerMessage  *msg,
                                      const char         *dir,
                                      const char         *boundary);
gboolean troupe_sandbox_spool_is_attached (SoupServerMessage *msg);

/* Once the body is read: the fields (name -> value), and the file part's
 * path, client name and size, or NULL when there was none. */
gboolean troupe_sandbox_spool_take   (SoupServerMessage  *msg,
                                      GHashTable        **fields,
                                      char              **file_path,
                                      char              **file_name,
                                      gint64             *file_size,
                                      GError            **error);

G_END_DECLS
