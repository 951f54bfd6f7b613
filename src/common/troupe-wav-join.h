/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A streamed voice reply arrives as one complete small WAV per sentence.
 * Saved back to back they would be one valid file followed by junk (and a
 * click at each header), so the PCM is joined under one header instead. */

typedef struct _TroupeWavJoiner TroupeWavJoiner;

TroupeWavJoiner *troupe_wav_joiner_new          (void);
void             troupe_wav_joiner_free         (TroupeWavJoiner  *joiner);
/* Fails (G_IO_ERROR_INVALID_DATA) on a chunk that is not PCM WAV or whose
 * format differs from the first chunk's. */
gboolean         troupe_wav_joiner_append       (TroupeWavJoiner  *joiner,
                                                 GBytes           *wav,
                                                 GError          **error);
guint            troupe_wav_joiner_get_n_chunks (TroupeWavJoiner  *joiner);
/* The joined WAV, or NULL before any chunk. */
GBytes          *troupe_wav_joiner_to_bytes     (TroupeWavJoiner  *joiner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeWavJoiner, troupe_wav_joiner_free)

G_END_DECLS
