/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-client-private.h"
#include "convai-error.h"
#include "convai-json-private.h"

static gpointer
decode_character_list (JsonNode  *root,
                       GError   **error)
{
  JsonObject *object;
  JsonArray *array;

  if (!(object = convai_json_node_object (root, "character list", error))
      || !(array = convai_json_node_array (json_object_get_member (object, "characters"),
                                           "characters", error)))
    return NULL;
  return convai_json_array_to_list (array, CONVAI_TYPE_CHARACTER,
                                    (ConvaiJsonItemFunc) convai_character_new_from_json, error);
}

static gpointer
decode_char_id (JsonNode  *root,
                GError   **error)
{
  JsonObject *object = convai_json_node_object (root, "reply", error);
  const char *id = object ? convai_json_require_string (object, "charID", error) : NULL;

  return g_strdup (id);
}

static const ConvaiCall list_call = { "POST", "character/list", TRUE, decode_character_list, g_object_unref };
static const ConvaiCall get_call = { "POST", "character/get", TRUE,
                                     (ConvaiDecodeFunc) convai_character_new_from_json, g_object_unref };
static const ConvaiCall create_call = { "POST", "character/create", FALSE, decode_char_id, g_free };
static const ConvaiCall update_call = { "POST", "character/update", FALSE, NULL, NULL };
static const ConvaiCall clone_call = { "POST", "user/clone_character", FALSE, decode_char_id, g_free };
static const ConvaiCall delete_call = { "POST", "character/delete", FALSE, NULL, NULL };

void
convai_client_list_characters_async (ConvaiClient        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  body = convai_json_object_node (json_object_new ());
  convai_client_call_json_async (self, &list_call, body, cancellable, callback, user_data,
                                 convai_client_list_characters_async);
}

GListModel *
convai_client_list_characters_finish (ConvaiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_list_characters_async, error);
}

void
convai_client_get_character_async (ConvaiClient        *self,
                                   const char          *char_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL);
  convai_client_call_json_fields_async (self, &get_call, cancellable, callback, user_data,
                                        convai_client_get_character_async,
                                        "charID", char_id, NULL);
}

ConvaiCharacter *
convai_client_get_character_finish (ConvaiClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_get_character_async, error);
}

void
convai_client_get_character_by_name_async (ConvaiClient        *self,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  convai_client_call_json_fields_async (self, &get_call, cancellable, callback, user_data,
                                        convai_client_get_character_by_name_async,
                                        "charName", name, NULL);
}

ConvaiCharacter *
convai_client_get_character_by_name_finish (ConvaiClient  *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_get_character_by_name_async, error);
}

void
convai_client_create_character_async (ConvaiClient        *self,
                                      const char          *name,
                                      const char          *voice_type,
                                      const char          *backstory,
                                      const char * const  *actions,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  JsonObject *object;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (name != NULL && voice_type != NULL && backstory != NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "charName", name);
  json_object_set_string_member (object, "voiceType", voice_type);
  json_object_set_string_member (object, "backstory", backstory);
  if (actions != NULL && actions[0] != NULL)
    {
      /* create documents `actions` as one comma-separated string. */
      g_autofree char *joined = g_strjoinv (", ", (char **) actions);
      json_object_set_string_member (object, "actions", joined);
    }
  body = convai_json_object_node (object);
  convai_client_call_json_async (self, &create_call, body, cancellable, callback, user_data,
                                 convai_client_create_character_async);
}

char *
convai_client_create_character_finish (ConvaiClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_create_character_async, error);
}

void
convai_client_update_character_async (ConvaiClient         *self,
                                      const char           *char_id,
                                      ConvaiCharacterPatch *patch,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL && patch != NULL);
  body = convai_character_patch_to_json (patch, char_id);
  convai_client_call_json_async (self, &update_call, body, cancellable, callback, user_data,
                                 convai_client_update_character_async);
}

gboolean
convai_client_update_character_finish (ConvaiClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return convai_client_call_finish_boolean (self, result, convai_client_update_character_async, error);
}

void
convai_client_clone_character_async (ConvaiClient        *self,
                                     const char          *char_id,
                                     gboolean             with_kb,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  JsonObject *object;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL);
  object = json_object_new ();
  json_object_set_string_member (object, "charID", char_id);
  json_object_set_boolean_member (object, "KB", with_kb);
  body = convai_json_object_node (object);
  convai_client_call_json_async (self, &clone_call, body, cancellable, callback, user_data,
                                 convai_client_clone_character_async);
}

char *
convai_client_clone_character_finish (ConvaiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_clone_character_async, error);
}

void
convai_client_delete_character_async (ConvaiClient        *self,
                                      const char          *char_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  g_return_if_fail (char_id != NULL);
  convai_client_call_json_fields_async (self, &delete_call, cancellable, callback, user_data,
                                        convai_client_delete_character_async,
                                        "charID", char_id, NULL);
}

gboolean
convai_client_delete_character_finish (ConvaiClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return convai_client_call_finish_boolean (self, result, convai_client_delete_character_async, error);
}
