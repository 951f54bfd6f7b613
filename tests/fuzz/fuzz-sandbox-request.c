/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the sandbox's request decoding: the first byte
 * picks the Content-Type (none, JSON, urlencoded, multipart) and whether
 * the bytes are a query too; the rest is the body. Any input is decoded
 * or refused with a message, never a crash, and a body the JSON check
 * passes never nests deeper than it allows. */
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "troupe-sandbox-json-check.h"
#include "troupe-sandbox-request.h"

/* Criticals are fatal: see fuzz-sandbox-init.c. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char *const types[] = {
  NULL, "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ",
};

static void
read_fields (TroupeSandboxRequest *request)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, request->fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      troupe_sandbox_request_field (request, key);
      troupe_sandbox_request_flag (request, key);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  SoupMessageHeaders *headers;
  GBytes *body;
  char *query = NULL;
  char *copy;
  char *error_message = NULL;
  TroupeSandboxRequest *request;

  if (size < 1)
    return 0;
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  if (types[data[0] % G_N_ELEMENTS (types)] != NULL)
    soup_message_headers_replace (headers, "Content-Type", types[data[0] % G_N_ELEMENTS (types)]);
  if (data[0] & 0x10)
    query = g_strndup ((const char *) data + 1, size - 1);
  /* NUL-terminated past its end, as soup_message_body_flatten() makes
   * the sandbox's bodies: libsoup's multipart parser relies on it. */
  copy = g_malloc (size);
  memcpy (copy, data + 1, size - 1);
  copy[size - 1] = '\0';
  body = g_bytes_new_take (copy, size - 1);
  request = troupe_sandbox_request_decode (NULL, NULL, "/fuzz", headers, query, body, &error_message);
  if ((request == NULL) == (error_message == NULL))
    abort ();
  if (request != NULL)
    read_fields (request);
  troupe_sandbox_request_unref (request);
  g_free (error_message);
  g_free (query);
  g_bytes_unref (body);
  soup_message_headers_unref (headers);
  return 0;
}
