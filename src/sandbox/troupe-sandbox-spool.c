/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-spool.h"

#include <glib/gstdio.h>
#include <string.h>

#define SPOOL_KEY "troupe-sandbox-spool"
#define MAX_HEADER_BYTES (64 * 1024)
#define MAX_FIELD_BYTES (1024 * 1024)

typedef enum
{
  STATE_PREAMBLE,      /* before the first delimiter */
  STATE_AFTER_DELIMITER,
  STATE_HEADERS,
  STATE_BODY,
  STATE_END,
} State;

typedef struct
{
  State          state;
  char          *delimiter;     /* "\r\n--boundary" */
  gsize          delimiter_len;
  GByteArray    *pending;       /* bytes not yet consumed */
  char          *dir;
  /* The part being read. */
  char          *part_name;
  GString       *field;         /* a field's value, or NULL */
  GOutputStream *file;          /* the file part's sink, or NULL */
  /* What the body held. */
  GHashTable    *fields;
  char          *file_path;
  char          *file_name;
  gint64         file_size;
  GError        *error;
} Spool;

static void
spool_free (Spool *spool)
{
  if (spool->file != NULL)
    g_output_stream_close (spool->file, NULL, NULL);
  g_clear_object (&spool->file);
  if (spool->file_path != NULL)
    g_unlink (spool->file_path);
  g_free (spool->file_path);
  g_free (spool->file_name);
  g_free (spool->delimiter);
  g_free (spool->dir);
  g_free (spool->part_name);
  if (spool->field != NULL)
    g_string_free (spool->field, TRUE);
  g_byte_array_unref (spool->pending);
  g_hash_table_unref (spool->fields);
  g_clear_error (&spool->error);
  g_free (spool);
}

static void
fail (Spool      *spool,
      const char *message)
{
  if (spool->error == NULL)
    g_set_error_literal (&spool->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
}

static gssize
find (const guint8 *data,
      gsize         len,
      const char   *needle,
      gsize         needle_len)
{
  for (const guint8 *p = data; p + needle_len <= data + len; p++)
    {
      p = memchr (p, needle[0], data + len - p);
      if (p == NULL || p + needle_len > data + len)
        return -1;
      if (memcmp (p, needle, needle_len) == 0)
        return p - data;
    }
  return -1;
}

/* ---- one part ---- */

static void
open_file_part (Spool      *spool,
                const char *file_name)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (".incoming-", uuid, NULL);
  g_autoptr(GFile) file = NULL;

  if (spool->file_path != NULL)
    g_unlink (spool->file_path);
  g_free (spool->file_path);
  g_free (spool->file_name);
  spool->file_path = g_build_filename (spool->dir, name, NULL);
  spool->file_name = g_strdup (file_name);
  spool->file_size = 0;
  file = g_file_new_for_path (spool->file_path);
  spool->file = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &spool->error));
}

static void
begin_part (Spool        *spool,
            const guint8 *headers,
            gsize         len)
{
  /* soup_headers_parse() skips a first line, as it would a boundary. */
  g_autofree char *text = g_strdup_printf ("--\r\n%.*s", (int) len, (const char *) headers);
  g_autoptr(SoupMessageHeaders) parsed = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GHashTable) params = NULL;
  const char *name = NULL;

  if (soup_headers_parse (text, (int) strlen (text), parsed) &&
      soup_message_headers_get_content_disposition (parsed, NULL, &params))
    name = g_hash_table_lookup (params, "name");
  g_free (spool->part_name);
  spool->part_name = g_strdup (name);
  if (name != NULL && strcmp (name, "file") == 0)
    open_file_part (spool, g_hash_table_lookup (params, "filename"));
  else if (name != NULL)
    spool->field = g_string_new (NULL);
}

static void
write_body (Spool        *spool,
            const guint8 *data,
            gsize         len)
{
  if (len == 0)
    return;
  if (spool->file != NULL)
    {
      if (g_output_stream_write_all (spool->file, data, len, NULL, NULL, &spool->error))
        spool->file_size += (gint64) len;
    }
  else if (spool->field != NULL)
    {
      if (spool->field->len + len > MAX_FIELD_BYTES)
        fail (spool, "A form field is too large (1 MiB at most).");
      else
        g_string_append_len (spool->field, (const char *) data, (gssize) len);
    }
}

static void
end_part (Spool *spool)
{
  if (spool->file != NULL)
    {
      g_output_stream_close (spool->file, NULL, spool->error == NULL ? &spool->error : NULL);
      g_clear_object (&spool->file);
    }
  if (spool->field != NULL)
    g_hash_table_insert (spool->fields, g_strdup (spool->part_name),
                         g_string_free (g_steal_pointer (&spool->field), FALSE));
  g_clear_pointer (&spool->part_name, g_free);
}

/* ---- the state machine, fed chunk by chunk ---- */

/* Consumes what it can from `data`; returns how much. */
static gsize
step (Spool        *spool,
      const guint8 *data,
      gsize         len)
{
  gssize at;

  switch (spool->state)
    {
    case STATE_PREAMBLE:
      /* The first delimiter has no CRLF before it. */
      at = find (data, len, spool->delimiter + 2, spool->delimiter_len - 2);
      if (at < 0)
        return len > spool->delimiter_len ? len - spool->delimiter_len : 0;
      spool->state = STATE_AFTER_DELIMITER;
      return (gsize) at + spool->delimiter_len - 2;
    case STATE_AFTER_DELIMITER:
      if (len < 2)
        return 0;
      spool->state = memcmp (data, "--", 2) == 0 ? STATE_END : STATE_HEADERS;
      return 2;
    case STATE_HEADERS:
      at = find (data, len, "\r\n\r\n", 4);
      if (at < 0)
        {
          if (len > MAX_HEADER_BYTES)
            fail (spool, "A multipart part's headers are too long.");
          return 0;
        }
      begin_part (spool, data, (gsize) at + 2);
      spool->state = STATE_BODY;
      return (gsize) at + 4;
    case STATE_BODY:
      at = find (data, len, spool->delimiter, spool->delimiter_len);
      if (at < 0)
        {
          /* Keep a tail that could be the start of a delimiter. */
          gsize safe = len >= spool->delimiter_len ? len - spool->delimiter_len + 1 : 0;

          write_body (spool, data, safe);
          return safe;
        }
      write_body (spool, data, (gsize) at);
      end_part (spool);
      spool->state = STATE_AFTER_DELIMITER;
      return (gsize) at + spool->delimiter_len;
    case STATE_END:
    default:
      return len;
    }
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              Spool             *spool)
{
  gsize consumed = 0;

  if (spool->error != NULL)
    return;
  g_byte_array_append (spool->pending, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  while (spool->error == NULL && consumed < spool->pending->len)
    {
      gsize used = step (spool, spool->pending->data + consumed, spool->pending->len - consumed);

      if (used == 0)
        break;
      consumed += used;
    }
  g_byte_array_remove_range (spool->pending, 0, (guint) consumed);
}

void
troupe_sandbox_spool_attach (SoupServerMessage *msg,
                             const char        *dir,
                             const char        *boundary)
{
  Spool *spool = g_new0 (Spool, 1);

  spool->delimiter = g_strconcat ("\r\n--", boundary, NULL);
  spool->delimiter_len = strlen (spool->delimiter);
  spool->pending = g_byte_array_new ();
  spool->dir = g_strdup (dir);
  spool->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), spool);
  g_object_set_data_full (G_OBJECT (msg), SPOOL_KEY, spool, (GDestroyNotify) spool_free);
}

gboolean
troupe_sandbox_spool_is_attached (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), SPOOL_KEY) != NULL;
}

gboolean
troupe_sandbox_spool_take (SoupServerMessage  *msg,
                           GHashTable        **fields,
                           char              **file_path,
                           char              **file_name,
                           gint64             *file_size,
                           GError            **error)
{
  Spool *spool = g_object_get_data (G_OBJECT (msg), SPOOL_KEY);

  g_return_val_if_fail (spool != NULL, FALSE);
  if (spool->error == NULL && spool->state != STATE_END)
    fail (spool, "The multipart body ended before its closing boundary.");
  if (spool->error != NULL)
    {
      g_propagate_error (error, g_error_copy (spool->error));
      return FALSE;
    }
  *fields = g_hash_table_ref (spool->fields);
  *file_path = g_steal_pointer (&spool->file_path);
  *file_name = g_steal_pointer (&spool->file_name);
  *file_size = spool->file_size;
  return TRUE;
}
