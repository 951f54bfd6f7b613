/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A row of the upload queue. Progress is drawn at most once a frame: a
 * notification only marks the row and asks the frame clock for a tick, and
 * the tick shows the newest figures, so a burst of notifications between
 * two frames costs one update. Neither the bar nor the figures line lays
 * the window out again (TroupeUploadProgress; a GtkInscription, which
 * redraws where a GtkLabel would queue a resize): on X11 each layout costs
 * GTK 4.8 about 20 round trips to the X server. The figures change at most
 * four times a second, in tabular digits, so they can be read and do not
 * jitter; the bar moves every frame the upload has news. The outcome
 * (uploaded, or why it stopped) is a wrapping label, laid out once.
 */
#include "troupe-upload-row.h"
#include "troupe-upload-progress.h"

#include <glib/gi18n.h>

/* How often the figures line may change while sending. */
#define FIGURES_INTERVAL_US (G_USEC_PER_SEC / 4)

struct _TroupeUploadRow
{
  GtkListBoxRow parent_instance;

  TroupeUploadQueue *queue;
  TroupeUpload *upload;
  GtkWidget *name;
  GtkWidget *progress;
  GtkWidget *figures;   /* while queued or sending */
  GtkWidget *status;    /* once finished */
  GtkWidget *cancel;
  GtkWidget *retry;

  gboolean progress_due;      /* the upload told of progress not shown yet */
  guint tick_id;
  guint figures_timeout_id;   /* figures held back by the interval */
  gint64 figures_us;          /* when the figures were last written */
  goffset figures_total;      /* the size they gave */
  goffset figures_sent;       /* and the bytes sent */
  guint n_refreshes;
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
show_figures (TroupeUploadRow *self,
              gint64           now)
{
  g_autofree char *text = NULL;

  if (troupe_upload_get_state (self->upload) == TROUPE_UPLOAD_QUEUED)
    text = g_strdup (_("Waiting"));
  else
    text = progress_text (self->upload);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->figures), text);
  self->figures_us = now;
  self->figures_total = troupe_upload_get_bytes_total (self->upload);
  self->figures_sent = troupe_upload_get_bytes_sent (self->upload);
}

static gboolean figures_timeout_cb (gpointer data);

/* The newest progress: the bar always, the figures if their interval has
 * passed, or at once when they have news beyond the count (the size is
 * known, the first bytes or the last are sent); otherwise a timeout brings
 * them when it has. */
static void
show_progress (TroupeUploadRow *self)
{
  TroupeUpload *upload = self->upload;
  goffset total = troupe_upload_get_bytes_total (upload);
  goffset sent = troupe_upload_get_bytes_sent (upload);
  gint64 now = g_get_monotonic_time ();
  gint64 wait = self->figures_us + FIGURES_INTERVAL_US - now;

  self->progress_due = FALSE;
  self->n_refreshes++;
  troupe_upload_progress_set_fraction (TROUPE_UPLOAD_PROGRESS (self->progress),
                                       total > 0 ? (double) sent / total : 0);
  if (wait <= 0 || total != self->figures_total || (sent > 0 && self->figures_sent == 0) ||
      (total > 0 && sent >= total))
    {
      g_clear_handle_id (&self->figures_timeout_id, g_source_remove);
      show_figures (self, now);
    }
  else if (self->figures_timeout_id == 0)
    self->figures_timeout_id = g_timeout_add ((guint) (wait / 1000) + 1, figures_timeout_cb, self);
}

static void progress_cb (TroupeUploadRow *self);

static gboolean
figures_timeout_cb (gpointer data)
{
  TroupeUploadRow *self = data;

  self->figures_timeout_id = 0;
  progress_cb (self); /* drawn at the next frame, as all progress */
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  TroupeUploadRow *self = TROUPE_UPLOAD_ROW (widget);

  self->tick_id = 0;
  if (self->progress_due)
    show_progress (self);
  return G_SOURCE_REMOVE;
}

/* bytes-sent, -total, rate and seconds-left come in one batch: marked, and
 * shown at the next frame (once mapped: until then nothing is drawn). */
static void
progress_cb (TroupeUploadRow *self)
{
  self->progress_due = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return; /* map_cb shows it */
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

/* A new state: rare. Which lines and buttons show changes at once (a new
 * layout); a queued or sending upload's figures come at the next frame. */
static void
state_cb (TroupeUploadRow *self)
{
  TroupeUploadState state = troupe_upload_get_state (self->upload);
  const char *message = troupe_upload_get_error_message (self->upload);
  gboolean active = state == TROUPE_UPLOAD_SENDING || state == TROUPE_UPLOAD_QUEUED;

  if (active)
    {
      self->figures_us = 0; /* a new state's figures go out at the next frame */
      progress_cb (self);
    }
  else
    {
      g_clear_handle_id (&self->figures_timeout_id, g_source_remove);
      gtk_label_set_text (GTK_LABEL (self->status),
                          state == TROUPE_UPLOAD_DONE ? _("Uploaded") :
                          message != NULL ? message : _("Stopped"));
    }
  gtk_widget_set_visible (self->progress, active);
  gtk_widget_set_visible (self->figures, active);
  gtk_widget_set_visible (self->status, !active);
  gtk_widget_set_visible (self->cancel, active);
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

/* What came while it was off screen, in its first frame back. */
static void
map_cb (TroupeUploadRow *self)
{
  if (self->progress_due)
    progress_cb (self);
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
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_handle_id (&self->figures_timeout_id, g_source_remove);
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

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    text)
{
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* gtk_widget_set_tooltip_text() asks where the pointer is, to show the new
 * tip at once: on X11 three round trips to the server per call, while a
 * new row is made mid-upload. A row's tips are set before anyone can point
 * at it, so they are given when asked for. @text is static (gettext). */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), (gpointer) text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* Digits of one width, so the figures do not shift as they change. */
static PangoAttrList *
tabular_digits (void)
{
  static PangoAttrList *attrs;

  if (attrs == NULL)
    {
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
    }
  return attrs;
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
  self->progress = troupe_upload_progress_new ();
  self->figures = gtk_inscription_new (NULL);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->figures), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_attributes (GTK_INSCRIPTION (self->figures), tabular_digits ());
  gtk_widget_add_css_class (self->figures, "dim-label");
  gtk_widget_add_css_class (self->figures, "caption");
  gtk_widget_add_css_class (self->figures, "numeric");
  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->status), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_widget_add_css_class (self->status, "caption");
  gtk_box_append (GTK_BOX (text), self->name);
  gtk_box_append (GTK_BOX (text), self->progress);
  gtk_box_append (GTK_BOX (text), self->figures);
  gtk_box_append (GTK_BOX (text), self->status);

  self->cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel), "upload.cancel");
  set_tooltip (self->cancel, _("Cancel"));
  self->retry = gtk_button_new_with_label (_("Retry"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry), "upload.retry");
  set_tooltip (self->retry, _("Upload again from the start"));
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
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
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
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (self->figures), 0);
  g_signal_connect_swapped (upload, "notify::bytes-sent", G_CALLBACK (progress_cb), self);
  g_signal_connect_swapped (upload, "notify::bytes-total", G_CALLBACK (progress_cb), self);
  g_signal_connect_swapped (upload, "notify::state", G_CALLBACK (state_cb), self);
  g_signal_connect_swapped (upload, "notify::error-message", G_CALLBACK (state_cb), self);
  state_cb (self);
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
  g_return_val_if_fail (TROUPE_IS_UPLOAD_ROW (self), NULL);

  if (!gtk_widget_get_visible (self->figures))
    return gtk_label_get_text (GTK_LABEL (self->status));
  /* What it says, not what it will say at the next frame. */
  if (self->progress_due || self->figures_timeout_id != 0)
    {
      g_clear_handle_id (&self->figures_timeout_id, g_source_remove);
      self->progress_due = FALSE;
      show_figures (self, g_get_monotonic_time ());
    }
  return gtk_inscription_get_text (GTK_INSCRIPTION (self->figures));
}

double
troupe_upload_row_get_fraction (TroupeUploadRow *self)
{
  g_return_val_if_fail (TROUPE_IS_UPLOAD_ROW (self), 0);
  return troupe_upload_progress_get_fraction (TROUPE_UPLOAD_PROGRESS (self->progress));
}

guint
troupe_upload_row_get_n_refreshes (TroupeUploadRow *self)
{
  g_return_val_if_fail (TROUPE_IS_UPLOAD_ROW (self), 0);
  return self->n_refreshes;
}
