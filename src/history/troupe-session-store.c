/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-session-store"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-history-index.h"
#include "troupe-session-store.h"

struct _TroupeSessionStore
{
  TroupeStore   parent_instance;

  char         *char_id;
  char         *char_name;
  TroupeHistoryIndex *index;    /* where read transcripts are kept for search */
  GListStore   *sessions;       /* TroupeHistorySession, newest first */
  GHashTable   *by_id;          /* session id -> TroupeHistorySession (borrowed) */
  int           limit;          /* of the next load: recent, or -1 for all */
  guint         n_unread;
  guint         n_skipped;      /* malformed entries in the last list */
  gboolean      has_more;
  gboolean      filling;
};

G_DEFINE_FINAL_TYPE (TroupeSessionStore, troupe_session_store, TROUPE_TYPE_STORE)

enum {
  PROP_0,
  PROP_HAS_MORE,
  PROP_FILLING,
  PROP_N_UNREAD,
  PROP_N_SKIPPED,
  N_PROPS
};

enum {
  SESSION_GONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void fill_next (TroupeSessionStore *self);
static void resume_fill (TroupeSessionStore *self);

/* A transcript read in the background, and the loads' cancellable it was
 * read under: a reload or another character replaces that cancellable, so
 * a reply from before is dropped even if it raced the cancellation. */
typedef struct
{
  TroupeSessionStore *self;
  GCancellable       *cancellable;
  char               *session_id;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request->session_id);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static gboolean
request_is_current (Request *request)
{
  return request->cancellable == troupe_store_get_cancellable (TROUPE_STORE (request->self)) &&
         !g_cancellable_is_cancelled (request->cancellable);
}

static void
set_boolean (TroupeSessionStore *self,
             gboolean           *field,
             gboolean            value,
             guint               prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}


static void
set_n_unread (TroupeSessionStore *self,
              guint               n_unread)
{
  if (self->n_unread == n_unread)
    return;
  self->n_unread = n_unread;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNREAD]);
}

static void
count_unread (TroupeSessionStore *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
  guint unread = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TroupeHistorySession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (troupe_history_session_get_n_turns (session) < 0)
        unread++;
    }
  set_n_unread (self, unread);
}

static void
set_n_skipped (TroupeSessionStore *self,
               guint               n_skipped)
{
  if (self->n_skipped == n_skipped)
    return;
  self->n_skipped = n_skipped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SKIPPED]);
}

static void
clear_sessions (TroupeSessionStore *self)
{
  g_hash_table_remove_all (self->by_id);
  g_list_store_remove_all (self->sessions);
  set_n_unread (self, 0);
  set_n_skipped (self, 0);
  set_boolean (self, &self->has_more, FALSE, PROP_HAS_MORE);
  set_boolean (self, &self->filling, FALSE, PROP_FILLING);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return troupe_history_session_compare_newest (*(gpointer *) a, *(gpointer *) b, NULL);
}

/* Keeps what was already read about a session that is listed again. */
static void
replace_sessions (TroupeSessionStore *self,
                  GListModel         *summaries)
{
  guint n = g_list_model_get_n_items (summaries);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiSessionSummary) summary = g_list_model_get_item (summaries, i);
      const char *id = convai_session_summary_get_session_id (summary);
      TroupeHistorySession *known = g_hash_table_lookup (self->by_id, id);
      TroupeHistorySession *row;

      if (g_hash_table_contains (by_id, id))
        continue;
      row = known != NULL ? g_object_ref (known) : troupe_history_session_new (summary);
      g_hash_table_insert (by_id, (gpointer) troupe_history_session_get_session_id (row), row);
      g_ptr_array_add (rows, row);
    }
  /* The server lists them newest first already: checking is n - 1
   * comparisons, sorting 10,000 again some 130,000. */
  for (guint i = 1; i < rows->len; i++)
    if (troupe_history_session_compare_newest (rows->pdata[i - 1], rows->pdata[i], NULL) > 0)
      {
        g_ptr_array_sort_with_data (rows, compare_rows, NULL);
        break;
      }
  g_hash_table_remove_all (self->by_id);
  g_list_store_splice (self->sessions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sessions)),
                       rows->pdata, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      TroupeHistorySession *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (self->by_id, (gpointer) troupe_history_session_get_session_id (row), row);
    }
  count_unread (self);
}

/* ---- TroupeStore ---- */

static void
list_finished_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  guint n_skipped = 0;
  GListModel *summaries =
    convai_client_list_sessions_skipping_finish (CONVAI_CLIENT (source), result, &n_skipped, &error);

  if (summaries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_set_data (G_OBJECT (summaries), "troupe-n-skipped", GUINT_TO_POINTER (n_skipped));
  g_task_return_pointer (task, summaries, g_object_unref);
}

static void
known_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  TroupeSessionStore *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) known = troupe_history_index_known_finish (TROUPE_HISTORY_INDEX (source), result, &error);
  GHashTableIter iter;
  gpointer key, value;

  if (!request_is_current (request))
    return;
  if (known == NULL)
    g_warning ("%s", error->message);
  else
    {
      g_hash_table_iter_init (&iter, known);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          TroupeHistorySession *session = g_hash_table_lookup (self->by_id, key);
          TroupeHistoryKnown *entry = value;

          if (session != NULL && troupe_history_session_get_n_turns (session) < 0)
            troupe_history_session_set_counts (session, entry->n_turns, entry->first_line);
        }
      count_unread (self);
    }
  fill_next (self);
}

/* Sessions the index already holds are not read again: a fill cut short
 * (the connection, the app closed) goes on where it stopped. */
static void
resume_fill (TroupeSessionStore *self)
{
  Request *request;

  if (self->index == NULL || self->char_id == NULL)
    {
      fill_next (self);
      return;
    }
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (troupe_store_get_cancellable (TROUPE_STORE (self)));
  set_boolean (self, &self->filling, TRUE, PROP_FILLING);
  troupe_history_index_known_async (self->index, self->char_id, request->cancellable, known_cb, request);
}

static void
troupe_session_store_load (TroupeStore         *store,
                           ConvaiClient        *client,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  TroupeSessionStore *self = TROUPE_SESSION_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, troupe_session_store_load);
  g_task_set_task_data (task, GINT_TO_POINTER (self->limit), NULL);
  set_boolean (self, &self->filling, FALSE, PROP_FILLING);
  /* No character open: nothing to ask, an empty history. */
  if (self->char_id == NULL)
    {
      g_task_return_pointer (task, g_list_store_new (CONVAI_TYPE_SESSION_SUMMARY), g_object_unref);
      return;
    }
  convai_client_list_sessions_skipping_async (client, self->char_id, self->limit, cancellable,
                                              list_finished_cb, g_steal_pointer (&task));
}

static gboolean
troupe_session_store_load_finish (TroupeStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  TroupeSessionStore *self = TROUPE_SESSION_STORE (store);
  int limit = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  g_autoptr(GListModel) summaries = g_task_propagate_pointer (G_TASK (result), error);

  if (summaries == NULL)
    return FALSE;
  set_n_skipped (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (summaries), "troupe-n-skipped")));
  replace_sessions (self, summaries);
  set_boolean (self, &self->has_more,
               limit > 0 && g_list_model_get_n_items (summaries) + self->n_skipped >= (guint) limit,
               PROP_HAS_MORE);
  resume_fill (self);
  return TRUE;
}

static void
troupe_session_store_clear (TroupeStore *store)
{
  clear_sessions (TROUPE_SESSION_STORE (store));
}

/* ---- reading transcripts in the background ---- */

static TroupeHistorySession *
find_unread (TroupeSessionStore *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TroupeHistorySession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (troupe_history_session_get_n_turns (session) < 0)
        return session;
    }
  return NULL;
}

static void
session_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  TroupeSessionStore *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) interactions =
    convai_client_get_session_skipping_finish (CONVAI_CLIENT (source), result, NULL, &error);

  if (!request_is_current (request))
    return;
  if (interactions != NULL)
    troupe_session_store_set_transcript (self, request->session_id, interactions);
  else if (g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND))
    {
      const char *ids[] = { request->session_id, NULL };

      troupe_session_store_remove (self, ids);
      g_signal_emit (self, signals[SESSION_GONE], 0, request->session_id);
    }
  else
    {
      /* Counts are a convenience: a failure stops the reading quietly
       * instead of retrying in a loop; opening a session reads it. */
      g_debug ("Stopped reading transcripts: %s", error->message);
      set_boolean (self, &self->filling, FALSE, PROP_FILLING);
      return;
    }
  fill_next (self);
}

static void
fill_next (TroupeSessionStore *self)
{
  ConvaiClient *client = troupe_store_get_client (TROUPE_STORE (self));
  TroupeHistorySession *session = find_unread (self);
  Request *request;

  if (session == NULL || client == NULL || self->char_id == NULL)
    {
      set_boolean (self, &self->filling, FALSE, PROP_FILLING);
      return;
    }
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (troupe_store_get_cancellable (TROUPE_STORE (self)));
  request->session_id = g_strdup (troupe_history_session_get_session_id (session));
  set_boolean (self, &self->filling, TRUE, PROP_FILLING);
  convai_client_get_session_skipping_async (client, self->char_id, request->session_id,
                                            request->cancellable, session_read_cb, request);
}

/* ---- the search index ---- */

static void
index_written_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The index is a convenience: the history works without it. */
  if (!troupe_history_index_add_finish (TROUPE_HISTORY_INDEX (source), result, &error))
    g_warning ("%s", error->message);
}

static void
index_removed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!troupe_history_index_remove_finish (TROUPE_HISTORY_INDEX (source), result, &error))
    g_warning ("%s", error->message);
}

/* ---- public ---- */

TroupeSessionStore *
troupe_session_store_new (void)
{
  return g_object_new (TROUPE_TYPE_SESSION_STORE, NULL);
}

void
troupe_session_store_set_char_id (TroupeSessionStore *self,
                                  const char         *char_id)
{
  g_return_if_fail (TROUPE_IS_SESSION_STORE (self));

  if (g_strcmp0 (self->char_id, char_id) == 0)
    return;
  g_free (self->char_id);
  self->char_id = g_strdup (char_id);
  clear_sessions (self);
  self->limit = TROUPE_SESSION_STORE_RECENT_LIMIT;
  troupe_store_reload (TROUPE_STORE (self));
}

const char *
troupe_session_store_get_char_id (TroupeSessionStore *self)
{
  g_return_val_if_fail (TROUPE_IS_SESSION_STORE (self), NULL);

  return self->char_id;
}

void
troupe_session_store_reload (TroupeSessionStore *self)
{
  g_return_if_fail (TROUPE_IS_SESSION_STORE (self));

  self->limit = TROUPE_SESSION_STORE_RECENT_LIMIT;
  troupe_store_reload (TROUPE_STORE (self));
}

void
troupe_session_store_load_all (TroupeSessionStore *self)
{
  g_return_if_fail (TROUPE_IS_SESSION_STORE (self));

  self->limit = -1;
  troupe_store_reload (TROUPE_STORE (self));
}

GListModel *
troupe_session_store_get_sessions (TroupeSessionStore *self)
{
  g_return_val_if_fail (TROUPE_IS_SESSION_STORE (self), NULL);

  return G_LIST_MODEL (self->sessions);
}

gboolean
troupe_session_store_get_has_more (TroupeSessionStore *self)
{
  g_return_val_if_fail (TROUPE_IS_SESSION_STORE (self), FALSE);

  return self->has_more;
}

gboolean
troupe_session_store_get_filling (TroupeSessionStore *self)
{
  g_return_val_if_fail (TROUPE_IS_SESSION_STORE (self), FALSE);

  return self->filling;
}

guint
troupe_session_store_get_n_skipped (TroupeSessionStore *self)
{
  g_return_val_if_fail (TROUPE_IS_SESSION_STORE (self), 0);

  return self->n_skipped;
}

guint
troupe_session_store_get_n_unread (TroupeSessionStore *self)
{
  g_return_val_if_fail (TROUPE_IS_SESSION_STORE (self), 0);

  return self->n_unread;
}

TroupeHistorySession *
troupe_session_store_lookup (TroupeSessionStore *self,
                             const char         *session_id)
{
  g_return_val_if_fail (TROUPE_IS_SESSION_STORE (self), NULL);

  return session_id != NULL ? g_hash_table_lookup (self->by_id, session_id) : NULL;
}

void
troupe_session_store_remove (TroupeSessionStore *self,
                             const char * const *session_ids)
{
  g_return_if_fail (TROUPE_IS_SESSION_STORE (self));
  g_return_if_fail (session_ids != NULL);

  for (guint i = 0; session_ids[i] != NULL; i++)
    {
      TroupeHistorySession *session = g_hash_table_lookup (self->by_id, session_ids[i]);
      guint position;

      if (session == NULL)
        continue;
      if (g_list_store_find (self->sessions, session, &position))
        {
          g_hash_table_remove (self->by_id, session_ids[i]);
          g_list_store_remove (self->sessions, position);
        }
    }
  count_unread (self);
  if (self->index != NULL && self->char_id != NULL)
    troupe_history_index_remove_async (self->index, self->char_id, session_ids, NULL, index_removed_cb, NULL);
}

void
troupe_session_store_set_index (TroupeSessionStore *self,
                                TroupeHistoryIndex *index)
{
  g_return_if_fail (TROUPE_IS_SESSION_STORE (self));

  g_set_object (&self->index, index);
}

void
troupe_session_store_set_char_name (TroupeSessionStore *self,
                                    const char         *char_name)
{
  g_return_if_fail (TROUPE_IS_SESSION_STORE (self));

  g_free (self->char_name);
  self->char_name = g_strdup (char_name);
}

void
troupe_session_store_set_transcript (TroupeSessionStore *self,
                                     const char         *session_id,
                                     GListModel         *interactions)
{
  TroupeHistorySession *session;

  g_return_if_fail (TROUPE_IS_SESSION_STORE (self));
  g_return_if_fail (G_IS_LIST_MODEL (interactions));

  if ((session = troupe_session_store_lookup (self, session_id)) == NULL)
    return;
  if (troupe_history_session_get_n_turns (session) < 0)
    set_n_unread (self, self->n_unread - 1);
  troupe_history_session_set_transcript (session, interactions);
  if (self->index != NULL)
    troupe_history_index_add_async (self->index, self->char_id, self->char_name, session_id,
                                    troupe_history_session_get_date_time (session), interactions,
                                    NULL, index_written_cb, NULL);
}

/* ---- GObject ---- */

static void
troupe_session_store_finalize (GObject *object)
{
  TroupeSessionStore *self = TROUPE_SESSION_STORE (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->sessions);
  g_clear_pointer (&self->char_id, g_free);
  g_clear_pointer (&self->char_name, g_free);
  g_clear_object (&self->index);
  G_OBJECT_CLASS (troupe_session_store_parent_class)->finalize (object);
}

static void
troupe_session_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TroupeSessionStore *self = TROUPE_SESSION_STORE (object);

  switch (prop_id)
    {
    case PROP_HAS_MORE: g_value_set_boolean (value, self->has_more); break;
    case PROP_FILLING: g_value_set_boolean (value, self->filling); break;
    case PROP_N_UNREAD: g_value_set_uint (value, self->n_unread); break;
    case PROP_N_SKIPPED: g_value_set_uint (value, self->n_skipped); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_session_store_class_init (TroupeSessionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TroupeStoreClass *store_class = TROUPE_STORE_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = troupe_session_store_finalize;
  object_class->get_property = troupe_session_store_get_property;

  store_class->load = troupe_session_store_load;
  store_class->load_finish = troupe_session_store_load_finish;
  store_class->clear = troupe_session_store_clear;
  store_class->load_failed_text = N_("Could not load the chat history");
  store_class->load_stopped_text = N_("Loading the chat history was stopped.");

  properties[PROP_HAS_MORE] = g_param_spec_boolean ("has-more", NULL, NULL, FALSE, flags);
  properties[PROP_FILLING] = g_param_spec_boolean ("filling", NULL, NULL, FALSE, flags);
  properties[PROP_N_UNREAD] = g_param_spec_uint ("n-unread", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SESSION_GONE] =
    g_signal_new ("session-gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
troupe_session_store_init (TroupeSessionStore *self)
{
  self->sessions = g_list_store_new (TROUPE_TYPE_HISTORY_SESSION);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->limit = TROUPE_SESSION_STORE_RECENT_LIMIT;
}
