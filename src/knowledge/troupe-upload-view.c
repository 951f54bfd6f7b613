/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The upload queue's view: a header with Clear Finished and Cancel All
 * over the rows. */
#include "troupe-upload-view.h"
#include "troupe-upload-row.h"

#include <glib/gi18n.h>

struct _TroupeUploadView
{
  GtkWidget parent_instance;

  TroupeUploadQueue *queue;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *cancel_all;
  GtkWidget *clear;
};

G_DEFINE_FINAL_TYPE (TroupeUploadView, troupe_upload_view, GTK_TYPE_WIDGET)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TroupeUploadView *self = user_data;

  return troupe_upload_row_new (self->queue, item);
}

/* Cancel All only while something can still be cancelled. */
static void
update (TroupeUploadView *self)
{
  GListModel *model = G_LIST_MODEL (self->queue);
  guint n = g_list_model_get_n_items (model);
  gboolean active = FALSE, finished = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TroupeUpload) upload = g_list_model_get_item (model, i);
      TroupeUploadState state = troupe_upload_get_state (upload);

      active |= state == TROUPE_UPLOAD_QUEUED || state == TROUPE_UPLOAD_SENDING;
      finished |= state == TROUPE_UPLOAD_DONE || state == TROUPE_UPLOAD_CANCELLED || state == TROUPE_UPLOAD_REFUSED;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "uploads.cancel-all", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "uploads.clear-finished", finished);
}

static void
state_cb (TroupeUploadView *self)
{
  update (self);
}

static void
items_changed_cb (TroupeUploadView *self,
                  guint             position,
                  guint             removed,
                  guint             added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(TroupeUpload) upload = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      g_signal_connect_object (upload, "notify::state", G_CALLBACK (state_cb), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

static void
cancel_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  troupe_upload_queue_cancel_all (TROUPE_UPLOAD_VIEW (widget)->queue);
}

static void
clear_finished_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *parameter)
{
  troupe_upload_queue_clear_finished (TROUPE_UPLOAD_VIEW (widget)->queue);
}

static void
troupe_upload_view_dispose (GObject *object)
{
  TroupeUploadView *self = TROUPE_UPLOAD_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  g_clear_object (&self->queue);
  G_OBJECT_CLASS (troupe_upload_view_parent_class)->dispose (object);
}

/* libadwaita animates a boxed list row's corners for 200 ms when it stops
 * being the last one, which it does each time an upload is added. In GTK
 * 4.8 every frame of a style animation lays the window out again, on X11
 * with about 20 round trips to the server each: a dozen slow frames just as
 * the upload starts taking the CPU. The corners change at once here. Given
 * for the display from the class, so the view needs no app stylesheet. */
static void
install_style (void)
{
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, "list.troupe-uploads > row { transition: none; }", -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
troupe_upload_view_class_init (TroupeUploadViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = troupe_upload_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "uploads.cancel-all", NULL, cancel_all_action);
  gtk_widget_class_install_action (widget_class, "uploads.clear-finished", NULL, clear_finished_action);
  install_style ();
}

static void
troupe_upload_view_init (TroupeUploadView *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Uploads"));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  self->cancel_all = gtk_button_new_with_label (_("Cancel All"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_all), "uploads.cancel-all");
  gtk_widget_add_css_class (self->cancel_all, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_all), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cancel all uploads"), -1);
  self->clear = gtk_button_new_with_label (_("Clear Finished"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->clear), "uploads.clear-finished");
  gtk_widget_add_css_class (self->clear, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clear finished uploads"), -1);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), self->clear);
  gtk_box_append (GTK_BOX (header), self->cancel_all);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_add_css_class (self->list, "troupe-uploads");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Uploads"), -1);
  gtk_box_append (GTK_BOX (self->box), header);
  gtk_box_append (GTK_BOX (self->box), self->list);
}

GtkWidget *
troupe_upload_view_new (TroupeUploadQueue *queue)
{
  TroupeUploadView *self = g_object_new (TROUPE_TYPE_UPLOAD_VIEW, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (queue));

  self->queue = g_object_ref (queue);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (queue), create_row, self, NULL);
  g_signal_connect_swapped (queue, "items-changed", G_CALLBACK (items_changed_cb), self);
  items_changed_cb (self, 0, 0, n);
  return GTK_WIDGET (self);
}

GtkListBox *
troupe_upload_view_get_list (TroupeUploadView *self)
{
  return GTK_LIST_BOX (self->list);
}
