/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-session-summary.h"

#include "convai-error.h"
#include "convai-json-private.h"

#include <stdio.h>

struct _ConvaiSessionSummary
{
  GObject     parent_instance;
  char       *session_id;
  GDateTime  *date_time;
  gboolean    is_added_to_memory;
  JsonObject *json;               /* the row as it came, or NULL and: */
  char       *text;               /* its text, parsed again when asked */
  gsize       text_len;
};

G_DEFINE_FINAL_TYPE (ConvaiSessionSummary, convai_session_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION_ID,
  PROP_DATE_TIME,
  PROP_IS_ADDED_TO_MEMORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
convai_session_summary_finalize (GObject *object)
{
  ConvaiSessionSummary *self = CONVAI_SESSION_SUMMARY (object);

  g_free (self->session_id);
  g_clear_pointer (&self->date_time, g_date_time_unref);
  g_clear_pointer (&self->json, json_object_unref);
  g_free (self->text);
  G_OBJECT_CLASS (convai_session_summary_parent_class)->finalize (object);
}

static void
convai_session_summary_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ConvaiSessionSummary *self = CONVAI_SESSION_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_SESSION_ID: g_value_set_string (value, self->session_id); break;
    case PROP_DATE_TIME: g_value_set_boxed (value, self->date_time); break;
    case PROP_IS_ADDED_TO_MEMORY: g_value_set_boolean (value, self->is_added_to_memory); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_session_summary_class_init (ConvaiSessionSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_session_summary_finalize;
  object_class->get_property = convai_session_summary_get_property;
  properties[PROP_SESSION_ID] = g_param_spec_string ("session-id", NULL, NULL, NULL, ro);
  properties[PROP_DATE_TIME] = g_param_spec_boxed ("date-time", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_IS_ADDED_TO_MEMORY] = g_param_spec_boolean ("is-added-to-memory", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convai_session_summary_init (ConvaiSessionSummary *self)
{
}

/* "25-09-2024" and "20:52:57"; the server does not say the zone: UTC. */
static GDateTime *
parse_date_time (const char  *date,
                 const char  *time,
                 GError     **error)
{
  int day, month, year, hour = 0, minute = 0, second = 0;
  char end;
  GDateTime *date_time = NULL;

  if (sscanf (date, "%2d-%2d-%4d%c", &day, &month, &year, &end) != 3)
    {
      convai_json_set_field_error (error, "date", "is not DD-MM-YYYY");
      return NULL;
    }
  if (time != NULL && sscanf (time, "%2d:%2d:%2d%c", &hour, &minute, &second, &end) != 3)
    {
      convai_json_set_field_error (error, "time", "is not HH:MM:SS");
      return NULL;
    }
  date_time = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (date_time == NULL)
    convai_json_set_field_error (error, "date", "is not a valid date and time");
  return date_time;
}

ConvaiSessionSummary *
convai_session_summary_new_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(ConvaiSessionSummary) self = g_object_new (CONVAI_TYPE_SESSION_SUMMARY, NULL);
  const char *session_id, *date, *time = NULL;
  JsonObject *object;

  if (!(object = convai_json_node_object (node, "session", error))
      || !(session_id = convai_json_require_string (object, "sessionID", error))
      || !(date = convai_json_require_string (object, "date", error))
      || !convai_json_optional_string (object, "time", &time, error)
      || !convai_json_optional_boolean (object, "is_added_to_memory", &self->is_added_to_memory, error)
      || !(self->date_time = parse_date_time (date, time, error)))
    return NULL;
  self->session_id = g_strdup (session_id);
  self->json = json_object_ref (object);
  return g_steal_pointer (&self);
}

/* The row as it came, unknown fields included. */
JsonNode *
convai_session_summary_to_json (ConvaiSessionSummary *self)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (CONVAI_IS_SESSION_SUMMARY (self), NULL);
  if (self->json == NULL)
    {
      /* Parsed once already, when the list was read: it parses again. */
      g_autoptr(JsonNode) root = convai_json_parse (self->text, self->text_len, NULL);

      self->json = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root))
                                                                 : json_object_new ();
    }
  json_node_set_object (node, self->json);
  return node;
}

const char *
convai_session_summary_get_session_id (ConvaiSessionSummary *self)
{
  g_return_val_if_fail (CONVAI_IS_SESSION_SUMMARY (self), NULL);
  return self->session_id;
}

GDateTime *
convai_session_summary_get_date_time (ConvaiSessionSummary *self)
{
  g_return_val_if_fail (CONVAI_IS_SESSION_SUMMARY (self), NULL);
  return self->date_time;
}

gboolean
convai_session_summary_get_is_added_to_memory (ConvaiSessionSummary *self)
{
  g_return_val_if_fail (CONVAI_IS_SESSION_SUMMARY (self), FALSE);
  return self->is_added_to_memory;
}

GListModel *
convai_session_summary_list_from_json (JsonNode  *node,
                                       GError   **error)
{
  JsonArray *array = convai_json_node_array (node, "sessions", error);

  if (array == NULL)
    return NULL;
  return convai_json_array_to_list (array, CONVAI_TYPE_SESSION_SUMMARY,
                                    (ConvaiJsonItemFunc) convai_session_summary_new_from_json, error);
}

GListModel *
convai_session_summary_list_from_json_skipping (JsonNode  *node,
                                   guint     *n_skipped,
                                   GError   **error)
{
  JsonArray *array = convai_json_node_array (node, "sessions", error);

  if (array == NULL)
    return NULL;
  return convai_json_array_to_list_skipping (array, CONVAI_TYPE_SESSION_SUMMARY,
                                             (ConvaiJsonItemFunc) convai_session_summary_new_from_json, n_skipped);
}

/* One entry of the list's text: the summary keeps the text, not the
 * parsed entry, which is freed for the next one to reuse its memory. */
static gpointer
summary_new_from_text (JsonNode    *node,
                       const char  *text,
                       gsize        len,
                       GError     **error)
{
  ConvaiSessionSummary *self = convai_session_summary_new_from_json (node, error);

  if (self != NULL && text != NULL)
    {
      g_clear_pointer (&self->json, json_object_unref);
      self->text = g_memdup2 (text, len);
      self->text_len = len;
    }
  return self;
}

GListModel *
convai_session_summary_list_from_text_skipping (const char  *data,
                                                gsize        len,
                                                guint       *n_skipped,
                                                GError     **error)
{
  return convai_json_text_to_list_skipping (data, len, "sessions", CONVAI_TYPE_SESSION_SUMMARY,
                                            summary_new_from_text, n_skipped, error);
}
