/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "troupe-confirm-dialog.h"

AdwMessageDialog *
troupe_confirm_dialog_new (GtkWidget             *parent,
                           const char            *heading,
                           const char            *body,
                           const char            *action_id,
                           const char            *action_label,
                           AdwResponseAppearance  appearance)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (heading != NULL && action_id != NULL && action_label != NULL, NULL);

  root = gtk_widget_get_root (parent);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    action_id, action_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, action_id, appearance);
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE ? "cancel" : action_id);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}
