/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-args.h"
#include "troupe-cli-commands.h"
#include "troupe-cli-output.h"
#include "troupe-cli-progress.h"

static void
print_document (ConvaiKnowledgeDoc *doc)
{
  g_autofree char *size = troupe_cli_format_size (convai_knowledge_doc_get_file_size (doc));
  const char *fields[] = {
    "ID", convai_knowledge_doc_get_id (doc),
    "File", convai_knowledge_doc_get_file_name (doc),
    "Size", size,
    "Available", convai_knowledge_doc_get_is_available (doc) ? "yes" : "no (still processing)",
    "Status", convai_knowledge_doc_get_status (doc),
    "Uploaded", convai_knowledge_doc_get_timestamp (doc),
  };

  troupe_cli_print_fields (fields, G_N_ELEMENTS (fields) / 2);
}

/* ---- upload, update ---- */

typedef struct
{
  TroupeCli         *cli;
  TroupeCliProgress *progress;
} Upload;

static void
upload_free (Upload *upload)
{
  troupe_cli_progress_free (upload->progress);
  g_free (upload);
}

/* The bar is labelled with the name the document will have. */
static Upload *
upload_new (TroupeCli  *cli,
            GFile      *file,
            const char *name)
{
  Upload *upload = g_new0 (Upload, 1);
  g_autofree char *basename = g_file_get_basename (file);

  upload->cli = cli;
  upload->progress = troupe_cli_progress_new (name != NULL ? name : basename);
  return upload;
}

static void
upload_progress_cb (goffset  current,
                    goffset  total,
                    gpointer user_data)
{
  Upload *upload = user_data;

  troupe_cli_progress_update (upload->progress, current, total);
}

/* Takes @upload and @error. */
static void
upload_finished (Upload             *upload,
                 ConvaiKnowledgeDoc *doc,
                 GError             *error)
{
  TroupeCli *cli = upload->cli;

  /* End the bar's line before anything else is printed. */
  upload_free (upload);
  troupe_cli_finish_item (cli, doc, error,
                          (TroupeCliToJson) convai_knowledge_doc_to_json,
                          (TroupeCliPrintFunc) print_document);
}

static void
upload_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(ConvaiKnowledgeDoc) doc =
    convai_client_upload_document_finish (CONVAI_CLIENT (source), result, &error);

  upload_finished (user_data, doc, error);
}

static void
update_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(ConvaiKnowledgeDoc) doc =
    convai_client_update_document_finish (CONVAI_CLIENT (source), result, &error);

  upload_finished (user_data, doc, error);
}

static void
upload_run (TroupeCli  *cli,
            char      **argv)
{
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, "The document's name (default: the file's name)", "NAME" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  ConvaiClient *client;
  Upload *upload;

  if (!troupe_cli_parse_command (cli, &argv, "FILE",
                                 "Upload a document to the knowledge bank. It is processed on the "
                                 "server: “kb wait” until it is available, then “kb connect” it to a "
                                 "character (or “kb connect --wait” for both).",
                                 NULL, entries, 1, 1))
    return;
  if ((file = troupe_cli_input_file (argv[1], &error)) == NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  upload = upload_new (cli, file, name);
  convai_client_upload_document_async (client, file, name, upload_progress_cb, upload,
                                       cli->cancellable, upload_finished_cb, upload);
}

static void
update_run (TroupeCli  *cli,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  ConvaiClient *client;
  Upload *upload;

  if (!troupe_cli_parse_command (cli, &argv, "DOC_ID FILE",
                                 "Replace a document's contents with FILE.", NULL, NULL, 2, 2))
    return;
  if ((file = troupe_cli_input_file (argv[2], &error)) == NULL)
    {
      troupe_cli_finish (cli, g_steal_pointer (&error));
      return;
    }
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  upload = upload_new (cli, file, NULL);
  convai_client_update_document_async (client, argv[1], file, upload_progress_cb, upload,
                                       cli->cancellable, update_finished_cb, upload);
}

/* ---- list ---- */

static void
print_documents (GListModel *docs)
{
  const char *headers[] = { "ID", "FILE", "SIZE", "AVAILABLE", "CONNECTED", "UPLOADED", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  guint n = g_list_model_get_n_items (docs);

  troupe_cli_table_set_max_width (table, 1, 40);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiKnowledgeDoc) doc = g_list_model_get_item (docs, i);
      g_autofree char *size = troupe_cli_format_size (convai_knowledge_doc_get_file_size (doc));
      const char *row[] = {
        convai_knowledge_doc_get_id (doc),
        convai_knowledge_doc_get_file_name (doc),
        size,
        convai_knowledge_doc_get_is_available (doc) ? "yes" : "no",
        convai_knowledge_doc_get_is_connected (doc) ? "yes" : "no",
        convai_knowledge_doc_get_timestamp (doc),
        NULL
      };

      troupe_cli_table_add_row (table, row);
    }
  troupe_cli_table_print_or (table, "No documents.");
}

static void
list_finished_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(GListModel) docs =
    convai_client_list_documents_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_list (user_data, docs, error,
                          (TroupeCliToJson) convai_knowledge_doc_to_json,
                          (TroupeCliPrintFunc) print_documents);
}

static void
list_run (TroupeCli  *cli,
          char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID",
                                 "List the knowledge-bank documents; CONNECTED is relative to CHAR_ID.",
                                 NULL, NULL, 1, 1))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_list_documents_async (client, argv[1], cli->cancellable, list_finished_cb, cli);
}

/* ---- connect, disconnect ---- */

static void
connect_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GError *error = NULL;
  gboolean ok = convai_client_set_document_connected_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_status (user_data, ok, error, "Connected.");
}

static void
disconnect_finished_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GError *error = NULL;
  gboolean ok = convai_client_set_document_connected_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_status (user_data, ok, error, "Disconnected.");
}

static void start_wait (TroupeCli    *cli,
                        ConvaiClient *client,
                        const char   *char_id,
                        const char   *doc_id,
                        gboolean      then_connect);

static void
connect_run (TroupeCli  *cli,
             char      **argv)
{
  gboolean wait = FALSE;
  const GOptionEntry entries[] = {
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait,
      "First wait until the document is available (as “kb wait” does), then connect it", NULL },
    { NULL }
  };
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID DOC_ID",
                                 "Connect a document to a character: it answers from it once available.",
                                 "A server may refuse a document that is still being processed: "
                                 "run “kb wait” first, or pass --wait.",
                                 entries, 2, 2))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  if (wait)
    start_wait (cli, client, argv[1], argv[2], TRUE);
  else
    convai_client_set_document_connected_async (client, argv[1], argv[2], TRUE, cli->cancellable,
                                                connect_finished_cb, cli);
}

static void
disconnect_run (TroupeCli  *cli,
                char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID DOC_ID",
                                 "Disconnect a document from a character (the document stays).",
                                 NULL, NULL, 2, 2))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_set_document_connected_async (client, argv[1], argv[2], FALSE, cli->cancellable,
                                              disconnect_finished_cb, cli);
}

/* ---- delete ---- */

static void
delete_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError *error = NULL;
  gboolean ok = convai_client_delete_document_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_status (user_data, ok, error, "Deleted.");
}

static void
delete_run (TroupeCli  *cli,
            char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "DOC_ID",
                                 "Delete a document; it is removed from every character.",
                                 NULL, NULL, 1, 1))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_delete_document_async (client, argv[1], cli->cancellable, delete_finished_cb, cli);
}

/* ---- wait ---- */

/* Processing can take minutes on Convai's side. */
#define WAIT_DEFAULT_S 600

typedef struct
{
  TroupeCli           *cli;
  ConvaiDocumentWatch *watch;
  guint                timeout_id;
  GSource             *cancelled_source;
  double               timeout_seconds;
  char                *char_id;
  char                *doc_id;
  gboolean             then_connect;  /* kb connect --wait */
} Wait;

static void
wait_free (Wait *wait)
{
  convai_document_watch_stop (wait->watch);
  g_clear_handle_id (&wait->timeout_id, g_source_remove);
  g_source_destroy (wait->cancelled_source);
  g_clear_pointer (&wait->cancelled_source, g_source_unref);
  g_clear_object (&wait->watch);
  g_free (wait->char_id);
  g_free (wait->doc_id);
  g_free (wait);
}

static void
wait_end (Wait   *wait,
          GError *error)
{
  TroupeCli *cli = wait->cli;

  wait_free (wait);
  troupe_cli_finish (cli, error);
}

static void
watch_available_cb (ConvaiDocumentWatch *watch,
                    ConvaiKnowledgeDoc  *doc,
                    Wait                *wait)
{
  TroupeCli *cli = wait->cli;

  if (!cli->json)
    g_print ("%s is available.\n", convai_knowledge_doc_get_file_name (doc));
  if (wait->then_connect)
    {
      /* The connect's own status is the one JSON answer. */
      convai_client_set_document_connected_async (troupe_cli_get_client (cli), wait->char_id, wait->doc_id,
                                                  TRUE, cli->cancellable, connect_finished_cb, cli);
      wait_free (wait);
      return;
    }
  if (cli->json)
    {
      g_autoptr(JsonNode) node = convai_knowledge_doc_to_json (doc);

      troupe_cli_print_json (node);
    }
  wait_end (wait, NULL);
}

static void
watch_failed_cb (ConvaiDocumentWatch *watch,
                 const GError        *error,
                 Wait                *wait)
{
  wait_end (wait, g_error_copy (error));
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timeout_id = 0;
  wait_end (wait, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The document is still not available after %g s", wait->timeout_seconds));
  return G_SOURCE_REMOVE;
}

/* The watch has no cancellable of its own: Ctrl+C stops it from here, on
 * the main loop. */
static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  Wait *wait = user_data;

  wait_end (wait, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
  return G_SOURCE_REMOVE;
}

static void
wait_run (TroupeCli  *cli,
          char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "CHAR_ID DOC_ID",
                                 "Wait until a document has been processed and is available.",
                                 "Polls the document list, 1 s apart at first, then backing off to 30 s; "
                                 "gives up after --timeout SECONDS (here default 600).",
                                 NULL, 2, 2))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  start_wait (cli, client, argv[1], argv[2], FALSE);
}

static void
start_wait (TroupeCli    *cli,
            ConvaiClient *client,
            const char   *char_id,
            const char   *doc_id,
            gboolean      then_connect)
{
  Wait *wait = g_new0 (Wait, 1);

  wait->cli = cli;
  wait->char_id = g_strdup (char_id);
  wait->doc_id = g_strdup (doc_id);
  wait->then_connect = then_connect;
  /* The global --timeout: here how long to wait for the document too. */
  wait->timeout_seconds = cli->timeout > 0 ? cli->timeout : WAIT_DEFAULT_S;
  wait->watch = convai_document_watch_new (client, char_id, doc_id);
  g_signal_connect (wait->watch, "available", G_CALLBACK (watch_available_cb), wait);
  g_signal_connect (wait->watch, "failed", G_CALLBACK (watch_failed_cb), wait);
  wait->timeout_id = g_timeout_add ((guint) (wait->timeout_seconds * 1000), wait_timeout_cb, wait);
  wait->cancelled_source = g_cancellable_source_new (cli->cancellable);
  g_source_set_callback (wait->cancelled_source, G_SOURCE_FUNC (wait_cancelled_cb), wait, NULL);
  g_source_attach (wait->cancelled_source, NULL);
  convai_document_watch_start (wait->watch);
}

static const TroupeCliCommand commands[] = {
  { "upload",     "Upload a document", upload_run },
  { "update",     "Replace a document's contents", update_run },
  { "list",       "List documents (connected: to CHAR_ID)", list_run },
  { "connect",    "Connect a document to a character", connect_run },
  { "disconnect", "Disconnect a document from a character", disconnect_run },
  { "delete",     "Delete a document everywhere", delete_run },
  { "wait",       "Wait until a document is available", wait_run },
  { NULL }
};

void
troupe_cli_kb_run (TroupeCli  *cli,
                   char      **argv)
{
  troupe_cli_run_group (cli, argv, "Manage knowledge-bank documents.", commands);
}
