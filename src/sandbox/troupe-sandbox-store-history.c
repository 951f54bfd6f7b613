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

/* --seed-history: many sessions in one transaction, with prepared
 * statements reused, so 200,000 exchanges take seconds, not minutes. */
gboolean
troupe_sandbox_store_seed_sessions (TroupeSandboxStore  *self,
                                    const char          *character_id,
                                    guint                n_sessions,
                                    guint                n_turns,
                                    gint64               newest_us,
                                    guint                minutes_apart,
                                    const char * const  *topics,
                                    guint                n_topics,
                                    GError             **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *session_stmt;
  sqlite3_stmt *turn_stmt;
  gboolean ok = TRUE;

  store_exec (self, "BEGIN IMMEDIATE");
  session_stmt = store_prepare (self, "INSERT INTO sessions (id, char_id, created_us, is_added_to_memory)"
                                " VALUES (?, ?, ?, ?)");
  turn_stmt = store_prepare (self, "INSERT INTO interactions (char_id, session_id, timestamp, user_text,"
                             " character_text, is_trigger) VALUES (?, ?, ?, ?, ?, ?)");
  for (guint s = 0; ok && s < n_sessions; s++)
    {
      g_autofree char *seed = g_strdup_printf ("%s/%u", character_id, s);
      g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
      gint64 created_us = newest_us - (gint64) s * minutes_apart * 60 * G_USEC_PER_SEC;

      sqlite3_reset (session_stmt);
      store_bind_text (session_stmt, 1, id);
      store_bind_text (session_stmt, 2, character_id);
      sqlite3_bind_int64 (session_stmt, 3, created_us);
      sqlite3_bind_int (session_stmt, 4, s % 5 == 4);
      ok = sqlite3_step (session_stmt) == SQLITE_DONE;
      for (guint t = 0; ok && t < n_turns; t++)
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (created_us / G_USEC_PER_SEC + t);
          g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d %H:%M:%S.%f");
          const char *topic = topics[(s * 7 + t * 3) % n_topics];
          const char *other = topics[(s + t) % n_topics];
          g_autofree char *user = g_strdup_printf ("Session %u, line %u: tell me about the %s.", s, t, topic);
          g_autofree char *reply = g_strdup_printf ("The %s reminds me of the %s, line %u of session %u.",
                                                    topic, other, t, s);

          sqlite3_reset (turn_stmt);
          store_bind_text (turn_stmt, 1, character_id);
          store_bind_text (turn_stmt, 2, id);
          store_bind_text (turn_stmt, 3, stamp);
          store_bind_text (turn_stmt, 4, user);
          store_bind_text (turn_stmt, 5, reply);
          sqlite3_bind_int (turn_stmt, 6, (s + t) % 7 == 6);
          ok = sqlite3_step (turn_stmt) == SQLITE_DONE;
        }
    }
  sqlite3_finalize (session_stmt);
  sqlite3_finalize (turn_stmt);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not seed the history: %s", sqlite3_errmsg (self->db));
  store_exec (self, ok ? "COMMIT" : "ROLLBACK");
  return ok;
}
