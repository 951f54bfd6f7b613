/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The History page's actions: open, reload, load all, export through the
 * file chooser portal, delete after asking. */
#define G_LOG_DOMAIN "troupe-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-confirm-dialog.h"
#include "troupe-history-page-private.h"
#include "troupe-report.h"

/* ---- export ---- */

static void
export_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TroupeHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_written = 0, n_gone = 0;
  gboolean done = troupe_history_export_finish (result, &n_written, &n_gone, &error);

  troupe_history_page_release_busy (self);
  troupe_history_page_set_progress (self, NULL);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!done)
    {
      troupe_report_error (GTK_WIDGET (self), _("Could not export the sessions"), error);
      return;
    }
  if (n_gone > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Exported %u session; %u were deleted elsewhere",
                                         "Exported %u sessions; %u were deleted elsewhere", n_written),
                            n_written, n_gone);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u session", "Exported %u sessions", n_written),
                            n_written);
  troupe_report_toast (GTK_WIDGET (self), text);
}

/* Several sessions take a while: say how far it got. The page outlives
 * the export (dispose cancels it, and the task holds a reference). */
static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  TroupeHistoryPage *self = user_data;
  g_autofree char *text = NULL;

  if (total < 2)
    return;
  text = g_strdup_printf (_("Exporting session %u of %u…"), done + 1, total);
  troupe_history_page_set_progress (self, text);
}

void
troupe_history_page_export_to (TroupeHistoryPage   *self,
                               const char * const  *session_ids,
                               TroupeHistoryFormat  format,
                               GFile               *target,
                               gboolean             target_is_folder)
{
  ConvaiClient *client = troupe_store_get_client (TROUPE_STORE (self->store));
  const char *char_id = troupe_session_store_get_char_id (self->store);

  if (client == NULL || char_id == NULL || session_ids[0] == NULL)
    return;
  troupe_history_page_hold_busy (self);
  troupe_history_export_async (client, char_id, session_ids, format, target, target_is_folder,
                               export_progress_cb, self, self->cancellable, export_finished_cb, g_object_ref (self));
}

typedef struct
{
  TroupeHistoryPage   *self;
  char               **session_ids;
  TroupeHistoryFormat  format;
  gboolean             folder;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->self);
  g_strfreev (request->session_ids);
  g_free (request);
}

static void
export_request_notify (gpointer  data,
                       GClosure *closure)
{
  export_request_free (data);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ExportRequest *request = user_data;
  TroupeHistoryPage *self = request->self;
  g_autoptr(GFile) target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && target != NULL)
    troupe_history_page_export_to (self, (const char * const *) request->session_ids,
                                   request->format, target, request->folder);
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->chooser);
}

static void
ask_where (TroupeHistoryPage    *self,
           char                **session_ids,
           TroupeHistoryFormat   format)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean folder = g_strv_length (session_ids) > 1;
  ExportRequest *request = g_new0 (ExportRequest, 1);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folder ? _("Export Sessions Into a Folder") : _("Export Session"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    {
      g_autofree char *name = g_strconcat (session_ids[0], troupe_history_format_extension (format), NULL);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  request->self = g_object_ref (self);
  request->session_ids = session_ids;
  request->format = format;
  request->folder = folder;
  g_signal_connect_data (chooser, "response", G_CALLBACK (chooser_response_cb), request,
                         export_request_notify, 0);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_set_object (&self->chooser, chooser);
  g_object_unref (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkFileChooserNative *
troupe_history_page_get_chooser (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return self->chooser;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeHistoryPage *self = TROUPE_HISTORY_PAGE (widget);
  TroupeHistoryFormat format;
  char **ids;

  if (!troupe_history_format_parse (g_variant_get_string (parameter, NULL), &format))
    return;
  ids = g_str_equal (action_name, "history.export-all") ? troupe_history_page_dup_all (self)
                                                       : troupe_history_page_dup_selected (self);
  if (ids[0] == NULL)
    {
      g_strfreev (ids);
      return;
    }
  ask_where (self, ids, format);
}

/* ---- delete ---- */

typedef struct
{
  TroupeHistoryPage  *self;
  char               *char_id;
  char              **session_ids;
} DeleteRequest;

static void
delete_request_free (DeleteRequest *request)
{
  g_object_unref (request->self);
  g_free (request->char_id);
  g_strfreev (request->session_ids);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteRequest, delete_request_free)

static void
delete_request_notify (gpointer  data,
                       GClosure *closure)
{
  delete_request_free (data);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DeleteRequest) request = user_data;
  TroupeHistoryPage *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = g_strv_length (request->session_ids);

  troupe_history_page_release_busy (self);
  if (!convai_client_delete_sessions_finish (CONVAI_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        troupe_report_error (GTK_WIDGET (self), _("Could not delete the sessions"), error);
      return;
    }
  if (g_strv_contains ((const char * const *) request->session_ids,
                       troupe_history_transcript_get_session_id (self->transcript) ?: ""))
    {
      troupe_history_transcript_clear (self->transcript);
      gtk_widget_set_visible (GTK_WIDGET (self->continue_button), FALSE);
    }
  /* Only if the store still lists the character they were deleted from. */
  if (g_strcmp0 (troupe_session_store_get_char_id (self->store), request->char_id) == 0)
    troupe_session_store_remove (self->store, (const char * const *) request->session_ids);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %u session", "Deleted %u sessions", n), n);
  troupe_report_toast (GTK_WIDGET (self), text);
}

static void
delete_confirmed (TroupeHistoryPage  *self,
                  char              **session_ids)
{
  ConvaiClient *client = troupe_store_get_client (TROUPE_STORE (self->store));
  const char *char_id = troupe_session_store_get_char_id (self->store);
  DeleteRequest *request;

  if (client == NULL || char_id == NULL)
    {
      g_strfreev (session_ids);
      return;
    }
  request = g_new0 (DeleteRequest, 1);
  request->self = g_object_ref (self);
  request->char_id = g_strdup (char_id);
  request->session_ids = session_ids;
  troupe_history_page_hold_busy (self);
  convai_client_delete_sessions_async (client, char_id, (const char * const *) session_ids,
                                       self->cancellable, deleted_cb, request);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  DeleteRequest *request = user_data;

  if (g_str_equal (response, "delete"))
    delete_confirmed (request->self, g_steal_pointer (&request->session_ids));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeHistoryPage *self = TROUPE_HISTORY_PAGE (widget);
  g_auto(GStrv) ids = troupe_history_page_dup_selected (self);
  guint n = g_strv_length (ids);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  DeleteRequest *request;

  if (n == 0)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Session?", "Delete %u Sessions?", n), n);
  dialog = troupe_confirm_dialog_new (widget, heading,
                                      _("What was said in them is deleted from the server for good."),
                                      "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  request = g_new0 (DeleteRequest, 1);
  request->self = g_object_ref (self);
  request->session_ids = g_steal_pointer (&ids);
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), request,
                         delete_request_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the rest ---- */

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeHistoryPage *self = TROUPE_HISTORY_PAGE (widget);

  troupe_report_clear (widget);
  troupe_session_store_reload (self->store);
}

static void
load_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  troupe_session_store_load_all (TROUPE_HISTORY_PAGE (widget)->store);
}

static void
open_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  troupe_history_page_open_at (TROUPE_HISTORY_PAGE (widget), g_variant_get_string (parameter, NULL), 0);
}

static void
open_hit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  troupe_history_page_hit_activated (TROUPE_HISTORY_PAGE (widget), g_variant_get_uint32 (parameter));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (TROUPE_HISTORY_PAGE (widget)->leaflet, "sessions");
}

void
troupe_history_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "history.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "history.load-all", NULL, load_all_action);
  gtk_widget_class_install_action (widget_class, "history.open-session", "s", open_session_action);
  gtk_widget_class_install_action (widget_class, "history.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "history.export-all", "s", export_action);
  gtk_widget_class_install_action (widget_class, "history.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "history.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "history.open-hit", "u", open_hit_action);
}
