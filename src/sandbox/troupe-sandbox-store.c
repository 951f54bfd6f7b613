/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-store.h"

#include <gio/gio.h>
#include <sqlite3.h>

#include "troupe-sandbox-text.h"

struct _TroupeSandboxStore
{
  GMutex   lock;
  sqlite3 *db;
};

/* Indexed sentences are owned by a backstory ("char:<id>") or a document
 * ("doc:<id>"); retrieval filters on the owner, ranking on the text. */
static const char schema[] =
  "PRAGMA journal_mode=WAL;"
  "PRAGMA synchronous=NORMAL;"
  "PRAGMA foreign_keys=ON;"
  "CREATE TABLE IF NOT EXISTS characters ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL, voice_type TEXT NOT NULL,"
  "  backstory TEXT NOT NULL, actions TEXT NOT NULL DEFAULT '',"
  "  language_codes TEXT NOT NULL DEFAULT 'en-US', timestamp TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS docs ("
  "  id TEXT PRIMARY KEY, file_name TEXT NOT NULL, file_size INTEGER NOT NULL,"
  "  timestamp TEXT NOT NULL, is_available INTEGER NOT NULL DEFAULT 0, error TEXT);"
  "CREATE TABLE IF NOT EXISTS char_docs ("
  "  char_id TEXT NOT NULL REFERENCES characters(id) ON DELETE CASCADE,"
  "  doc_id TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (char_id, doc_id));"
  "CREATE TABLE IF NOT EXISTS sessions ("
  "  id TEXT NOT NULL, char_id TEXT NOT NULL REFERENCES characters(id) ON DELETE CASCADE,"
  "  created_us INTEGER NOT NULL, is_added_to_memory INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (char_id, id));"
  "CREATE TABLE IF NOT EXISTS interactions ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT, char_id TEXT NOT NULL, session_id TEXT NOT NULL,"
  "  timestamp TEXT NOT NULL, user_text TEXT NOT NULL, character_text TEXT NOT NULL,"
  "  is_trigger INTEGER NOT NULL DEFAULT 0,"
  "  FOREIGN KEY (char_id, session_id) REFERENCES sessions(char_id, id) ON DELETE CASCADE);"
  "CREATE INDEX IF NOT EXISTS interactions_by_session ON interactions (char_id, session_id);"
  "CREATE VIRTUAL TABLE IF NOT EXISTS chunks USING fts5 ("
  "  text, owner UNINDEXED, seq UNINDEXED, tokenize = 'porter unicode61');";

/* ---- small SQLite helpers ---- */

static sqlite3_stmt *
prepare (TroupeSandboxStore *self,
         const char         *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("troupe-sandbox: bad SQL (%s): %s", sqlite3_errmsg (self->db), sql);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

static gboolean
step_done (TroupeSandboxStore *self,
           sqlite3_stmt       *stmt,
           GError            **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "database error: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

static void
exec (TroupeSandboxStore *self,
      const char         *sql)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_warning ("troupe-sandbox: %s: %s", sql, message);
      sqlite3_free (message);
    }
}

/* ---- lifetime ---- */

TroupeSandboxStore *
troupe_sandbox_store_open (const char  *path,
                           GError     **error)
{
  TroupeSandboxStore *self = g_new0 (TroupeSandboxStore, 1);
  char *message = NULL;

  g_mutex_init (&self->lock);
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK ||
      sqlite3_exec (self->db, schema, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open database %s: %s",
                   path, message != NULL ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      troupe_sandbox_store_free (self);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  return self;
}

void
troupe_sandbox_store_free (TroupeSandboxStore *self)
{
  if (self == NULL)
    return;
  sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* ---- record types ---- */

TroupeSandboxCharacter *
troupe_sandbox_character_new (void)
{
  return g_new0 (TroupeSandboxCharacter, 1);
}

void
troupe_sandbox_character_free (TroupeSandboxCharacter *character)
{
  if (character == NULL)
    return;
  g_free (character->id);
  g_free (character->name);
  g_free (character->voice_type);
  g_free (character->backstory);
  g_free (character->actions);
  g_strfreev (character->language_codes);
  g_free (character->timestamp);
  g_free (character);
}

void
troupe_sandbox_doc_free (TroupeSandboxDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->id);
  g_free (doc->file_name);
  g_free (doc->timestamp);
  g_free (doc->error);
  g_free (doc);
}

void
troupe_sandbox_hit_free (TroupeSandboxHit *hit)
{
  g_free (hit->text);
  g_free (hit->owner);
  g_free (hit);
}

void
troupe_sandbox_session_free (TroupeSandboxSession *session)
{
  g_free (session->id);
  g_free (session);
}

void
troupe_sandbox_interaction_free (TroupeSandboxInteraction *interaction)
{
  g_free (interaction->timestamp);
  g_free (interaction->user_text);
  g_free (interaction->character_text);
  g_free (interaction);
}

/* ---- indexed sentences ---- */

static void
index_text (TroupeSandboxStore *self,
            const char         *owner,
            GPtrArray          *sentences)
{
  sqlite3_stmt *del = prepare (self, "DELETE FROM chunks WHERE owner = ?");
  sqlite3_stmt *ins;

  bind_text (del, 1, owner);
  step_done (self, del, NULL);
  ins = prepare (self, "INSERT INTO chunks (text, owner, seq) VALUES (?, ?, ?)");
  for (guint i = 0; sentences != NULL && i < sentences->len; i++)
    {
      sqlite3_reset (ins);
      bind_text (ins, 1, g_ptr_array_index (sentences, i));
      bind_text (ins, 2, owner);
      sqlite3_bind_int (ins, 3, (int) i);
      sqlite3_step (ins);
    }
  sqlite3_finalize (ins);
}

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

  exec (self, "BEGIN IMMEDIATE");
  stmt = prepare (self,
                  "INSERT INTO characters (id, name, voice_type, backstory, actions,"
                  " language_codes, timestamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                  " ON CONFLICT (id) DO UPDATE SET name = ?2, voice_type = ?3,"
                  " backstory = ?4, actions = ?5, language_codes = ?6");
  bind_text (stmt, 1, character->id);
  bind_text (stmt, 2, character->name);
  bind_text (stmt, 3, character->voice_type);
  bind_text (stmt, 4, character->backstory);
  bind_text (stmt, 5, character->actions != NULL ? character->actions : "");
  bind_text (stmt, 6, codes);
  bind_text (stmt, 7, character->timestamp);
  ok = step_done (self, stmt, error);
  if (ok)
    index_text (self, owner, sentences);
  exec (self, ok ? "COMMIT" : "ROLLBACK");
  return ok;
}

static TroupeSandboxCharacter *
read_character (sqlite3_stmt *stmt)
{
  TroupeSandboxCharacter *character = troupe_sandbox_character_new ();
  g_autofree char *codes = column_text (stmt, 5);

  character->id = column_text (stmt, 0);
  character->name = column_text (stmt, 1);
  character->voice_type = column_text (stmt, 2);
  character->backstory = column_text (stmt, 3);
  character->actions = column_text (stmt, 4);
  character->language_codes = g_strsplit (codes, ",", -1);
  character->timestamp = column_text (stmt, 6);
  return character;
}

#define CHARACTER_COLUMNS "id, name, voice_type, backstory, actions, language_codes, timestamp"

static TroupeSandboxCharacter *
lookup_character (TroupeSandboxStore *self,
                  const char         *sql,
                  const char         *key)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = prepare (self, sql);
  TroupeSandboxCharacter *character = NULL;

  bind_text (stmt, 1, key);
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
  sqlite3_stmt *stmt = prepare (self, "SELECT " CHARACTER_COLUMNS " FROM characters"
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
  sqlite3_stmt *stmt = prepare (self, "SELECT count(*) FROM characters");
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

  exec (self, "BEGIN IMMEDIATE");
  stmt = prepare (self, "DELETE FROM interactions WHERE char_id = ?");
  bind_text (stmt, 1, id);
  step_done (self, stmt, NULL);
  stmt = prepare (self, "DELETE FROM characters WHERE id = ?");
  bind_text (stmt, 1, id);
  step_done (self, stmt, NULL);
  found = sqlite3_changes (self->db) > 0;
  index_text (self, owner, NULL);
  exec (self, "COMMIT");
  return found;
}

/* ---- documents ---- */

gboolean
troupe_sandbox_store_save_doc (TroupeSandboxStore     *self,
                               const TroupeSandboxDoc *doc,
                               GError                **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = prepare (self,
                                "INSERT INTO docs (id, file_name, file_size, timestamp,"
                                " is_available, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                " ON CONFLICT (id) DO UPDATE SET file_name = ?2,"
                                " file_size = ?3, timestamp = ?4, is_available = ?5, error = ?6");

  bind_text (stmt, 1, doc->id);
  bind_text (stmt, 2, doc->file_name);
  sqlite3_bind_int64 (stmt, 3, doc->file_size);
  bind_text (stmt, 4, doc->timestamp);
  sqlite3_bind_int (stmt, 5, doc->is_available);
  bind_text (stmt, 6, doc->error);
  return step_done (self, stmt, error);
}

#define DOC_QUERY \
  "SELECT d.id, d.file_name, d.file_size, d.timestamp, d.is_available, d.error," \
  " EXISTS (SELECT 1 FROM char_docs c WHERE c.doc_id = d.id AND c.char_id = ?1) FROM docs d"

static TroupeSandboxDoc *
read_doc (sqlite3_stmt *stmt)
{
  TroupeSandboxDoc *doc = g_new0 (TroupeSandboxDoc, 1);

  doc->id = column_text (stmt, 0);
  doc->file_name = column_text (stmt, 1);
  doc->file_size = sqlite3_column_int64 (stmt, 2);
  doc->timestamp = column_text (stmt, 3);
  doc->is_available = sqlite3_column_int (stmt, 4) != 0;
  doc->error = column_text (stmt, 5);
  doc->connected = sqlite3_column_int (stmt, 6) != 0;
  return doc;
}

TroupeSandboxDoc *
troupe_sandbox_store_get_doc (TroupeSandboxStore *self,
                              const char         *id,
                              const char         *for_character)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = prepare (self, DOC_QUERY " WHERE d.id = ?2");
  TroupeSandboxDoc *doc = NULL;

  bind_text (stmt, 1, for_character != NULL ? for_character : "");
  bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    doc = read_doc (stmt);
  sqlite3_finalize (stmt);
  return doc;
}

GPtrArray *
troupe_sandbox_store_list_docs (TroupeSandboxStore *self,
                                const char         *for_character)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) troupe_sandbox_doc_free);
  sqlite3_stmt *stmt = prepare (self, DOC_QUERY " ORDER BY d.timestamp, d.rowid");

  bind_text (stmt, 1, for_character != NULL ? for_character : "");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, read_doc (stmt));
  sqlite3_finalize (stmt);
  return out;
}

gboolean
troupe_sandbox_store_delete_doc (TroupeSandboxStore *self,
                                 const char         *id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *owner = g_strconcat ("doc:", id, NULL);
  sqlite3_stmt *stmt;
  gboolean found;

  exec (self, "BEGIN IMMEDIATE");
  stmt = prepare (self, "DELETE FROM docs WHERE id = ?");
  bind_text (stmt, 1, id);
  step_done (self, stmt, NULL);
  found = sqlite3_changes (self->db) > 0;
  index_text (self, owner, NULL);
  exec (self, "COMMIT");
  return found;
}

void
troupe_sandbox_store_connect_doc (TroupeSandboxStore *self,
                                  const char         *character_id,
                                  const char         *doc_id,
                                  gboolean            connected)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = prepare (self, connected
                                ? "INSERT OR IGNORE INTO char_docs (char_id, doc_id) VALUES (?, ?)"
                                : "DELETE FROM char_docs WHERE char_id = ? AND doc_id = ?");

  bind_text (stmt, 1, character_id);
  bind_text (stmt, 2, doc_id);
  step_done (self, stmt, NULL);
}

void
troupe_sandbox_store_copy_connections (TroupeSandboxStore *self,
                                       const char         *from_character,
                                       const char         *to_character)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = prepare (self, "INSERT OR IGNORE INTO char_docs (char_id, doc_id)"
                                      " SELECT ?2, doc_id FROM char_docs WHERE char_id = ?1");

  bind_text (stmt, 1, from_character);
  bind_text (stmt, 2, to_character);
  step_done (self, stmt, NULL);
}

gboolean
troupe_sandbox_store_finish_doc (TroupeSandboxStore *self,
                                 const char         *doc_id,
                                 const char         *timestamp,
                                 GPtrArray          *sentences,
                                 const char         *error_message)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *owner = g_strconcat ("doc:", doc_id, NULL);
  sqlite3_stmt *stmt;
  gboolean current;

  exec (self, "BEGIN IMMEDIATE");
  stmt = prepare (self, "UPDATE docs SET is_available = ?3, error = ?4"
                        " WHERE id = ?1 AND timestamp = ?2");
  bind_text (stmt, 1, doc_id);
  bind_text (stmt, 2, timestamp);
  sqlite3_bind_int (stmt, 3, error_message == NULL);
  bind_text (stmt, 4, error_message);
  step_done (self, stmt, NULL);
  current = sqlite3_changes (self->db) > 0;
  if (current)
    index_text (self, owner, error_message == NULL ? sentences : NULL);
  exec (self, "COMMIT");
  return current;
}

/* ---- retrieval ---- */

#define VISIBLE_OWNERS \
  " (owner = 'char:' || ?1 OR owner IN (SELECT 'doc:' || c.doc_id FROM char_docs c" \
  "  JOIN docs d ON d.id = c.doc_id WHERE c.char_id = ?1 AND d.is_available = 1))"

GPtrArray *
troupe_sandbox_store_search (TroupeSandboxStore *self,
                             const char         *character_id,
                             const char         *fts_query,
                             guint               limit)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) troupe_sandbox_hit_free);
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT text, owner, bm25 (chunks) AS score FROM chunks"
                                " WHERE chunks MATCH ?2 AND" VISIBLE_OWNERS
                                " ORDER BY score, owner, seq LIMIT ?3");

  bind_text (stmt, 1, character_id);
  bind_text (stmt, 2, fts_query);
  sqlite3_bind_int (stmt, 3, (int) limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TroupeSandboxHit *hit = g_new0 (TroupeSandboxHit, 1);

      hit->text = column_text (stmt, 0);
      hit->owner = column_text (stmt, 1);
      hit->score = sqlite3_column_double (stmt, 2);
      g_ptr_array_add (out, hit);
    }
  sqlite3_finalize (stmt);
  return out;
}

GPtrArray *
troupe_sandbox_store_sentences (TroupeSandboxStore *self,
                                const char         *character_id,
                                guint               limit)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare (self, "SELECT text FROM chunks WHERE" VISIBLE_OWNERS
                                      " ORDER BY owner NOT LIKE 'char:%', owner, seq LIMIT ?2");

  bind_text (stmt, 1, character_id);
  sqlite3_bind_int (stmt, 2, (int) limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

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

  exec (self, "BEGIN IMMEDIATE");
  stmt = prepare (self, "INSERT OR IGNORE INTO sessions (id, char_id, created_us) VALUES (?, ?, ?)");
  bind_text (stmt, 1, session_id);
  bind_text (stmt, 2, character_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  step_done (self, stmt, NULL);
  stmt = prepare (self, "INSERT INTO interactions (char_id, session_id, timestamp, user_text,"
                        " character_text, is_trigger) VALUES (?, ?, ?, ?, ?, ?)");
  bind_text (stmt, 1, character_id);
  bind_text (stmt, 2, session_id);
  bind_text (stmt, 3, stamp);
  bind_text (stmt, 4, user_text);
  bind_text (stmt, 5, character_text);
  sqlite3_bind_int (stmt, 6, is_trigger);
  ok = step_done (self, stmt, NULL);
  exec (self, ok ? "COMMIT" : "ROLLBACK");
  return ok;
}

GPtrArray *
troupe_sandbox_store_list_sessions (TroupeSandboxStore *self,
                                    const char         *character_id,
                                    int                 limit)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) troupe_sandbox_session_free);
  sqlite3_stmt *stmt = prepare (self, "SELECT id, created_us, is_added_to_memory FROM sessions"
                                      " WHERE char_id = ? ORDER BY created_us DESC, rowid DESC"
                                      " LIMIT ?");

  bind_text (stmt, 1, character_id);
  sqlite3_bind_int (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TroupeSandboxSession *session = g_new0 (TroupeSandboxSession, 1);

      session->id = column_text (stmt, 0);
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
  sqlite3_stmt *stmt = prepare (self, "SELECT timestamp, user_text, character_text, is_trigger"
                                      " FROM interactions WHERE char_id = ? AND session_id = ?"
                                      " ORDER BY seq");

  bind_text (stmt, 1, character_id);
  bind_text (stmt, 2, session_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TroupeSandboxInteraction *interaction = g_new0 (TroupeSandboxInteraction, 1);

      interaction->timestamp = column_text (stmt, 0);
      interaction->user_text = column_text (stmt, 1);
      interaction->character_text = column_text (stmt, 2);
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
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM sessions WHERE char_id = ? AND id = ?");
  gboolean found;

  bind_text (stmt, 1, character_id);
  bind_text (stmt, 2, session_id);
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

  exec (self, "BEGIN IMMEDIATE");
  for (guint i = 0; session_ids[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = prepare (self, "DELETE FROM interactions WHERE char_id = ? AND session_id = ?");

      bind_text (stmt, 1, character_id);
      bind_text (stmt, 2, session_ids[i]);
      step_done (self, stmt, NULL);
      stmt = prepare (self, "DELETE FROM sessions WHERE char_id = ? AND id = ?");
      bind_text (stmt, 1, character_id);
      bind_text (stmt, 2, session_ids[i]);
      step_done (self, stmt, NULL);
      deleted += (guint) sqlite3_changes (self->db);
    }
  exec (self, "COMMIT");
  return deleted;
}

guint
troupe_sandbox_store_count_interactions (TroupeSandboxStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = prepare (self, "SELECT count(*) FROM interactions");
  guint count = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}
