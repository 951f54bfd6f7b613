/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-store-private.h"

/* ---- chat history ---- */

gboolean
troupe_sandbox_store_add_interaction (TroupeSandboxStore *self,
                                      const char         *character_id,
                                      const char         *session_id,
                                      const char         *user_text,
                                      const char         *character_text,
                                      gboolean            is_trigger)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M:%S.%f");
  sqlite3_stmt *stmt;
  gboolean ok;

  store_exec (self, "BEGIN IMMEDIATE");
  stmt = store_prepare (self, "INSERT OR IGNORE INTO sessions (id, char_id, created_us) VALUES (?, ?, ?)");
  store_bind_text (stmt, 1, session_id);
  store_bind_text (stmt, 2, character_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  store_step_done (self, stmt, NULL);
  stmt = store_prepare (self, "INSERT INTO interactions (char_id, session_id, timestamp, user_text,"
                        " character_text, is_trigger) VALUES (?, ?, ?, ?, ?, ?)");
  store_bind_text (stmt, 1, character_id);
  store_bind_text (stmt, 2, session_id);
  store_bind_text (stmt, 3, stamp);
  store_bind_text (stmt, 4, user_text);
  store_bind_text (stmt, 5, character_text);
  sqlite3_bind_int (stmt, 6, is_trigger);
  ok = store_step_done (self, stmt, NULL);
  store_exec (self, ok ? "COMMIT" : "ROLLBACK");
  return ok;
}

GPtrArray *
troupe_sandbox_store_list_sessions (TroupeSandboxStore *self,
                                    const char         *character_id,
                                    int                 limit)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) troupe_sandbox_session_free);
  sqlite3_stmt *stmt = store_prepare (self, "SELECT id, created_us, is_added_to_memory FROM sessions"
                                      " WHERE char_id = ? ORDER BY created_us DESC, rowid DESC"
                                      " LIMIT ?");

  store_bind_text (stmt, 1, character_id);
  sqlite3_bind_int (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TroupeSandboxSession *session = g_new0 (TroupeSandboxSession, 1);

      session->id = store_column_text (stmt, 0);
      session->created_us = sqlite3_column_int64 (stmt, 1);
      session->is_added_to_memory = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (out, session);
    }
  sqlite3_finalize (stmt);
  return out;
}

GPtrArray *
troupe_sandbox_store_list_interactions (TroupeSandboxStore *self,
                                        const char         *character_id,
                                        const char         *session_id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) troupe_sandbox_interaction_free);
  sqlite3_stmt *stmt = store_prepare (self, "SELECT timestamp, user_text, character_text, is_trigger"
                                      " FROM interactions WHERE char_id = ? AND session_id = ?"
                                      " ORDER BY seq");

  store_bind_text (stmt, 1, character_id);
  store_bind_text (stmt, 2, session_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TroupeSandboxInteraction *interaction = g_new0 (TroupeSandboxInteraction, 1);

      interaction->timestamp = store_column_text (stmt, 0);
      interaction->user_text = store_column_text (stmt, 1);
      interaction->character_text = store_column_text (stmt, 2);
      interaction->is_trigger = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (out, interaction);
    }
  sqlite3_finalize (stmt);
  return out;
}

gboolean
troupe_sandbox_store_has_session (TroupeSandboxStore *self,
                                  const char         *character_id,
                                  const char         *session_id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = store_prepare (self, "SELECT 1 FROM sessions WHERE char_id = ? AND id = ?");
  gboolean found;

  store_bind_text (stmt, 1, character_id);
  store_bind_text (stmt, 2, session_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

guint
troupe_sandbox_store_delete_sessions (TroupeSandboxStore *self,
                                      const char         *character_id,
                                      const char * const *session_ids)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  guint deleted = 0;

  store_exec (self, "BEGIN IMMEDIATE");
  for (guint i = 0; session_ids[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = store_prepare (self, "DELETE FROM interactions WHERE char_id = ? AND session_id = ?");

      store_bind_text (stmt, 1, character_id);
      store_bind_text (stmt, 2, session_ids[i]);
      store_step_done (self, stmt, NULL);
      stmt = store_prepare (self, "DELETE FROM sessions WHERE char_id = ? AND id = ?");
      store_bind_text (stmt, 1, character_id);
      store_bind_text (stmt, 2, session_ids[i]);
      store_step_done (self, stmt, NULL);
      deleted += (guint) sqlite3_changes (self->db);
    }
  store_exec (self, "COMMIT");
  return deleted;
}

guint
troupe_sandbox_store_count_interactions (TroupeSandboxStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = store_prepare (self, "SELECT count(*) FROM interactions");
  guint count = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}
