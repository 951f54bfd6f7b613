/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-recent-characters"

#include "config.h"

#include <string.h>

#include "troupe-file-write.h"
#include "troupe-recent-characters.h"

/* Enough to cover anyone's working set; the file stays a few KiB. */
#define MAX_RECENT 200

struct _TroupeRecentCharacters
{
  GObject       parent_instance;

  GFile        *file;
  GPtrArray    *ids;      /* most recent first */
  GHashTable   *ranks;    /* id -> rank + 1, rebuilt on change */
  GCancellable *cancellable;
  gboolean      loaded;
  gboolean      writing;
  gboolean      write_again;
};

G_DEFINE_FINAL_TYPE (TroupeRecentCharacters, troupe_recent_characters, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rebuild_ranks (TroupeRecentCharacters *self)
{
  g_hash_table_remove_all (self->ranks);
  for (guint i = 0; i < self->ids->len; i++)
    g_hash_table_insert (self->ranks, g_ptr_array_index (self->ids, i), GUINT_TO_POINTER (i + 1));
}

guint
troupe_recent_characters_get_rank (TroupeRecentCharacters *self,
                                   const char             *char_id)
{
  gpointer rank;

  g_return_val_if_fail (TROUPE_IS_RECENT_CHARACTERS (self), TROUPE_RECENT_NEVER);

  if (char_id == NULL)
    return TROUPE_RECENT_NEVER;
  rank = g_hash_table_lookup (self->ranks, char_id);
  return rank != NULL ? GPOINTER_TO_UINT (rank) - 1 : TROUPE_RECENT_NEVER;
}

gboolean
troupe_recent_characters_is_loaded (TroupeRecentCharacters *self)
{
  g_return_val_if_fail (TROUPE_IS_RECENT_CHARACTERS (self), FALSE);

  return self->loaded;
}

gboolean
troupe_recent_characters_is_busy (TroupeRecentCharacters *self)
{
  g_return_val_if_fail (TROUPE_IS_RECENT_CHARACTERS (self), FALSE);

  return self->writing;
}

static void write_file (TroupeRecentCharacters *self);

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TroupeRecentCharacters) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!troupe_file_write_finish (G_FILE (object), result, &error))
    g_warning ("Could not keep the recent characters in %s: %s",
               g_file_peek_path (G_FILE (object)), error->message);
  self->writing = FALSE;
  if (self->write_again)
    write_file (self);
}

static void
write_file (TroupeRecentCharacters *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (self->writing)
    {
      self->write_again = TRUE;
      return;
    }
  self->write_again = FALSE;
  self->writing = TRUE;
  for (guint i = 0; i < self->ids->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (self->ids, i));
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  troupe_file_write_async (self->file, bytes, NULL, write_cb, g_object_ref (self));
}

static void
remove_id (TroupeRecentCharacters *self,
           const char             *char_id)
{
  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->ids, i), char_id))
        {
          g_ptr_array_remove_index (self->ids, i);
          return;
        }
    }
}

void
troupe_recent_characters_touch (TroupeRecentCharacters *self,
                                const char             *char_id)
{
  g_return_if_fail (TROUPE_IS_RECENT_CHARACTERS (self));
  g_return_if_fail (char_id != NULL);

  if (troupe_recent_characters_get_rank (self, char_id) == 0)
    return;
  remove_id (self, char_id);
  g_ptr_array_insert (self->ids, 0, g_strdup (char_id));
  if (self->ids->len > MAX_RECENT)
    g_ptr_array_set_size (self->ids, MAX_RECENT);
  rebuild_ranks (self);
  write_file (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
troupe_recent_characters_forget (TroupeRecentCharacters *self,
                                 const char             *char_id)
{
  g_return_if_fail (TROUPE_IS_RECENT_CHARACTERS (self));
  g_return_if_fail (char_id != NULL);

  if (troupe_recent_characters_get_rank (self, char_id) == TROUPE_RECENT_NEVER)
    return;
  remove_id (self, char_id);
  rebuild_ranks (self);
  write_file (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Ids touched before the file was read are more recent than those in it. */
static void
merge_loaded (TroupeRecentCharacters  *self,
              char                   **lines)
{
  for (guint i = 0; lines[i] != NULL && self->ids->len < MAX_RECENT; i++)
    {
      const char *id = g_strstrip (lines[i]);

      if (*id != '\0' && troupe_recent_characters_get_rank (self, id) == TROUPE_RECENT_NEVER)
        {
          g_ptr_array_add (self->ids, g_strdup (id));
          g_hash_table_insert (self->ranks, g_ptr_array_index (self->ids, self->ids->len - 1),
                               GUINT_TO_POINTER (self->ids->len));
        }
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TroupeRecentCharacters) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Could not read the recent characters: %s", error->message);
    }
  else
    {
      lines = g_strsplit (contents, "\n", -1);
      merge_loaded (self, lines);
    }
  self->loaded = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

TroupeRecentCharacters *
troupe_recent_characters_new (GFile *file)
{
  TroupeRecentCharacters *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TROUPE_TYPE_RECENT_CHARACTERS, NULL);
  self->file = g_object_ref (file);
  g_file_load_contents_async (file, self->cancellable, load_cb, g_object_ref (self));
  return self;
}

TroupeRecentCharacters *
troupe_recent_characters_new_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "troupe",
                                            "recent-characters", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return troupe_recent_characters_new (file);
}

static void
troupe_recent_characters_dispose (GObject *object)
{
  TroupeRecentCharacters *self = TROUPE_RECENT_CHARACTERS (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (troupe_recent_characters_parent_class)->dispose (object);
}

static void
troupe_recent_characters_finalize (GObject *object)
{
  TroupeRecentCharacters *self = TROUPE_RECENT_CHARACTERS (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ranks, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);

  G_OBJECT_CLASS (troupe_recent_characters_parent_class)->finalize (object);
}

static void
troupe_recent_characters_class_init (TroupeRecentCharactersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_recent_characters_dispose;
  object_class->finalize = troupe_recent_characters_finalize;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
troupe_recent_characters_init (TroupeRecentCharacters *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->ranks = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
}
