/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-test-sandbox.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

/* The sandbox prints "READY http://127.0.0.1:PORT" as its first stdout line
 * once it listens. Tests may block here: they are not a main loop anyone
 * waits on. */
static gboolean
read_ready_line (TroupeTestSandbox *self,
                 GError           **error)
{
  GInputStream *out = g_subprocess_get_stdout_pipe (self->process);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (out);
  g_autofree char *line = NULL;
  const char *colon;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "troupe-sandbox exited before it was ready");
      return FALSE;
    }
  if (!g_str_has_prefix (line, "READY http://127.0.0.1:"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "unexpected first line from troupe-sandbox: %s", line);
      return FALSE;
    }
  self->base_url = g_strdup (line + strlen ("READY "));
  colon = strrchr (self->base_url, ':');
  self->port = (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
  return TRUE;
}

TroupeTestSandbox *
troupe_test_sandbox_start (const char * const *extra_args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  return troupe_test_sandbox_start_with (launcher, extra_args);
}

TroupeTestSandbox *
troupe_test_sandbox_start_with (GSubprocessLauncher *launcher,
                                const char * const  *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("TROUPE_SANDBOX_BIN");
  TroupeTestSandbox *self = g_new0 (TroupeTestSandbox, 1);

  g_assert_nonnull (bin);
  self->api_key = g_uuid_string_random ();
  self->data_dir = g_dir_make_tmp ("troupe-sandbox-XXXXXX", &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, (char *) bin);
  g_ptr_array_add (argv, (char *) "--port=0");
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, self->data_dir);
  g_ptr_array_add (argv, (char *) "--api-key");
  g_ptr_array_add (argv, self->api_key);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  read_ready_line (self, &error);
  g_assert_no_error (error);
  return self;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
troupe_test_sandbox_stop (TroupeTestSandbox *self)
{
  if (self == NULL)
    return;
  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  if (self->data_dir != NULL)
    remove_tree (self->data_dir);
  g_free (self->base_url);
  g_free (self->api_key);
  g_free (self->data_dir);
  g_free (self);
}
