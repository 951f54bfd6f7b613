/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-chat-sessions"

#include "config.h"

#include "troupe-chat-sessions.h"
#include "troupe-file-write.h"

#define GROUP "sessions"
/* A session id is short; a file much larger than this is not ours. */
#define MAX_FILE_BYTES (1024 * 1024)

struct _TroupeChatSessions
{
  GObject    parent_instance;

  GFile     *file;
  GKeyFile  *keys;
  gboolean   writing;
  gboolean   write_again;   /* changed while a write ran */
};

G_DEFINE_FINAL_TYPE (TroupeChatSessions, troupe_chat_sessions, G_TYPE_OBJECT)

static void
load (TroupeChatSessions *self)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (self->file);

  /* Checked before it is read: the file is small, or it is not read. */
  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    return;
  if (g_file_info_get_size (info) > MAX_FILE_BYTES)
    {
      g_warning ("Ignoring %s: it is larger than a list of chat sessions can be", path);
      return;
    }
  if (!g_key_file_load_from_file (self->keys, path, G_KEY_FILE_NONE, &error))
    g_warning ("Could not read the chat sessions in %s: %s", path, error->message);
}

TroupeChatSessions *
troupe_chat_sessions_new (GFile *file)
{
  TroupeChatSessions *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TROUPE_TYPE_CHAT_SESSIONS, NULL);
  self->file = g_object_ref (file);
  load (self);
  return self;
}

TroupeChatSessions *
troupe_chat_sessions_new_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "troupe", "chat-sessions", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return troupe_chat_sessions_new (file);
}

const char *
troupe_chat_sessions_lookup (TroupeChatSessions *self,
                             const char         *char_id)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (TROUPE_IS_CHAT_SESSIONS (self), NULL);

  if (char_id == NULL)
    return NULL;
  value = g_key_file_get_string (self->keys, GROUP, char_id, NULL);
  if (value == NULL || *value == '\0')
    return NULL;
  /* Interned: callers keep it while the key file changes under them. */
  return g_intern_string (value);
}

gboolean
troupe_chat_sessions_is_busy (TroupeChatSessions *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_SESSIONS (self), FALSE);
  return self->writing;
}

static void write_now (TroupeChatSessions *self);

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TroupeChatSessions) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!troupe_file_write_finish (G_FILE (source), result, &error))
    g_warning ("Could not keep the chat sessions: %s", error->message);
  self->writing = FALSE;
  if (self->write_again)
    write_now (self);
}

static void
write_now (TroupeChatSessions *self)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  char *data;

  self->write_again = FALSE;
  self->writing = TRUE;
  data = g_key_file_to_data (self->keys, &len, NULL);
  bytes = g_bytes_new_take (data, len);
  troupe_file_write_async (self->file, bytes, NULL, write_cb, g_object_ref (self));
}

void
troupe_chat_sessions_set (TroupeChatSessions *self,
                          const char         *char_id,
                          const char         *session_id)
{
  g_return_if_fail (TROUPE_IS_CHAT_SESSIONS (self));
  g_return_if_fail (char_id != NULL);

  if (g_strcmp0 (troupe_chat_sessions_lookup (self, char_id), session_id) == 0)
    return;
  if (session_id == NULL)
    g_key_file_remove_key (self->keys, GROUP, char_id, NULL);
  else
    g_key_file_set_string (self->keys, GROUP, char_id, session_id);
  if (self->writing)
    self->write_again = TRUE;
  else
    write_now (self);
}

static void
troupe_chat_sessions_finalize (GObject *object)
{
  TroupeChatSessions *self = TROUPE_CHAT_SESSIONS (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->keys, g_key_file_unref);

  G_OBJECT_CLASS (troupe_chat_sessions_parent_class)->finalize (object);
}

static void
troupe_chat_sessions_class_init (TroupeChatSessionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = troupe_chat_sessions_finalize;
}

static void
troupe_chat_sessions_init (TroupeChatSessions *self)
{
  self->keys = g_key_file_new ();
}
