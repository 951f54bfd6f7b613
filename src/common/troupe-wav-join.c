/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-wav-join"

#include "config.h"

#include "troupe-wav-join.h"

#include <gio/gio.h>
#include <string.h>

#define WAVE_FORMAT_PCM 1

typedef struct
{
  guint16 channels;
  guint32 sample_rate;
  guint16 bits_per_sample;
} WavFormat;

struct _TroupeWavJoiner
{
  WavFormat   format;
  guint       n_chunks;
  GByteArray *pcm;
};

static guint32
read_le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
read_le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static void
write_le32 (guint8 *p, guint32 v)
{
  p[0] = v & 0xff; p[1] = (v >> 8) & 0xff; p[2] = (v >> 16) & 0xff; p[3] = v >> 24;
}

static void
write_le16 (guint8 *p, guint16 v)
{
  p[0] = v & 0xff; p[1] = v >> 8;
}

/* Walks the RIFF chunks for "fmt " and "data". A data size past the end
 * (streaming writers put 0xFFFFFFFF there) means "the rest of the file". */
static gboolean
parse_wav (const guint8  *data,
           gsize          size,
           WavFormat     *format,
           const guint8 **pcm,
           gsize         *pcm_size,
           GError       **error)
{
  gboolean have_format = FALSE;
  gsize offset = 12;

  if (size < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The reply audio is not a WAV file");
      return FALSE;
    }
  while (offset + 8 <= size)
    {
      const guint8 *chunk = data + offset;
      gsize chunk_size = read_le32 (chunk + 4);
      gsize available = size - offset - 8;

      if (memcmp (chunk, "fmt ", 4) == 0 && chunk_size >= 16 && available >= 16)
        {
          if (read_le16 (chunk + 8) != WAVE_FORMAT_PCM)
            break;
          format->channels = read_le16 (chunk + 10);
          format->sample_rate = read_le32 (chunk + 12);
          format->bits_per_sample = read_le16 (chunk + 22);
          have_format = TRUE;
        }
      else if (memcmp (chunk, "data", 4) == 0 && have_format)
        {
          *pcm = chunk + 8;
          *pcm_size = MIN (chunk_size, available);
          return TRUE;
        }
      /* Chunks are padded to an even size. */
      offset += 8 + chunk_size + (chunk_size & 1);
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       have_format ? "The reply audio has no data" : "The reply audio is not PCM WAV");
  return FALSE;
}

static gboolean
same_format (const WavFormat *a,
             const WavFormat *b)
{
  return a->channels == b->channels
         && a->sample_rate == b->sample_rate
         && a->bits_per_sample == b->bits_per_sample;
}

TroupeWavJoiner *
troupe_wav_joiner_new (void)
{
  TroupeWavJoiner *joiner = g_new0 (TroupeWavJoiner, 1);

  joiner->pcm = g_byte_array_new ();
  return joiner;
}

void
troupe_wav_joiner_free (TroupeWavJoiner *joiner)
{
  if (joiner == NULL)
    return;
  g_byte_array_unref (joiner->pcm);
  g_free (joiner);
}

gboolean
troupe_wav_joiner_append (TroupeWavJoiner  *joiner,
                          GBytes           *wav,
                          GError          **error)
{
  WavFormat format = { 0 };
  const guint8 *pcm = NULL;
  gsize pcm_size = 0;
  gsize size;
  const guint8 *data = g_bytes_get_data (wav, &size);

  if (!parse_wav (data, size, &format, &pcm, &pcm_size, error))
    return FALSE;
  if (joiner->n_chunks > 0 && !same_format (&format, &joiner->format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Reply audio chunk %u changes format (%u Hz, %u channels, %u bits)",
                   joiner->n_chunks + 1, format.sample_rate, format.channels, format.bits_per_sample);
      return FALSE;
    }
  joiner->format = format;
  joiner->n_chunks++;
  g_byte_array_append (joiner->pcm, pcm, pcm_size);
  return TRUE;
}

guint
troupe_wav_joiner_get_n_chunks (TroupeWavJoiner *joiner)
{
  return joiner->n_chunks;
}

GBytes *
troupe_wav_joiner_to_bytes (TroupeWavJoiner *joiner)
{
  guint8 header[44];
  guint32 block_align = joiner->format.channels * (joiner->format.bits_per_sample / 8);
  g_autoptr(GByteArray) out = g_byte_array_sized_new (sizeof header + joiner->pcm->len);

  if (joiner->n_chunks == 0)
    return NULL;
  memcpy (header, "RIFF", 4);
  write_le32 (header + 4, 36 + joiner->pcm->len);
  memcpy (header + 8, "WAVEfmt ", 8);
  write_le32 (header + 16, 16);
  write_le16 (header + 20, WAVE_FORMAT_PCM);
  write_le16 (header + 22, joiner->format.channels);
  write_le32 (header + 24, joiner->format.sample_rate);
  write_le32 (header + 28, joiner->format.sample_rate * block_align);
  write_le16 (header + 32, block_align);
  write_le16 (header + 34, joiner->format.bits_per_sample);
  memcpy (header + 36, "data", 4);
  write_le32 (header + 40, joiner->pcm->len);
  g_byte_array_append (out, header, sizeof header);
  g_byte_array_append (out, joiner->pcm->data, joiner->pcm->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
