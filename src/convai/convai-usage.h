/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_USAGE (convai_usage_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiUsage, convai_usage, CONVAI, USAGE, GObject)

/* user/user-api-usage. Properties: "plan-name", "expiry" (the raw expiry_ts
 * as text), "n-metrics". Each metric has an id, a usage and a limit (from its
 * first usage_details entry). The whole reply is kept: _to_json(). */
ConvaiUsage *convai_usage_new_from_json (JsonNode     *node,
                                          GError      **error);
JsonNode    *convai_usage_to_json       (ConvaiUsage  *self);
const char  *convai_usage_get_plan_name (ConvaiUsage  *self);
const char  *convai_usage_get_expiry    (ConvaiUsage  *self);
guint        convai_usage_get_n_metrics (ConvaiUsage  *self);
const char  *convai_usage_get_metric    (ConvaiUsage  *self,
                                          guint         position,
                                          double       *usage,
                                          double       *limit);

G_END_DECLS
