/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE   /* copy_file_range() */
#include "troupe-sandbox-request.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "troupe-sandbox-server.h"

#define MAX_FIELD_BYTES (1024 * 1024)

static void
add_json_scalars (GHashTable *fields,
                  JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      char *value = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          value = g_strdup (json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          value = g_strdup (json_node_get_boolean (node) ? "True" : "False");
          break;
        case G_TYPE_INT64:
          value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          value = g_strdup_printf ("%g", json_node_get_double (node));
          break;
        default:
          continue;
        }
      g_hash_table_insert (fields, g_strdup (l->data), value);
    }
}

static gboolean
decode_json (TroupeSandboxRequest *self,
             GBytes               *body,
             char                **error_message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  JsonNode *root;

  if (len == 0)
    return TRUE;
  if (!json_parser_load_from_data (parser, data, (gssize) len, &error))
    {
      *error_message = g_strdup_printf ("Request body is not valid JSON: %s", error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      *error_message = g_strdup ("Request body must be a JSON object.");
      return FALSE;
    }
  self->json = json_object_ref (json_node_get_object (root));
  add_json_scalars (self->fields, self->json);
  return TRUE;
}

static void
merge_fields (GHashTable *into,
              GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (into, g_strdup (key), g_strdup (value));
}

/* Every part with a filename other than "file" is read as a field too:
 * Convai's own sample sends file_name as a file tuple. */
static gboolean
decode_multipart (TroupeSandboxRequest *self,
                  GBytes               *body,
                  char                **error_message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (self->msg);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);
  int n;

  if (multipart == NULL)
    {
      *error_message = g_strdup ("Malformed multipart/form-data body.");
      return FALSE;
    }
  n = soup_multipart_get_length (multipart);
  for (int i = 0; i < n; i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autoptr(GHashTable) params = NULL;
      const char *name;

      soup_multipart_get_part (multipart, i, &part_headers, &part_body);
      if (!soup_message_headers_get_content_disposition (part_headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      if (name == NULL)
        continue;
      if (strcmp (name, "file") == 0)
        {
          g_clear_pointer (&self->file, g_bytes_unref);
          g_free (self->file_name);
          self->file = g_bytes_ref (part_body);
          self->file_name = g_strdup (g_hash_table_lookup (params, "filename"));
        }
      else
        g_hash_table_insert (self->fields, g_strdup (name),
                             g_strndup (g_bytes_get_data (part_body, NULL),
                                        g_bytes_get_size (part_body)));
    }
  return TRUE;
}

static gboolean
decode_form (TroupeSandboxRequest *self,
             GBytes               *body)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GHashTable) form = soup_form_decode (text);

  merge_fields (self->fields, form);
  return TRUE;
}

static gboolean
decode_body (TroupeSandboxRequest *self,
             char                **error_message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (self->msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (self->msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (request_body);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  GUri *uri = soup_server_message_get_uri (self->msg);

  if (g_uri_get_query (uri) != NULL)
    {
      g_autoptr(GHashTable) query = soup_form_decode (g_uri_get_query (uri));
      merge_fields (self->fields, query);
    }
  if (type != NULL && g_ascii_strcasecmp (type, "multipart/form-data") == 0)
    return decode_multipart (self, body, error_message);
  if (type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0)
    return decode_form (self, body);
  if (g_bytes_get_size (body) == 0)
    return TRUE;
  /* JSON is the default: some clients omit the Content-Type. */
  return decode_json (self, body, error_message);
}

TroupeSandboxRequest *
troupe_sandbox_request_new (TroupeSandboxServer  *server,
                            SoupServerMessage    *msg,
                            const char           *path,
                            char                **error_message)
{
  TroupeSandboxRequest *self = g_rc_box_new0 (TroupeSandboxRequest);

  self->server = server;
  self->msg = g_object_ref (msg);
  self->path = g_strdup (path);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!decode_body (self, error_message))
    {
      troupe_sandbox_request_unref (self);
      return NULL;
    }
  return self;
}

/* ---- spooled multipart bodies ---- */

typedef struct
{
  TroupeSandboxRequest *request;
  char                 *spool_path;
  char                 *content_type;
} SpoolJob;

static void
spool_job_free (SpoolJob *job)
{
  troupe_sandbox_request_unref (job->request);
  g_free (job->spool_path);
  g_free (job->content_type);
  g_free (job);
}

static const guint8 *
find_bytes (const guint8 *haystack,
            gsize         len,
            const char   *needle,
            gsize         needle_len)
{
  const guint8 *end = haystack + len;

  for (const guint8 *p = haystack; p + needle_len <= end; p++)
    {
      p = memchr (p, needle[0], end - p);
      if (p == NULL || p + needle_len > end)
        return NULL;
      if (memcmp (p, needle, needle_len) == 0)
        return p;
    }
  return NULL;
}

/* In-kernel copy of a byte range of the spool; FALSE when the file system
 * cannot, and the caller copies through memory instead. */
static gboolean
copy_range_in_kernel (const char *spool_path,
                      goffset     offset,
                      gsize       size,
                      int         out_fd)
{
  int in_fd = g_open (spool_path, O_RDONLY, 0);
  loff_t in_offset = offset;
  gboolean ok = in_fd >= 0;

  while (ok && size > 0)
    {
      ssize_t copied = copy_file_range (in_fd, &in_offset, out_fd, NULL, size, 0);

      if (copied <= 0)
        ok = FALSE;
      else
        size -= (gsize) copied;
    }
  if (in_fd >= 0)
    close (in_fd);
  return ok;
}

static gboolean
save_file_part (TroupeSandboxRequest  *self,
                const guint8          *data,
                gsize                  size,
                goffset                offset,
                const char            *spool_path,
                const char            *file_name,
                GError               **error)
{
  g_autofree char *path = g_strconcat (spool_path, ".file", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_autoptr(GOutputStream) out = NULL;
  gboolean ok;

  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "Cannot store the upload: %s",
                   g_strerror (errno));
      return FALSE;
    }
  out = g_unix_output_stream_new (fd, TRUE);
  ok = copy_range_in_kernel (spool_path, offset, size, fd) ||
       (lseek (fd, 0, SEEK_SET) == 0 && ftruncate (fd, 0) == 0 &&
        g_output_stream_write_all (out, data, size, NULL, NULL, error));
  if (!g_output_stream_close (out, NULL, ok ? error : NULL) || !ok)
    {
      if (ok || (error != NULL && *error == NULL))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot store the upload.");
      g_unlink (path);
      return FALSE;
    }
  if (self->file_path != NULL)
    g_unlink (self->file_path);
  g_free (self->file_path);
  g_free (self->file_name);
  self->file_path = g_steal_pointer (&path);
  self->file_size = (gint64) size;
  self->file_name = g_strdup (file_name);
  return TRUE;
}

/* One part: headers, a blank line, then the body up to the next
 * delimiter. */
static gboolean
decode_spooled_part (SpoolJob      *job,
                     const guint8  *spool,
                     const guint8  *part,
                     gsize          size,
                     GError       **error)
{
  const guint8 *blank = find_bytes (part, size, "\r\n\r\n", 4);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *header_text = NULL;
  const guint8 *body;
  const char *name;

  if (blank == NULL)
    return TRUE;
  /* soup_headers_parse() skips a first line, as it would a boundary. */
  header_text = g_strdup_printf ("--\r\n%.*s", (int) (blank - part + 4), (const char *) part);
  body = blank + 4;
  if (!soup_headers_parse (header_text, (int) strlen (header_text), headers) ||
      !soup_message_headers_get_content_disposition (headers, NULL, &params) ||
      (name = g_hash_table_lookup (params, "name")) == NULL)
    return TRUE;
  if (strcmp (name, "file") == 0)
    return save_file_part (job->request, body, size - (body - part), body - spool, job->spool_path,
                           g_hash_table_lookup (params, "filename"), error);
  if (size - (body - part) > MAX_FIELD_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The form field %s is too large.", name);
      return FALSE;
    }
  g_hash_table_insert (job->request->fields, g_strdup (name),
                       g_strndup ((const char *) body, size - (body - part)));
  return TRUE;
}

/* The spooled body is mapped, not read: the file part goes from the page
 * cache to its own file. */
static gboolean
decode_spooled_parts (SpoolJob  *job,
                      GError   **error)
{
  g_autoptr(SoupMessageHeaders) type_header = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *delimiter = NULL;
  const char *boundary = NULL;
  const guint8 *data, *end, *p;
  gsize len;

  soup_message_headers_replace (type_header, "Content-Type", job->content_type);
  if (soup_message_headers_get_content_type (type_header, &params) != NULL && params != NULL)
    boundary = g_hash_table_lookup (params, "boundary");
  if (boundary == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The multipart body has no boundary.");
      return FALSE;
    }
  mapped = g_mapped_file_new (job->spool_path, FALSE, error);
  if (mapped == NULL)
    return FALSE;
  data = (const guint8 *) g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  end = data + len;
  delimiter = g_strconcat ("--", boundary, NULL);
  p = data != NULL ? find_bytes (data, len, delimiter, strlen (delimiter)) : NULL;
  if (p == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Malformed multipart/form-data body.");
      return FALSE;
    }
  g_free (delimiter);
  delimiter = g_strconcat ("\r\n--", boundary, NULL);
  for (p += strlen (delimiter) - 2; p + 2 <= end && memcmp (p, "--", 2) != 0;)
    {
      const guint8 *start = p + 2;   /* past the CRLF after the boundary */
      const guint8 *next = find_bytes (start, end - start, delimiter, strlen (delimiter));

      if (next == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The multipart body is truncated.");
          return FALSE;
        }
      if (!decode_spooled_part (job, data, start, next - start, error))
        return FALSE;
      p = next + strlen (delimiter);
    }
  return TRUE;
}

static void
decode_spool_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SpoolJob *job = task_data;
  GError *error = NULL;

  if (!decode_spooled_parts (job, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, troupe_sandbox_request_ref (job->request),
                           (GDestroyNotify) troupe_sandbox_request_unref);
}

void
troupe_sandbox_request_new_async (TroupeSandboxServer *server,
                                  SoupServerMessage   *msg,
                                  const char          *path,
                                  const char          *spool_path,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  SpoolJob *job = g_new0 (SpoolJob, 1);

  job->request = g_rc_box_new0 (TroupeSandboxRequest);
  job->request->server = server;
  job->request->msg = g_object_ref (msg);
  job->request->path = g_strdup (path);
  job->request->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->spool_path = g_strdup (spool_path);
  job->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  g_task_set_source_tag (task, troupe_sandbox_request_new_async);
  g_task_set_task_data (task, job, (GDestroyNotify) spool_job_free);
  if (job->content_type == NULL || !g_str_has_prefix (job->content_type, "multipart/form-data"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "This endpoint takes multipart/form-data.");
      return;
    }
  troupe_sandbox_server_run_in_thread (server, task, decode_spool_thread);
}

TroupeSandboxRequest *
troupe_sandbox_request_new_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

TroupeSandboxRequest *
troupe_sandbox_request_ref (TroupeSandboxRequest *self)
{
  return g_rc_box_acquire (self);
}

static void
request_clear (TroupeSandboxRequest *self)
{
  g_clear_object (&self->msg);
  g_free (self->path);
  g_hash_table_unref (self->fields);
  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->file, g_bytes_unref);
  g_free (self->file_name);
  if (self->file_path != NULL)
    g_unlink (self->file_path);
  g_free (self->file_path);
}

void
troupe_sandbox_request_unref (TroupeSandboxRequest *self)
{
  if (self != NULL)
    g_rc_box_release_full (self, (GDestroyNotify) request_clear);
}

const char *
troupe_sandbox_request_field (TroupeSandboxRequest *self,
                              const char           *name)
{
  const char *value = g_hash_table_lookup (self->fields, name);

  return (value != NULL && *value != '\0') ? value : NULL;
}

gboolean
troupe_sandbox_request_flag (TroupeSandboxRequest *self,
                             const char           *name)
{
  const char *value = troupe_sandbox_request_field (self, name);

  return value != NULL && (g_ascii_strcasecmp (value, "true") == 0 || strcmp (value, "1") == 0);
}
