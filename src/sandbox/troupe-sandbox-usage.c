/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-usage.h"

#include "troupe-sandbox-reply.h"

static JsonObject *
metric (const char *id,
        gint64      limit,
        gint64      usage)
{
  JsonObject *object = json_object_new ();
  JsonArray *details = json_array_new ();
  JsonObject *detail = json_object_new ();

  json_object_set_int_member (detail, "limit", limit);
  json_object_set_int_member (detail, "usage", usage);
  json_array_add_object_element (details, detail);
  json_object_set_string_member (object, "id", id);
  json_object_set_array_member (object, "usage_details", details);
  return object;
}

/* The sandbox has no plan: usage counts what is stored, limits are generous. */
static void
handle_usage (TroupeSandboxRequest *request)
{
  TroupeSandboxStore *store = request->server->store;
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *usage_v2 = json_object_new ();
  JsonObject *usage = json_object_new ();
  JsonArray *metrics = json_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expiry = g_date_time_add_years (now, 1);
  guint interactions = troupe_sandbox_store_count_interactions (store);

  json_array_add_object_element (metrics, metric ("interactions", 1000000, interactions));
  json_array_add_object_element (metrics, metric ("characters", 10000, troupe_sandbox_store_count_characters (store)));
  json_object_set_string_member (usage_v2, "plan_name", "Troupe Sandbox");
  json_object_set_int_member (usage_v2, "expiry_ts", g_date_time_to_unix (expiry));
  json_object_set_array_member (usage_v2, "metrics", metrics);
  json_object_set_string_member (usage, "plan_name", "Troupe Sandbox");
  json_object_set_int_member (usage, "daily_limit", 1000000);
  json_object_set_int_member (usage, "interactions_used", interactions);
  json_object_set_object_member (object, "usage_v2", usage_v2);
  json_object_set_object_member (object, "usage", usage);
  troupe_sandbox_reply_object (request->msg, SOUP_STATUS_OK, object);
}

void
troupe_sandbox_usage_register (TroupeSandboxServer *server)
{
  troupe_sandbox_server_route (server, "POST", "/user/user-api-usage", handle_usage);
}
