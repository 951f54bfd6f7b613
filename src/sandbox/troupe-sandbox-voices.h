/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* GET tts/get_available_voices, tts/get_available_languages and the
 * voice samples their sample_link points at. */
void        troupe_sandbox_voices_register      (TroupeSandboxServer *server);

gboolean    troupe_sandbox_voices_is_valid      (const char          *voice_value);
/* The espeak voice ("en-us+f3") that speaks `voice_value` in the
 * character's language; unknown voices fall back to a neutral English one. */
char       *troupe_sandbox_voices_espeak_name   (const char          *voice_value,
                                                 const char          *language_code);

/* "MALE" or "FEMALE", or NULL for an unknown voice. */
const char *troupe_sandbox_voices_gender        (const char          *voice_value);

gboolean    troupe_sandbox_languages_is_valid   (const char          *code);

G_END_DECLS
