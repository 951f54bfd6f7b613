/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the WAV header checks, and the silence padding
 * that voice input goes through once it passes them: any input is
 * accepted or refused with a message, never a crash or an allocation the
 * header alone asks for. */
#include <stdlib.h>

#include "troupe-sandbox-wav.h"

/* Criticals are fatal: see fuzz-sandbox-init.c. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GBytes *wav = g_bytes_new (data, size);
  TroupeSandboxWavInfo info;
  char *error_message = NULL;
  gboolean parsed = troupe_sandbox_wav_parse (wav, &info, &error_message);

  if (parsed == (error_message != NULL))
    abort ();
  if (parsed && (info.data_offset > size || info.data_size > size - info.data_offset ||
                 info.fmt_offset + info.fmt_size > size))
    abort ();
  g_clear_pointer (&error_message, g_free);
  if (troupe_sandbox_wav_check_input (wav, &error_message))
    {
      GBytes *padded = troupe_sandbox_wav_pad_silence (wav, 0.5);

      g_bytes_unref (padded);
    }
  else if (error_message == NULL)
    abort ();
  g_free (error_message);
  g_bytes_unref (wav);
  return 0;
}
