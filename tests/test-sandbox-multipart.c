/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The upload parser: any split of the bytes gives the same fields and the
 * same file, byte for byte; bad bodies are refused. */
#include <glib/gstdio.h>
#include <string.h>

#include "troupe-sandbox-multipart.h"

#define BOUNDARY "XyZ-42"

/* File bytes that look like the start of a delimiter, more than once. */
static const char file_bytes[] = "line one\r\n--XyZ-4 not quite\r\n--Xy\r\r\n\r\n--\0binary\xff\r\n-";

static GBytes *
build_body (void)
{
  GString *body = g_string_new (NULL);

  g_string_append (body, "--" BOUNDARY "\r\n"
                         "Content-Disposition: form-data; name=\"file_name\"\r\n\r\n"
                         "notes.txt\r\n"
                         "--" BOUNDARY "\r\n"
                         "Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                         "Content-Type: application/octet-stream\r\n\r\n");
  g_string_append_len (body, file_bytes, sizeof file_bytes - 1);
  g_string_append (body, "\r\n--" BOUNDARY "\r\n"
                         "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
                         "\r\n--" BOUNDARY "--\r\n");
  return g_string_free_to_bytes (body);
}

static void
parse_in_pieces (GBytes      *body,
                 const gsize *cuts,
                 guint        n_cuts,
                 const char  *dir)
{
  g_autoptr(TroupeSandboxMultipart) parser = troupe_sandbox_multipart_new (BOUNDARY, dir);
  const guint8 *data = g_bytes_get_data (body, NULL);
  gsize len = g_bytes_get_size (body);
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *file_path = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize contents_len = 0, start = 0;
  gint64 file_size = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize end = i < n_cuts ? cuts[i] : len;

      g_assert_true (troupe_sandbox_multipart_feed (parser, data + start, end - start));
      start = end;
    }
  g_assert_true (troupe_sandbox_multipart_finish (parser, &fields, &file_path, &file_name, &file_size, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (fields, "file_name"), ==, "notes.txt");
  g_assert_cmpstr (g_hash_table_lookup (fields, "empty"), ==, "");
  g_assert_false (g_hash_table_contains (fields, "file"));
  g_assert_cmpstr (file_name, ==, "notes.txt");
  g_assert_cmpint (file_size, ==, sizeof file_bytes - 1);
  g_assert_true (g_file_get_contents (file_path, &contents, &contents_len, NULL));
  g_assert_cmpmem (contents, contents_len, file_bytes, sizeof file_bytes - 1);
  g_unlink (file_path);
}

static void
test_every_split (void)
{
  g_autofree char *dir = g_dir_make_tmp ("troupe-multipart-XXXXXX", NULL);
  g_autoptr(GBytes) body = build_body ();
  gsize len = g_bytes_get_size (body);

  for (gsize cut = 0; cut <= len; cut++)
    parse_in_pieces (body, &cut, 1, dir);
  g_rmdir (dir);
}

static void
test_byte_by_byte_and_random (void)
{
  g_autofree char *dir = g_dir_make_tmp ("troupe-multipart-XXXXXX", NULL);
  g_autoptr(GBytes) body = build_body ();
  gsize len = g_bytes_get_size (body);
  g_autofree gsize *cuts = g_new (gsize, len);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (gsize i = 0; i < len; i++)
    cuts[i] = i + 1;
  parse_in_pieces (body, cuts, (guint) len - 1, dir);
  for (guint round = 0; round < 200; round++)
    {
      guint n = 0;

      for (gsize at = (gsize) g_rand_int_range (rand, 1, 12); at < len; at += (gsize) g_rand_int_range (rand, 1, 12))
        cuts[n++] = at;
      parse_in_pieces (body, cuts, n, dir);
    }
  g_rmdir (dir);
}

static void
assert_refused (const char *text,
                const char *reason)
{
  g_autofree char *dir = g_dir_make_tmp ("troupe-multipart-XXXXXX", NULL);
  g_autoptr(TroupeSandboxMultipart) parser = troupe_sandbox_multipart_new (BOUNDARY, dir);
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *file_path = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size = 0;

  troupe_sandbox_multipart_feed (parser, (const guint8 *) text, strlen (text));
  g_assert_false (troupe_sandbox_multipart_finish (parser, &fields, &file_path, &file_name, &size, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, reason));
  g_clear_pointer (&parser, troupe_sandbox_multipart_free);
  g_rmdir (dir);
}

static void
test_refused (void)
{
  g_autoptr(GString) big = g_string_new ("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n");

  assert_refused ("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc",
                  "closing boundary");
  assert_refused ("no boundary anywhere", "closing boundary");
  for (guint i = 0; i < 1100; i++)
    g_string_append (big, "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "01234567890123456789012345678901234567890123456789012345678901234567890123");
  assert_refused (big->str, "too large");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/sandbox-multipart/every-split", test_every_split);
  g_test_add_func ("/troupe/sandbox-multipart/byte-by-byte-and-random", test_byte_by_byte_and_random);
  g_test_add_func ("/troupe/sandbox-multipart/refused", test_refused);
  return g_test_run ();
}
