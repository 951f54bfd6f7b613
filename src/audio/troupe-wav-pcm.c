/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "troupe-wav-pcm.h"

#define WAVE_FORMAT_PCM 1

static guint32
read_u32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
read_u16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static gboolean
invalid (GError    **error,
         const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The reply's audio is not a PCM WAV: %s", why);
  return FALSE;
}

gboolean
troupe_wav_pcm_parse (GBytes        *wav,
                      TroupeWavPcm  *pcm,
                      GError       **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (wav, &len);
  gboolean have_format = FALSE;
  gsize at = 12;

  memset (pcm, 0, sizeof *pcm);
  if (len < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    return invalid (error, "no RIFF/WAVE header");

  /* Chunks: an 8-byte header each, padded to even length. */
  while (at + 8 <= len)
    {
      guint32 size = read_u32 (data + at + 4);
      gsize body = at + 8;

      if (memcmp (data + at, "fmt ", 4) == 0)
        {
          if (size < 16 || body + 16 > len)
            return invalid (error, "a short format chunk");
          if (read_u16 (data + body) != WAVE_FORMAT_PCM || read_u16 (data + body + 14) != 16)
            return invalid (error, "not 16-bit integer PCM");
          pcm->channels = read_u16 (data + body + 2);
          pcm->rate = read_u32 (data + body + 4);
          if (pcm->channels == 0 || pcm->channels > 8 || pcm->rate < 1000 || pcm->rate > 192000)
            return invalid (error, "an impossible channel count or rate");
          have_format = TRUE;
        }
      else if (memcmp (data + at, "data", 4) == 0)
        {
          gsize available = len - body;
          /* A streamed chunk may say 0 or too much: take what is there. */
          gsize take = size == 0 || size > available ? available : size;

          if (!have_format)
            return invalid (error, "samples before the format");
          take -= take % (2 * pcm->channels);
          pcm->samples = g_bytes_new_from_bytes (wav, body, take);
          return TRUE;
        }
      if (size > len - body)
        break;
      at = body + size + (size & 1);
    }
  return invalid (error, "no data chunk");
}

void
troupe_wav_pcm_clear (TroupeWavPcm *pcm)
{
  g_clear_pointer (&pcm->samples, g_bytes_unref);
}
