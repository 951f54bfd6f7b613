/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_LANGUAGE (convai_language_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiLanguage, convai_language, CONVAI, LANGUAGE, GObject)

/* Properties "code" ("en-US") and "name" ("English"). */
ConvaiLanguage *convai_language_new            (const char  *code,
                                                 const char  *name);
const char     *convai_language_get_code       (ConvaiLanguage *self);
const char     *convai_language_get_name       (ConvaiLanguage *self);

/* tts/get_available_languages: [{"en-US": {"lang_code", "lang_name"}}, ...]. */
GListModel     *convai_language_list_from_json (JsonNode    *node,
                                                 GError     **error);

G_END_DECLS
