/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A streamed voice reply arrives as one complete small WAV per sentence.
 * Saved back to back they would be one valid file followed by junk (and a
 * click at each header), so the PCM is joined under one header instead. */

typedef struct _TroupeCliWavJoiner TroupeCliWavJoiner;

TroupeCliWavJoiner *troupe_cli_wav_joiner_new      (void);
void                troupe_cli_wav_joiner_free     (TroupeCliWavJoiner *joiner);
/* Fails (G_IO_ERROR_INVALID_DATA) on a chunk that is not PCM WAV or whose
 * format differs from the first chunk's. */
gboolean            troupe_cli_wav_joiner_append   (TroupeCliWavJoiner *joiner,
                                                    GBytes             *wav,
                                                    GError            **error);
guint               troupe_cli_wav_joiner_get_n_chunks (TroupeCliWavJoiner *joiner);
/* The joined WAV, or NULL before any chunk. */
GBytes             *troupe_cli_wav_joiner_to_bytes (TroupeCliWavJoiner *joiner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeCliWavJoiner, troupe_cli_wav_joiner_free)

G_END_DECLS
