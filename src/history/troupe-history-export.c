/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-history-export"

#include "config.h"

#include <string.h>

#include "troupe-file-write.h"
#include "troupe-history-export.h"
#include "troupe-transcript.h"

typedef struct
{
  ConvaiClient        *client;
  char                *char_id;
  char               **session_ids;
  TroupeHistoryFormat  format;
  GFile               *target;
  gboolean             target_is_folder;
  guint                next;       /* the session being read */
  guint                n_written;
  guint                n_gone;
  TroupeHistoryExportProgress progress;
  gpointer             progress_data;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->client);
  g_free (export->char_id);
  g_strfreev (export->session_ids);
  g_clear_object (&export->target);
  g_free (export);
}

gboolean
troupe_history_format_parse (const char          *name,
                             TroupeHistoryFormat *format)
{
  if (g_strcmp0 (name, "markdown") == 0)
    *format = TROUPE_HISTORY_FORMAT_MARKDOWN;
  else if (g_strcmp0 (name, "json") == 0)
    *format = TROUPE_HISTORY_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

const char *
troupe_history_format_extension (TroupeHistoryFormat format)
{
  return format == TROUPE_HISTORY_FORMAT_JSON ? ".json" : ".md";
}

static void read_next (GTask *task);

static GFile *
file_for (Export     *export,
          const char *session_id)
{
  g_autofree char *name = NULL;

  if (!export->target_is_folder)
    return g_object_ref (export->target);
  name = g_strconcat (session_id, troupe_history_format_extension (export->format), NULL);
  return g_file_get_child (export->target, name);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;

  if (!troupe_file_write_finish (G_FILE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  export->n_written++;
  export->next++;
  read_next (g_steal_pointer (&task));
}

static void
session_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  const char *session_id = export->session_ids[export->next];
  GError *error = NULL;
  g_autoptr(GListModel) interactions = convai_client_get_session_finish (CONVAI_CLIENT (source), result, &error);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GCancellable *cancellable;
  char *text;

  if (interactions == NULL && g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      export->n_gone++;
      export->next++;
      read_next (g_steal_pointer (&task));
      return;
    }
  if (interactions == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (export->format == TROUPE_HISTORY_FORMAT_JSON)
    text = troupe_transcript_to_json (interactions);
  else
    text = troupe_transcript_to_markdown (export->char_id, session_id, interactions);
  bytes = g_bytes_new_take (text, strlen (text));
  file = file_for (export, session_id);
  cancellable = g_task_get_cancellable (task);
  troupe_file_write_async (file, bytes, cancellable, written_cb, g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Export *export = g_task_get_task_data (task);
  const char *session_id = export->session_ids[export->next];

  if (session_id == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (export->progress != NULL)
    export->progress (export->next, g_strv_length (export->session_ids), export->progress_data);
  convai_client_get_session_async (export->client, export->char_id, session_id,
                                   g_task_get_cancellable (task), session_read_cb, task);
}

void
troupe_history_export_async (ConvaiClient        *client,
                             const char          *char_id,
                             const char * const  *session_ids,
                             TroupeHistoryFormat  format,
                             GFile               *target,
                             gboolean             target_is_folder,
                             TroupeHistoryExportProgress progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (CONVAI_IS_CLIENT (client));
  g_return_if_fail (char_id != NULL && session_ids != NULL);
  g_return_if_fail (G_IS_FILE (target));
  g_return_if_fail (target_is_folder || g_strv_length ((char **) session_ids) == 1);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_history_export_async);
  export = g_new0 (Export, 1);
  export->client = g_object_ref (client);
  export->char_id = g_strdup (char_id);
  export->session_ids = g_strdupv ((char **) session_ids);
  export->format = format;
  export->target = g_object_ref (target);
  export->target_is_folder = target_is_folder;
  export->progress = progress;
  export->progress_data = progress_data;
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  read_next (g_steal_pointer (&task));
}

gboolean
troupe_history_export_finish (GAsyncResult  *result,
                              guint         *n_written,
                              guint         *n_gone,
                              GError       **error)
{
  Export *export;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == troupe_history_export_async, FALSE);

  export = g_task_get_task_data (G_TASK (result));
  if (n_written != NULL)
    *n_written = export->n_written;
  if (n_gone != NULL)
    *n_gone = export->n_gone;
  return g_task_propagate_boolean (G_TASK (result), error);
}
