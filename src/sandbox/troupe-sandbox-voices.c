/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-voices.h"

#include <string.h>

#include "troupe-sandbox-reply.h"
#include "troupe-sandbox-speech.h"

typedef enum
{
  ENV_PRODUCTION = 1 << 0,
  ENV_STAGING    = 1 << 1,
  ENV_DEVELOPMENT = 1 << 2,
} DeploymentEnv;

typedef struct
{
  const char   *section;
  const char   *name;
  const char   *value;
  const char   *lang_codes;    /* comma-separated */
  const char   *gender;
  DeploymentEnv envs;
  const char   *espeak;        /* espeak-ng voice + variant */
} Voice;

/* Shaped like Convai's list: sections by provider, several languages, and
 * some voices not yet in production (clients must hide those). */
static const Voice voices[] = {
  { "Convai Voices", "Male", "MALE", "en-US", "MALE", ENV_PRODUCTION, "en-us+m3" },
  { "Convai Voices", "Female", "FEMALE", "en-US", "FEMALE", ENV_PRODUCTION, "en-us+f3" },
  { "Convai Voices", "US Male 1", "US MALE 1", "en-US", "MALE", ENV_PRODUCTION, "en-us+m1" },
  { "Convai Voices", "US Male 2", "US MALE 2", "en-US", "MALE", ENV_PRODUCTION, "en-us+m7" },
  { "Convai Voices", "US Female 1", "US FEMALE 1", "en-US", "FEMALE", ENV_PRODUCTION, "en-us+f2" },
  { "Convai Voices", "US Female 2", "US FEMALE 2", "en-US", "FEMALE", ENV_PRODUCTION, "en-us+f4" },
  { "Convai Voices", "UK Male 1", "UK MALE 1", "en-US", "MALE", ENV_PRODUCTION, "en-gb+m2" },
  { "Convai Voices", "UK Female 1", "UK FEMALE 1", "en-US", "FEMALE", ENV_PRODUCTION, "en-gb+f1" },
  { "Convai Voices", "Old Sailor", "CONVAI_OLD_SAILOR", "en-US", "MALE", ENV_PRODUCTION, "en-gb-scotland+m6" },
  { "Convai Voices", "Lighthouse Keeper", "CONVAI_LIGHTHOUSE_KEEPER", "en-US", "FEMALE", ENV_PRODUCTION, "en-gb+f5" },
  { "Azure Voices", "Jenny", "AZURE_JENNY", "en-US", "FEMALE", ENV_PRODUCTION, "en-us+f1" },
  { "Azure Voices", "Guy", "AZURE_GUY", "en-US", "MALE", ENV_PRODUCTION, "en-us+m2" },
  { "Azure Voices", "Elvira", "AZURE_ELVIRA", "es-ES", "FEMALE", ENV_PRODUCTION, "es+f2" },
  { "Azure Voices", "Alvaro", "AZURE_ALVARO", "es-ES,es-MX,es-US", "MALE", ENV_PRODUCTION, "es+m3" },
  { "Azure Voices", "Denise", "AZURE_DENISE", "fr-FR", "FEMALE", ENV_PRODUCTION, "fr-fr+f3" },
  { "Azure Voices", "Henri", "AZURE_HENRI", "fr-FR", "MALE", ENV_PRODUCTION, "fr-fr+m3" },
  { "Azure Voices", "Katja", "AZURE_KATJA", "de-DE", "FEMALE", ENV_PRODUCTION, "de+f2" },
  { "Azure Voices", "Conrad", "AZURE_CONRAD", "de-DE", "MALE", ENV_PRODUCTION, "de+m3" },
  { "Azure Voices", "Nanami", "AZURE_NANAMI", "ja-JP", "FEMALE", ENV_PRODUCTION, "ja+f2" },
  { "Azure Voices", "Swara", "AZURE_SWARA", "hi-IN", "FEMALE", ENV_PRODUCTION, "hi+f2" },
  { "Azure Voices", "Isabella", "AZURE_ISABELLA", "it-IT", "FEMALE", ENV_PRODUCTION, "it+f3" },
  { "Azure Voices", "Francisca", "AZURE_FRANCISCA", "pt-BR", "FEMALE", ENV_PRODUCTION, "pt-br+f2" },
  { "Azure Voices", "Xiaoxiao", "AZURE_XIAOXIAO", "cmn-CN", "FEMALE", ENV_PRODUCTION, "cmn+f2" },
  { "Azure Voices", "Dariya", "AZURE_DARIYA", "ru-RU", "FEMALE", ENV_PRODUCTION | ENV_STAGING, "ru+f2" },
  { "ElevenLabs Voices", "Rachel", "EL_RACHEL", "en-US", "FEMALE", ENV_PRODUCTION, "en-us+f4" },
  { "ElevenLabs Voices", "Adam", "EL_ADAM", "en-US", "MALE", ENV_PRODUCTION, "en-us+m4" },
  { "ElevenLabs Voices", "Bella", "EL_BELLA", "en-US", "FEMALE", ENV_STAGING, "en-us+f5" },
  { "ElevenLabs Voices", "Antoni (multilingual)", "EL_ANTONI_ML", "en-US,es-ES,fr-FR,de-DE,it-IT", "MALE",
    ENV_DEVELOPMENT, "en-us+m5" },
  { "GCP Voices", "Wavenet A", "GCP_EN_US_WAVENET_A", "en-US", "MALE", ENV_PRODUCTION, "en-us+m6" },
  { "GCP Voices", "Wavenet C", "GCP_EN_US_WAVENET_C", "en-US", "FEMALE", ENV_PRODUCTION, "en-us+f3" },
  { "GCP Voices", "Korean Standard A", "GCP_KO_KR_STANDARD_A", "ko-KR", "FEMALE", ENV_PRODUCTION, "ko+f2" },
  { "GCP Voices", "Dutch Standard B", "GCP_NL_NL_STANDARD_B", "nl-NL,nl-BE", "MALE", ENV_PRODUCTION, "nl+m3" },
  { "GCP Voices", "Polish Standard A", "GCP_PL_PL_STANDARD_A", "pl-PL", "FEMALE", ENV_PRODUCTION, "pl+f2" },
  { "GCP Voices", "Turkish Standard B", "GCP_TR_TR_STANDARD_B", "tr-TR", "MALE", ENV_STAGING | ENV_DEVELOPMENT, "tr+m2" },
  { "OpenAI Voices", "Alloy", "OPENAI_ALLOY", "en-US", "FEMALE", ENV_PRODUCTION, "en-us+f1" },
  { "OpenAI Voices", "Onyx", "OPENAI_ONYX", "en-US", "MALE", ENV_PRODUCTION, "en-us+m1" },
  { "OpenAI Voices", "Nova", "OPENAI_NOVA", "en-US", "FEMALE", ENV_DEVELOPMENT, "en-us+f2" },
  { "Legacy Voices", "Sv Male", "SV MALE 1", "sv-SE", "MALE", ENV_PRODUCTION, "sv+m3" },
  { "Legacy Voices", "Fi Female", "FI FEMALE 1", "fi-FI", "FEMALE", ENV_PRODUCTION, "fi+f2" },
  { "Legacy Voices", "Vi Female", "VI FEMALE 1", "vi-VN", "FEMALE", ENV_PRODUCTION, "vi+f2" },
};

/* Each language with the espeak-ng voice that speaks it. */
static const struct { const char *code; const char *name; const char *espeak; } languages[] = {
  { "en-US", "English", "en-us" }, { "es-ES", "Spanish", "es" }, { "fr-FR", "French", "fr-fr" },
  { "ar", "Arabic", "ar" }, { "hi-IN", "Hindi", "hi" }, { "ja-JP", "Japanese", "ja" },
  { "ko-KR", "Korean", "ko" }, { "ru-RU", "Russian", "ru" }, { "nl-NL", "Dutch", "nl" },
  { "nl-BE", "Dutch (Belgium)", "nl" }, { "cmn-CN", "Chinese (Mandarin)", "cmn" }, { "de-DE", "German", "de" },
  { "vi-VN", "Vietnamese", "vi" }, { "it-IT", "Italian", "it" }, { "tr-TR", "Turkish", "tr" },
  { "pt-BR", "Portuguese (Brazil)", "pt-br" }, { "es-MX", "Spanish (Mexico)", "es-419" },
  { "zh-HK", "Chinese (Hong Kong)", "yue" }, { "pl-PL", "Polish", "pl" },
  { "pt-PT", "Portuguese (Portugal)", "pt" }, { "es-US", "Spanish (US)", "es-419" },
  { "sv-SE", "Swedish", "sv" }, { "kk-KZ", "Kazakh", "kk" }, { "fi-FI", "Finnish", "fi" },
};

static const Voice *
find_voice (const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
    if (g_ascii_strcasecmp (voices[i].value, value) == 0)
      return &voices[i];
  return NULL;
}

gboolean
troupe_sandbox_voices_is_valid (const char *voice_value)
{
  return voice_value != NULL && find_voice (voice_value) != NULL;
}

static gboolean
speaks (const Voice *voice,
        const char  *language_code)
{
  g_auto(GStrv) codes = g_strsplit (voice->lang_codes, ",", -1);

  return g_strv_contains ((const char * const *) codes, language_code);
}

char *
troupe_sandbox_voices_espeak_name (const char *voice_value,
                                   const char *language_code)
{
  const Voice *voice = voice_value ? find_voice (voice_value) : NULL;
  const char *variant;

  if (voice == NULL)
    return g_strdup ("en-us");
  if (language_code == NULL || speaks (voice, language_code))
    return g_strdup (voice->espeak);
  /* A voice asked to speak another language keeps its variant (pitch,
   * gender) over that language's espeak voice. */
  variant = strchr (voice->espeak, '+');
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i].code, language_code) == 0)
      return g_strconcat (languages[i].espeak, variant, NULL);
  return g_strdup (voice->espeak);
}

const char *
troupe_sandbox_voices_gender (const char *voice_value)
{
  const Voice *voice = voice_value ? find_voice (voice_value) : NULL;

  return voice != NULL ? voice->gender : NULL;
}

gboolean
troupe_sandbox_languages_is_valid (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i].code, code) == 0)
      return TRUE;
  return FALSE;
}

static JsonArray *
split_to_array (const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);
  JsonArray *array = json_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    json_array_add_string_element (array, parts[i]);
  return array;
}

static JsonArray *
envs_to_array (DeploymentEnv envs)
{
  JsonArray *array = json_array_new ();

  if (envs & ENV_PRODUCTION)
    json_array_add_string_element (array, "PRODUCTION");
  if (envs & ENV_STAGING)
    json_array_add_string_element (array, "STAGING");
  if (envs & ENV_DEVELOPMENT)
    json_array_add_string_element (array, "DEVELOPMENT");
  return array;
}

static JsonObject *
voice_to_json (TroupeSandboxServer *server,
               const Voice         *voice)
{
  JsonObject *details = json_object_new ();
  JsonObject *entry = json_object_new ();
  g_autofree char *escaped = g_uri_escape_string (voice->value, NULL, FALSE);
  g_autofree char *link = g_strdup_printf ("%s/samples/%s.wav", server->base_url, escaped);

  json_object_set_string_member (details, "voice_value", voice->value);
  json_object_set_array_member (details, "lang_codes", split_to_array (voice->lang_codes));
  json_object_set_string_member (details, "gender", voice->gender);
  json_object_set_array_member (details, "deployment_env", envs_to_array (voice->envs));
  json_object_set_string_member (details, "sample_link", link);
  json_object_set_object_member (entry, voice->name, details);
  return entry;
}

static void
handle_voices (TroupeSandboxRequest *request)
{
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
    {
      JsonArray *section = json_object_has_member (object, voices[i].section)
                           ? json_object_get_array_member (object, voices[i].section) : NULL;

      if (section == NULL)
        {
          section = json_array_new ();
          json_object_set_array_member (object, voices[i].section, section);
        }
      json_array_add_object_element (section, voice_to_json (request->server, &voices[i]));
    }
  troupe_sandbox_reply_object (request->msg, SOUP_STATUS_OK, object);
}

static void
handle_languages (TroupeSandboxRequest *request)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      JsonObject *entry = json_object_new ();
      JsonObject *details = json_object_new ();

      json_object_set_string_member (details, "lang_code", languages[i].code);
      json_object_set_string_member (details, "lang_name", languages[i].name);
      json_object_set_object_member (entry, languages[i].code, details);
      json_array_add_object_element (array, entry);
    }
  root = json_node_init_array (json_node_alloc (), array);
  troupe_sandbox_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
synthesize_sample_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  const Voice *voice = task_data;
  g_autofree char *text = g_strdup_printf ("Hello, this is the %s voice.", voice->name);
  GError *error = NULL;
  GBytes *wav = troupe_sandbox_speech_synthesize (text, voice->espeak, &error);

  if (wav == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, wav, (GDestroyNotify) g_bytes_unref);
}

static void
sample_synthesized_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TroupeSandboxRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wav = g_task_propagate_pointer (G_TASK (result), &error);

  soup_server_message_unpause (request->msg);
  if (wav == NULL)
    {
      gboolean missing = g_error_matches (error, TROUPE_SANDBOX_SPEECH_ERROR,
                                          TROUPE_SANDBOX_SPEECH_ERROR_MISSING_PLUGIN);

      troupe_sandbox_reply_message (request->msg,
                                    missing ? SOUP_STATUS_SERVICE_UNAVAILABLE : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                    "INTERNAL_ERROR", error->message);
      return;
    }
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, "audio/wav", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (wav, NULL), g_bytes_get_size (wav));
}

/* GET /samples/<voice_value>.wav, synthesised on demand off the main loop. */
static void
handle_sample (TroupeSandboxRequest *request)
{
  g_autofree char *escaped = g_strndup (request->path + strlen ("/samples/"),
                                        strlen (request->path) - strlen ("/samples/"));
  g_autofree char *value = NULL;
  g_autoptr(GTask) task = NULL;
  const Voice *voice;

  if (g_str_has_suffix (escaped, ".wav"))
    escaped[strlen (escaped) - strlen (".wav")] = '\0';
  value = g_uri_unescape_string (escaped, NULL);
  voice = value ? find_voice (value) : NULL;
  if (voice == NULL)
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_NOT_FOUND, "ERROR", "No such voice sample.");
      return;
    }
  soup_server_message_pause (request->msg);
  task = g_task_new (NULL, NULL, sample_synthesized_cb, troupe_sandbox_request_ref (request));
  g_task_set_task_data (task, (gpointer) voice, NULL);
  troupe_sandbox_server_run_in_thread (request->server, task, synthesize_sample_thread);
}

void
troupe_sandbox_voices_register (TroupeSandboxServer *server)
{
  troupe_sandbox_server_route (server, "GET", "/tts/get_available_voices", handle_voices);
  troupe_sandbox_server_route (server, "GET", "/tts/get_available_languages", handle_languages);
  troupe_sandbox_server_route (server, "GET", "/samples/", handle_sample);
}
