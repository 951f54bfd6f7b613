/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_APPLICATION (troupe_application_get_type ())

G_DECLARE_FINAL_TYPE (TroupeApplication, troupe_application, TROUPE, APPLICATION, AdwApplication)

TroupeApplication *troupe_application_new          (void);
GSettings         *troupe_application_get_settings (TroupeApplication *self);

G_END_DECLS
