/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the upload parser (boundary "XyZ"): the first byte
 * sets how the body is split into chunks, as the network would. Any input
 * is parsed or refused with an error, never a crash, and nothing is left
 * on disk. */
#include <glib/gstdio.h>
#include <stdlib.h>

#include "troupe-sandbox-multipart.h"

/* Criticals are fatal: see fuzz-sandbox-init.c. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char *
spool_dir (void)
{
  static char *dir;

  if (dir == NULL)
    dir = g_dir_make_tmp ("fuzz-sandbox-multipart-XXXXXX", NULL);
  return dir;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  TroupeSandboxMultipart *parser;
  GHashTable *fields = NULL;
  char *file_path = NULL;
  char *file_name = NULL;
  gint64 file_size = 0;
  GError *error = NULL;
  gsize step;

  if (size < 1 || spool_dir () == NULL)
    return 0;
  step = (data[0] % 32) + 1;
  parser = troupe_sandbox_multipart_new ("XyZ", spool_dir ());
  for (gsize at = 1; at < size; at += step)
    if (!troupe_sandbox_multipart_feed (parser, data + at, MIN (step, size - at)))
      break;
  if (troupe_sandbox_multipart_finish (parser, &fields, &file_path, &file_name, &file_size, &error))
    {
      if (error != NULL || fields == NULL || (file_path == NULL && file_size != 0))
        abort ();
      if (file_path != NULL)
        g_unlink (file_path);
    }
  else if (error == NULL || troupe_sandbox_multipart_get_error (parser) == NULL)
    abort ();
  g_clear_pointer (&fields, g_hash_table_unref);
  g_free (file_path);
  g_free (file_name);
  g_clear_error (&error);
  troupe_sandbox_multipart_free (parser);
  return 0;
}
