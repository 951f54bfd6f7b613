/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-args.h"
#include "troupe-cli-context.h"

#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <unistd.h>

char **
troupe_cli_split_list (const char * const *values)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (values == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_strstrip (parts[j]);
          if (parts[j][0] != '\0')
            g_strv_builder_add (builder, parts[j]);
        }
    }
  return g_strv_builder_end (builder);
}

GFile *
troupe_cli_input_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TROUPE_CLI_USAGE_ERROR, 0, "%s: no such file", path);
      return NULL;
    }
  return g_steal_pointer (&file);
}

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

char *
troupe_cli_read_text (const char  *path,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (g_strcmp0 (path, "-") == 0)
    {
      bytes = read_stdin (error);
      if (bytes == NULL)
        return NULL;
      contents = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      length = g_bytes_get_size (bytes);
    }
  else if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error (error, TROUPE_CLI_USAGE_ERROR, 0, "%s: cannot be read", path);
      return NULL;
    }
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, TROUPE_CLI_USAGE_ERROR, 0, "%s: not UTF-8 text", path);
      return NULL;
    }
  return g_strchomp (g_steal_pointer (&contents));
}

gboolean
troupe_cli_write_output (const char  *path,
                         GBytes      *bytes,
                         GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write to stdout");
          return FALSE;
        }
      return TRUE;
    }
  return g_file_set_contents (path, data, size, error);
}
