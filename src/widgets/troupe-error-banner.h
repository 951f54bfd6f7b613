/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_ERROR_BANNER (troupe_error_banner_get_type ())
G_DECLARE_FINAL_TYPE (TroupeErrorBanner, troupe_error_banner, TROUPE, ERROR_BANNER, AdwBin)

/* An inline banner for what failed, in full: a toast would cut the
 * server's words and the advice short. It stays until dismissed or until
 * the next success hides it. (AdwBanner arrives with libadwaita 1.3.) */
TroupeErrorBanner *troupe_error_banner_new      (void);
void               troupe_error_banner_show     (TroupeErrorBanner *self,
                                                 const char        *text);
void               troupe_error_banner_hide     (TroupeErrorBanner *self);
/* The text shown, or NULL when hidden. */
const char        *troupe_error_banner_get_text (TroupeErrorBanner *self);

G_END_DECLS
