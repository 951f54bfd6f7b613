/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-progress.h"

#include <stdio.h>
#include <unistd.h>

/* Redraw at most this often: a fast upload reports progress thousands of
 * times a second and a terminal need not see each one. */
#define REDRAW_INTERVAL_US (G_USEC_PER_SEC / 10)

struct _TroupeCliProgress
{
  char    *label;
  gboolean enabled;
  gboolean drawn;
  gint64   started_us;
  gint64   last_draw_us;
};

char *
troupe_cli_progress_format (const char *label,
                            guint64     done,
                            guint64     total,
                            double      seconds,
                            guint       bar_width)
{
  GString *out = g_string_new (NULL);
  g_autofree char *done_text = g_format_size_full (done, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *total_text = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
  double fraction = total > 0 ? (double) MIN (done, total) / (double) total : 1.0;
  guint filled = (guint) (fraction * bar_width);

  if (label != NULL && label[0] != '\0')
    g_string_append_printf (out, "%s ", label);
  g_string_append_c (out, '[');
  for (guint i = 0; i < bar_width; i++)
    g_string_append (out, i < filled ? "#" : "-");
  g_string_append_printf (out, "] %3u%%  %s / %s", (guint) (fraction * 100), done_text, total_text);
  if (seconds > 0.05)
    {
      g_autofree char *rate = g_format_size_full ((guint64) (done / seconds), G_FORMAT_SIZE_IEC_UNITS);

      g_string_append_printf (out, "  %s/s", rate);
    }
  return g_string_free (out, FALSE);
}

TroupeCliProgress *
troupe_cli_progress_new (const char *label)
{
  TroupeCliProgress *progress = g_new0 (TroupeCliProgress, 1);

  progress->label = g_strdup (label);
  progress->enabled = isatty (STDOUT_FILENO);
  progress->started_us = g_get_monotonic_time ();
  return progress;
}

static void
draw (TroupeCliProgress *progress,
      guint64            done,
      guint64            total)
{
  double seconds = (g_get_monotonic_time () - progress->started_us) / (double) G_USEC_PER_SEC;
  g_autofree char *line = troupe_cli_progress_format (progress->label, done, total, seconds, 30);

  /* \033[K clears what a longer previous line left behind. */
  fprintf (stdout, "\r%s\033[K", line);
  fflush (stdout);
  progress->drawn = TRUE;
}

void
troupe_cli_progress_update (TroupeCliProgress *progress,
                            guint64            done,
                            guint64            total)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (progress != NULL);

  if (!progress->enabled)
    return;
  if (done < total && now - progress->last_draw_us < REDRAW_INTERVAL_US)
    return;
  progress->last_draw_us = now;
  draw (progress, done, total);
}

/* Leaves the final state on its own line, so what follows starts clean. */
void
troupe_cli_progress_free (TroupeCliProgress *progress)
{
  if (progress == NULL)
    return;
  if (progress->drawn)
    {
      fputc ('\n', stdout);
      fflush (stdout);
    }
  g_free (progress->label);
  g_free (progress);
}
