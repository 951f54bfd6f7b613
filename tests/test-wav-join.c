/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-wav-join.h"

#include <gio/gio.h>
#include <string.h>

/* A minimal PCM WAV: 44-byte header, then @n_samples 16-bit samples. */
static GBytes *
make_wav (guint32  rate,
          guint16  channels,
          guint    n_samples,
          gint16   value,
          gboolean streaming_size)
{
  guint32 data_size = n_samples * 2 * channels;
  GByteArray *wav = g_byte_array_new ();
  guint8 header[44] = "RIFF----WAVEfmt ";
  guint32 fmt_size = GUINT32_TO_LE (16), riff = GUINT32_TO_LE (36 + data_size);
  guint16 pcm = GUINT16_TO_LE (1), ch = GUINT16_TO_LE (channels), bits = GUINT16_TO_LE (16);
  guint16 align = GUINT16_TO_LE (2 * channels);
  guint32 rate_le = GUINT32_TO_LE (rate), byte_rate = GUINT32_TO_LE (rate * 2 * channels);
  guint32 size_le = GUINT32_TO_LE (streaming_size ? 0xffffffff : data_size);

  memcpy (header + 4, &riff, 4);
  memcpy (header + 16, &fmt_size, 4);
  memcpy (header + 20, &pcm, 2);
  memcpy (header + 22, &ch, 2);
  memcpy (header + 24, &rate_le, 4);
  memcpy (header + 28, &byte_rate, 4);
  memcpy (header + 32, &align, 2);
  memcpy (header + 34, &bits, 2);
  memcpy (header + 36, "data", 4);
  memcpy (header + 40, &size_le, 4);
  g_byte_array_append (wav, header, sizeof header);
  for (guint i = 0; i < n_samples * channels; i++)
    {
      gint16 sample = GINT16_TO_LE (value);

      g_byte_array_append (wav, (guint8 *) &sample, 2);
    }
  return g_byte_array_free_to_bytes (wav);
}

static guint32
le32_at (GBytes *bytes,
         gsize   offset)
{
  guint32 v;

  memcpy (&v, (const guint8 *) g_bytes_get_data (bytes, NULL) + offset, 4);
  return GUINT32_FROM_LE (v);
}

static void
test_join (void)
{
  g_autoptr(TroupeWavJoiner) joiner = troupe_wav_joiner_new ();
  g_autoptr(GBytes) a = make_wav (22050, 1, 100, 7, FALSE);
  g_autoptr(GBytes) b = make_wav (22050, 1, 50, -3, TRUE);
  g_autoptr(GBytes) joined = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gint16 last;

  g_assert_null (troupe_wav_joiner_to_bytes (joiner));
  g_assert_true (troupe_wav_joiner_append (joiner, a, &error));
  g_assert_true (troupe_wav_joiner_append (joiner, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (troupe_wav_joiner_get_n_chunks (joiner), ==, 2);

  joined = troupe_wav_joiner_to_bytes (joiner);
  g_assert_cmpuint (g_bytes_get_size (joined), ==, 44 + 150 * 2);
  data = g_bytes_get_data (joined, NULL);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpuint (le32_at (joined, 4), ==, 36 + 300);
  g_assert_cmpuint (le32_at (joined, 24), ==, 22050);
  g_assert_cmpuint (le32_at (joined, 40), ==, 300);
  memcpy (&last, data + 44 + 149 * 2, 2);
  g_assert_cmpint (GINT16_FROM_LE (last), ==, -3);
}

static void
test_rejects_mismatch_and_garbage (void)
{
  g_autoptr(TroupeWavJoiner) joiner = troupe_wav_joiner_new ();
  g_autoptr(GBytes) a = make_wav (22050, 1, 10, 1, FALSE);
  g_autoptr(GBytes) b = make_wav (16000, 1, 10, 1, FALSE);
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a wav at all, clearly", 25);
  g_autoptr(GError) error = NULL;

  g_assert_true (troupe_wav_joiner_append (joiner, a, &error));
  g_assert_false (troupe_wav_joiner_append (joiner, b, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (troupe_wav_joiner_append (joiner, junk, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (troupe_wav_joiner_get_n_chunks (joiner), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/wav-join/join", test_join);
  g_test_add_func ("/troupe/wav-join/rejects-mismatch-and-garbage", test_rejects_mismatch_and_garbage);
  return g_test_run ();
}
