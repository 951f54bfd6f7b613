/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The knowledge bank end to end: upload, asynchronous processing, FTS-backed
 * replies only from connected and available documents, update, delete. */
#include <glib/gstdio.h>
#include <string.h>

#include "sandbox-test-client.h"

#define BACKSTORY "Oren Vale is a beekeeper on the chalk hills above Lynmouth. " \
                  "He keeps forty hives and sells honey at the Saturday market."
#define FACT_QUESTION "What is the password of the old cellar door?"
#define FACT_WORD "marmalade"
#define FACT_TEXT "The cellar notes.\n\nThe password of the old cellar door is " FACT_WORD ".\n" \
                  "Nobody has opened the cellar since the flood.\n"

static gboolean
reply_mentions (TroupeTestSandbox *sandbox,
                const char        *character_id,
                const char        *question,
                const char        *word)
{
  g_autofree char *answer = sandbox_ask (sandbox, character_id, question);

  g_test_message ("%s -> %s", question, answer);
  return strstr (answer, word) != NULL;
}

static void
test_connect_and_answer (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *id = sandbox_create_character (sandbox, "Oren", BACKSTORY);
  g_autofree char *doc_id = sandbox_upload_document (sandbox, "cellar.txt", FACT_TEXT);
  g_autoptr(JsonObject) doc = sandbox_wait_document (sandbox, id, doc_id);

  g_assert_true (json_object_get_boolean_member (doc, "is_available"));
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "inactive");
  /* Available but not connected: the character does not know it. */
  g_assert_false (reply_mentions (sandbox, id, FACT_QUESTION, FACT_WORD));

  sandbox_connect_document (sandbox, id, doc_id, TRUE);
  g_clear_pointer (&doc, json_object_unref);
  doc = sandbox_find_document (sandbox, id, doc_id);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "active");
  g_assert_true (reply_mentions (sandbox, id, FACT_QUESTION, FACT_WORD));
  /* The backstory still answers its own questions. */
  g_assert_true (reply_mentions (sandbox, id, "How many hives do you keep?", "forty hives"));

  sandbox_connect_document (sandbox, id, doc_id, FALSE);
  g_assert_false (reply_mentions (sandbox, id, FACT_QUESTION, FACT_WORD));
}

/* Connected before processing ends: the fact appears only once the
 * document is available. */
static void
test_processing_then_available (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *id = sandbox_create_character (sandbox, "Oren", BACKSTORY);
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *big_id = NULL;
  g_autofree char *doc_id = NULL;
  g_autoptr(JsonObject) doc = NULL;

  /* A large document first keeps the single worker busy for a moment. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (big, "Paragraph %u mentions hive number %u and the weather.\n\n", i, i);
  big_id = sandbox_upload_document (sandbox, "big.txt", big->str);
  doc_id = sandbox_upload_document (sandbox, "cellar.txt", FACT_TEXT);
  sandbox_connect_document (sandbox, id, doc_id, TRUE);
  doc = sandbox_find_document (sandbox, id, doc_id);
  if (!json_object_get_boolean_member (doc, "is_available"))
    g_assert_false (reply_mentions (sandbox, id, FACT_QUESTION, FACT_WORD));
  else
    g_test_message ("processing finished before the first look; not checked mid-way");
  g_clear_pointer (&doc, json_object_unref);
  doc = sandbox_wait_document (sandbox, id, doc_id);
  g_assert_true (json_object_get_boolean_member (doc, "is_available"));
  g_assert_true (reply_mentions (sandbox, id, FACT_QUESTION, FACT_WORD));
}

static void
test_markdown_and_csv (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *id = sandbox_create_character (sandbox, "Oren", BACKSTORY);
  g_autofree char *md_id = sandbox_upload_document (sandbox, "notes.MD",
    "# Swarms\n\nA **swarm** in May is worth a load of *hay*, says the [old rhyme](http://x).\n");
  g_autofree char *csv_id = sandbox_upload_document (sandbox, "prices.csv",
    "product,price\nheather honey,nine pounds\n\"comb honey, cut\",twelve pounds\n");
  g_autoptr(JsonObject) md = sandbox_wait_document (sandbox, id, md_id);
  g_autoptr(JsonObject) csv = sandbox_wait_document (sandbox, id, csv_id);
  g_autofree char *swarm = NULL;

  g_assert_true (json_object_get_boolean_member (md, "is_available"));
  g_assert_true (json_object_get_boolean_member (csv, "is_available"));
  sandbox_connect_document (sandbox, id, md_id, TRUE);
  sandbox_connect_document (sandbox, id, csv_id, TRUE);
  swarm = sandbox_ask (sandbox, id, "What is a swarm in May worth?");
  /* Markup is gone from what the character says. */
  g_assert_nonnull (strstr (swarm, "worth a load of hay"));
  g_assert_null (strstr (swarm, "**"));
  g_assert_null (strstr (swarm, "http://"));
  g_assert_true (reply_mentions (sandbox, id, "What is the price of heather honey?", "nine pounds"));
  g_assert_true (reply_mentions (sandbox, id, "How much is comb honey?", "twelve pounds"));
}

static void
test_unsupported_type (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *id = sandbox_create_character (sandbox, "Oren", BACKSTORY);
  g_autofree char *doc_id = sandbox_upload_document (sandbox, "scan.pdf", "%PDF-1.4 not really");
  g_autoptr(JsonObject) doc = sandbox_wait_document (sandbox, id, doc_id);
  const char *error = json_object_get_string_member_with_default (doc, "error", NULL);

  g_assert_false (json_object_get_boolean_member (doc, "is_available"));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, ".pdf"));
  g_assert_nonnull (strstr (error, ".txt"));
}

static void
test_update_replaces (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *id = sandbox_create_character (sandbox, "Oren", BACKSTORY);
  g_autofree char *doc_id = sandbox_upload_document (sandbox, "cellar.txt", FACT_TEXT);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(GBytes) file = g_bytes_new_static ("The password of the old cellar door is quince.\n", 47);
  g_autoptr(SandboxReply) updated = NULL;
  g_autoptr(JsonNode) updated_node = NULL;
  g_autoptr(JsonObject) doc = sandbox_wait_document (sandbox, id, doc_id);

  sandbox_connect_document (sandbox, id, doc_id, TRUE);
  g_assert_true (reply_mentions (sandbox, id, FACT_QUESTION, FACT_WORD));
  soup_multipart_append_form_string (multipart, "document_id", doc_id);
  soup_multipart_append_form_file (multipart, "file", "cellar-v2.txt", "text/plain", file);
  updated = sandbox_post_multipart (sandbox, "/character/knowledge-bank/update", multipart);
  updated_node = sandbox_reply_json (updated);
  g_assert_cmpuint (updated->status, ==, 200);
  g_assert_cmpstr (sandbox_json_string (updated_node, "id"), ==, doc_id);
  g_assert_cmpstr (sandbox_json_string (updated_node, "file_size"), ==, "47");
  g_assert_false (json_object_get_boolean_member (json_node_get_object (updated_node), "is_available"));
  g_clear_pointer (&doc, json_object_unref);
  doc = sandbox_wait_document (sandbox, id, doc_id);
  /* Still connected, now with the new text only. */
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "active");
  g_assert_true (reply_mentions (sandbox, id, FACT_QUESTION, "quince"));
  g_assert_false (reply_mentions (sandbox, id, FACT_QUESTION, FACT_WORD));
}

static void
test_delete_everywhere (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *id = sandbox_create_character (sandbox, "Oren", BACKSTORY);
  g_autofree char *doc_id = sandbox_upload_document (sandbox, "../../escape/cellar.txt", FACT_TEXT);
  g_autoptr(JsonObject) doc = sandbox_wait_document (sandbox, id, doc_id);
  g_autofree char *clone_request = g_strdup_printf ("{\"charID\": \"%s\", \"KB\": true}", id);
  g_autoptr(SandboxReply) cloned = NULL;
  g_autoptr(JsonNode) cloned_node = NULL;
  const char *clone_id;
  g_autofree char *stored = g_build_filename (sandbox->data_dir, "kb", doc_id, NULL);
  g_autoptr(SandboxReply) deleted = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autoptr(JsonObject) gone_from_clone = NULL;

  /* Stored under its id, never under the client's name. */
  g_assert_cmpstr (json_object_get_string_member (doc, "file_name"), ==, "cellar.txt");
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  sandbox_connect_document (sandbox, id, doc_id, TRUE);
  cloned = sandbox_post_json (sandbox, "/user/clone_character", clone_request);
  cloned_node = sandbox_reply_json (cloned);
  clone_id = sandbox_json_string (cloned_node, "charID");
  g_assert_true (reply_mentions (sandbox, clone_id, FACT_QUESTION, FACT_WORD));

  deleted = sandbox_post_form (sandbox, "/character/knowledge-bank/delete", "document_id", doc_id, NULL);
  g_assert_cmpuint (deleted->status, ==, 200);
  gone = sandbox_find_document (sandbox, id, doc_id);
  gone_from_clone = sandbox_find_document (sandbox, clone_id, doc_id);
  g_assert_null (gone);
  g_assert_null (gone_from_clone);
  g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));
  g_assert_false (reply_mentions (sandbox, id, FACT_QUESTION, FACT_WORD));
  g_assert_false (reply_mentions (sandbox, clone_id, FACT_QUESTION, FACT_WORD));
}

static void
test_missing_and_unknown (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(SoupMultipart) no_file = soup_multipart_new ("multipart/form-data");
  g_autoptr(SandboxReply) upload = NULL;
  g_autoptr(SandboxReply) unknown_delete = sandbox_post_form (sandbox, "/character/knowledge-bank/delete",
                                                              "document_id", "nope", NULL);
  g_autoptr(SandboxReply) unknown_list = sandbox_post_form (sandbox, "/character/knowledge-bank/list",
                                                            "character_id", "nope", NULL);

  static const char truncated[] =
    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\nhello\r\n--Xy";
  g_autoptr(GBytes) truncated_body = g_bytes_new_static (truncated, sizeof truncated - 1);
  g_autoptr(SandboxReply) cut_short = sandbox_request (sandbox, "POST", "/character/knowledge-bank/upload",
                                                       sandbox->api_key, "multipart/form-data; boundary=XyZ",
                                                       truncated_body);
  g_autoptr(SandboxReply) not_multipart = sandbox_request (sandbox, "POST", "/character/knowledge-bank/upload",
                                                           sandbox->api_key, "text/plain", truncated_body);

  soup_multipart_append_form_string (no_file, "file_name", "a.txt");
  upload = sandbox_post_multipart (sandbox, "/character/knowledge-bank/upload", no_file);
  g_assert_cmpuint (upload->status, ==, 400);
  g_assert_cmpuint (cut_short->status, ==, 400);
  g_assert_cmpuint (not_multipart->status, ==, 400);
  g_assert_cmpuint (unknown_delete->status, ==, 404);
  g_assert_cmpuint (unknown_list->status, ==, 404);
}

static gint64
anonymous_memory_kib (TroupeTestSandbox *sandbox)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (sandbox->process));
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (line = strstr (status, "RssAnon:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("RssAnon:"), NULL, 10);
}

/* A large upload streams to disk: the server's own memory barely moves. */
static void
test_large_upload (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  gsize size = 48 * 1024 * 1024;
  g_autofree char *contents = g_malloc (size);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SandboxReply) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *stored_path = NULL;
  g_autofree char *stored = NULL;
  gsize stored_size = 0;
  gint64 before, after;

  for (gsize i = 0; i < size; i++)
    contents[i] = (char) (i * 7 % 251);
  file = g_bytes_new_static (contents, size);
  before = anonymous_memory_kib (sandbox);
#if defined(__SANITIZE_ADDRESS__)
  /* The sanitizer's quarantine keeps freed chunks resident. */
  before = -1;
#endif
  if (before < 0)
    {
      g_test_skip ("server memory not measurable here (no RssAnon, or a sanitizer build)");
      return;
    }
  soup_multipart_append_form_string (multipart, "file_name", "blob.bin");
  soup_multipart_append_form_file (multipart, "file", "blob.bin", "application/octet-stream", file);
  reply = sandbox_post_multipart (sandbox, "/character/knowledge-bank/upload", multipart);
  after = anonymous_memory_kib (sandbox);
  node = sandbox_reply_json (reply);
  g_test_message ("server anonymous memory %" G_GINT64_FORMAT " KiB -> %" G_GINT64_FORMAT " KiB", before, after);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (after - before, <, 16 * 1024);
  stored_path = g_build_filename (sandbox->data_dir, "kb", sandbox_json_string (node, "id"), NULL);
  g_assert_true (g_file_get_contents (stored_path, &stored, &stored_size, NULL));
  g_assert_cmpmem (stored, stored_size, contents, size);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/sandbox-knowledge/connect-and-answer", test_connect_and_answer);
  g_test_add_func ("/troupe/sandbox-knowledge/processing-then-available", test_processing_then_available);
  g_test_add_func ("/troupe/sandbox-knowledge/markdown-and-csv", test_markdown_and_csv);
  g_test_add_func ("/troupe/sandbox-knowledge/unsupported-type", test_unsupported_type);
  g_test_add_func ("/troupe/sandbox-knowledge/update-replaces", test_update_replaces);
  g_test_add_func ("/troupe/sandbox-knowledge/delete-everywhere", test_delete_everywhere);
  g_test_add_func ("/troupe/sandbox-knowledge/missing-and-unknown", test_missing_and_unknown);
  g_test_add_func ("/troupe/sandbox-knowledge/large-upload", test_large_upload);
  return g_test_run ();
}
