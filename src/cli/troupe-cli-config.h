/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROUPE_CLI_DEFAULT_URL "https://api.convai.com"

char     *troupe_cli_resolve_url    (const char  *option_url);
gboolean  troupe_cli_check_url      (const char  *url,
                                     GError     **error);
char     *troupe_cli_resolve_api_key (const char  *option_key,
                                      const char  *url);

G_END_DECLS
