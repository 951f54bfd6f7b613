/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The catalogs a character is configured from: voices and languages. */
#include "troupe-cli-commands.h"
#include "troupe-cli-output.h"

typedef struct
{
  TroupeCli *cli;
  gboolean   all;
  char      *language;
  char      *gender;
} VoiceFilter;

static void
voice_filter_free (VoiceFilter *filter)
{
  g_free (filter->language);
  g_free (filter->gender);
  g_free (filter);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VoiceFilter, voice_filter_free)

static gboolean
voice_matches (ConvaiVoice       *voice,
               const VoiceFilter *filter)
{
  const char * const *codes = convai_voice_get_lang_codes (voice);

  if (!filter->all && !convai_voice_is_production (voice))
    return FALSE;
  if (filter->gender != NULL
      && g_ascii_strcasecmp (filter->gender, convai_voice_get_gender (voice) ?: "") != 0)
    return FALSE;
  if (filter->language != NULL)
    {
      for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
        if (g_ascii_strcasecmp (codes[i], filter->language) == 0)
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

static GListModel *
filter_voices (GListModel        *voices,
               const VoiceFilter *filter)
{
  GListStore *kept = g_list_store_new (CONVAI_TYPE_VOICE);
  guint n = g_list_model_get_n_items (voices);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiVoice) voice = g_list_model_get_item (voices, i);

      if (voice_matches (voice, filter))
        g_list_store_append (kept, voice);
    }
  return G_LIST_MODEL (kept);
}

static void
print_voices (GListModel *voices)
{
  const char *headers[] = { "VOICE TYPE", "NAME", "GENDER", "LANGUAGES", "SECTION", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  guint n = g_list_model_get_n_items (voices);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiVoice) voice = g_list_model_get_item (voices, i);
      const char * const *codes = convai_voice_get_lang_codes (voice);
      g_autofree char *languages = codes != NULL ? g_strjoinv (", ", (char **) codes) : NULL;
      const char *row[] = {
        convai_voice_get_voice_value (voice),
        convai_voice_get_name (voice),
        convai_voice_get_gender (voice) ?: "",
        languages ?: "",
        convai_voice_get_section (voice) ?: "",
        NULL
      };

      troupe_cli_table_add_row (table, row);
    }
  troupe_cli_table_set_max_width (table, 3, 30);
  troupe_cli_table_print_or (table, "No voices match.");
}

static void
voices_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(VoiceFilter) filter = user_data;
  GError *error = NULL;
  g_autoptr(GListModel) voices = NULL;
  g_autoptr(GListModel) shown = NULL;

  voices = convai_client_list_voices_finish (CONVAI_CLIENT (source), result, &error);
  if (voices != NULL)
    shown = filter_voices (voices, filter);
  troupe_cli_finish_list (filter->cli, shown, error,
                          (TroupeCliToJson) convai_voice_to_json,
                          (TroupeCliPrintFunc) print_voices);
}

void
troupe_cli_voices_run (TroupeCli  *cli,
                       char      **argv)
{
  g_autoptr(VoiceFilter) filter = g_new0 (VoiceFilter, 1);
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &filter->all, "Include voices not deployed to production", NULL },
    { "language", 'l', 0, G_OPTION_ARG_STRING, &filter->language, "Only voices speaking CODE (e.g. en-US)", "CODE" },
    { "gender", 'g', 0, G_OPTION_ARG_STRING, &filter->gender, "Only voices of GENDER (MALE, FEMALE)", "GENDER" },
    { NULL }
  };
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "",
                                 "List the voices a character can have; VOICE TYPE is what --voice takes.",
                                 NULL, entries, 0, 0))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  filter->cli = cli;
  convai_client_list_voices_async (client, cli->cancellable, voices_finished_cb, g_steal_pointer (&filter));
}

/* The wire shape of one language, as get_available_languages sends it. */
static JsonNode *
language_to_json (ConvaiLanguage *language)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lang_code");
  json_builder_add_string_value (builder, convai_language_get_code (language));
  json_builder_set_member_name (builder, "lang_name");
  json_builder_add_string_value (builder, convai_language_get_name (language));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_languages (GListModel *languages)
{
  const char *headers[] = { "CODE", "LANGUAGE", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  guint n = g_list_model_get_n_items (languages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiLanguage) language = g_list_model_get_item (languages, i);
      const char *row[] = { convai_language_get_code (language), convai_language_get_name (language), NULL };

      troupe_cli_table_add_row (table, row);
    }
  troupe_cli_table_print (table);
}

static void
languages_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(GListModel) languages =
    convai_client_list_languages_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_list (user_data, languages, error,
                          (TroupeCliToJson) language_to_json,
                          (TroupeCliPrintFunc) print_languages);
}

void
troupe_cli_languages_run (TroupeCli  *cli,
                          char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "",
                                 "List the languages a character can speak; CODE is what --language takes.",
                                 NULL, NULL, 0, 0))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_list_languages_async (client, cli->cancellable, languages_finished_cb, cli);
}
