/* SPDX-License-Identifier: GPL-3.0-or-later */
/* troupe-cli end to end: the real binary against a real troupe-sandbox. */
#include "cli-test-util.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

/* ---- without a server ---- */

static void
test_help_everywhere (void)
{
  const char *commands[][3] = {
    { "--help" }, { "characters", "--help" }, { "characters", "list", "--help" },
    { "characters", "get", "--help" }, { "characters", "create", "--help" },
    { "characters", "update", "--help" }, { "characters", "clone", "--help" },
    { "characters", "delete", "--help" }, { "voices", "--help" }, { "languages", "--help" },
    { "kb", "--help" }, { "kb", "upload", "--help" }, { "kb", "update", "--help" },
    { "kb", "list", "--help" }, { "kb", "connect", "--help" }, { "kb", "disconnect", "--help" },
    { "kb", "delete", "--help" }, { "kb", "wait", "--help" }, { "history", "--help" },
    { "history", "list", "--help" }, { "history", "show", "--help" },
    { "history", "delete", "--help" }, { "history", "export", "--help" }, { "chat", "--help" },
    { "starters", "--help" }, { "backstory", "--help" }, { "usage", "--help" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(CliRun) run = { 0 };
      const char *args[4] = { commands[i][0], commands[i][1], commands[i][2], NULL };

      run_cli_full (&run, NULL, NULL, NULL, args);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, "Usage:"));
      /* Each help names its own command in the usage line. */
      if (commands[i][1] != NULL && g_strcmp0 (commands[i][1], "--help") != 0)
        {
          g_autofree char *name = g_strdup_printf ("troupe-cli %s %s", commands[i][0], commands[i][1]);

          g_assert_nonnull (strstr (run.out, name));
        }
    }
}

static void
test_usage_errors (void)
{
  const char *cases[][7] = {
    { NULL },
    { "nonsense" },
    { "--no-such-option", "voices" },
    { "characters" },
    { "characters", "explode" },
    { "characters", "get" },
    { "characters", "get", "a", "b" },
    { "characters", "create", "--name", "x" },
    { "characters", "update", "c1" },
    { "characters", "list", "--bogus" },
    { "chat", "c1" },
    { "chat", "c1", "hi", "--wav", "/nonexistent.wav" },
    { "chat", "c1", "--interactive", "hello" },
    { "chat", "c1", "--interactive", "--json" },
    { "kb", "upload", "/nonexistent/file.txt" },
    { "kb", "wait", "c1", "d1", "--timeout", "-1" },
    { "history", "export", "c1", "s1", "--format", "pdf" },
    { "history", "list", "c1", "--limit", "zero" },
    { "backstory", "a", "brave", "knight" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };

      run_cli_full (&run, NULL, "some-key", NULL, cases[i]);
      if (run.status != 2)
        g_error ("case %u (%s %s): exit %d, stderr %s", i, cases[i][0], cases[i][1], run.status, run.err);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "troupe-cli"));
    }
}

static void
test_no_key (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, NULL, "characters", "list");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "API key"));
}

static void
test_http_off_loopback_refused (void)
{
  const char *urls[] = { "http://api.convai.com", "http://10.1.2.3:8080", "http://example.org" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_auto(CliRun) run = { 0 };

      run_cli_full (&run, NULL, "k", NULL,
                    (const char * const[]) { "--url", urls[i], "characters", "list", NULL });
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "Plain http://"));
    }
}

static void
test_connection_refused (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());

  run_cli_full (&run, NULL, "k", NULL,
                (const char * const[]) { "characters", "list", "--url", url, NULL });
  g_assert_cmpint (run.status, ==, 4);
  g_assert_cmpstr (run.out, ==, "");
}

/* ---- against the sandbox ---- */

/* The first character of a sandbox seeded with --demo. */
static char *
demo_character_id (TroupeTestSandbox *sandbox)
{
  g_auto(CliRun) list = { 0 };
  g_autoptr(JsonNode) node = NULL;

  run_cli (&list, sandbox, "characters", "list", "--json");
  assert_ok (&list);
  node = parse_json (list.out);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (node), 0),
                                                  "character_id"));
}

static void
test_wrong_key (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_auto(CliRun) run = { 0 };

  run_cli_full (&run, sandbox, "not-the-key", NULL,
                (const char * const[]) { "characters", "list", NULL });
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "Invalid API key"));
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_server_errors (void)
{
  const char *args[] = { "--fault-status=/character/list:500", "--fault-garbage=/character/get", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (args);
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) get = { 0 };
  g_auto(CliRun) missing = { 0 };

  run_cli (&list, sandbox, "characters", "list");
  g_assert_cmpint (list.status, ==, 3);
  run_cli (&get, sandbox, "characters", "get", "anything");
  g_assert_cmpint (get.status, ==, 3);
  run_cli (&missing, sandbox, "history", "show", "no-such-character", "no-such-session");
  g_assert_cmpint (missing.status, ==, 3);
}

static void
test_error_statuses (void)
{
  const char *faults[] = {
    "--demo", "--fault-status=/user/user-api-usage:403", "--fault-status-once=/character/list:429",
    "--fault-retry-after=0", NULL
  };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (faults);
  g_autofree char *wav_path = scratch_path ("not-a-wav.wav");
  g_autofree char *char_id = NULL;
  g_auto(CliRun) usage = { 0 };
  g_auto(CliRun) bad_wav = { 0 };
  g_autoptr(GError) error = NULL;

  /* The one 429 is retried (listing is safe to repeat) and never seen. */
  char_id = demo_character_id (sandbox);

  /* A 403 is an API error whose message says the plan may be the cause. */
  run_cli (&usage, sandbox, "usage");
  g_assert_cmpint (usage.status, ==, 3);
  g_assert_nonnull (strstr (usage.err, "plan"));

  /* The server's 400 words reach the user. */
  g_file_set_contents (wav_path, "RIFF nonsense, not audio", -1, &error);
  g_assert_no_error (error);
  run_cli (&bad_wav, sandbox, "chat", char_id, "--wav", wav_path);
  g_assert_cmpint (bad_wav.status, ==, 3);
  g_assert_cmpstr (bad_wav.out, ==, "");
  g_assert_cmpuint (strlen (bad_wav.err), >, strlen ("troupe-cli: \n"));
}

static char *
create_character (TroupeTestSandbox *sandbox)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, sandbox, "characters", "create", "--name", "Ada", "--voice", "FEMALE",
           "--backstory", "I keep the lighthouse on the northern cape. The lamp burns whale oil.",
           "--action", "Wave", "--action", "Light the lamp, Ring the bell");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.err, "Created character"));
  return g_strstrip (g_strdup (run.out));
}

static void
check_character (TroupeTestSandbox *sandbox,
                 const char        *char_id)
{
  g_auto(CliRun) get = { 0 };
  g_auto(CliRun) get_json = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  run_cli (&get, sandbox, "characters", "get", char_id);
  assert_ok (&get);
  g_assert_nonnull (strstr (get.out, "Name:"));
  g_assert_nonnull (strstr (get.out, "Ada"));
  g_assert_nonnull (strstr (get.out, "lighthouse"));

  run_cli (&get_json, sandbox, "characters", "get", char_id, "--json");
  assert_ok (&get_json);
  node = parse_json (get_json.out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "character_id"), ==, char_id);
  g_assert_cmpstr (json_object_get_string_member (object, "character_name"), ==, "Ada");
}

static void
update_character (TroupeTestSandbox *sandbox,
                  const char        *char_id)
{
  g_auto(CliRun) update = { 0 };
  g_auto(CliRun) by_name = { 0 };

  run_cli (&update, sandbox, "characters", "update", char_id, "--name", "Ada Keeper",
           "--language", "en-US,de-DE");
  assert_ok (&update);
  run_cli (&by_name, sandbox, "characters", "get", "--name", "Ada Keeper");
  assert_ok (&by_name);
  g_assert_nonnull (strstr (by_name.out, char_id));
  g_assert_nonnull (strstr (by_name.out, "de-DE"));
}

static void
check_list_json (TroupeTestSandbox *sandbox,
                 const char        *char_id,
                 guint              expected)
{
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) table = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  gboolean found = FALSE;

  run_cli (&list, sandbox, "characters", "list", "--json");
  assert_ok (&list);
  node = parse_json (list.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, expected);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *character = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (character, "character_id"), char_id) == 0)
        found = TRUE;
    }
  g_assert_true (found);

  run_cli (&table, sandbox, "characters", "list");
  assert_ok (&table);
  g_assert_true (g_str_has_prefix (table.out, "ID"));
  g_assert_nonnull (strstr (table.out, "Ada Keeper"));
}

static char *
clone_character (TroupeTestSandbox *sandbox,
                 const char        *char_id)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  char *clone_id;

  run_cli (&run, sandbox, "characters", "clone", char_id, "--with-kb", "--json");
  assert_ok (&run);
  node = parse_json (run.out);
  clone_id = g_strdup (json_object_get_string_member (json_node_get_object (node), "charID"));
  g_assert_nonnull (clone_id);
  g_assert_cmpstr (clone_id, !=, char_id);
  return clone_id;
}

static char *
upload_document (TroupeTestSandbox *sandbox,
                 const char        *char_id)
{
  g_autofree char *path = scratch_path ("cli-notes.md");
  g_auto(CliRun) upload = { 0 };
  g_auto(CliRun) connect = { 0 };
  g_auto(CliRun) wait = { 0 };
  g_auto(CliRun) list = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  char *doc_id;

  g_file_set_contents (path, "# Notes\n\nThe foghorn sounds twice every minute when the fog rolls in.\n", -1, &error);
  g_assert_no_error (error);
  run_cli (&upload, sandbox, "kb", "upload", path, "--name", "notes.md", "--json");
  g_unlink (path);
  assert_ok (&upload);
  node = parse_json (upload.out);
  doc_id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_assert_nonnull (doc_id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "file_name"), ==, "notes.md");

  run_cli (&connect, sandbox, "kb", "connect", char_id, doc_id);
  assert_ok (&connect);
  run_cli (&wait, sandbox, "kb", "wait", char_id, doc_id, "--timeout", "20");
  assert_ok (&wait);
  g_assert_nonnull (strstr (wait.out, "available"));

  run_cli (&list, sandbox, "kb", "list", char_id);
  assert_ok (&list);
  g_assert_nonnull (strstr (list.out, doc_id));
  g_assert_nonnull (strstr (list.out, "notes.md"));
  return doc_id;
}

static char *
chat_with (TroupeTestSandbox *sandbox,
           const char        *char_id)
{
  g_auto(CliRun) first = { 0 };
  g_auto(CliRun) streamed = { 0 };
  g_auto(CliRun) piped = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *session_line = NULL;
  const char *session_id;

  run_cli (&first, sandbox, "chat", char_id, "--json", "When", "does", "the", "foghorn", "sound?");
  assert_ok (&first);
  node = parse_json (first.out);
  session_id = json_object_get_string_member (json_node_get_object (node), "sessionID");
  g_assert_nonnull (session_id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "text"), !=, "");
  session_line = g_strdup_printf ("Session: %s\n", session_id);
  g_assert_nonnull (strstr (first.err, session_line));

  /* Streamed, in the same session: the words arrive on stdout. */
  run_cli (&streamed, sandbox, "chat", char_id, "--stream", "--session", session_id, "Tell me about the lamp");
  assert_ok (&streamed);
  g_assert_cmpuint (strlen (g_strstrip (streamed.out)), >, 0);
  g_assert_nonnull (strstr (streamed.err, session_line));

  run_cli_full (&piped, sandbox, NULL, "What do you keep?\n",
                (const char * const[]) { "chat", char_id, "--session", session_id, "-", NULL });
  assert_ok (&piped);
  return g_strdup (session_id);
}

/* The connected state of @doc_id for @char_id, from kb list --json. */
static gboolean
document_is_connected (TroupeTestSandbox *sandbox,
                       const char        *char_id,
                       const char        *doc_id)
{
  g_auto(CliRun) list = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *docs;

  run_cli (&list, sandbox, "kb", "list", char_id, "--json");
  assert_ok (&list);
  node = parse_json (list.out);
  docs = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);

      if (g_strcmp0 (json_object_get_string_member (doc, "id"), doc_id) == 0)
        return g_strcmp0 (json_object_get_string_member (doc, "status"), "active") == 0;
    }
  g_error ("document %s is not listed", doc_id);
}

/* A new version of the document, then off and on again. */
static void
update_and_reconnect_document (TroupeTestSandbox *sandbox,
                               const char        *char_id,
                               const char        *doc_id)
{
  g_autofree char *path = scratch_path ("cli-notes-v2.md");
  g_auto(CliRun) update = { 0 };
  g_auto(CliRun) disconnect = { 0 };
  g_auto(CliRun) connect = { 0 };
  g_auto(CliRun) wait = { 0 };
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "# Notes\n\nThe foghorn sounds twice every minute, and the bell rings at noon.\n", -1, &error);
  g_assert_no_error (error);
  run_cli (&update, sandbox, "kb", "update", doc_id, path);
  g_unlink (path);
  assert_ok (&update);
  g_assert_nonnull (strstr (update.out, doc_id));

  g_assert_true (document_is_connected (sandbox, char_id, doc_id));
  run_cli (&disconnect, sandbox, "kb", "disconnect", char_id, doc_id);
  assert_ok (&disconnect);
  g_assert_false (document_is_connected (sandbox, char_id, doc_id));
  run_cli (&connect, sandbox, "kb", "connect", char_id, doc_id);
  assert_ok (&connect);
  g_assert_true (document_is_connected (sandbox, char_id, doc_id));
  run_cli (&wait, sandbox, "kb", "wait", char_id, doc_id, "--json");
  assert_ok (&wait);
}

static void
check_history (TroupeTestSandbox *sandbox,
               const char        *char_id,
               const char        *session_id)
{
  g_autofree char *export_path = scratch_path ("cli-export.md");
  g_autofree char *markdown = NULL;
  g_autofree char *heading = g_strdup_printf ("# Chat session %s\n", session_id);
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) show = { 0 };
  g_auto(CliRun) export_md = { 0 };
  g_auto(CliRun) export_json = { 0 };
  g_autoptr(JsonNode) sessions = NULL;
  g_autoptr(JsonNode) transcript = NULL;
  g_autoptr(GError) error = NULL;

  run_cli (&list, sandbox, "history", "list", char_id, "--json");
  assert_ok (&list);
  sessions = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sessions)), ==, 1);

  run_cli (&show, sandbox, "history", "show", char_id, session_id);
  assert_ok (&show);
  g_assert_nonnull (strstr (show.out, "User:"));
  g_assert_nonnull (strstr (show.out, "foghorn"));

  run_cli (&export_md, sandbox, "history", "export", char_id, session_id, "--output", export_path);
  assert_ok (&export_md);
  g_file_get_contents (export_path, &markdown, NULL, &error);
  g_unlink (export_path);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, heading));
  g_assert_nonnull (strstr (markdown, "**User:** When does the foghorn sound?"));
  g_assert_nonnull (strstr (markdown, "**Character:**"));

  run_cli (&export_json, sandbox, "history", "export", char_id, session_id, "--format", "json");
  assert_ok (&export_json);
  transcript = parse_json (export_json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (transcript)), ==, 3);
}

static void
delete_everything (TroupeTestSandbox *sandbox,
                   const char        *char_id,
                   const char        *clone_id,
                   const char        *doc_id,
                   const char        *session_id)
{
  g_auto(CliRun) history = { 0 };
  g_auto(CliRun) doc = { 0 };
  g_auto(CliRun) character = { 0 };
  g_auto(CliRun) clone = { 0 };
  g_auto(CliRun) gone = { 0 };

  run_cli (&history, sandbox, "history", "delete", char_id, session_id);
  assert_ok (&history);
  {
    g_auto(CliRun) after = { 0 };

    run_cli (&after, sandbox, "history", "list", char_id);
    assert_ok (&after);
    g_assert_cmpstr (after.out, ==, "No sessions.\n");
  }
  run_cli (&doc, sandbox, "kb", "delete", doc_id);
  assert_ok (&doc);
  run_cli (&character, sandbox, "characters", "delete", char_id);
  assert_ok (&character);
  run_cli (&clone, sandbox, "characters", "delete", clone_id);
  assert_ok (&clone);
  run_cli (&gone, sandbox, "characters", "get", char_id);
  g_assert_cmpint (gone.status, ==, 3);
}

static void
test_end_to_end (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autofree char *char_id = create_character (sandbox);
  g_autofree char *clone_id = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *session_id = NULL;

  check_character (sandbox, char_id);
  update_character (sandbox, char_id);
  clone_id = clone_character (sandbox, char_id);
  check_list_json (sandbox, char_id, 2);
  doc_id = upload_document (sandbox, char_id);
  update_and_reconnect_document (sandbox, char_id, doc_id);
  session_id = chat_with (sandbox, char_id);
  check_history (sandbox, char_id, session_id);
  delete_everything (sandbox, char_id, clone_id, doc_id, session_id);
}

static void
test_catalogs_and_generators (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start ((const char * const[]) { "--demo", NULL });
  g_auto(CliRun) voices = { 0 };
  g_auto(CliRun) languages = { 0 };
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) starters = { 0 };
  g_auto(CliRun) backstory = { 0 };
  g_auto(CliRun) usage = { 0 };
  g_autoptr(JsonNode) languages_json = NULL;
  g_autoptr(JsonNode) characters = NULL;
  g_autofree char *voices_header = NULL;
  const char *demo_id;

  run_cli (&voices, sandbox, "voices");
  assert_ok (&voices);
  voices_header = first_line (voices.out);
  g_assert_true (g_str_has_prefix (voices_header, "VOICE TYPE"));
  g_assert_nonnull (strstr (voices.out, "MALE"));

  run_cli (&languages, sandbox, "languages", "--json");
  assert_ok (&languages);
  languages_json = parse_json (languages.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (languages_json)), ==, 24);

  run_cli (&list, sandbox, "characters", "list", "--json");
  assert_ok (&list);
  characters = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (characters)), ==, 1);
  demo_id = json_object_get_string_member (json_array_get_object_element (json_node_get_array (characters), 0),
                                           "character_id");

  run_cli (&starters, sandbox, "starters", demo_id);
  assert_ok (&starters);
  g_assert_cmpuint (strlen (starters.out), >, 0);

  run_cli (&backstory, sandbox, "backstory", "--name", "Bram", "a", "grumpy", "ferryman");
  assert_ok (&backstory);
  g_assert_cmpuint (strlen (g_strstrip (backstory.out)), >, 0);

  run_cli (&usage, sandbox, "usage", "--json");
  assert_ok (&usage);
  g_clear_pointer (&languages_json, json_node_unref);
  languages_json = parse_json (usage.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (languages_json));
}

static void
test_json_generators (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start ((const char * const[]) { "--demo", NULL });
  g_autofree char *char_id = demo_character_id (sandbox);
  g_auto(CliRun) starters = { 0 };
  g_auto(CliRun) backstory = { 0 };
  g_auto(CliRun) voices = { 0 };
  g_autoptr(JsonNode) starters_json = NULL;
  g_autoptr(JsonNode) backstory_json = NULL;
  g_autoptr(JsonNode) voices_json = NULL;
  JsonArray *array;

  run_cli (&starters, sandbox, "starters", char_id, "--json");
  assert_ok (&starters);
  starters_json = parse_json (starters.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (starters_json)), >, 0);

  run_cli (&backstory, sandbox, "backstory", "--json", "--name", "Bram", "a grumpy ferryman");
  assert_ok (&backstory);
  backstory_json = parse_json (backstory.out);
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (backstory_json), "backstory"),
                            "Bram"));

  run_cli (&voices, sandbox, "voices", "--json", "--gender", "female", "--language", "en-US");
  assert_ok (&voices);
  voices_json = parse_json (voices.out);
  array = json_node_get_array (voices_json);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *text = json_to_string (json_array_get_element (array, i), FALSE);

      g_assert_nonnull (strstr (text, "FEMALE"));
    }
}

static void
test_interactive (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start ((const char * const[]) { "--demo", NULL });
  g_autofree char *char_id = demo_character_id (sandbox);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) sessions = { 0 };
  g_auto(CliRun) transcript = { 0 };
  g_autoptr(JsonNode) sessions_json = NULL;
  g_autoptr(JsonNode) transcript_json = NULL;
  const char *session_id;

  run_cli_full (&run, sandbox, NULL, "Hello\n\n   \nTell me about the cat\n",
                (const char * const[]) { "chat", char_id, "--interactive", NULL });
  assert_ok (&run);
  /* One reply line per message; blank lines are not messages. */
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp (run.out), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 2);
    g_assert_nonnull (strstr (lines[1], "Admiral"));
  }

  run_cli (&sessions, sandbox, "history", "list", char_id, "--json");
  assert_ok (&sessions);
  sessions_json = parse_json (sessions.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sessions_json)), ==, 1);
  session_id = json_object_get_string_member (json_array_get_object_element (json_node_get_array (sessions_json), 0),
                                              "sessionID");
  g_assert_nonnull (strstr (run.err, session_id));

  run_cli (&transcript, sandbox, "history", "show", char_id, session_id, "--json");
  assert_ok (&transcript);
  transcript_json = parse_json (transcript.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (transcript_json)), ==, 2);
}

static void
test_ctrl_c_cancels (void)
{
  const char *faults[] = { "--demo", "--fault-delay-ms=3000", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (faults);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 started = g_get_monotonic_time ();

  g_subprocess_launcher_setenv (launcher, "CONVAI_API_URL", sandbox->base_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "CONVAI_API_KEY", sandbox->api_key, TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TROUPE_CLI_BIN"),
                                         "characters", "list", NULL);
  g_assert_no_error (error);
  g_usleep (300 * 1000);
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  g_assert_nonnull (strstr (err, "cancelled"));
  /* It stopped at once, not when the delayed reply came. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2500 * 1000);
}

static void
test_cut_stream (void)
{
  const char *faults[] = { "--demo", "--fault-cut-stream=3", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (faults);
  g_autofree char *char_id = demo_character_id (sandbox);
  g_auto(CliRun) run = { 0 };

  run_cli (&run, sandbox, "chat", char_id, "--stream", "Tell me about the lamp");
  /* The words that arrived are printed; the cut is a network error. */
  g_assert_cmpint (run.status, ==, 4);
  g_assert_cmpuint (strlen (g_strstrip (run.out)), >, 0);
  g_assert_nonnull (strstr (run.err, "Session: "));
}

static void
assert_wav_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint32 data_size;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 44);
  g_assert_cmpmem (contents, 4, "RIFF", 4);
  g_assert_cmpmem (contents + 8, 4, "WAVE", 4);
  /* One header whose data size covers the whole rest: joined, not
   * concatenated. */
  g_assert_cmpmem (contents + 36, 4, "data", 4);
  memcpy (&data_size, contents + 40, 4);
  g_assert_cmpuint (GUINT32_FROM_LE (data_size), ==, length - 44);
}

/* The first @seconds of a canonical 16-bit mono WAV, as a new file: a short
 * phrase keeps speech recognition quick. */
G_GNUC_UNUSED static char *
write_wav_head (const char *path,
                guint       seconds)
{
  g_autofree char *contents = NULL;
  g_autofree char *head_path = g_strconcat (path, ".head.wav", NULL);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint32 rate, data_size, riff_size;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  memcpy (&rate, contents + 24, 4);
  data_size = MIN (GUINT32_FROM_LE (rate) * 2 * seconds, length - 44);
  riff_size = GUINT32_TO_LE (36 + data_size);
  memcpy (contents + 4, &riff_size, 4);
  data_size = GUINT32_TO_LE (data_size);
  memcpy (contents + 40, &data_size, 4);
  g_file_set_contents (head_path, contents, 44 + GUINT32_FROM_LE (data_size), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&head_path);
}

static void
test_voice_out (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start ((const char * const[]) { "--demo", NULL });
  g_autofree char *char_id = demo_character_id (sandbox);
  g_autofree char *single = scratch_path ("reply.wav");
  g_autofree char *streamed = scratch_path ("reply-streamed.wav");
  g_auto(CliRun) plain = { 0 };
  g_auto(CliRun) stream = { 0 };

  run_cli (&plain, sandbox, "chat", char_id, "--voice-out", single, "Hello");
  if (plain.status == 3 && strstr (plain.err, "espeak") != NULL)
    {
      g_test_skip ("troupe-sandbox has no espeak GStreamer element here");
      return;
    }
  assert_ok (&plain);
  assert_wav_file (single);

  /* The start of the reply, spoken back: what the server heard goes to
   * stderr. Not in sanitizer builds: the sandbox loads pocketsphinx's
   * dictionary with g_strsplit(), which ASan's strstr() interceptor makes
   * quadratic (minutes), past the client's timeout. */
#ifndef __SANITIZE_ADDRESS__
  {
    g_auto(CliRun) spoken = { 0 };
    g_autofree char *phrase = write_wav_head (single, 2);

    run_cli (&spoken, sandbox, "chat", char_id, "--wav", phrase);
    if (spoken.status == 3 && strstr (spoken.err, "pocketsphinx") != NULL)
      g_test_message ("troupe-sandbox has no pocketsphinx here: voice input not checked");
    else
      {
        assert_ok (&spoken);
        g_assert_nonnull (strstr (spoken.err, "You said: "));
        g_assert_cmpuint (strlen (spoken.out), >, 1);
      }
  }
#endif

  run_cli (&stream, sandbox, "chat", char_id, "--stream", "--voice-out", streamed,
           "Tell me about the storm and the cat");
  assert_ok (&stream);
  assert_wav_file (streamed);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/cli/help", test_help_everywhere);
  g_test_add_func ("/troupe/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/troupe/cli/no-key", test_no_key);
  g_test_add_func ("/troupe/cli/http-off-loopback-refused", test_http_off_loopback_refused);
  g_test_add_func ("/troupe/cli/connection-refused", test_connection_refused);
  g_test_add_func ("/troupe/cli/wrong-key", test_wrong_key);
  g_test_add_func ("/troupe/cli/server-errors", test_server_errors);
  g_test_add_func ("/troupe/cli/error-statuses", test_error_statuses);
  g_test_add_func ("/troupe/cli/end-to-end", test_end_to_end);
  g_test_add_func ("/troupe/cli/catalogs-and-generators", test_catalogs_and_generators);
  g_test_add_func ("/troupe/cli/json-generators", test_json_generators);
  g_test_add_func ("/troupe/cli/interactive", test_interactive);
  g_test_add_func ("/troupe/cli/ctrl-c-cancels", test_ctrl_c_cancels);
  g_test_add_func ("/troupe/cli/cut-stream", test_cut_stream);
  g_test_add_func ("/troupe/cli/voice-out", test_voice_out);
  return g_test_run ();
}
