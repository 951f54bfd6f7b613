/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The upload row's progress bar. GtkProgressBar reallocates its progress
 * node for every new fraction, and in GTK 4.8 any allocation in a window
 * lays the toplevel out again, which on X11 asks the X server for the
 * monitor and its work area: about 20 round trips a frame, each waiting on
 * the server when the CPUs are busy, as they are while an upload runs (26
 * to 58 ms frames measured). Here the progress node keeps the trough's
 * full size from one layout to the next and is drawn through a clip as
 * wide as the fraction, so a new fraction is a redraw and nothing else.
 *
 * The CSS nodes are GtkProgressBar's, so the theme's look applies. The
 * clip's ends are rounded to half the bar's height: the pill the theme
 * draws the progress node as.
 */
#include "troupe-upload-progress.h"

struct _TroupeUploadProgress
{
  GtkWidget parent_instance;

  GtkWidget *trough;
  double fraction;
};

G_DEFINE_FINAL_TYPE (TroupeUploadProgress, troupe_upload_progress, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The trough and the progress node: one private class, told apart by
 * their CSS names. Only the trough has a child to draw. */
#define TROUPE_TYPE_UPLOAD_TROUGH (troupe_upload_trough_get_type ())
G_DECLARE_FINAL_TYPE (TroupeUploadTrough, troupe_upload_trough, TROUPE, UPLOAD_TROUGH, GtkWidget)

struct _TroupeUploadTrough
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (TroupeUploadTrough, troupe_upload_trough, GTK_TYPE_WIDGET)

static void
troupe_upload_trough_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  GtkWidget *progress = gtk_widget_get_first_child (widget);
  TroupeUploadProgress *bar;
  graphene_rect_t bounds;
  GskRoundedRect clip;
  float shown;

  if (progress == NULL) /* the progress node itself: its CSS is all */
    return;
  bar = TROUPE_UPLOAD_PROGRESS (gtk_widget_get_parent (widget));
  if (bar->fraction <= 0 || !gtk_widget_compute_bounds (progress, widget, &bounds))
    return;
  shown = bounds.size.width * bar->fraction;
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    bounds.origin.x += bounds.size.width - shown;
  bounds.size.width = shown;
  gsk_rounded_rect_init_from_rect (&clip, &bounds, MIN (bounds.size.height, shown) / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_widget_snapshot_child (widget, progress, snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
troupe_upload_trough_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (troupe_upload_trough_parent_class)->dispose (object);
}

static void
troupe_upload_trough_class_init (TroupeUploadTroughClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = troupe_upload_trough_dispose;
  widget_class->snapshot = troupe_upload_trough_snapshot;
  /* The child gets the whole trough, whatever the fraction. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
troupe_upload_trough_init (TroupeUploadTrough *self)
{
}

static GtkWidget *
new_node (const char *css_name)
{
  return g_object_new (TROUPE_TYPE_UPLOAD_TROUGH,
                       "css-name", css_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

static void
troupe_upload_progress_dispose (GObject *object)
{
  TroupeUploadProgress *self = TROUPE_UPLOAD_PROGRESS (object);

  g_clear_pointer (&self->trough, gtk_widget_unparent);
  G_OBJECT_CLASS (troupe_upload_progress_parent_class)->dispose (object);
}

static void
troupe_upload_progress_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TroupeUploadProgress *self = TROUPE_UPLOAD_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_FRACTION: g_value_set_double (value, self->fraction); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_upload_progress_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TroupeUploadProgress *self = TROUPE_UPLOAD_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_FRACTION: troupe_upload_progress_set_fraction (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_upload_progress_class_init (TroupeUploadProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_upload_progress_dispose;
  object_class->get_property = troupe_upload_progress_get_property;
  object_class->set_property = troupe_upload_progress_set_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "progressbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
troupe_upload_progress_init (TroupeUploadProgress *self)
{
  GtkWidget *progress = new_node ("progress");

  gtk_widget_add_css_class (GTK_WIDGET (self), "horizontal");
  self->trough = new_node ("trough");
  gtk_widget_set_parent (self->trough, GTK_WIDGET (self));
  gtk_widget_set_parent (progress, self->trough);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                  -1);
}

GtkWidget *
troupe_upload_progress_new (void)
{
  return g_object_new (TROUPE_TYPE_UPLOAD_PROGRESS, NULL);
}

double
troupe_upload_progress_get_fraction (TroupeUploadProgress *self)
{
  g_return_val_if_fail (TROUPE_IS_UPLOAD_PROGRESS (self), 0);
  return self->fraction;
}

void
troupe_upload_progress_set_fraction (TroupeUploadProgress *self,
                                     double                fraction)
{
  g_return_if_fail (TROUPE_IS_UPLOAD_PROGRESS (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  /* Only the trough draws the fraction: no layout, no resize. */
  gtk_widget_queue_draw (self->trough);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, fraction, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}
