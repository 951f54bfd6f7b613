/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-args.h"
#include "troupe-cli-commands.h"
#include "troupe-cli-output.h"

static char *
join_or_null (const char * const *items)
{
  if (items == NULL || items[0] == NULL)
    return NULL;
  return g_strjoinv (", ", (char **) items);
}

static void
print_character (ConvaiCharacter *character)
{
  g_autofree char *languages = join_or_null (convai_character_get_language_codes (character));
  g_autofree char *actions = join_or_null (convai_character_get_actions (character));
  const char *fields[] = {
    "ID", convai_character_get_id (character),
    "Name", convai_character_get_name (character),
    "Voice", convai_character_get_voice_type (character),
    "Languages", languages,
    "Actions", actions,
    "Created", convai_character_get_timestamp (character),
    "Backstory", convai_character_get_backstory (character),
  };

  troupe_cli_print_fields (fields, G_N_ELEMENTS (fields) / 2);
}

/* ---- list ---- */

static void
print_characters (GListModel *characters)
{
  const char *headers[] = { "ID", "NAME", "VOICE", "LANGUAGES", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  guint n = g_list_model_get_n_items (characters);

  troupe_cli_table_set_max_width (table, 1, 40);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (characters, i);
      g_autofree char *languages = join_or_null (convai_character_get_language_codes (character));
      const char *row[] = {
        convai_character_get_id (character),
        convai_character_get_name (character),
        convai_character_get_voice_type (character),
        languages != NULL ? languages : "",
        NULL
      };

      troupe_cli_table_add_row (table, row);
    }
  troupe_cli_table_print_or (table, "No characters.");
}

static void
list_finished_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(GListModel) characters =
    convai_client_list_characters_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_list (user_data, characters, error,
                          (TroupeCliToJson) convai_character_to_json,
                          (TroupeCliPrintFunc) print_characters);
}

static void
list_run (TroupeCli  *cli,
          char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "", "List your characters.", NULL, NULL, 0, 0))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_list_characters_async (client, cli->cancellable, list_finished_cb, cli);
}

/* ---- get ---- */

static void
show_character (TroupeCli       *cli,
                ConvaiCharacter *character,
                GError          *error)
{
  troupe_cli_finish_item (cli, character, error,
                          (TroupeCliToJson) convai_character_to_json,
                          (TroupeCliPrintFunc) print_character);
}

static void
get_finished_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(ConvaiCharacter) character =
    convai_client_get_character_finish (CONVAI_CLIENT (source), result, &error);

  show_character (user_data, character, error);
}

static void
get_by_name_finished_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(ConvaiCharacter) character =
    convai_client_get_character_by_name_finish (CONVAI_CLIENT (source), result, &error);

  show_character (user_data, character, error);
}

static void
get_run (TroupeCli  *cli,
         char      **argv)
{
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, "Look the character up by name instead of id", "NAME" },
    { NULL }
  };
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "[CHAR_ID]", "Show one character, by id or by --name.",
                                 NULL, entries, 0, 1))
    return;
  if ((name == NULL) == (argv[1] == NULL))
    {
      troupe_cli_usage_failed (cli, "characters get: give either CHAR_ID or --name NAME");
      return;
    }
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  if (name != NULL)
    convai_client_get_character_by_name_async (client, name, cli->cancellable, get_by_name_finished_cb, cli);
  else
    convai_client_get_character_async (client, argv[1], cli->cancellable, get_finished_cb, cli);
}

/* ---- create ---- */

/* The id alone on stdout keeps "id=$(troupe-cli characters create …)" easy;
 * the sentence goes to stderr. Takes @error. */
static void
new_id_finished (TroupeCli  *cli,
                 const char *char_id,
                 GError     *error,
                 const char *what)
{
  if (char_id == NULL)
    {
      troupe_cli_finish (cli, error);
      return;
    }
  if (cli->json)
    troupe_cli_print_json_member ("charID", char_id);
  else
    {
      g_print ("%s\n", char_id);
      g_printerr ("%s %s\n", what, char_id);
    }
  troupe_cli_finish (cli, NULL);
}

static void
create_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError *error = NULL;
  g_autofree char *char_id =
    convai_client_create_character_finish (CONVAI_CLIENT (source), result, &error);

  new_id_finished (user_data, char_id, error, "Created character");
}

/* --backstory or --backstory-file, not both. */
static gboolean
resolve_backstory (TroupeCli   *cli,
                   char       **backstory,
                   const char  *backstory_file)
{
  g_autoptr(GError) error = NULL;

  if (backstory_file == NULL)
    return TRUE;
  if (*backstory != NULL)
    {
      troupe_cli_usage_failed (cli, "give either --backstory or --backstory-file, not both");
      return FALSE;
    }
  *backstory = troupe_cli_read_text (backstory_file, &error);
  if (*backstory == NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return FALSE;
    }
  return TRUE;
}

static void
create_run (TroupeCli  *cli,
            char      **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *backstory = NULL;
  g_autofree char *backstory_file = NULL;
  g_auto(GStrv) action_options = NULL;
  g_auto(GStrv) actions = NULL;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, "The character's name (required)", "NAME" },
    { "voice", 'v', 0, G_OPTION_ARG_STRING, &voice, "Voice type, see “troupe-cli voices” (default MALE)", "VOICE" },
    { "backstory", 'b', 0, G_OPTION_ARG_STRING, &backstory, "The backstory", "TEXT" },
    { "backstory-file", 0, 0, G_OPTION_ARG_FILENAME, &backstory_file, "Read the backstory from FILE (- = stdin)", "FILE" },
    { "action", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &action_options, "An action the character can perform (repeatable, or comma-separated)", "ACTION" },
    { NULL }
  };
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "", "Create a character; prints its id.", NULL, entries, 0, 0))
    return;
  if (!resolve_backstory (cli, &backstory, backstory_file))
    return;
  if (name == NULL || name[0] == '\0' || backstory == NULL || backstory[0] == '\0')
    {
      troupe_cli_usage_failed (cli, "characters create: --name and --backstory (or --backstory-file) are required");
      return;
    }
  actions = troupe_cli_split_list ((const char * const *) action_options);
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_create_character_async (client, name, voice != NULL ? voice : "MALE", backstory,
                                        (const char * const *) actions,
                                        cli->cancellable, create_finished_cb, cli);
}

/* ---- update ---- */

static void
update_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError *error = NULL;
  gboolean ok = convai_client_update_character_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_status (user_data, ok, error, "Updated.");
}

static void
update_run (TroupeCli  *cli,
            char      **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *backstory = NULL;
  g_autofree char *backstory_file = NULL;
  g_auto(GStrv) action_options = NULL;
  g_auto(GStrv) language_options = NULL;
  g_auto(GStrv) actions = NULL;
  g_auto(GStrv) languages = NULL;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, "New name", "NAME" },
    { "voice", 'v', 0, G_OPTION_ARG_STRING, &voice, "New voice type", "VOICE" },
    { "backstory", 'b', 0, G_OPTION_ARG_STRING, &backstory, "New backstory", "TEXT" },
    { "backstory-file", 0, 0, G_OPTION_ARG_FILENAME, &backstory_file, "Read the new backstory from FILE (- = stdin)", "FILE" },
    { "action", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &action_options, "The new list of actions (repeatable, or comma-separated)", "ACTION" },
    { "language", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &language_options, "The new list of language codes, 1 to 4 (repeatable, or comma-separated)", "CODE" },
    { NULL }
  };
  g_autoptr(ConvaiCharacterPatch) patch = convai_character_patch_new ();
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID", "Change some of a character's fields; the others stay.",
                                 NULL, entries, 1, 1))
    return;
  if (!resolve_backstory (cli, &backstory, backstory_file))
    return;
  actions = troupe_cli_split_list ((const char * const *) action_options);
  languages = troupe_cli_split_list ((const char * const *) language_options);
  if (languages != NULL && (g_strv_length (languages) < 1 || g_strv_length (languages) > 4))
    {
      troupe_cli_usage_failed (cli, "characters update: a character has 1 to 4 languages");
      return;
    }
  if (name != NULL)
    convai_character_patch_set_name (patch, name);
  if (voice != NULL)
    convai_character_patch_set_voice_type (patch, voice);
  if (backstory != NULL)
    convai_character_patch_set_backstory (patch, backstory);
  if (actions != NULL)
    convai_character_patch_set_actions (patch, (const char * const *) actions);
  if (languages != NULL)
    convai_character_patch_set_language_codes (patch, (const char * const *) languages);
  if (convai_character_patch_is_empty (patch))
    {
      troupe_cli_usage_failed (cli, "characters update: nothing to change (see --help)");
      return;
    }
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_update_character_async (client, argv[1], patch, cli->cancellable, update_finished_cb, cli);
}

/* ---- clone ---- */

static void
clone_finished_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError *error = NULL;
  g_autofree char *char_id =
    convai_client_clone_character_finish (CONVAI_CLIENT (source), result, &error);

  new_id_finished (user_data, char_id, error, "Cloned into character");
}

static void
clone_run (TroupeCli  *cli,
           char      **argv)
{
  gboolean with_kb = FALSE;
  const GOptionEntry entries[] = {
    { "with-kb", 0, 0, G_OPTION_ARG_NONE, &with_kb, "Copy the connected knowledge-bank documents too", NULL },
    { NULL }
  };
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID", "Clone a character; prints the clone's id.",
                                 NULL, entries, 1, 1))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_clone_character_async (client, argv[1], with_kb, cli->cancellable, clone_finished_cb, cli);
}

/* ---- delete ---- */

static void
delete_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError *error = NULL;
  gboolean ok = convai_client_delete_character_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_status (user_data, ok, error, "Deleted.");
}

static void
delete_run (TroupeCli  *cli,
            char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID", "Delete a character. This cannot be undone.",
                                 NULL, NULL, 1, 1))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_delete_character_async (client, argv[1], cli->cancellable, delete_finished_cb, cli);
}

static const TroupeCliCommand commands[] = {
  { "list",   "List your characters", list_run },
  { "get",    "Show one character (by id or --name)", get_run },
  { "create", "Create a character", create_run },
  { "update", "Change some of a character's fields", update_run },
  { "clone",  "Clone a character", clone_run },
  { "delete", "Delete a character", delete_run },
  { NULL }
};

void
troupe_cli_characters_run (TroupeCli  *cli,
                           char      **argv)
{
  troupe_cli_run_group (cli, argv, "Manage characters.", commands);
}
