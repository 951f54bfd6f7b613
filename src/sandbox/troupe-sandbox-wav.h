/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RIFF WAV headers, read and written. Pure. */
typedef struct
{
  guint  format;           /* 1 = PCM (WAVE_FORMAT_EXTENSIBLE resolved) */
  guint  channels;
  guint  sample_rate;
  guint  bits_per_sample;
  guint  block_align;      /* bytes per frame */
  gsize  fmt_offset;       /* the fmt chunk's body */
  gsize  fmt_size;
  gsize  data_offset;
  gsize  data_size;
} TroupeSandboxWavInfo;

/* Parses the header; FALSE with a message a client can act on. */
gboolean troupe_sandbox_wav_parse          (GBytes               *wav,
                                            TroupeSandboxWavInfo *info,
                                            char                **error_message);
/* The checks Convai applies to voice input: PCM, mono, 16-bit or more. */
gboolean troupe_sandbox_wav_check_input    (GBytes               *wav,
                                            char                **error_message);
/* The same PCM WAV with `seconds` of silence before and after: the
 * recogniser needs quiet around an utterance to find its edges. */
GBytes  *troupe_sandbox_wav_pad_silence    (GBytes               *wav,
                                            double                seconds);
/* A complete 16-bit mono PCM WAV around `pcm`. */
GBytes  *troupe_sandbox_wav_new_s16_mono   (const guint8         *pcm,
                                            gsize                 size,
                                            guint                 sample_rate);

G_END_DECLS
