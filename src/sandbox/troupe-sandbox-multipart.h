/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An incremental multipart/form-data parser: bytes in, in any split, and
 * out come the fields (in memory, 32 at most, 64 KiB each) and the "file" part,
 * written to a file in `dir` as it goes (or, with no `dir`, kept in
 * memory for take_file_data()). The file is removed with the parser
 * unless taken by finish(). */
typedef struct _TroupeSandboxMultipart TroupeSandboxMultipart;

TroupeSandboxMultipart *troupe_sandbox_multipart_new    (const char              *boundary,
                                                         const char              *dir);
void                    troupe_sandbox_multipart_free   (TroupeSandboxMultipart  *self);
/* FALSE once the body is known to be bad; finish() says why. */
gboolean                troupe_sandbox_multipart_feed   (TroupeSandboxMultipart  *self,
                                                         const guint8            *data,
                                                         gsize                    len);
/* Why the body is bad, or NULL. */
const GError           *troupe_sandbox_multipart_get_error (TroupeSandboxMultipart *self);
/* After the last byte: the fields (name -> value), and the file part's
 * path, client name and size (NULL when there was no file part). */
gboolean                troupe_sandbox_multipart_finish (TroupeSandboxMultipart  *self,
                                                         GHashTable             **fields,
                                                         char                   **file_path,
                                                         char                   **file_name,
                                                         gint64                  *file_size,
                                                         GError                 **error);

/* Without a dir, after finish(): the file part's bytes, or NULL. */
GBytes                 *troupe_sandbox_multipart_take_file_data (TroupeSandboxMultipart *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxMultipart, troupe_sandbox_multipart_free)

G_END_DECLS
