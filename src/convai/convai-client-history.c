/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chatHistory: list and details are safe to repeat; delete is not. */
#include "convai-client-private.h"
#include "convai-interaction.h"
#include "convai-json-private.h"
#include "convai-session-summary.h"

static const ConvaiCall list_call = { "POST", "character/chatHistory/list", TRUE,
                                      (ConvaiDecodeFunc) convai_session_summary_list_from_json, g_object_unref };
static const ConvaiCall details_call = { "POST", "character/chatHistory/details", TRUE,
                                         (ConvaiDecodeFunc) convai_interaction_list_from_json, g_object_unref };
/* The history browser's versions: a malformed entry is skipped and counted
 * instead of failing the whole reply. Its list of sessions, the longest
 * reply it asks for, is decoded from the text an entry at a time. */
static gpointer
decode_sessions_skipping (const char  *data,
                          gsize        len,
                          GError     **error)
{
  return convai_session_summary_list_from_text_skipping (data, len, NULL, error);
}

static gpointer
decode_interactions_skipping (JsonNode  *root,
                              GError   **error)
{
  return convai_interaction_list_from_json_skipping (root, NULL, error);
}

static const ConvaiCall list_skipping_call = { "POST", "character/chatHistory/list", TRUE,
                                               NULL, g_object_unref, decode_sessions_skipping };
static const ConvaiCall details_skipping_call = { "POST", "character/chatHistory/details", TRUE,
                                                  decode_interactions_skipping, g_object_unref };
static const ConvaiCall delete_call = { "POST", "character/chatHistory/delete", FALSE, NULL, NULL };

void
convai_client_list_sessions_async (ConvaiClient        *self,
                                   const char          *char_id,
                                   int                  limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *limit_text = g_strdup_printf ("%d", limit < 0 ? -1 : limit);

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL);
  /* The documented type of limit is a string. */
  convai_client_call_json_fields_async (self, &list_call, cancellable, callback, user_data,
                                        convai_client_list_sessions_async,
                                        "charID", char_id, "limit", limit_text, NULL);
}

GListModel *
convai_client_list_sessions_finish (ConvaiClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_list_sessions_async, error);
}

void
convai_client_get_session_async (ConvaiClient        *self,
                                 const char          *char_id,
                                 const char          *session_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL && session_id != NULL);
  convai_client_call_json_fields_async (self, &details_call, cancellable, callback, user_data,
                                        convai_client_get_session_async,
                                        "charID", char_id, "sessionID", session_id, NULL);
}

GListModel *
convai_client_get_session_finish (ConvaiClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_get_session_async, error);
}

void
convai_client_delete_sessions_async (ConvaiClient        *self,
                                     const char          *char_id,
                                     const char * const  *session_ids,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  JsonObject *object;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL && session_ids != NULL);
  object = json_object_new ();
  json_object_set_string_member (object, "charID", char_id);
  json_object_set_member (object, "sessionIDs", convai_json_strv_node (session_ids));
  body = convai_json_object_node (object);
  convai_client_call_json_async (self, &delete_call, body, cancellable, callback, user_data,
                                 convai_client_delete_sessions_async);
}

gboolean
convai_client_delete_sessions_finish (ConvaiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return convai_client_call_finish_boolean (self, result, convai_client_delete_sessions_async, error);
}

void
convai_client_list_sessions_skipping_async (ConvaiClient        *self,
                                            const char          *char_id,
                                            int                  limit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autofree char *limit_text = g_strdup_printf ("%d", limit < 0 ? -1 : limit);

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL);
  convai_client_call_json_fields_async (self, &list_skipping_call, cancellable, callback, user_data,
                                        convai_client_list_sessions_skipping_async,
                                        "charID", char_id, "limit", limit_text, NULL);
}

GListModel *
convai_client_list_sessions_skipping_finish (ConvaiClient  *self,
                                             GAsyncResult  *result,
                                             guint         *n_skipped,
                                             GError       **error)
{
  GListModel *sessions = convai_client_call_finish (self, result, convai_client_list_sessions_skipping_async, error);

  if (n_skipped != NULL)
    *n_skipped = sessions != NULL ? convai_json_list_get_n_skipped (sessions) : 0;
  return sessions;
}

void
convai_client_get_session_skipping_async (ConvaiClient        *self,
                                          const char          *char_id,
                                          const char          *session_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL && session_id != NULL);
  convai_client_call_json_fields_async (self, &details_skipping_call, cancellable, callback, user_data,
                                        convai_client_get_session_skipping_async,
                                        "charID", char_id, "sessionID", session_id, NULL);
}

GListModel *
convai_client_get_session_skipping_finish (ConvaiClient  *self,
                                           GAsyncResult  *result,
                                           guint         *n_skipped,
                                           GError       **error)
{
  GListModel *interactions = convai_client_call_finish (self, result, convai_client_get_session_skipping_async, error);

  if (n_skipped != NULL)
    *n_skipped = interactions != NULL ? convai_json_list_get_n_skipped (interactions) : 0;
  return interactions;
}
