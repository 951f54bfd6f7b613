/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Voice in and out with GStreamer: `pocketsphinx` transcribes, `espeak`
 * speaks. Both calls block: run them in a worker thread. */

#define TROUPE_SANDBOX_SPEECH_ERROR (troupe_sandbox_speech_error_quark ())

typedef enum
{
  TROUPE_SANDBOX_SPEECH_ERROR_MISSING_PLUGIN,
  TROUPE_SANDBOX_SPEECH_ERROR_FAILED,
} TroupeSandboxSpeechError;

#define TROUPE_SANDBOX_SPEECH_RATE 22050

GQuark   troupe_sandbox_speech_error_quark (void);

/* The text spoken by `espeak_voice` as a complete 16-bit mono WAV at
 * TROUPE_SANDBOX_SPEECH_RATE. */
GBytes  *troupe_sandbox_speech_synthesize  (const char  *text,
                                            const char  *espeak_voice,
                                            GError     **error);

/* The words heard in a PCM WAV (any rate, mono). With a corpus (the
 * character's own sentences), the recogniser expects the character's
 * words and topics, which makes it far more accurate on them. */
char    *troupe_sandbox_speech_transcribe  (GBytes      *wav,
                                            GPtrArray   *corpus,
                                            GError     **error);

G_END_DECLS
