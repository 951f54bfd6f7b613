/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-multipart.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

/* An upload carries a few short fields beside its file part: 400 fields
 * of 1 MiB each would be 400 MiB held in memory. */
#define MAX_HEADER_BYTES (64 * 1024)
#define MAX_FIELD_BYTES (64 * 1024)
#define MAX_FIELDS 32

typedef enum
{
  STATE_PREAMBLE,      /* before the first delimiter */
  STATE_AFTER_DELIMITER,
  STATE_HEADERS,
  STATE_BODY,
  STATE_END,
} State;

struct _TroupeSandboxMultipart
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
  GByteArray    *file_data;     /* or the file part itself, without a dir */
  /* What the body held. */
  GHashTable    *fields;
  char          *file_path;
  char          *file_name;
  gint64         file_size;
  GError        *error;
};

void
troupe_sandbox_multipart_free (TroupeSandboxMultipart *self)
{
  if (self == NULL)
    return;
  if (self->file != NULL)
    g_output_stream_close (self->file, NULL, NULL);
  g_clear_object (&self->file);
  g_clear_pointer (&self->file_data, g_byte_array_unref);
  if (self->file_path != NULL)
    g_unlink (self->file_path);
  g_free (self->file_path);
  g_free (self->file_name);
  g_free (self->delimiter);
  g_free (self->dir);
  g_free (self->part_name);
  if (self->field != NULL)
    g_string_free (self->field, TRUE);
  g_byte_array_unref (self->pending);
  g_hash_table_unref (self->fields);
  g_clear_error (&self->error);
  g_free (self);
}

static void
fail (TroupeSandboxMultipart *self,
      const char *message)
{
  if (self->error == NULL)
    g_set_error_literal (&self->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
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
open_file_part (TroupeSandboxMultipart *self,
                const char *file_name)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (".incoming-", uuid, NULL);
  g_autoptr(GFile) file = NULL;

  if (self->file_path != NULL)
    g_unlink (self->file_path);
  g_clear_pointer (&self->file_path, g_free);
  g_clear_pointer (&self->file_data, g_byte_array_unref);
  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  self->file_size = 0;
  if (self->dir == NULL)
    {
      self->file_data = g_byte_array_new ();
      return;
    }
  self->file_path = g_build_filename (self->dir, name, NULL);
  file = g_file_new_for_path (self->file_path);
  self->file = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &self->error));
}

static void
begin_part (TroupeSandboxMultipart *self,
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
  g_free (self->part_name);
  self->part_name = g_strdup (name);
  if (name != NULL && strcmp (name, "file") == 0)
    open_file_part (self, g_hash_table_lookup (params, "filename"));
  else if (name != NULL && g_hash_table_size (self->fields) >= MAX_FIELDS)
    fail (self, "Too many form fields (32 at most).");
  else if (name != NULL)
    self->field = g_string_new (NULL);
}

static void
write_body (TroupeSandboxMultipart *self,
            const guint8 *data,
            gsize         len)
{
  if (len == 0)
    return;
  if (self->file != NULL)
    {
      if (g_output_stream_write_all (self->file, data, len, NULL, NULL, &self->error))
        self->file_size += (gint64) len;
    }
  else if (self->file_data != NULL && self->part_name != NULL && strcmp (self->part_name, "file") == 0)
    {
      g_byte_array_append (self->file_data, data, (guint) len);
      self->file_size += (gint64) len;
    }
  else if (self->field != NULL)
    {
      if (self->field->len + len > MAX_FIELD_BYTES)
        fail (self, "A form field is too large (64 KiB at most).");
      else
        g_string_append_len (self->field, (const char *) data, (gssize) len);
    }
}

static void
end_part (TroupeSandboxMultipart *self)
{
  if (self->file != NULL)
    {
      g_output_stream_close (self->file, NULL, self->error == NULL ? &self->error : NULL);
      g_clear_object (&self->file);
    }
  if (self->field != NULL)
    g_hash_table_insert (self->fields, g_strdup (self->part_name),
                         g_string_free (g_steal_pointer (&self->field), FALSE));
  g_clear_pointer (&self->part_name, g_free);
}

/* ---- the state machine, fed chunk by chunk ---- */

/* Consumes what it can from `data`; returns how much. */
static gsize
step (TroupeSandboxMultipart *self,
      const guint8 *data,
      gsize         len)
{
  gssize at;

  switch (self->state)
    {
    case STATE_PREAMBLE:
      /* The first delimiter has no CRLF before it. */
      at = find (data, len, self->delimiter + 2, self->delimiter_len - 2);
      if (at < 0)
        return len > self->delimiter_len ? len - self->delimiter_len : 0;
      self->state = STATE_AFTER_DELIMITER;
      return (gsize) at + self->delimiter_len - 2;
    case STATE_AFTER_DELIMITER:
      if (len < 2)
        return 0;
      self->state = memcmp (data, "--", 2) == 0 ? STATE_END : STATE_HEADERS;
      return 2;
    case STATE_HEADERS:
      at = find (data, len, "\r\n\r\n", 4);
      if (at < 0)
        {
          if (len > MAX_HEADER_BYTES)
            fail (self, "A multipart part's headers are too long.");
          return 0;
        }
      begin_part (self, data, (gsize) at + 2);
      self->state = STATE_BODY;
      return (gsize) at + 4;
    case STATE_BODY:
      at = find (data, len, self->delimiter, self->delimiter_len);
      if (at < 0)
        {
          /* Keep a tail that could be the start of a delimiter. */
          gsize safe = len >= self->delimiter_len ? len - self->delimiter_len + 1 : 0;

          write_body (self, data, safe);
          return safe;
        }
      write_body (self, data, (gsize) at);
      end_part (self);
      self->state = STATE_AFTER_DELIMITER;
      return (gsize) at + self->delimiter_len;
    case STATE_END:
    default:
      return len;
    }
}

TroupeSandboxMultipart *
troupe_sandbox_multipart_new (const char *boundary,
                              const char *dir)
{
  TroupeSandboxMultipart *self = g_new0 (TroupeSandboxMultipart, 1);

  self->delimiter = g_strconcat ("\r\n--", boundary, NULL);
  self->delimiter_len = strlen (self->delimiter);
  self->pending = g_byte_array_new ();
  self->dir = g_strdup (dir);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

gboolean
troupe_sandbox_multipart_feed (TroupeSandboxMultipart *self,
                               const guint8           *data,
                               gsize                   len)
{
  gsize consumed = 0;

  if (self->error != NULL)
    return FALSE;
  g_byte_array_append (self->pending, data, (guint) len);
  while (self->error == NULL && consumed < self->pending->len)
    {
      gsize used = step (self, self->pending->data + consumed, self->pending->len - consumed);

      if (used == 0)
        break;
      consumed += used;
    }
  g_byte_array_remove_range (self->pending, 0, (guint) consumed);
  return self->error == NULL;
}

gboolean
troupe_sandbox_multipart_finish (TroupeSandboxMultipart  *self,
                                 GHashTable             **fields,
                                 char                   **file_path,
                                 char                   **file_name,
                                 gint64                  *file_size,
                                 GError                 **error)
{
  if (self->error == NULL && self->state != STATE_END)
    fail (self, "The multipart body ended before its closing boundary.");
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  *fields = g_hash_table_ref (self->fields);
  *file_path = g_steal_pointer (&self->file_path);
  *file_name = g_steal_pointer (&self->file_name);
  *file_size = self->file_size;
  return TRUE;
}

const GError *
troupe_sandbox_multipart_get_error (TroupeSandboxMultipart *self)
{
  return self->error;
}

GBytes *
troupe_sandbox_multipart_take_file_data (TroupeSandboxMultipart *self)
{
  if (self->file_data == NULL)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&self->file_data));
}
