/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Upload bodies go to a file in `dir` as they arrive, never whole into
 * memory: a 4 GiB knowledge-bank upload costs the same memory as 1 KiB.
 * The file is removed when the message is done with, unless claimed. */
void        troupe_sandbox_spool_attach (SoupServerMessage  *msg,
                                         const char         *dir);
/* The spooled body's file, or NULL when the message was not spooled.
 * FALSE with `error` set when writing it failed. */
gboolean    troupe_sandbox_spool_check  (SoupServerMessage  *msg,
                                         const char        **path,
                                         GError            **error);

G_END_DECLS
