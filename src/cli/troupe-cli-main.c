/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "troupe-cli-commands.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const TroupeCliCommand commands[] = {
  { "characters", "List, show, create, update, clone and delete characters", troupe_cli_characters_run },
  { "voices",     "List the voices a character can have", troupe_cli_voices_run },
  { "languages",  "List the languages a character can speak", troupe_cli_languages_run },
  { "kb",         "Manage knowledge-bank documents", troupe_cli_kb_run },
  { "history",    "List, show, export and delete chat sessions", troupe_cli_history_run },
  { "chat",       "Talk to a character, typed or from a WAV file", troupe_cli_chat_run },
  { "starters",   "Suggest conversation starters for a character", troupe_cli_starters_run },
  { "backstory",  "Generate a backstory from a short description", troupe_cli_backstory_run },
  { "usage",      "Show the account's plan and API usage", troupe_cli_usage_run },
  { NULL }
};

/* Ctrl+C cancels the running call, which then ends the run with exit code
 * 130; a second Ctrl+C does not wait for that. */
static gboolean
sigint_cb (gpointer user_data)
{
  TroupeCli *cli = user_data;

  if (g_cancellable_is_cancelled (cli->cancellable))
    _exit (TROUPE_CLI_EXIT_CANCELLED);
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

static char *
describe (void)
{
  g_autofree char *list = troupe_cli_describe_commands (commands);

  return g_strconcat (list,
                      "\nEnvironment:\n"
                      "  CONVAI_API_KEY  the API key, unless --api-key-file gives one (else Troupe's keyring entry)\n"
                      "  CONVAI_API_URL  the API base URL (default " "https://api.convai.com" ")\n"
                      "\nExamples:\n"
                      "  id=$(troupe-cli characters create --name Ada --backstory-file ada.txt)\n"
                      "  troupe-cli kb upload notes.md --json\n"
                      "  troupe-cli kb connect --wait \"$id\" DOC_ID\n"
                      "  troupe-cli chat \"$id\" --stream \"What do you keep in the lighthouse?\"\n"
                      "  troupe-cli history export \"$id\" SESSION_ID -o session.md\n"
                      "\nExit status: 0 ok, 2 usage error, 3 API error, 4 network error, 130 cancelled.\n"
                      "Run “troupe-cli COMMAND --help” for a command's options.",
                      NULL);
}

static void
dispatch (TroupeCli  *cli,
          char      **args)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("COMMAND [OPTION…]");
  g_autofree char *description = describe ();
  g_autoptr(GError) error = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Show the version and exit", NULL },
    { NULL }
  };

  g_set_prgname ("troupe-cli");
  g_option_context_set_summary (context, "The Convai API from a terminal.");
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);
  troupe_cli_add_global_options (cli, context);
  /* Stop at the command: its options are its own. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if (version)
    {
      g_print ("troupe-cli %s\n", PACKAGE_VERSION);
      troupe_cli_finish (cli, NULL);
      return;
    }
  if (args[1] == NULL)
    {
      g_autofree char *list = troupe_cli_describe_commands (commands);

      troupe_cli_usage_failed (cli, "which command?\n%s", list);
      return;
    }
  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_strcmp0 (commands[i].name, args[1]) == 0)
      {
        commands[i].run (cli, args + 1);
        return;
      }
  {
    g_autofree char *list = troupe_cli_describe_commands (commands);

    troupe_cli_usage_failed (cli, "unknown command “%s”\n%s", args[1], list);
  }
}

int
troupe_cli_main (int    argc,
                 char **argv)
{
  g_autoptr(TroupeCli) cli = troupe_cli_new ();
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  guint sigint_id;

  setlocale (LC_ALL, "");
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, cli);
  dispatch (cli, args);
  troupe_cli_wait (cli);
  g_source_remove (sigint_id);
  fflush (stdout);
  return cli->exit_code;
}
