/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-store-private.h"

/* ---- documents ---- */

gboolean
troupe_sandbox_store_save_doc (TroupeSandboxStore     *self,
                               const TroupeSandboxDoc *doc,
                               GError                **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = store_prepare (self,
                                "INSERT INTO docs (id, file_name, file_size, timestamp,"
                                " is_available, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                " ON CONFLICT (id) DO UPDATE SET file_name = ?2,"
                                " file_size = ?3, timestamp = ?4, is_available = ?5, error = ?6");

  store_bind_text (stmt, 1, doc->id);
  store_bind_text (stmt, 2, doc->file_name);
  sqlite3_bind_int64 (stmt, 3, doc->file_size);
  store_bind_text (stmt, 4, doc->timestamp);
  sqlite3_bind_int (stmt, 5, doc->is_available);
  store_bind_text (stmt, 6, doc->error);
  return store_step_done (self, stmt, error);
}

#define DOC_QUERY \
  "SELECT d.id, d.file_name, d.file_size, d.timestamp, d.is_available, d.error," \
  " EXISTS (SELECT 1 FROM char_docs c WHERE c.doc_id = d.id AND c.char_id = ?1) FROM docs d"

static TroupeSandboxDoc *
read_doc (sqlite3_stmt *stmt)
{
  TroupeSandboxDoc *doc = g_new0 (TroupeSandboxDoc, 1);

  doc->id = store_column_text (stmt, 0);
  doc->file_name = store_column_text (stmt, 1);
  doc->file_size = sqlite3_column_int64 (stmt, 2);
  doc->timestamp = store_column_text (stmt, 3);
  doc->is_available = sqlite3_column_int (stmt, 4) != 0;
  doc->error = store_column_text (stmt, 5);
  doc->connected = sqlite3_column_int (stmt, 6) != 0;
  return doc;
}

TroupeSandboxDoc *
troupe_sandbox_store_get_doc (TroupeSandboxStore *self,
                              const char         *id,
                              const char         *for_character)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = store_prepare (self, DOC_QUERY " WHERE d.id = ?2");
  TroupeSandboxDoc *doc = NULL;

  store_bind_text (stmt, 1, for_character != NULL ? for_character : "");
  store_bind_text (stmt, 2, id);
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
  sqlite3_stmt *stmt = store_prepare (self, DOC_QUERY " ORDER BY d.timestamp, d.rowid");

  store_bind_text (stmt, 1, for_character != NULL ? for_character : "");
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

  store_exec (self, "BEGIN IMMEDIATE");
  stmt = store_prepare (self, "DELETE FROM docs WHERE id = ?");
  store_bind_text (stmt, 1, id);
  store_step_done (self, stmt, NULL);
  found = sqlite3_changes (self->db) > 0;
  store_index_text (self, owner, NULL);
  store_exec (self, "COMMIT");
  return found;
}

void
troupe_sandbox_store_connect_doc (TroupeSandboxStore *self,
                                  const char         *character_id,
                                  const char         *doc_id,
                                  gboolean            connected)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = store_prepare (self, connected
                                ? "INSERT OR IGNORE INTO char_docs (char_id, doc_id) VALUES (?, ?)"
                                : "DELETE FROM char_docs WHERE char_id = ? AND doc_id = ?");

  store_bind_text (stmt, 1, character_id);
  store_bind_text (stmt, 2, doc_id);
  store_step_done (self, stmt, NULL);
}

void
troupe_sandbox_store_copy_connections (TroupeSandboxStore *self,
                                       const char         *from_character,
                                       const char         *to_character)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = store_prepare (self, "INSERT OR IGNORE INTO char_docs (char_id, doc_id)"
                                      " SELECT ?2, doc_id FROM char_docs WHERE char_id = ?1");

  store_bind_text (stmt, 1, from_character);
  store_bind_text (stmt, 2, to_character);
  store_step_done (self, stmt, NULL);
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

  store_exec (self, "BEGIN IMMEDIATE");
  stmt = store_prepare (self, "UPDATE docs SET is_available = ?3, error = ?4"
                        " WHERE id = ?1 AND timestamp = ?2");
  store_bind_text (stmt, 1, doc_id);
  store_bind_text (stmt, 2, timestamp);
  sqlite3_bind_int (stmt, 3, error_message == NULL);
  store_bind_text (stmt, 4, error_message);
  store_step_done (self, stmt, NULL);
  current = sqlite3_changes (self->db) > 0;
  if (current)
    store_index_text (self, owner, error_message == NULL ? sentences : NULL);
  store_exec (self, "COMMIT");
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
  sqlite3_stmt *stmt = store_prepare (self,
                                "SELECT text, owner, bm25 (chunks) AS score FROM chunks"
                                " WHERE chunks MATCH ?2 AND" VISIBLE_OWNERS
                                " ORDER BY score, owner, seq LIMIT ?3");

  store_bind_text (stmt, 1, character_id);
  store_bind_text (stmt, 2, fts_query);
  sqlite3_bind_int (stmt, 3, (int) limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TroupeSandboxHit *hit = g_new0 (TroupeSandboxHit, 1);

      hit->text = store_column_text (stmt, 0);
      hit->owner = store_column_text (stmt, 1);
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
  sqlite3_stmt *stmt = store_prepare (self, "SELECT text FROM chunks WHERE" VISIBLE_OWNERS
                                      " ORDER BY owner NOT LIKE 'char:%', owner, seq LIMIT ?2");

  store_bind_text (stmt, 1, character_id);
  sqlite3_bind_int (stmt, 2, (int) limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, store_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

