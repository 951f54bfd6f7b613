/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-application.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_WINDOW (troupe_window_get_type ())

G_DECLARE_FINAL_TYPE (TroupeWindow, troupe_window, TROUPE, WINDOW, AdwApplicationWindow)

TroupeWindow *troupe_window_new (TroupeApplication *application);

G_END_DECLS
