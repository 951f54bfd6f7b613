/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The PCM inside one small WAV (a streamed reply's chunk): its format and
 * the samples, without copying them. Only 16-bit integer PCM is taken,
 * which is what the API sends and takes. */
typedef struct
{
  guint   rate;
  guint   channels;
  GBytes *samples;   /* a slice of the WAV */
} TroupeWavPcm;

/* Fails (G_IO_ERROR_INVALID_DATA) on anything that is not 16-bit PCM WAV,
 * checked before a byte of it is trusted. */
gboolean troupe_wav_pcm_parse (GBytes        *wav,
                               TroupeWavPcm  *pcm,
                               GError       **error);
void     troupe_wav_pcm_clear (TroupeWavPcm  *pcm);

G_END_DECLS
