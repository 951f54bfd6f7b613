/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-usage.h"

#include "convai-error.h"
#include "convai-json-private.h"

typedef struct
{
  char   *id;
  double  usage;
  double  limit;
} Metric;

struct _ConvaiUsage
{
  GObject   parent_instance;
  char     *plan_name;
  char     *expiry;
  GArray   *metrics;
  JsonNode *json;
};

G_DEFINE_FINAL_TYPE (ConvaiUsage, convai_usage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAN_NAME,
  PROP_EXPIRY,
  PROP_N_METRICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_metric (gpointer data)
{
  g_free (((Metric *) data)->id);
}

static void
convai_usage_finalize (GObject *object)
{
  ConvaiUsage *self = CONVAI_USAGE (object);

  g_free (self->plan_name);
  g_free (self->expiry);
  g_array_unref (self->metrics);
  g_clear_pointer (&self->json, json_node_unref);
  G_OBJECT_CLASS (convai_usage_parent_class)->finalize (object);
}

static void
convai_usage_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ConvaiUsage *self = CONVAI_USAGE (object);

  switch (prop_id)
    {
    case PROP_PLAN_NAME: g_value_set_string (value, self->plan_name); break;
    case PROP_EXPIRY: g_value_set_string (value, self->expiry); break;
    case PROP_N_METRICS: g_value_set_uint (value, self->metrics->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_usage_class_init (ConvaiUsageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = convai_usage_finalize;
  object_class->get_property = convai_usage_get_property;
  properties[PROP_PLAN_NAME] = g_param_spec_string ("plan-name", NULL, NULL, NULL, ro);
  properties[PROP_EXPIRY] = g_param_spec_string ("expiry", NULL, NULL, NULL, ro);
  properties[PROP_N_METRICS] = g_param_spec_uint ("n-metrics", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convai_usage_init (ConvaiUsage *self)
{
  self->metrics = g_array_new (FALSE, TRUE, sizeof (Metric));
  g_array_set_clear_func (self->metrics, clear_metric);
}

/* Numbers come as JSON numbers or as their text. */
static gboolean
get_number (JsonObject  *object,
            const char  *field,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);
  GType type = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  char *end = NULL;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      *out = g_ascii_strtod (json_node_get_string (node), &end);
      if (end != json_node_get_string (node) && *end == '\0')
        return TRUE;
    }
  convai_json_set_field_error (error, field, "is not a number");
  return FALSE;
}

static gboolean
parse_metric (ConvaiUsage  *self,
              JsonNode     *node,
              GError      **error)
{
  Metric metric = { NULL, 0, 0 };
  JsonObject *object, *first;
  JsonArray *details;
  JsonNode *details_node;
  const char *id;

  if (!(object = convai_json_node_object (node, "metrics[]", error))
      || !(id = convai_json_require_string (object, "id", error)))
    return FALSE;
  details_node = json_object_get_member (object, "usage_details");
  if (details_node != NULL && !JSON_NODE_HOLDS_NULL (details_node))
    {
      if (!(details = convai_json_node_array (details_node, "usage_details", error)))
        return FALSE;
      if (json_array_get_length (details) > 0)
        {
          if (!(first = convai_json_node_object (json_array_get_element (details, 0), "usage_details[0]", error))
              || !get_number (first, "usage", &metric.usage, error)
              || !get_number (first, "limit", &metric.limit, error))
            return FALSE;
        }
    }
  metric.id = g_strdup (id);
  g_array_append_val (self->metrics, metric);
  return TRUE;
}

static gboolean
parse_usage_v2 (ConvaiUsage  *self,
                JsonObject   *v2,
                GError      **error)
{
  const char *plan_name = NULL;
  JsonNode *expiry = json_object_get_member (v2, "expiry_ts");
  JsonNode *metrics_node = json_object_get_member (v2, "metrics");
  JsonArray *metrics;

  if (!convai_json_optional_string (v2, "plan_name", &plan_name, error))
    return FALSE;
  self->plan_name = g_strdup (plan_name);
  if (expiry != NULL && JSON_NODE_HOLDS_VALUE (expiry))
    self->expiry = json_node_get_value_type (expiry) == G_TYPE_STRING
                     ? g_strdup (json_node_get_string (expiry))
                     : g_strdup_printf ("%.0f", json_node_get_double (expiry));
  if (metrics_node == NULL || JSON_NODE_HOLDS_NULL (metrics_node))
    return TRUE;
  if (!(metrics = convai_json_node_array (metrics_node, "metrics", error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    if (!parse_metric (self, json_array_get_element (metrics, i), error))
      return FALSE;
  return TRUE;
}

ConvaiUsage *
convai_usage_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(ConvaiUsage) self = g_object_new (CONVAI_TYPE_USAGE, NULL);
  JsonObject *root, *v2;
  JsonNode *v2_node;

  if (!(root = convai_json_node_object (node, "usage", error)))
    return NULL;
  v2_node = json_object_get_member (root, "usage_v2");
  if (v2_node != NULL && !JSON_NODE_HOLDS_NULL (v2_node))
    {
      if (!(v2 = convai_json_node_object (v2_node, "usage_v2", error))
          || !parse_usage_v2 (self, v2, error))
        return NULL;
    }
  self->json = json_node_copy (node);
  return g_steal_pointer (&self);
}

JsonNode *
convai_usage_to_json (ConvaiUsage *self)
{
  g_return_val_if_fail (CONVAI_IS_USAGE (self), NULL);
  return json_node_copy (self->json);
}

const char *
convai_usage_get_plan_name (ConvaiUsage *self)
{
  g_return_val_if_fail (CONVAI_IS_USAGE (self), NULL);
  return self->plan_name;
}

const char *
convai_usage_get_expiry (ConvaiUsage *self)
{
  g_return_val_if_fail (CONVAI_IS_USAGE (self), NULL);
  return self->expiry;
}

guint
convai_usage_get_n_metrics (ConvaiUsage *self)
{
  g_return_val_if_fail (CONVAI_IS_USAGE (self), 0);
  return self->metrics->len;
}

const char *
convai_usage_get_metric (ConvaiUsage *self,
                         guint        position,
                         double      *usage,
                         double      *limit)
{
  Metric *metric;

  g_return_val_if_fail (CONVAI_IS_USAGE (self), NULL);
  g_return_val_if_fail (position < self->metrics->len, NULL);
  metric = &g_array_index (self->metrics, Metric, position);
  if (usage != NULL)
    *usage = metric->usage;
  if (limit != NULL)
    *limit = metric->limit;
  return metric->id;
}
