/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-history-session"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-history-session.h"

struct _TroupeHistorySession
{
  GObject               parent_instance;

  ConvaiSessionSummary *summary;
  char                 *first_line;
  int                   n_turns;
};

G_DEFINE_FINAL_TYPE (TroupeHistorySession, troupe_history_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION_ID,
  PROP_DATE_TIME,
  PROP_IS_ADDED_TO_MEMORY,
  PROP_N_TURNS,
  PROP_FIRST_LINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TroupeHistorySession *
troupe_history_session_new (ConvaiSessionSummary *summary)
{
  TroupeHistorySession *self;

  g_return_val_if_fail (CONVAI_IS_SESSION_SUMMARY (summary), NULL);

  self = g_object_new (TROUPE_TYPE_HISTORY_SESSION, NULL);
  self->summary = g_object_ref (summary);
  return self;
}

const char *
troupe_history_session_get_session_id (TroupeHistorySession *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_SESSION (self), NULL);

  return convai_session_summary_get_session_id (self->summary);
}

GDateTime *
troupe_history_session_get_date_time (TroupeHistorySession *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_SESSION (self), NULL);

  return convai_session_summary_get_date_time (self->summary);
}

gboolean
troupe_history_session_get_is_added_to_memory (TroupeHistorySession *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_SESSION (self), FALSE);

  return convai_session_summary_get_is_added_to_memory (self->summary);
}

char *
troupe_history_session_format_when (TroupeHistorySession *self)
{
  GDateTime *utc;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (TROUPE_IS_HISTORY_SESSION (self), NULL);

  utc = convai_session_summary_get_date_time (self->summary);
  if (utc == NULL)
    return g_strdup (_("Unknown date"));
  local = g_date_time_to_local (utc);
  /* Translators: a session's date and time in the history list, as strftime. */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M:%S"));
}

int
troupe_history_session_get_n_turns (TroupeHistorySession *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_SESSION (self), -1);

  return self->n_turns;
}

const char *
troupe_history_session_get_first_line (TroupeHistorySession *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_SESSION (self), NULL);

  return self->first_line;
}

static const char *
find_first_player_line (GListModel *interactions)
{
  guint n = g_list_model_get_n_items (interactions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);
      const char *text = convai_interaction_find_text (interaction, "User");

      if (text != NULL && text[0] != '\0')
        return text;
    }
  return NULL;
}

void
troupe_history_session_set_transcript (TroupeHistorySession *self,
                                       GListModel           *interactions)
{
  g_return_if_fail (TROUPE_IS_HISTORY_SESSION (self));
  g_return_if_fail (G_IS_LIST_MODEL (interactions));

  troupe_history_session_set_counts (self, (int) MIN (g_list_model_get_n_items (interactions), G_MAXINT),
                                     find_first_player_line (interactions));
}

void
troupe_history_session_set_counts (TroupeHistorySession *self,
                                   int                   n_turns,
                                   const char           *first_line)
{
  g_return_if_fail (TROUPE_IS_HISTORY_SESSION (self));

  if (self->n_turns != n_turns)
    {
      self->n_turns = n_turns;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TURNS]);
    }
  if (g_strcmp0 (self->first_line, first_line) != 0)
    {
      g_free (self->first_line);
      self->first_line = g_strdup (first_line);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_LINE]);
    }
}

int
troupe_history_session_compare_newest (gconstpointer a,
                                       gconstpointer b,
                                       gpointer      user_data)
{
  TroupeHistorySession *first = (TroupeHistorySession *) a;
  TroupeHistorySession *second = (TroupeHistorySession *) b;
  GDateTime *first_time = troupe_history_session_get_date_time (first);
  GDateTime *second_time = troupe_history_session_get_date_time (second);

  if (first_time != NULL && second_time != NULL)
    {
      int by_time = g_date_time_compare (second_time, first_time);

      if (by_time != 0)
        return by_time;
    }
  else if (first_time != second_time)
    return first_time == NULL ? 1 : -1;
  return g_strcmp0 (troupe_history_session_get_session_id (first),
                    troupe_history_session_get_session_id (second));
}

static void
troupe_history_session_finalize (GObject *object)
{
  TroupeHistorySession *self = TROUPE_HISTORY_SESSION (object);

  g_clear_object (&self->summary);
  g_clear_pointer (&self->first_line, g_free);
  G_OBJECT_CLASS (troupe_history_session_parent_class)->finalize (object);
}

static void
troupe_history_session_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TroupeHistorySession *self = TROUPE_HISTORY_SESSION (object);

  switch (prop_id)
    {
    case PROP_SESSION_ID: g_value_set_string (value, troupe_history_session_get_session_id (self)); break;
    case PROP_DATE_TIME: g_value_set_boxed (value, troupe_history_session_get_date_time (self)); break;
    case PROP_IS_ADDED_TO_MEMORY: g_value_set_boolean (value, troupe_history_session_get_is_added_to_memory (self)); break;
    case PROP_N_TURNS: g_value_set_int (value, self->n_turns); break;
    case PROP_FIRST_LINE: g_value_set_string (value, self->first_line); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_history_session_class_init (TroupeHistorySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = troupe_history_session_finalize;
  object_class->get_property = troupe_history_session_get_property;

  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE_TIME] =
    g_param_spec_boxed ("date-time", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_ADDED_TO_MEMORY] =
    g_param_spec_boolean ("is-added-to-memory", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_TURNS] =
    g_param_spec_int ("n-turns", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIRST_LINE] =
    g_param_spec_string ("first-line", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
troupe_history_session_init (TroupeHistorySession *self)
{
  self->n_turns = -1;
}
