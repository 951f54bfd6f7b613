/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-store-private.h"

#include "troupe-sandbox-text.h"

/* ---- characters ---- */

gboolean
troupe_sandbox_store_save_character (TroupeSandboxStore           *self,
                                     const TroupeSandboxCharacter *character,
                                     GError                      **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *codes = g_strjoinv (",", character->language_codes);
  g_autofree char *owner = g_strconcat ("char:", character->id, NULL);
  g_autoptr(GPtrArray) sentences = troupe_sandbox_text_sentences (character->backstory);
  sqlite3_stmt *stmt;
  gboolean ok;

  store_exec (self, "BEGIN IMMEDIATE");
  stmt = store_prepare (self,
                  "INSERT INTO characters (id, name, voice_type, backstory, actions,"
                  " language_codes, timestamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                  " ON CONFLICT (id) DO UPDATE SET name = ?2, voice_type = ?3,"
                  " backstory = ?4, actions = ?5, language_codes = ?6");
  store_bind_text (stmt, 1, character->id);
  store_bind_text (stmt, 2, character->name);
  store_bind_text (stmt, 3, character->voice_type);
  store_bind_text (stmt, 4, character->backstory);
  store_bind_text (stmt, 5, character->actions != NULL ? character->actions : "");
  store_bind_text (stmt, 6, codes);
  store_bind_text (stmt, 7, character->timestamp);
  ok = store_step_done (self, stmt, error);
  if (ok)
    store_index_text (self, owner, sentences);
  store_exec (self, ok ? "COMMIT" : "ROLLBACK");
  return ok;
}

static TroupeSandboxCharacter *
read_character (sqlite3_stmt *stmt)
{
  TroupeSandboxCharacter *character = troupe_sandbox_character_new ();
  g_autofree char *codes = store_column_text (stmt, 5);

  character->id = store_column_text (stmt, 0);
  character->name = store_column_text (stmt, 1);
  character->voice_type = store_column_text (stmt, 2);
  character->backstory = store_column_text (stmt, 3);
  character->actions = store_column_text (stmt, 4);
  character->language_codes = g_strsplit (codes, ",", -1);
  character->timestamp = store_column_text (stmt, 6);
  return character;
}

#define CHARACTER_COLUMNS "id, name, voice_type, backstory, actions, language_codes, timestamp"

static TroupeSandboxCharacter *
lookup_character (TroupeSandboxStore *self,
                  const char         *sql,
                  const char         *key)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = store_prepare (self, sql);
  TroupeSandboxCharacter *character = NULL;

  store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    character = read_character (stmt);
  sqlite3_finalize (stmt);
  return character;
}

TroupeSandboxCharacter *
troupe_sandbox_store_get_character (TroupeSandboxStore *self,
                                    const char         *id)
{
  return lookup_character (self, "SELECT " CHARACTER_COLUMNS " FROM characters WHERE id = ?", id);
}

TroupeSandboxCharacter *
troupe_sandbox_store_find_character (TroupeSandboxStore *self,
                                     const char         *name)
{
  return lookup_character (self,
                           "SELECT " CHARACTER_COLUMNS " FROM characters"
                           " WHERE name = ? COLLATE NOCASE ORDER BY timestamp LIMIT 1",
                           name);
}

GPtrArray *
troupe_sandbox_store_list_characters (TroupeSandboxStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) troupe_sandbox_character_free);
  sqlite3_stmt *stmt = store_prepare (self, "SELECT " CHARACTER_COLUMNS " FROM characters"
                                      " ORDER BY timestamp, rowid");

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, read_character (stmt));
  sqlite3_finalize (stmt);
  return out;
}

guint
troupe_sandbox_store_count_characters (TroupeSandboxStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = store_prepare (self, "SELECT count(*) FROM characters");
  guint count = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

gboolean
troupe_sandbox_store_delete_character (TroupeSandboxStore *self,
                                       const char         *id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *owner = g_strconcat ("char:", id, NULL);
  sqlite3_stmt *stmt;
  gboolean found;

  store_exec (self, "BEGIN IMMEDIATE");
  stmt = store_prepare (self, "DELETE FROM interactions WHERE char_id = ?");
  store_bind_text (stmt, 1, id);
  store_step_done (self, stmt, NULL);
  stmt = store_prepare (self, "DELETE FROM characters WHERE id = ?");
  store_bind_text (stmt, 1, id);
  store_step_done (self, stmt, NULL);
  found = sqlite3_changes (self->db) > 0;
  store_index_text (self, owner, NULL);
  store_exec (self, "COMMIT");
  return found;
}

