/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-cli-context.h"
#include "troupe-cli-output.h"

G_BEGIN_DECLS

/* One command or subcommand. @run gets its own arguments, argv[0] being its
 * name, and either finishes the run at once (troupe_cli_finish) or starts
 * async work whose callback does. @argv is freed when @run returns: copy
 * what the async work needs. */
typedef struct
{
  const char *name;
  const char *summary;
  void      (*run) (TroupeCli  *cli,
                    char      **argv);
} TroupeCliCommand;

/* Parses one command's options (plus the global ones) from @argv, in place,
 * leaving the program name and the positional arguments. --help prints the
 * help and exits 0. On a usage error it finishes the run with exit code 2
 * and returns FALSE; the positional count must lie in [min_args, max_args]. */
gboolean troupe_cli_parse_command (TroupeCli          *cli,
                                   char             ***argv,
                                   const char         *parameters,
                                   const char         *summary,
                                   const char         *description,
                                   const GOptionEntry *entries,
                                   guint               min_args,
                                   guint               max_args);

/* Runs the subcommand of a group ("characters list"): argv[0] is the group. */
void     troupe_cli_run_group     (TroupeCli              *cli,
                                   char                  **argv,
                                   const char             *summary,
                                   const TroupeCliCommand *commands);

char    *troupe_cli_describe_commands (const TroupeCliCommand *commands);

/* The ConvaiClient for the configured URL and key; NULL after finishing the
 * run with a usage error when the URL is refused or no key is known. */
ConvaiClient *troupe_cli_get_client (TroupeCli *cli);

/* The ends of a command's run, shared by the commands that report alike.
 * Each takes @error and finishes the run: with @error when the call failed,
 * else after printing the result (as JSON with --json). */
typedef void (*TroupeCliPrintFunc) (gpointer item);

/* A status reply: {"STATUS": "SUCCESS"}, else @done_message. */
void troupe_cli_finish_status (TroupeCli          *cli,
                               gboolean            ok,
                               GError             *error,
                               const char         *done_message);
/* One object (@item NULL when the call failed), through @to_json or @print. */
void troupe_cli_finish_item   (TroupeCli          *cli,
                               gpointer            item,
                               GError             *error,
                               TroupeCliToJson     to_json,
                               TroupeCliPrintFunc  print);
/* A list (@items NULL when the call failed): a JSON array of @item_to_json,
 * else @print_list (which gets the GListModel). */
void troupe_cli_finish_list   (TroupeCli          *cli,
                               GListModel         *items,
                               GError             *error,
                               TroupeCliToJson     item_to_json,
                               TroupeCliPrintFunc  print_list);

G_END_DECLS
