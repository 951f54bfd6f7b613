/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-wav.h"

#include <string.h>

#define WAVE_FORMAT_PCM        1
#define WAVE_FORMAT_EXTENSIBLE 0xfffe
#define MAX_SAMPLE_RATE        192000

static guint
read_u16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static gboolean
parse_fmt (const guint8         *chunk,
           guint32               size,
           TroupeSandboxWavInfo *info)
{
  if (size < 16)
    return FALSE;
  info->format = read_u16 (chunk);
  info->channels = read_u16 (chunk + 2);
  info->sample_rate = read_u32 (chunk + 4);
  info->block_align = read_u16 (chunk + 12);
  info->bits_per_sample = read_u16 (chunk + 14);
  /* The sub-format GUID of an extensible header starts with the real tag. */
  if (info->format == WAVE_FORMAT_EXTENSIBLE && size >= 40)
    info->format = read_u16 (chunk + 24);
  return TRUE;
}

gboolean
troupe_sandbox_wav_parse (GBytes               *wav,
                          TroupeSandboxWavInfo *info,
                          char                **error_message)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (wav, &len);
  gboolean have_fmt = FALSE;
  gsize pos = 12;

  memset (info, 0, sizeof *info);
  if (len < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    {
      *error_message = g_strdup ("The audio file is not a WAV file (no RIFF/WAVE header).");
      return FALSE;
    }
  while (pos + 8 <= len)
    {
      guint32 size = read_u32 (data + pos + 4);
      const guint8 *body = data + pos + 8;
      gsize available = len - pos - 8;

      if (memcmp (data + pos, "fmt ", 4) == 0)
        {
          have_fmt = parse_fmt (body, MIN (size, available), info);
          info->fmt_offset = pos + 8;
          info->fmt_size = MIN (size, available);
        }
      else if (memcmp (data + pos, "data", 4) == 0)
        {
          info->data_offset = pos + 8;
          /* Streaming writers leave a placeholder size; GStreamer's wavenc,
           * unable to seek back, appends the real header at the end. */
          info->data_size = (size == 0 || size > available) ? available : size;
          if (info->data_size == available && available >= 44 &&
              memcmp (data + len - 44, "RIFF", 4) == 0 && memcmp (data + len - 36, "WAVE", 4) == 0)
            info->data_size -= 44;
          break;
        }
      pos += 8 + (gsize) size + (size & 1);
    }
  if (!have_fmt || info->data_offset == 0)
    {
      *error_message = g_strdup ("The WAV file has no fmt or data chunk.");
      return FALSE;
    }
  return TRUE;
}

gboolean
troupe_sandbox_wav_check_input (GBytes  *wav,
                                char   **error_message)
{
  TroupeSandboxWavInfo info;

  if (!troupe_sandbox_wav_parse (wav, &info, error_message))
    return FALSE;
  if (info.format != WAVE_FORMAT_PCM)
    *error_message = g_strdup_printf ("The WAV audio must be PCM (format 1), not format %u.", info.format);
  else if (info.channels != 1)
    *error_message = g_strdup_printf ("The WAV audio must be mono, not %u channels.", info.channels);
  else if (info.bits_per_sample < 16)
    *error_message = g_strdup_printf ("The WAV audio must have a bit depth of at least 16 bits, not %u.",
                                      info.bits_per_sample);
  else if (info.sample_rate < 8000)
    *error_message = g_strdup_printf ("The WAV sample rate %u Hz is too low for speech.", info.sample_rate);
  /* The header alone would otherwise size the silence padded around it. */
  else if (info.sample_rate > MAX_SAMPLE_RATE)
    *error_message = g_strdup_printf ("The WAV sample rate %u Hz is too high (%u Hz at most).",
                                      info.sample_rate, MAX_SAMPLE_RATE);
  else if (info.block_align != info.channels * ((info.bits_per_sample + 7) / 8))
    *error_message = g_strdup_printf ("The WAV header is inconsistent: %u bytes a frame for %u-bit mono.",
                                      info.block_align, info.bits_per_sample);
  else
    return TRUE;
  return FALSE;
}

static void
put_u16 (guint8 *p,
         guint   value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
}

static void
put_u32 (guint8 *p,
         guint32 value)
{
  put_u16 (p, value & 0xffff);
  put_u16 (p + 2, value >> 16);
}

GBytes *
troupe_sandbox_wav_new_s16_mono (const guint8 *pcm,
                                 gsize         size,
                                 guint         sample_rate)
{
  guint8 *wav = g_malloc (44 + size);

  memcpy (wav, "RIFF", 4);
  put_u32 (wav + 4, (guint32) (36 + size));
  memcpy (wav + 8, "WAVEfmt ", 8);
  put_u32 (wav + 16, 16);
  put_u16 (wav + 20, WAVE_FORMAT_PCM);
  put_u16 (wav + 22, 1);
  put_u32 (wav + 24, sample_rate);
  put_u32 (wav + 28, sample_rate * 2);
  put_u16 (wav + 32, 2);
  put_u16 (wav + 34, 16);
  memcpy (wav + 36, "data", 4);
  put_u32 (wav + 40, (guint32) size);
  if (size > 0)
    memcpy (wav + 44, pcm, size);
  return g_bytes_new_take (wav, 44 + size);
}

GBytes *
troupe_sandbox_wav_pad_silence (GBytes *wav,
                                double  seconds)
{
  TroupeSandboxWavInfo info;
  g_autofree char *error_message = NULL;
  const guint8 *data = g_bytes_get_data (wav, NULL);
  gsize pad, size;
  guint8 *out, *p;

  if (!troupe_sandbox_wav_parse (wav, &info, &error_message) || info.block_align == 0 ||
      info.sample_rate > MAX_SAMPLE_RATE || info.block_align > 32)
    return g_bytes_ref (wav);
  pad = (gsize) (seconds * info.sample_rate) * info.block_align;
  size = 12 + 8 + info.fmt_size + 8 + pad + info.data_size + pad;
  p = out = g_malloc0 (size);
  memcpy (p, "RIFF", 4);
  put_u32 (p + 4, (guint32) (size - 8));
  memcpy (p + 8, "WAVEfmt ", 8);
  put_u32 (p + 16, (guint32) info.fmt_size);
  memcpy (p + 20, data + info.fmt_offset, info.fmt_size);
  p += 20 + info.fmt_size;
  memcpy (p, "data", 4);
  put_u32 (p + 4, (guint32) (pad + info.data_size + pad));
  /* Zero is silence for every PCM depth above 8 bits. */
  memcpy (p + 8 + pad, data + info.data_offset, info.data_size);
  return g_bytes_new_take (out, size);
}
