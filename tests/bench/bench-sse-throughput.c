/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SSE parsing speed on a realistic streamed reply: word events, a base64
 * audio event per sentence, comments, CRLF here and there, fed in the 16 KiB
 * reads the stream reader uses. Target: >= 200 MB/s. */
#include <convai.h>

#include <string.h>

#define TARGET_MB_S 200.0
#define STREAM_MB   64
#define READ_SIZE   (16 * 1024)

static void
count_event_cb (const char *event_type,
                const char *data,
                gsize       len,
                gpointer    user_data)
{
  guint64 *count = user_data;

  (*count)++;
}

static GString *
make_stream (gboolean with_audio)
{
  GString *stream = g_string_sized_new (STREAM_MB * 1024 * 1024 + 4096);
  g_autofree char *audio = g_malloc (6000);
  guint i = 0;

  memset (audio, 'Q', 5999);
  audio[5999] = '\0';
  g_string_append (stream, "data: {\"sessionID\": \"6f1c2a9e0b\"}\n\n");
  while (stream->len < STREAM_MB * 1024 * 1024)
    {
      g_string_append_printf (stream, "data: {\"text\": \"word%u \"}\n\n", i);
      if (with_audio && i % 12 == 11)
        g_string_append_printf (stream, "data: {\"audio\": \"%s\", \"sample_rate\": 22050}\r\n\r\n", audio);
      if (i % 100 == 99)
        g_string_append (stream, ": keep-alive\n");
      i++;
    }
  g_string_append (stream, "data: {\"tag\": \"end\"}\n\n");
  return stream;
}

static double
run_once (GString *stream,
          guint64 *events)
{
  g_autoptr(ConvaiSseParser) parser = convai_sse_parser_new (count_event_cb, events);
  gint64 start = g_get_monotonic_time ();

  *events = 0;
  for (gsize offset = 0; offset < stream->len; offset += READ_SIZE)
    convai_sse_parser_feed (parser, stream->str + offset, MIN (READ_SIZE, stream->len - offset));
  g_assert_true (convai_sse_parser_finish (parser));
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Best of 5 runs, in MB/s. */
static double
measure (const char *what,
         gboolean    with_audio)
{
  g_autoptr(GString) stream = make_stream (with_audio);
  double best = G_MAXDOUBLE, mb_s;
  guint64 events = 0;

  for (guint round = 0; round < 5; round++)
    best = MIN (best, run_once (stream, &events));
  mb_s = stream->len / (1024.0 * 1024.0) / best;
  g_print ("sse-throughput (%s): %.0f MB/s (%.1f MB, %" G_GUINT64_FORMAT " events, best of 5, target >= %.0f)\n",
           what, mb_s, stream->len / (1024.0 * 1024.0), events, TARGET_MB_S);
  return mb_s;
}

int
main (int   argc,
      char *argv[])
{
  /* Small word events are the hard case: per-event work dominates. */
  double words = measure ("word events only", FALSE);
  double mixed = measure ("words + audio", TRUE);

  return words >= TARGET_MB_S && mixed >= TARGET_MB_S ? 0 : 1;
}
