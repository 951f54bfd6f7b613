/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-command.h"
#include "troupe-cli-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* GOptionContext prints "Usage: PRGNAME [OPTION…] PARAMETERS": naming the
 * program after the command makes each --help say how to call it. */
static GOptionContext *
command_context_new (TroupeCli          *cli,
                     const char         *command,
                     const char         *parameters,
                     const char         *summary,
                     const char         *description,
                     const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("troupe-cli %s", command);
  GOptionContext *context = g_option_context_new (parameters);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  troupe_cli_add_global_options (cli, context);
  return context;
}

/* GOptionContext stops at "--" but leaves it in place; it only marks the
 * end of the options ("chat ID -- -5 degrees"), it is not an argument. */
static void
drop_end_of_options (char **argv)
{
  for (guint i = 1; argv[i] != NULL; i++)
    if (g_strcmp0 (argv[i], "--") == 0)
      {
        g_free (argv[i]);
        memmove (&argv[i], &argv[i + 1], (g_strv_length (&argv[i + 1]) + 1) * sizeof (char *));
        return;
      }
}

gboolean
troupe_cli_parse_command (TroupeCli          *cli,
                          char             ***argv,
                          const char         *parameters,
                          const char         *summary,
                          const char         *description,
                          const GOptionEntry *entries,
                          guint               min_args,
                          guint               max_args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  guint n_args;

  context = command_context_new (cli, (*argv)[0], parameters, summary, description, entries);
  if (!g_option_context_parse_strv (context, argv, &error))
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return FALSE;
    }

  drop_end_of_options (*argv);
  n_args = g_strv_length (*argv) - 1;
  if (n_args < min_args)
    {
      troupe_cli_usage_failed (cli, "%s: expected %s", (*argv)[0], parameters);
      return FALSE;
    }
  if (n_args > max_args)
    {
      troupe_cli_usage_failed (cli, "%s: unexpected argument “%s” (expected %s)",
                               (*argv)[0], (*argv)[1 + max_args],
                               parameters[0] != '\0' ? parameters : "no arguments");
      return FALSE;
    }
  return TRUE;
}

char *
troupe_cli_describe_commands (const TroupeCliCommand *commands)
{
  GString *out = g_string_new ("Commands:\n");
  int width = 0;

  for (guint i = 0; commands[i].name != NULL; i++)
    width = MAX (width, (int) strlen (commands[i].name));
  for (guint i = 0; commands[i].name != NULL; i++)
    g_string_append_printf (out, "  %-*s  %s\n", width, commands[i].name, commands[i].summary);
  return g_string_free (out, FALSE);
}

static const TroupeCliCommand *
find_command (const TroupeCliCommand *commands,
              const char             *name)
{
  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* The group's own context stops at the first non-option (strict POSIX), so
 * the subcommand's options are left for the subcommand to parse. */
void
troupe_cli_run_group (TroupeCli              *cli,
                      char                  **argv,
                      const char             *summary,
                      const TroupeCliCommand *commands)
{
  g_autofree char *group = g_strdup (argv[0]);
  g_autofree char *description = troupe_cli_describe_commands (commands);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const TroupeCliCommand *command;
  g_auto(GStrv) args = g_strdupv (argv);
  g_autofree char *name = NULL;

  context = command_context_new (cli, group, "COMMAND [OPTION…]", summary, description, NULL);
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if (args[1] == NULL)
    {
      troupe_cli_usage_failed (cli, "%s: which command?\n%s", group, description);
      return;
    }
  command = find_command (commands, args[1]);
  if (command == NULL)
    {
      troupe_cli_usage_failed (cli, "%s: unknown command “%s”\n%s",
                               group, args[1], description);
      return;
    }

  /* The subcommand sees "GROUP NAME" as its name, then its own arguments. */
  name = g_strdup_printf ("%s %s", group, args[1]);
  g_free (args[1]);
  args[1] = g_steal_pointer (&name);
  command->run (cli, args + 1);
}

/* The first line of @path, or of standard input for "-": byte by byte
 * there, so a conversation that follows on stdin is left unread. */
static char *
read_key_file (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *line = NULL;

  if (g_strcmp0 (path, "-") == 0)
    {
      GString *first = g_string_new (NULL);
      char c;

      while (read (STDIN_FILENO, &c, 1) == 1 && c != '\n')
        g_string_append_c (first, c);
      contents = g_string_free (first, FALSE);
    }
  else if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  line = g_strndup (contents, strcspn (contents, "\r\n"));
  g_strstrip (line);
  if (*line == '\0')
    {
      g_set_error (error, TROUPE_CLI_USAGE_ERROR, 0, "--api-key-file: %s holds no API key",
                   g_strcmp0 (path, "-") == 0 ? "standard input" : path);
      return NULL;
    }
  return g_steal_pointer (&line);
}

/* --api-key-file, else --api-key (with a warning: ps shows it to every
 * user of the machine for the whole run), else the environment and the
 * keyring. NULL and no error: no key anywhere. */
static char *
resolve_key (TroupeCli   *cli,
             const char  *url,
             GError     **error)
{
  if (cli->api_key_file != NULL && cli->api_key != NULL)
    {
      g_set_error_literal (error, TROUPE_CLI_USAGE_ERROR, 0,
                           "--api-key and --api-key-file: give the key one way");
      return NULL;
    }
  if (cli->api_key_file != NULL)
    return read_key_file (cli->api_key_file, error);
  if (cli->api_key != NULL && cli->api_key[0] != '\0')
    g_printerr ("troupe-cli: warning: --api-key shows the key to every user of this machine "
                "(ps); use --api-key-file FILE, --api-key-file - (standard input) or CONVAI_API_KEY\n");
  return troupe_cli_resolve_api_key (cli->api_key, url);
}

/* Said on stderr while the wait lasts, so a slow retry is never silence. */
static void
retrying_cb (ConvaiClient *client,
             const char   *path,
             guint         status,
             guint         attempt,
             guint         max_attempts,
             guint         delay_s,
             TroupeCli    *cli)
{
  g_printerr ("troupe-cli: the server answered %u (%s); trying again in %u s (try %u of %u)…\n",
              status, status == 429 ? "too many requests" : "busy", delay_s, attempt, max_attempts);
}

ConvaiClient *
troupe_cli_get_client (TroupeCli *cli)
{
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->client != NULL)
    return cli->client;

  if (cli->timeout < 0 || !isfinite (cli->timeout))
    {
      troupe_cli_usage_failed (cli, "--timeout must be a positive number of seconds");
      return NULL;
    }
  url = troupe_cli_resolve_url (cli->url);
  if (!troupe_cli_check_url (url, &error))
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return NULL;
    }
  key = resolve_key (cli, url, &error);
  if (error != NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return NULL;
    }
  if (key == NULL)
    {
      troupe_cli_usage_failed (cli, "No API key: pass --api-key-file, set CONVAI_API_KEY, "
                                    "or save one in Troupe's preferences");
      return NULL;
    }
  cli->client = convai_client_new (url, key);
  convai_client_set_timeout (cli->client, cli->timeout > 0 ? (guint) ceil (cli->timeout)
                                                            : TROUPE_CLI_DEFAULT_TIMEOUT_S);
  g_signal_connect (cli->client, "retrying", G_CALLBACK (retrying_cb), cli);
  return cli->client;
}

void
troupe_cli_finish_status (TroupeCli  *cli,
                          gboolean    ok,
                          GError     *error,
                          const char *done_message)
{
  if (!ok)
    {
      troupe_cli_finish (cli, error);
      return;
    }
  if (cli->json)
    troupe_cli_print_json_member ("STATUS", "SUCCESS");
  else
    g_print ("%s\n", done_message);
  troupe_cli_finish (cli, NULL);
}

void
troupe_cli_finish_item (TroupeCli          *cli,
                        gpointer            item,
                        GError             *error,
                        TroupeCliToJson     to_json,
                        TroupeCliPrintFunc  print)
{
  if (item == NULL)
    {
      troupe_cli_finish (cli, error);
      return;
    }
  if (cli->json)
    {
      g_autoptr(JsonNode) node = to_json (item);

      troupe_cli_print_json (node);
    }
  else
    print (item);
  troupe_cli_finish (cli, NULL);
}

void
troupe_cli_finish_list (TroupeCli          *cli,
                        GListModel         *items,
                        GError             *error,
                        TroupeCliToJson     item_to_json,
                        TroupeCliPrintFunc  print_list)
{
  if (items == NULL)
    {
      troupe_cli_finish (cli, error);
      return;
    }
  if (cli->json)
    {
      g_autoptr(JsonNode) node = troupe_cli_list_to_json (items, item_to_json);

      troupe_cli_print_json (node);
    }
  else
    print_list (items);
  troupe_cli_finish (cli, NULL);
}
