/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A row of the upload queue. It redraws only when the upload notifies, which
 * the upload coalesces to at most ~30 times a second: no frame clock here.
 */
#include "troupe-upload-row.h"

#include <glib/gi18n.h>

struct _TroupeUploadRow
{
  GtkListBoxRow parent_instance;

  TroupeUploadQueue *queue;
  TroupeUpload *upload;
  GtkWidget *name;
  GtkWidget *progress;
  GtkWidget *status;
  GtkWidget *cancel;
  GtkWidget *retry;
};

G_DEFINE_FINAL_TYPE (TroupeUploadRow, troupe_upload_row, GTK_TYPE_LIST_BOX_ROW)

static char *
progress_text (TroupeUpload *upload)
{
  g_autofree char *sent = g_format_size (troupe_upload_get_bytes_sent (upload));
  g_autofree char *total = g_format_size (troupe_upload_get_bytes_total (upload));
  double rate = troupe_upload_get_rate (upload);
  double left = troupe_upload_get_seconds_left (upload);
  g_autofree char *speed = NULL;
  g_autofree char *time_left = NULL;

  if (troupe_upload_get_bytes_total (upload) > 0 &&
      troupe_upload_get_bytes_sent (upload) >= troupe_upload_get_bytes_total (upload))
    /* Translators: "8.4 MB sent · waiting for the server" */
    return g_strdup_printf (_("%s sent · waiting for the server to take it"), total);
  if (rate <= 0 || left < 0)
    /* Translators: "12.3 MB of 1.0 GB" */
    return g_strdup_printf (_("%s of %s"), sent, total);
  speed = g_format_size ((guint64) rate);
  if (left < 90)
    time_left = g_strdup_printf (g_dngettext (NULL, "%d s left", "%d s left", (int) left + 1), (int) left + 1);
  else
    time_left = g_strdup_printf (_("%d min left"), (int) (left / 60) + 1);
  /* Translators: "12.3 MB of 1.0 GB · 45 MB/s · 20 s left" */
  return g_strdup_printf (_("%s of %s · %s/s · %s"), sent, total, speed, time_left);
}

static void
update (TroupeUploadRow *self)
{
  TroupeUpload *upload = self->upload;
  TroupeUploadState state = troupe_upload_get_state (upload);
  goffset total = troupe_upload_get_bytes_total (upload);
  g_autofree char *text = NULL;
  const char *message = troupe_upload_get_error_message (upload);

  switch (state)
    {
    case TROUPE_UPLOAD_QUEUED: text = g_strdup (_("Waiting")); break;
    case TROUPE_UPLOAD_SENDING: text = progress_text (upload); break;
    case TROUPE_UPLOAD_DONE: text = g_strdup (_("Uploaded")); break;
    default: text = g_strdup (message != NULL ? message : _("Stopped")); break;
    }
  gtk_label_set_text (GTK_LABEL (self->status), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress),
                                 state == TROUPE_UPLOAD_DONE ? 1.0 :
                                 total > 0 ? (double) troupe_upload_get_bytes_sent (upload) / total : 0);
  gtk_widget_set_visible (self->progress, state == TROUPE_UPLOAD_SENDING || state == TROUPE_UPLOAD_QUEUED);
  gtk_widget_set_visible (self->cancel, state == TROUPE_UPLOAD_SENDING || state == TROUPE_UPLOAD_QUEUED);
  /* A refused file would be refused again; it needs a different file. */
  gtk_widget_set_visible (self->retry, state == TROUPE_UPLOAD_FAILED || state == TROUPE_UPLOAD_CANCELLED ||
                                       state == TROUPE_UPLOAD_INTERRUPTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upload.cancel", gtk_widget_get_visible (self->cancel));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upload.retry", gtk_widget_get_visible (self->retry));
  if (state == TROUPE_UPLOAD_FAILED || state == TROUPE_UPLOAD_REFUSED || state == TROUPE_UPLOAD_INTERRUPTED)
    gtk_widget_add_css_class (self->status, "error");
  else
    gtk_widget_remove_css_class (self->status, "error");
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  troupe_upload_cancel (TROUPE_UPLOAD_ROW (widget)->upload);
}

static void
retry_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  TroupeUploadRow *self = TROUPE_UPLOAD_ROW (widget);

  troupe_upload_queue_retry (self->queue, self->upload);
}

static void
troupe_upload_row_dispose (GObject *object)
{
  TroupeUploadRow *self = TROUPE_UPLOAD_ROW (object);

  if (self->upload != NULL)
    g_signal_handlers_disconnect_by_data (self->upload, self);
  g_clear_object (&self->upload);
  g_clear_object (&self->queue);
  G_OBJECT_CLASS (troupe_upload_row_parent_class)->dispose (object);
}

static void
troupe_upload_row_class_init (TroupeUploadRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = troupe_upload_row_dispose;
  gtk_widget_class_install_action (widget_class, "upload.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "upload.retry", NULL, retry_action);
}

static void
troupe_upload_row_init (TroupeUploadRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_hexpand (text, TRUE);

  self->name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name), PANGO_ELLIPSIZE_MIDDLE);
  self->progress = gtk_progress_bar_new ();
  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->status), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_widget_add_css_class (self->status, "caption");
  gtk_box_append (GTK_BOX (text), self->name);
  gtk_box_append (GTK_BOX (text), self->progress);
  gtk_box_append (GTK_BOX (text), self->status);

  self->cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel), "upload.cancel");
  gtk_widget_set_tooltip_text (self->cancel, _("Cancel"));
  self->retry = gtk_button_new_with_label (_("Retry"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry), "upload.retry");
  gtk_widget_set_tooltip_text (self->retry, _("Upload again from the start"));
  for (GtkWidget *b = self->cancel; b != NULL; b = b == self->cancel ? self->retry : NULL)
    {
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (b, "flat");
    }

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), self->cancel);
  gtk_box_append (GTK_BOX (box), self->retry);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

GtkWidget *
troupe_upload_row_new (TroupeUploadQueue *queue,
                       TroupeUpload      *upload)
{
  TroupeUploadRow *self = g_object_new (TROUPE_TYPE_UPLOAD_ROW, NULL);
  const char *name = troupe_upload_get_display_name (upload);
  g_autofree char *cancel = g_strdup_printf (_("Cancel uploading %s"), name);
  g_autofree char *retry = g_strdup_printf (_("Retry uploading %s"), name);
  g_autofree char *progress = g_strdup_printf (_("Upload progress of %s"), name);

  self->queue = g_object_ref (queue);
  self->upload = g_object_ref (upload);
  gtk_label_set_text (GTK_LABEL (self->name), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel), GTK_ACCESSIBLE_PROPERTY_LABEL, cancel, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->retry), GTK_ACCESSIBLE_PROPERTY_LABEL, retry, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL, progress, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* bytes-sent comes with rate and seconds-left in one batch: one update per batch. */
  g_signal_connect_swapped (upload, "notify::bytes-sent", G_CALLBACK (update), self);
  g_signal_connect_swapped (upload, "notify::bytes-total", G_CALLBACK (update), self);
  g_signal_connect_swapped (upload, "notify::state", G_CALLBACK (update), self);
  g_signal_connect_swapped (upload, "notify::error-message", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

TroupeUpload *
troupe_upload_row_get_upload (TroupeUploadRow *self)
{
  return self->upload;
}

const char *
troupe_upload_row_get_status (TroupeUploadRow *self)
{
  return gtk_label_get_text (GTK_LABEL (self->status));
}
