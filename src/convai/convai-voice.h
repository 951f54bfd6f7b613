/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_VOICE (convai_voice_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiVoice, convai_voice, CONVAI, VOICE, GObject)

/* One voice of tts/get_available_voices. Properties: "section", "name",
 * "voice-value" (what voiceType takes), "lang-codes" (GStrv), "gender",
 * "deployment-envs" (GStrv), "sample-link". */
const char         *convai_voice_get_section         (ConvaiVoice *self);
const char         *convai_voice_get_name            (ConvaiVoice *self);
const char         *convai_voice_get_voice_value     (ConvaiVoice *self);
const char * const *convai_voice_get_lang_codes      (ConvaiVoice *self);
const char         *convai_voice_get_gender          (ConvaiVoice *self);
const char * const *convai_voice_get_deployment_envs (ConvaiVoice *self);
const char         *convai_voice_get_sample_link     (ConvaiVoice *self);
/* Convai says to hide voices whose deployment_env lacks PRODUCTION. */
gboolean            convai_voice_is_production       (ConvaiVoice *self);
JsonNode           *convai_voice_to_json             (ConvaiVoice *self);

/* The whole reply {"<Section>": [{"<Voice Name>": {...}}, ...], ...} as a
 * GListModel of ConvaiVoice, in the server's order. */
GListModel         *convai_voice_list_from_json      (JsonNode    *node,
                                                       GError     **error);

G_END_DECLS
