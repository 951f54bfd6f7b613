/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A question before an action: Cancel, and @action_label under the response
 * id @action_id, in @appearance (destructive actions are not the default:
 * Enter cancels them). @body may be NULL. Escape and closing answer
 * "cancel". Connect to "response", add responses or an extra child, then
 * present it. */
AdwMessageDialog *troupe_confirm_dialog_new (GtkWidget             *parent,
                                             const char            *heading,
                                             const char            *body,
                                             const char            *action_id,
                                             const char            *action_label,
                                             AdwResponseAppearance  appearance);

G_END_DECLS
