/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-file-write"

#include "config.h"

#include "troupe-file-write.h"

static void replace_contents_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data);

static void
start_replace (GTask *task)
{
  GFile *file = g_task_get_source_object (task);
  GBytes *bytes = g_task_get_task_data (task);

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE,
                                       g_task_get_cancellable (task),
                                       replace_contents_cb, task);
}

static void
make_parent_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GFile) parent = g_file_get_parent (G_FILE (source_object));
  g_autoptr(GError) error = NULL;

  if (!g_file_make_directory_with_parents (parent, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
make_parent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  /* Marks the retry so a second "not found" is reported, not looped on. */
  g_object_set_data (G_OBJECT (task), "troupe-parent-made", GINT_TO_POINTER (TRUE));
  start_replace (task);
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
      g_object_get_data (G_OBJECT (task), "troupe-parent-made") == NULL)
    {
      g_autoptr(GTask) mkdir_task = g_task_new (object, g_task_get_cancellable (task),
                                                make_parent_cb, task);

      g_task_run_in_thread (mkdir_task, make_parent_thread);
      return;
    }
  g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

void
troupe_file_write_async (GFile               *file,
                         GBytes              *bytes,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_file_write_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  start_replace (task);
}

gboolean
troupe_file_write_finish (GFile         *file,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
