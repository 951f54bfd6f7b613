/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-context.h"

#include <libsoup/soup.h>
#include <stdio.h>

G_DEFINE_QUARK (troupe-cli-usage-error-quark, troupe_cli_usage_error)

TroupeCli *
troupe_cli_new (void)
{
  TroupeCli *cli = g_new0 (TroupeCli, 1);

  cli->cancellable = g_cancellable_new ();
  cli->loop = g_main_loop_new (NULL, FALSE);
  return cli;
}

void
troupe_cli_free (TroupeCli *cli)
{
  if (cli == NULL)
    return;
  g_free (cli->url);
  g_free (cli->api_key);
  g_free (cli->api_key_file);
  g_clear_object (&cli->client);
  g_clear_object (&cli->cancellable);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_free (cli);
}

/* The options every command accepts, before or after its name. They go
 * into each context's main group, so every --help lists them. */
void
troupe_cli_add_global_options (TroupeCli      *cli,
                               GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &cli->url,
      "API base URL (default $CONVAI_API_URL, else https://api.convai.com)", "URL" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &cli->api_key,
      "API key (default $CONVAI_API_KEY, else Troupe's keyring entry); "
      "other users can read it in ps: prefer --api-key-file or the variable", "KEY" },
    { "api-key-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->api_key_file,
      "Read the API key from FILE (its first line), or from standard input with -", "FILE" },
    { "timeout", 't', 0, G_OPTION_ARG_DOUBLE, &cli->timeout,
      "Give up on a server that stays silent for SECONDS (default 60)", "SECONDS" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      "Print the reply as JSON, for scripts", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

/* Network trouble that never became a Convai error (the client may hand a
 * GIO or resolver error through) counts as a network error too. */
static gboolean
is_network_error (const GError *error)
{
  if (error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR)
    return TRUE;
  if (error->domain != G_IO_ERROR)
    return FALSE;
  switch (error->code)
    {
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_HOST_NOT_FOUND:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_TIMED_OUT:
    case G_IO_ERROR_BROKEN_PIPE:
    case G_IO_ERROR_PROXY_FAILED:
    case G_IO_ERROR_NOT_CONNECTED:
      return TRUE;
    default:
      return FALSE;
    }
}

int
troupe_cli_exit_code_for_error (const GError *error)
{
  if (error == NULL)
    return TROUPE_CLI_EXIT_OK;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TROUPE_CLI_EXIT_CANCELLED;
  if (error->domain == TROUPE_CLI_USAGE_ERROR || error->domain == G_OPTION_ERROR)
    return TROUPE_CLI_EXIT_USAGE;
  if (error->domain == CONVAI_ERROR)
    return error->code == CONVAI_ERROR_NETWORK ? TROUPE_CLI_EXIT_NETWORK : TROUPE_CLI_EXIT_API;
  if (is_network_error (error))
    return TROUPE_CLI_EXIT_NETWORK;
  return TROUPE_CLI_EXIT_FAILURE;
}

/* "429 Too Many Requests" */
static char *
describe_status (guint status)
{
  /* libsoup 3.2's table lacks 429 and calls it "Unknown Error". */
  const char *phrase = status == 429 ? "Too Many Requests" : soup_status_get_phrase (status);

  if (phrase == NULL || g_str_equal (phrase, "Unknown Error"))
    return g_strdup_printf ("%u", status);
  return g_strdup_printf ("%u %s", status, phrase);
}

/* "3 times (retried 2 times)", "once (not retried: ...)". */
static char *
describe_attempts (const GError *error)
{
  guint attempts = convai_error_get_attempts (error);

  if (attempts > 1)
    return g_strdup_printf ("%u times (retried %u %s)", attempts, attempts - 1,
                            attempts == 2 ? "time" : "times");
  if (!convai_error_get_retry_safe (error))
    return g_strdup ("once (not retried: repeating this call could do it twice)");
  return g_strdup ("once (not retried)");
}

/* 429 and 5xx: what the server answered, how often it was asked, and
 * what a person can do about it. */
static char *
hint_for_busy_server (const GError *error)
{
  guint status = convai_error_get_status (error);
  g_autofree char *answered = describe_status (status);
  g_autofree char *attempts = describe_attempts (error);

  if (status == 429)
    return g_strdup_printf ("The server answered %s %s: a rate or plan limit. Try again in a minute; "
                            "if it keeps happening, check the plan's usage with “troupe-cli usage”.",
                            answered, attempts);
  return g_strdup_printf ("The server answered %s %s: the trouble is on the server's side. "
                          "Try again in a minute.", answered, attempts);
}

static char *
hint_for_network_error (TroupeCli    *cli,
                        const GError *error)
{
  if (convai_error_is_cut (error))
    return g_strdup ("What was printed above is only the part of the reply that arrived. Try again.");
  if (convai_error_is_timeout (error))
    return g_strdup_printf ("The server said nothing for %g s. Try again in a minute, or wait longer "
                            "with --timeout SECONDS.",
                            cli->timeout > 0 ? cli->timeout : TROUPE_CLI_DEFAULT_TIMEOUT_S);
  return g_strdup ("Check the network connection and the API URL (--url or CONVAI_API_URL).");
}

/* libconvai's messages are the server's words only; what to do next is ours. */
static char *
hint_for_error (TroupeCli    *cli,
                const GError *error)
{
  guint status = convai_error_get_status (error);

  if (troupe_cli_exit_code_for_error (error) == TROUPE_CLI_EXIT_USAGE)
    return g_strdup ("Run “troupe-cli --help” or “troupe-cli COMMAND --help” for usage.");
  if (g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_UNAUTHORIZED))
    return g_strdup ("Check the API key (CONVAI_API_KEY or the keyring); most of the Convai API "
                     "also needs a Professional plan or higher.");
  if (g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_FORBIDDEN))
    return g_strdup ("Your Convai plan may not include this; most of the Convai API needs a "
                     "Professional plan or higher.");
  if (g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_RATE_LIMITED)
      || g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_SERVER))
    return hint_for_busy_server (error);
  if (g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL) && status >= 300 && status < 400)
    return g_strdup ("Check the API URL (--url or CONVAI_API_URL); Convai's is https://api.convai.com.");
  if (g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_NETWORK))
    return hint_for_network_error (cli, error);
  return NULL;
}

/* Ends the command: the error (or none) decides the exit code and is told on
 * stderr. Takes ownership of @error. */
void
troupe_cli_finish (TroupeCli *cli,
                   GError    *error)
{
  g_autoptr(GError) owned = error;

  if (cli->done)
    return;
  cli->done = TRUE;
  cli->exit_code = troupe_cli_exit_code_for_error (error);
  if (error != NULL)
    {
      g_autofree char *hint = hint_for_error (cli, error);

      if (cli->exit_code == TROUPE_CLI_EXIT_CANCELLED)
        g_printerr ("troupe-cli: cancelled\n");
      else
        g_printerr ("troupe-cli: %s\n", error->message);
      if (hint != NULL)
        g_printerr ("%s\n", hint);
    }
  fflush (stdout);
  g_main_loop_quit (cli->loop);
}

void
troupe_cli_usage_failed (TroupeCli  *cli,
                         const char *format,
                         ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (TROUPE_CLI_USAGE_ERROR, 0, format, args);
  va_end (args);
  troupe_cli_finish (cli, error);
}

/* Runs the main loop until the command has finished, and gives its exit code. */
int
troupe_cli_wait (TroupeCli *cli)
{
  if (!cli->done)
    g_main_loop_run (cli->loop);
  return cli->exit_code;
}
