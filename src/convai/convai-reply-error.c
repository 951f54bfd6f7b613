/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-client-private.h"
#include "convai-error.h"
#include "convai-error-private.h"
#include "convai-json-private.h"

#include <string.h>

/* Where Convai puts its words, in the order we trust them. */
static const char * const message_fields[] = {
  "API_ERROR", "ERROR", "INTERNAL_ERROR", "error", "detail", "message", "text", NULL
};

static ConvaiError
code_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED: return CONVAI_ERROR_UNAUTHORIZED;
    case SOUP_STATUS_FORBIDDEN: return CONVAI_ERROR_FORBIDDEN;
    case SOUP_STATUS_NOT_FOUND: return CONVAI_ERROR_NOT_FOUND;
    case 429: return CONVAI_ERROR_RATE_LIMITED;
    default:
      if (status >= 500)
        return CONVAI_ERROR_SERVER;
      if (status >= 400)
        return CONVAI_ERROR_BAD_REQUEST;
      return CONVAI_ERROR_PROTOCOL;
    }
}

static char *
message_from_json (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;

  if (len == 0 || !(root = convai_json_parse (data, len, NULL)))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (root));
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  for (guint i = 0; message_fields[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (json_node_get_object (root), message_fields[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
    }
  return NULL;
}

/* A short, printable, non-JSON body (a proxy's "Bad Gateway") is still the
 * server's words; an HTML page or binary garbage is not. */
static char *
message_from_text (GBytes *body)
{
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;

  if (len == 0 || len > 200 || !g_utf8_validate (data, len, NULL) || memchr (data, '<', len))
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (g_ascii_iscntrl (data[i]) && !g_ascii_isspace (data[i]))
      return NULL;
  {
    g_autofree char *text = g_strndup (data, len);
    return g_strdup (g_strstrip (text));
  }
}

GError *
convai_error_new_from_reply (guint       status,
                             const char *reason,
                             GBytes     *body)
{
  ConvaiError code = code_for_status (status);
  g_autofree char *words = message_from_json (body);

  if (words == NULL && status < 500)
    words = message_from_text (body);
  if (words == NULL || *words == '\0')
    {
      g_free (words);
      words = g_strdup_printf ("%u %s", status,
                               reason && *reason ? reason : soup_status_get_phrase (status));
    }
  /* The message is the server's words only: what to do next (a key, a plan,
   * a pause) is the caller's to say, in its own words and language. */
  {
    GError *error = g_error_new_literal (CONVAI_ERROR, code, words);

    convai_error_set_status (error, status);
    return error;
  }
}

/* Convai never redirects its API, and following one would carry the key
 * (and a POST's body) to wherever it points, over whatever scheme it
 * names: a redirect is a wrong address, said with where it pointed. */
static GError *
redirect_error (SoupMessage *message)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                       "Location");
  guint status = soup_message_get_status (message);
  g_autoptr(GUri) target = NULL;
  g_autofree char *where = NULL;
  GError *error;

  if (location != NULL)
    target = g_uri_parse_relative (soup_message_get_uri (message), location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target != NULL)
    where = g_uri_to_string_partial (target, G_URI_HIDE_PASSWORD);
  error = g_error_new (CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                       "The server redirected to %s (%u %s); check the API URL",
                       where ? where : "an address it did not give", status,
                       soup_status_get_phrase (status) ? soup_status_get_phrase (status) : "");
  convai_error_set_status (error, status);
  return error;
}

GError *
convai_error_new_from_message (SoupMessage *message,
                               GBytes      *body)
{
  guint status = soup_message_get_status (message);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    return redirect_error (message);
  return convai_error_new_from_reply (status, soup_message_get_reason_phrase (message), body);
}

GError *
convai_error_new_from_transport (GError     *error,
                                 const char *what)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || error->domain == CONVAI_ERROR)
    return error;
  mapped = g_error_new (CONVAI_ERROR, CONVAI_ERROR_NETWORK, "Could not reach %s: %s",
                        what, error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    convai_error_set_timed_out (mapped);
  g_error_free (error);
  return mapped;
}
