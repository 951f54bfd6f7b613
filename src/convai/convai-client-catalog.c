/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Voices, languages and the account's usage: read-only, safe to repeat. */
#include "convai-client-private.h"
#include "convai-language.h"
#include "convai-usage.h"
#include "convai-voice.h"

static const ConvaiCall voices_call = { "GET", "tts/get_available_voices", TRUE,
                                        (ConvaiDecodeFunc) convai_voice_list_from_json, g_object_unref };
static const ConvaiCall languages_call = { "GET", "tts/get_available_languages", TRUE,
                                           (ConvaiDecodeFunc) convai_language_list_from_json, g_object_unref };
static const ConvaiCall usage_call = { "POST", "user/user-api-usage", TRUE,
                                       (ConvaiDecodeFunc) convai_usage_new_from_json, g_object_unref };

void
convai_client_list_voices_async (ConvaiClient        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  convai_client_call_async (self, &voices_call, NULL, NULL, cancellable, callback, user_data,
                            convai_client_list_voices_async);
}

GListModel *
convai_client_list_voices_finish (ConvaiClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_list_voices_async, error);
}

void
convai_client_list_languages_async (ConvaiClient        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CONVAI_IS_CLIENT (self));
  convai_client_call_async (self, &languages_call, NULL, NULL, cancellable, callback, user_data,
                            convai_client_list_languages_async);
}

GListModel *
convai_client_list_languages_finish (ConvaiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_list_languages_async, error);
}

void
convai_client_get_usage_async (ConvaiClient        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

  g_return_if_fail (CONVAI_IS_CLIENT (self));
  convai_client_call_async (self, &usage_call, "application/json", body, cancellable, callback,
                            user_data, convai_client_get_usage_async);
}

ConvaiUsage *
convai_client_get_usage_finish (ConvaiClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return convai_client_call_finish (self, result, convai_client_get_usage_async, error);
}
