/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The index read back: a transcript kept for reading offline, and the
 * search with its snippets. */
#define G_LOG_DOMAIN "troupe-history-index"

#include "config.h"

#include <string.h>
#include <convai.h>

#include "troupe-history-index-private.h"

#define MARK_START "\x01"
#define MARK_END "\x02"

/* ---- reading offline ---- */

static void
transcript_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TroupeHistoryIndex *self = source_object;
  Job *job = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  GListModel *interactions;
  GError *error = NULL;

  if (!troupe_history_index_ensure_open (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_prepare_v2 (self->db, "SELECT transcript FROM sessions WHERE char_id = ? AND session_id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, job->char_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, job->session_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  g_clear_pointer (&locker, g_mutex_locker_free);
  if (text == NULL || (node = json_from_string (text, &error)) == NULL)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "This session was never read here.");
      return;
    }
  if ((interactions = convai_interaction_list_from_json_skipping (node, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, interactions, g_object_unref);
}

void
troupe_history_index_get_transcript_async (TroupeHistoryIndex  *self,
                                           const char          *char_id,
                                           const char          *session_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TROUPE_IS_HISTORY_INDEX (self));
  g_return_if_fail (char_id != NULL && session_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_history_index_get_transcript_async);
  job = g_new0 (Job, 1);
  job->char_id = g_strdup (char_id);
  job->session_id = g_strdup (session_id);
  g_task_set_task_data (task, job, (GDestroyNotify) troupe_history_index_job_free);
  g_task_run_in_thread (task, transcript_thread);
}

GListModel *
troupe_history_index_get_transcript_finish (TroupeHistoryIndex  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- search ---- */

char *
troupe_history_index_make_query (const char *text)
{
  g_auto(GStrv) words = NULL;
  GString *query = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (query, TRUE);
  words = g_str_tokenize_and_fold (text, NULL, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) quotes = g_strsplit (words[i], "\"", -1);

      /* Only the last word may be unfinished: a prefix of every word
       * ("the"*, "me"*) would read most of the index for nothing. */
      escaped = g_strjoinv ("\"\"", quotes);
      g_string_append_printf (query, "%s\"%s\"%s", query->len > 0 ? " " : "", escaped,
                              words[i + 1] == NULL ? "*" : "");
    }
  if (query->len == 0)
    return g_string_free (query, TRUE);
  return g_string_free (query, FALSE);
}

typedef struct
{
  char    *query;
  char    *char_id;
  gboolean triggers_only;
  gint64   since_us;
  gint64   until_us;
  guint    limit;
} Search;

static void
search_free (Search *search)
{
  g_free (search->query);
  g_free (search->char_id);
  g_free (search);
}

/* FTS5 marks the matches with control characters; everything else is
 * escaped, so a player's "<b>" stays text. */
static char *
snippet_to_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);
  const char *p = snippet != NULL ? snippet : "";

  /* g_markup_escape_text() escapes the control characters too: escape
   * the text between the marks, piece by piece. */
  while (*p != '\0')
    {
      gsize span = strcspn (p, MARK_START MARK_END);
      g_autofree char *escaped = g_markup_escape_text (p, (gssize) span);

      g_string_append (markup, escaped);
      p += span;
      if (*p == MARK_START[0])
        g_string_append (markup, "<b>");
      else if (*p == MARK_END[0])
        g_string_append (markup, "</b>");
      if (*p != '\0')
        p++;
    }
  return g_string_free (markup, FALSE);
}

/* The searches' own connection, opened once the index is sound (the
 * writer's first call may make the file again); with the search lock held. */
static gboolean
ensure_search_open (TroupeHistoryIndex  *self,
                    GError             **error)
{
  g_autofree char *path = NULL;
  gboolean ok;

  if (self->search_db != NULL)
    return TRUE;
  g_mutex_lock (&self->lock);
  ok = troupe_history_index_ensure_open (self, error);
  g_mutex_unlock (&self->lock);
  if (!ok)
    return FALSE;
  path = g_file_get_path (self->file);
  if (sqlite3_open_v2 (path, &self->search_db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not open the search index %s: %s", path,
                   self->search_db != NULL ? sqlite3_errmsg (self->search_db) : "out of memory");
      g_clear_pointer (&self->search_db, sqlite3_close);
      return FALSE;
    }
  sqlite3_busy_timeout (self->search_db, 2000);
  return TRUE;
}

/* Asked every few thousand steps of a query: a search made stale by the
 * next key stops there instead of running to its end. */
static int
search_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TroupeHistoryIndex *self = source_object;
  Search *search = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->search_lock);
  g_autoptr(GListStore) hits = g_list_store_new (TROUPE_TYPE_HISTORY_HIT);
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ensure_search_open (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_prepare_v2 (self->search_db,
                          "SELECT t.char_id, s.char_name, t.session_id, t.position, t.date_us,"
                          "       snippet(turns, 0, '" MARK_START "', '" MARK_END "', '…', 16)"
                          " FROM turns t JOIN sessions s ON s.char_id = t.char_id AND s.session_id = t.session_id"
                          " WHERE turns MATCH ?1 AND (?2 IS NULL OR t.char_id = ?2)"
                          "   AND (?3 = 0 OR t.is_trigger = 1)"
                          "   AND (?4 = 0 OR t.date_us >= ?4) AND (?5 = 0 OR t.date_us <= ?5)"
                          /* The index's own order, newest written first, stops at the
                           * limit without sorting every match; the hits are put in date
                           * order after. */
                          " ORDER BY t.rowid DESC LIMIT ?6",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "The search index failed: %s",
                               sqlite3_errmsg (self->search_db));
      return;
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (self->search_db, 2000, search_progress_cb, cancellable);
  sqlite3_bind_text (stmt, 1, search->query, -1, SQLITE_STATIC);
  if (search->char_id != NULL)
    sqlite3_bind_text (stmt, 2, search->char_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, search->triggers_only);
  sqlite3_bind_int64 (stmt, 4, search->since_us);
  sqlite3_bind_int64 (stmt, 5, search->until_us);
  sqlite3_bind_int (stmt, 6, (int) MIN (search->limit, G_MAXINT));
  while (sqlite3_step (stmt) == SQLITE_ROW && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *snippet = snippet_to_markup ((const char *) sqlite3_column_text (stmt, 5));
      g_autoptr(TroupeHistoryHit) hit =
        troupe_history_hit_new ((const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 2),
                                (guint) sqlite3_column_int (stmt, 3),
                                sqlite3_column_int64 (stmt, 4), snippet);

      g_list_store_append (hits, hit);
    }
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (self->search_db, 0, NULL, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_list_store_sort (hits, troupe_history_hit_compare, NULL);
  g_task_return_pointer (task, g_steal_pointer (&hits), g_object_unref);
}

void
troupe_history_index_search_async (TroupeHistoryIndex  *self,
                                   const char          *text,
                                   const char          *char_id,
                                   gboolean             triggers_only,
                                   gint64               since_us,
                                   gint64               until_us,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Search *search;
  char *query;

  g_return_if_fail (TROUPE_IS_HISTORY_INDEX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_history_index_search_async);
  if ((query = troupe_history_index_make_query (text)) == NULL)
    {
      g_task_return_pointer (task, g_list_store_new (TROUPE_TYPE_HISTORY_HIT), g_object_unref);
      return;
    }
  search = g_new0 (Search, 1);
  search->query = query;
  search->char_id = g_strdup (char_id);
  search->triggers_only = triggers_only;
  search->since_us = since_us;
  search->until_us = until_us;
  search->limit = limit;
  g_task_set_task_data (task, search, (GDestroyNotify) search_free);
  g_task_run_in_thread (task, search_thread);
}

GListModel *
troupe_history_index_search_finish (TroupeHistoryIndex  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

