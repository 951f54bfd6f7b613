/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-store.h"

#include "troupe-sandbox-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

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

sqlite3_stmt *
store_prepare (TroupeSandboxStore *self,
               const char         *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("troupe-sandbox: bad SQL (%s): %s", sqlite3_errmsg (self->db), sql);
  return stmt;
}

void
store_bind_text (sqlite3_stmt *stmt,
                 int           index,
                 const char   *value)
{
  sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

char *
store_column_text (sqlite3_stmt *stmt,
                   int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

gboolean
store_step_done (TroupeSandboxStore *self,
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

void
store_exec (TroupeSandboxStore *self,
            const char         *sql)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_warning ("troupe-sandbox: %s: %s", sql, message);
      sqlite3_free (message);
    }
}

/* ---- indexed sentences ---- */

void
store_index_text (TroupeSandboxStore *self,
                  const char         *owner,
                  GPtrArray          *sentences)
{
  sqlite3_stmt *del = store_prepare (self, "DELETE FROM chunks WHERE owner = ?");
  sqlite3_stmt *ins;

  store_bind_text (del, 1, owner);
  store_step_done (self, del, NULL);
  ins = store_prepare (self, "INSERT INTO chunks (text, owner, seq) VALUES (?, ?, ?)");
  for (guint i = 0; sentences != NULL && i < sentences->len; i++)
    {
      sqlite3_reset (ins);
      store_bind_text (ins, 1, g_ptr_array_index (sentences, i));
      store_bind_text (ins, 2, owner);
      sqlite3_bind_int (ins, 3, (int) i);
      sqlite3_step (ins);
    }
  sqlite3_finalize (ins);
}

/* ---- lifetime ---- */

/* SQLite creates the database 0644 (less the umask), and its -wal and -shm
 * files with the database's mode: made 0600 first, all three are private
 * whatever folder they are in. Files left by an older sandbox are fixed. */
static gboolean
make_private (const char  *path,
              GError     **error)
{
  const char *suffixes[] = { "-wal", "-shm" };
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot create database %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *other = g_strconcat (path, suffixes[i], NULL);

      g_chmod (other, 0600);
    }
  return TRUE;
}

TroupeSandboxStore *
troupe_sandbox_store_open (const char  *path,
                           GError     **error)
{
  TroupeSandboxStore *self = g_new0 (TroupeSandboxStore, 1);
  char *message = NULL;

  g_mutex_init (&self->lock);
  if (!make_private (path, error))
    {
      troupe_sandbox_store_free (self);
      return NULL;
    }
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

