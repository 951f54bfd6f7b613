/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-history-index"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <convai.h>

#include "troupe-history-index-private.h"
#include "troupe-transcript.h"

/* Bumped when the tables change: an index of another version is made again
 * (it is a cache of what the server has). */
#define INDEX_VERSION 4


/* The prefix indexes answer the first keys of a search ("l", "la"), whose
 * prefixes match most words, without merging thousands of word lists: 30
 * to 60 ms become under 10 over 200,000 exchanges. */
static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS sessions ("
  "  char_id TEXT NOT NULL, session_id TEXT NOT NULL, char_name TEXT,"
  "  date_us INTEGER NOT NULL, n_turns INTEGER NOT NULL, first_line TEXT,"
  "  first_rowid INTEGER NOT NULL, transcript TEXT,"
  "  PRIMARY KEY (char_id, session_id));"
  "CREATE VIRTUAL TABLE IF NOT EXISTS turns USING fts5 ("
  "  text, char_id UNINDEXED, session_id UNINDEXED, position UNINDEXED, is_trigger UNINDEXED,"
  "  date_us UNINDEXED, tokenize = 'unicode61', prefix = '1 2');";

/* ---- the index ---- */


G_DEFINE_FINAL_TYPE (TroupeHistoryIndex, troupe_history_index, G_TYPE_OBJECT)

GFile *
troupe_history_index_default_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "troupe", "history-index.sqlite3", NULL);

  return g_file_new_for_path (path);
}

TroupeHistoryIndex *
troupe_history_index_new (GFile *file)
{
  TroupeHistoryIndex *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TROUPE_TYPE_HISTORY_INDEX, NULL);
  self->file = g_object_ref (file);
  return self;
}

gboolean
troupe_history_index_exec (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The search index failed: %s",
               message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}

static int
read_int (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* 0 when the table is empty. */
static gint64
read_int64 (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* An index that will not open, fails its check or is of another version
 * is in the way, not precious. */
static gboolean
index_is_sound (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int version;

  sqlite3_busy_timeout (db, 2000);
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;
  version = read_int (db, "PRAGMA user_version");
  if (version == INDEX_VERSION)
    return TRUE;
  /* A new, empty file says 0: sound, to be made. */
  return version == 0 && read_int (db, "SELECT count(*) FROM sqlite_master") == 0;
}

static void
delete_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static sqlite3 *
open_file (const char  *path,
           GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not open the search index %s: %s",
                   path, db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
troupe_history_index_ensure_open (TroupeHistoryIndex  *self,
             GError             **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *schema = NULL;
  sqlite3 *db;

  if (self->db != NULL)
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "Could not make %s: %s",
                   dir, g_strerror (errno));
      return FALSE;
    }
  /* Transcripts are what players said: for this user only. */
  if ((db = open_file (path, error)) == NULL)
    return FALSE;
  g_chmod (path, 0600);
  if (!index_is_sound (db))
    {
      g_message ("The search index %s was damaged or old: it is made again", path);
      sqlite3_close (db);
      delete_files (path);
      if ((db = open_file (path, error)) == NULL)
        return FALSE;
      g_chmod (path, 0600);
    }
  /* A cache: a crash may lose the last writes or damage the file, and a
   * damaged file is made again, so no write waits for the disk. */
  schema = g_strdup_printf ("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; %s PRAGMA user_version = %d;",
                            schema_sql, INDEX_VERSION);
  if (!troupe_history_index_exec (db, schema, error))
    {
      sqlite3_close (db);
      return FALSE;
    }
  self->db = db;
  return TRUE;
}

/* ---- add ---- */


static void
turn_clear (Turn *turn)
{
  g_free (turn->text);
}

void
troupe_history_index_job_free (Job *job)
{
  g_free (job->char_id);
  g_free (job->char_name);
  g_free (job->first_line);
  g_free (job->transcript);
  g_free (job->session_id);
  g_strfreev (job->session_ids);
  g_clear_pointer (&job->turns, g_array_unref);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job);
}

/* The words of each exchange, read in the worker from the items the
 * caller handed over (the caller's list model is not shared). */
static GArray *
collect_turns (GListModel *interactions)
{
  guint n = g_list_model_get_n_items (interactions);
  GArray *turns = g_array_sized_new (FALSE, TRUE, sizeof (Turn), n);

  g_array_set_clear_func (turns, (GDestroyNotify) turn_clear);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);
      GString *text = g_string_new (NULL);
      Turn turn;

      for (guint m = 0; m < convai_interaction_get_n_messages (interaction); m++)
        {
          const char *message = convai_interaction_get_text (interaction, m);

          if (message == NULL || message[0] == '\0')
            continue;
          if (text->len > 0)
            g_string_append (text, " — ");
          g_string_append (text, message);
        }
      turn.text = g_string_free (text, FALSE);
      turn.is_trigger = convai_interaction_get_is_trigger_input (interaction);
      g_array_append_val (turns, turn);
    }
  return turns;
}

static char *
find_first_line (GListModel *interactions)
{
  guint n = g_list_model_get_n_items (interactions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);
      const char *text = convai_interaction_find_text (interaction, "User");

      if (text != NULL && text[0] != '\0')
        return g_strdup (text);
    }
  return NULL;
}

/* A session's exchanges were written together, so their rows are one
 * range: deleting by rowid is a lookup, where a match on the unindexed
 * ids would read the whole table. */
static gboolean
delete_session (sqlite3     *db,
                const char  *char_id,
                const char  *session_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 first = -1, n = 0;
  gboolean ok;

  ok = sqlite3_prepare_v2 (db, "SELECT first_rowid, n_turns FROM sessions WHERE char_id = ? AND session_id = ?",
                           -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, char_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, session_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          first = sqlite3_column_int64 (stmt, 0);
          n = sqlite3_column_int64 (stmt, 1);
        }
    }
  sqlite3_finalize (stmt);
  if (!ok || first < 0)
    return ok;
  stmt = NULL;
  ok = sqlite3_prepare_v2 (db, "DELETE FROM turns WHERE rowid >= ? AND rowid < ?", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, first);
      sqlite3_bind_int64 (stmt, 2, first + n);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  ok = ok && sqlite3_prepare_v2 (db, "DELETE FROM sessions WHERE char_id = ? AND session_id = ?",
                                 -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, char_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, session_id, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
insert_session (sqlite3 *db,
                Job     *job,
                gint64   first_rowid)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok = sqlite3_prepare_v2 (db, "INSERT INTO sessions (char_id, session_id, char_name, date_us, n_turns, first_line,"
                           " first_rowid, transcript) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, job->char_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, job->session_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, job->char_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, job->date_us);
      sqlite3_bind_int (stmt, 5, (int) job->turns->len);
      sqlite3_bind_text (stmt, 6, job->first_line, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 7, first_rowid);
      sqlite3_bind_text (stmt, 8, job->transcript, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
insert_turns (sqlite3 *db,
              Job     *job,
              gint64  *first_rowid)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  /* Explicit rowids, so the session's range is known; FTS5 reads the
   * last one without a scan. */
  *first_rowid = read_int64 (db, "SELECT rowid FROM turns ORDER BY rowid DESC LIMIT 1") + 1;
  ok = sqlite3_prepare_v2 (db, "INSERT INTO turns (text, char_id, session_id, position, is_trigger, date_us, rowid)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) == SQLITE_OK;
  for (guint i = 0; ok && i < job->turns->len; i++)
    {
      Turn *turn = &g_array_index (job->turns, Turn, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, turn->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, job->char_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, job->session_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, (int) i);
      sqlite3_bind_int (stmt, 5, turn->is_trigger);
      sqlite3_bind_int64 (stmt, 6, job->date_us);
      sqlite3_bind_int64 (stmt, 7, *first_rowid + i);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TroupeHistoryIndex *self = source_object;
  Job *job = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GError *error = NULL;
  gint64 first_rowid = 0;
  gboolean ok;

  /* The work of turning a long transcript into rows and JSON is done here,
   * off the thread that paints it. */
  {
    g_autoptr(GListStore) model = g_list_store_new (CONVAI_TYPE_INTERACTION);

    g_list_store_splice (model, 0, 0, job->items->pdata, job->items->len);
    job->turns = collect_turns (G_LIST_MODEL (model));
    job->first_line = find_first_line (G_LIST_MODEL (model));
    job->transcript = troupe_transcript_to_json (G_LIST_MODEL (model));
  }
  if (!troupe_history_index_ensure_open (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* One transaction: a cut leaves the session wholly indexed or absent. */
  ok = troupe_history_index_exec (self->db, "BEGIN IMMEDIATE", &error) &&
       delete_session (self->db, job->char_id, job->session_id) &&
       insert_turns (self->db, job, &first_rowid) &&
       insert_session (self->db, job, first_rowid);
  if (!ok)
    {
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "The search index failed: %s", sqlite3_errmsg (self->db));
      troupe_history_index_exec (self->db, "ROLLBACK", NULL);
      g_task_return_error (task, error);
      return;
    }
  if (!troupe_history_index_exec (self->db, "COMMIT", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
troupe_history_index_add_async (TroupeHistoryIndex  *self,
                                const char          *char_id,
                                const char          *char_name,
                                const char          *session_id,
                                GDateTime           *date_time,
                                GListModel          *interactions,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TROUPE_IS_HISTORY_INDEX (self));
  g_return_if_fail (char_id != NULL && session_id != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (interactions));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_history_index_add_async);
  job = g_new0 (Job, 1);
  job->char_id = g_strdup (char_id);
  job->char_name = g_strdup (char_name);
  job->session_id = g_strdup (session_id);
  job->date_us = date_time != NULL ? g_date_time_to_unix (date_time) * G_USEC_PER_SEC : 0;
  job->items = g_ptr_array_new_full (g_list_model_get_n_items (interactions), g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    g_ptr_array_add (job->items, g_list_model_get_item (interactions, i));
  g_task_set_task_data (task, job, (GDestroyNotify) troupe_history_index_job_free);
  g_task_run_in_thread (task, add_thread);
}

gboolean
troupe_history_index_add_finish (TroupeHistoryIndex  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- remove ---- */

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TroupeHistoryIndex *self = source_object;
  Job *job = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GError *error = NULL;

  if (!troupe_history_index_ensure_open (self, &error) || !troupe_history_index_exec (self->db, "BEGIN IMMEDIATE", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; job->session_ids[i] != NULL; i++)
    delete_session (self->db, job->char_id, job->session_ids[i]);
  if (!troupe_history_index_exec (self->db, "COMMIT", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
troupe_history_index_remove_async (TroupeHistoryIndex  *self,
                                   const char          *char_id,
                                   const char * const  *session_ids,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TROUPE_IS_HISTORY_INDEX (self));
  g_return_if_fail (char_id != NULL && session_ids != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_history_index_remove_async);
  job = g_new0 (Job, 1);
  job->char_id = g_strdup (char_id);
  job->session_ids = g_strdupv ((char **) session_ids);
  g_task_set_task_data (task, job, (GDestroyNotify) troupe_history_index_job_free);
  g_task_run_in_thread (task, remove_thread);
}

gboolean
troupe_history_index_remove_finish (TroupeHistoryIndex  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- known ---- */

static void
known_free (gpointer data)
{
  TroupeHistoryKnown *entry = data;

  g_free (entry->first_line);
  g_free (entry);
}

static void
known_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TroupeHistoryIndex *self = source_object;
  Job *job = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, known_free);
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;

  if (!troupe_history_index_ensure_open (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_prepare_v2 (self->db, "SELECT session_id, n_turns, first_line FROM sessions WHERE char_id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, job->char_id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          TroupeHistoryKnown *entry = g_new0 (TroupeHistoryKnown, 1);

          entry->n_turns = sqlite3_column_int (stmt, 1);
          entry->first_line = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          g_hash_table_insert (known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), entry);
        }
    }
  sqlite3_finalize (stmt);
  g_task_return_pointer (task, g_steal_pointer (&known), (GDestroyNotify) g_hash_table_unref);
}

void
troupe_history_index_known_async (TroupeHistoryIndex  *self,
                                  const char          *char_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TROUPE_IS_HISTORY_INDEX (self));
  g_return_if_fail (char_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_history_index_known_async);
  job = g_new0 (Job, 1);
  job->char_id = g_strdup (char_id);
  g_task_set_task_data (task, job, (GDestroyNotify) troupe_history_index_job_free);
  g_task_run_in_thread (task, known_thread);
}

GHashTable *
troupe_history_index_known_finish (TroupeHistoryIndex  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- GObject ---- */

static void
troupe_history_index_finalize (GObject *object)
{
  TroupeHistoryIndex *self = TROUPE_HISTORY_INDEX (object);

  /* Workers hold a reference: none runs now. */
  g_clear_pointer (&self->search_db, sqlite3_close);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->file);
  g_mutex_clear (&self->search_lock);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (troupe_history_index_parent_class)->finalize (object);
}

static void
troupe_history_index_class_init (TroupeHistoryIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = troupe_history_index_finalize;
}

static void
troupe_history_index_init (TroupeHistoryIndex *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->search_lock);
}
