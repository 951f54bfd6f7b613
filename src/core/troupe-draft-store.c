/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-draft-store"

#include "config.h"

#include <string.h>

#include "troupe-draft-store.h"
#include "troupe-file-write.h"

/* One character's queue: the operation running and the latest one asked
 * for after it. Only the latest matters: an older pending write is
 * replaced by a newer write or a removal. */
typedef struct
{
  gboolean  running;
  gboolean  has_pending;
  GBytes   *pending;      /* NULL for a removal */
} DraftQueue;

struct _TroupeDraftStore
{
  GObject     parent_instance;

  GFile        *dir;
  GHashTable   *queues;     /* char_id -> DraftQueue */
  GHashTable   *drafted;    /* char_ids with a draft */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (TroupeDraftStore, troupe_draft_store, G_TYPE_OBJECT)

enum {
  WRITE_FAILED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
draft_queue_free (DraftQueue *queue)
{
  g_clear_pointer (&queue->pending, g_bytes_unref);
  g_free (queue);
}

static GFile *
draft_file (TroupeDraftStore *self,
            const char       *char_id)
{
  g_autofree char *escaped = g_uri_escape_string (char_id, NULL, FALSE);
  g_autofree char *name = g_strconcat (escaped, ".json", NULL);

  return g_file_get_child (self->dir, name);
}

static void run_next (TroupeDraftStore *self,
                      const char       *char_id);

static void
operation_done (TroupeDraftStore *self,
                const char       *char_id,
                const GError     *error)
{
  DraftQueue *queue = g_hash_table_lookup (self->queues, char_id);

  g_assert (queue != NULL && queue->running);
  queue->running = FALSE;
  if (error != NULL)
    {
      g_warning ("Could not keep the draft of %s: %s", char_id, error->message);
      g_signal_emit (self, signals[WRITE_FAILED], 0, char_id, error);
    }
  run_next (self, char_id);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TroupeDraftStore) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *char_id = g_object_steal_data (G_OBJECT (object), "troupe-char-id");

  troupe_file_write_finish (G_FILE (object), result, &error);
  operation_done (self, char_id, error);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TroupeDraftStore) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *char_id = g_object_steal_data (G_OBJECT (object), "troupe-char-id");

  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_clear_error (&error);
  operation_done (self, char_id, error);
}

static void
run_next (TroupeDraftStore *self,
          const char       *char_id)
{
  DraftQueue *queue = g_hash_table_lookup (self->queues, char_id);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (queue == NULL || queue->running)
    return;
  if (!queue->has_pending)
    {
      g_hash_table_remove (self->queues, char_id);
      return;
    }
  bytes = g_steal_pointer (&queue->pending);
  queue->has_pending = FALSE;
  queue->running = TRUE;
  file = draft_file (self, char_id);
  g_object_set_data_full (G_OBJECT (file), "troupe-char-id", g_strdup (char_id), g_free);
  if (bytes != NULL)
    troupe_file_write_async (file, bytes, NULL, write_cb, g_object_ref (self));
  else
    g_file_delete_async (file, G_PRIORITY_DEFAULT, NULL, delete_cb, g_object_ref (self));
}

static void
set_drafted (TroupeDraftStore *self,
             const char       *char_id,
             gboolean          drafted)
{
  gboolean changed = drafted
    ? g_hash_table_add (self->drafted, g_strdup (char_id))
    : g_hash_table_remove (self->drafted, char_id);

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0, char_id);
}

gboolean
troupe_draft_store_has_draft (TroupeDraftStore *self,
                              const char       *char_id)
{
  g_return_val_if_fail (TROUPE_IS_DRAFT_STORE (self), FALSE);

  return char_id != NULL && g_hash_table_contains (self->drafted, char_id);
}

static void
enqueue (TroupeDraftStore *self,
         const char       *char_id,
         GBytes           *bytes)
{
  DraftQueue *queue = g_hash_table_lookup (self->queues, char_id);

  set_drafted (self, char_id, bytes != NULL);
  if (queue == NULL)
    {
      queue = g_new0 (DraftQueue, 1);
      g_hash_table_insert (self->queues, g_strdup (char_id), queue);
    }
  g_clear_pointer (&queue->pending, g_bytes_unref);
  queue->pending = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  queue->has_pending = TRUE;
  run_next (self, char_id);
}

void
troupe_draft_store_save (TroupeDraftStore           *self,
                         const char                 *char_id,
                         const TroupeCharacterDraft *draft)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (TROUPE_IS_DRAFT_STORE (self));
  g_return_if_fail (char_id != NULL && *char_id != '\0');
  g_return_if_fail (draft != NULL);

  node = troupe_character_draft_to_json (draft, char_id);
  text = json_to_string (node, TRUE);
  bytes = g_bytes_new_take (text, strlen (text));
  enqueue (self, char_id, bytes);
}

gboolean
troupe_draft_store_save_now (TroupeDraftStore            *self,
                             const char                  *char_id,
                             const TroupeCharacterDraft  *draft,
                             GError                     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TROUPE_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (char_id != NULL && *char_id != '\0', FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  node = troupe_character_draft_to_json (draft, char_id);
  text = json_to_string (node, TRUE);
  file = draft_file (self, char_id);
  if (!g_file_make_directory_with_parents (self->dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE, NULL, NULL, error);
}

void
troupe_draft_store_remove (TroupeDraftStore *self,
                           const char       *char_id)
{
  g_return_if_fail (TROUPE_IS_DRAFT_STORE (self));
  g_return_if_fail (char_id != NULL && *char_id != '\0');

  enqueue (self, char_id, NULL);
}

gboolean
troupe_draft_store_is_busy (TroupeDraftStore *self)
{
  g_return_val_if_fail (TROUPE_IS_DRAFT_STORE (self), FALSE);

  return g_hash_table_size (self->queues) > 0;
}

static void
load_contents_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TroupeCharacterDraft) draft = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *char_id = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!json_parser_load_from_data (parser, contents, length, &error) ||
      (draft = troupe_character_draft_new_from_json (json_parser_get_root (parser),
                                                     &char_id, &error)) == NULL)
    {
      g_prefix_error (&error, "%s: ", g_file_peek_path (G_FILE (object)));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&draft),
                         (GDestroyNotify) troupe_character_draft_free);
}

void
troupe_draft_store_load_async (TroupeDraftStore    *self,
                               const char          *char_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (TROUPE_IS_DRAFT_STORE (self));
  g_return_if_fail (char_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_draft_store_load_async);
  file = draft_file (self, char_id);
  g_file_load_contents_async (file, cancellable, load_contents_cb, g_steal_pointer (&task));
}

TroupeCharacterDraft *
troupe_draft_store_load_finish (TroupeDraftStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
next_files_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TroupeDraftStore) self = user_data;
  g_autoptr(GError) error = NULL;
  GList *infos = g_file_enumerator_next_files_finish (G_FILE_ENUMERATOR (object), result, &error);

  if (infos == NULL)
    return;
  for (GList *l = infos; l != NULL; l = l->next)
    {
      const char *name = g_file_info_get_name (l->data);

      if (g_str_has_suffix (name, ".json"))
        {
          g_autofree char *escaped = g_strndup (name, strlen (name) - strlen (".json"));
          g_autofree char *char_id = g_uri_unescape_string (escaped, NULL);

          /* A removal asked for meanwhile wins over what the disk had. */
          if (char_id != NULL && g_hash_table_lookup (self->queues, char_id) == NULL)
            set_drafted (self, char_id, TRUE);
        }
    }
  g_list_free_full (infos, g_object_unref);
  g_file_enumerator_next_files_async (G_FILE_ENUMERATOR (object), 100, G_PRIORITY_LOW,
                                      self->cancellable, next_files_cb, g_object_ref (self));
}

static void
enumerate_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TroupeDraftStore) self = user_data;
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children_finish (G_FILE (object), result, NULL);
  if (enumerator == NULL)
    return;   /* No folder yet: no drafts. */
  g_file_enumerator_next_files_async (enumerator, 100, G_PRIORITY_LOW,
                                      self->cancellable, next_files_cb, g_object_ref (self));
}

GFile *
troupe_draft_store_get_dir (TroupeDraftStore *self)
{
  g_return_val_if_fail (TROUPE_IS_DRAFT_STORE (self), NULL);

  return self->dir;
}

TroupeDraftStore *
troupe_draft_store_new (GFile *dir)
{
  TroupeDraftStore *self;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  self = g_object_new (TROUPE_TYPE_DRAFT_STORE, NULL);
  self->dir = g_object_ref (dir);
  g_file_enumerate_children_async (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                   G_PRIORITY_LOW, self->cancellable, enumerate_cb, g_object_ref (self));
  return self;
}

TroupeDraftStore *
troupe_draft_store_new_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "troupe", "drafts", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);

  return troupe_draft_store_new (dir);
}

static void
troupe_draft_store_finalize (GObject *object)
{
  TroupeDraftStore *self = TROUPE_DRAFT_STORE (object);

  g_clear_object (&self->dir);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->queues, g_hash_table_unref);
  g_clear_pointer (&self->drafted, g_hash_table_unref);

  G_OBJECT_CLASS (troupe_draft_store_parent_class)->finalize (object);
}

static void
troupe_draft_store_class_init (TroupeDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = troupe_draft_store_finalize;

  signals[WRITE_FAILED] = g_signal_new ("write-failed",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2,
                                        G_TYPE_STRING,
                                        G_TYPE_ERROR);
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
troupe_draft_store_init (TroupeDraftStore *self)
{
  self->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) draft_queue_free);
  self->drafted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}
