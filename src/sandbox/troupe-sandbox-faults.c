/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-faults.h"

#include <string.h>

#include "troupe-sandbox-reply.h"

static char *
normalize_path (const char *path)
{
  return path[0] == '/' ? g_strdup (path) : g_strconcat ("/", path, NULL);
}

TroupeSandboxFaults *
troupe_sandbox_faults_new (void)
{
  TroupeSandboxFaults *self = g_new0 (TroupeSandboxFaults, 1);

  self->status_always = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->status_once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->garbage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->retry_after = 1;
  self->cut_stream_after = -1;
  self->malformed_word = -1;
  return self;
}

void
troupe_sandbox_faults_free (TroupeSandboxFaults *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->status_always);
  g_hash_table_unref (self->status_once);
  g_hash_table_unref (self->garbage);
  g_free (self);
}

gboolean
troupe_sandbox_faults_add_status (TroupeSandboxFaults *self,
                                  const char          *spec,
                                  gboolean             once,
                                  GError             **error)
{
  const char *colon = strrchr (spec, ':');
  g_autofree char *path = NULL;
  guint64 code = 0;

  if (colon == NULL || colon == spec ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 100, 599, &code, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "expected PATH:CODE with CODE in 100..599, got \"%s\"", spec);
      return FALSE;
    }
  path = g_strndup (spec, colon - spec);
  g_hash_table_insert (once ? self->status_once : self->status_always,
                       normalize_path (path),
                       GUINT_TO_POINTER ((guint) code));
  return TRUE;
}

void
troupe_sandbox_faults_add_garbage (TroupeSandboxFaults *self,
                                   const char          *path)
{
  g_hash_table_add (self->garbage, normalize_path (path));
}

static void
answer_status (TroupeSandboxFaults *self,
               SoupServerMessage   *msg,
               guint                status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (status == 429 || status == 503)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", self->retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  if (status == 429)
    troupe_sandbox_reply_message (msg, status, "API_ERROR",
                                  "API rate limit exceeded. Please try again later.");
  else if (status == 401)
    troupe_sandbox_reply_message (msg, status, "API_ERROR", "Invalid API key provided.");
  else if (status >= 500)
    troupe_sandbox_reply_text (msg, status, "text/html",
                               "<html><body><h1>Injected server error</h1></body></html>");
  else
    troupe_sandbox_reply_message (msg, status, "ERROR", "Injected fault (troupe-sandbox --fault-status).");
}

gboolean
troupe_sandbox_faults_answer (TroupeSandboxFaults *self,
                              SoupServerMessage   *msg,
                              const char          *path)
{
  g_autofree char *once_key = NULL;
  gpointer status;

  if (g_hash_table_steal_extended (self->status_once, path, (gpointer *) &once_key, &status) ||
      (status = g_hash_table_lookup (self->status_always, path)) != NULL)
    {
      answer_status (self, msg, GPOINTER_TO_UINT (status));
      return TRUE;
    }
  if (g_hash_table_contains (self->garbage, path))
    {
      troupe_sandbox_reply_text (msg, SOUP_STATUS_OK, "application/json",
                                 "<html>502 Bad Gateway</html>\x01 {\"charID\": ");
      return TRUE;
    }
  return FALSE;
}
