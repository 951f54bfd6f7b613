/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-error-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-error-banner.h"

struct _TroupeErrorBanner
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
};

G_DEFINE_FINAL_TYPE (TroupeErrorBanner, troupe_error_banner, ADW_TYPE_BIN)

void
troupe_error_banner_show (TroupeErrorBanner *self,
                          const char        *text)
{
  g_return_if_fail (TROUPE_IS_ERROR_BANNER (self));
  g_return_if_fail (text != NULL);

  gtk_label_set_text (self->label, text);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  /* Screen readers hear it as it appears. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

void
troupe_error_banner_hide (TroupeErrorBanner *self)
{
  g_return_if_fail (TROUPE_IS_ERROR_BANNER (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

const char *
troupe_error_banner_get_text (TroupeErrorBanner *self)
{
  g_return_val_if_fail (TROUPE_IS_ERROR_BANNER (self), NULL);

  return gtk_revealer_get_reveal_child (self->revealer) ? gtk_label_get_text (self->label) : NULL;
}

static void
dismiss_clicked_cb (TroupeErrorBanner *self)
{
  troupe_error_banner_hide (self);
}

TroupeErrorBanner *
troupe_error_banner_new (void)
{
  return g_object_new (TROUPE_TYPE_ERROR_BANNER, NULL);
}

static void
troupe_error_banner_class_init (TroupeErrorBannerClass *klass)
{
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
troupe_error_banner_init (TroupeErrorBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_selectable (self->label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dismiss, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dismiss), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_add_css_class (dismiss, "circular");
  g_signal_connect_object (dismiss, "clicked", G_CALLBACK (dismiss_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), dismiss);
  gtk_widget_add_css_class (box, "troupe-error-banner");

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->revealer, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
}
