/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-commands.h"
#include "troupe-cli-output.h"

/* Limits are counts, minutes or characters; show whole numbers as such. */
static char *
format_amount (double value)
{
  if (value == (gint64) value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  return g_strdup_printf ("%.2f", value);
}

/* expiry_ts is seconds since the epoch on the wire; show a date, and the
 * raw text when it is something else. */
static char *
format_expiry (const char *expiry)
{
  g_autoptr(GDateTime) date_time = NULL;
  guint64 seconds;

  if (expiry == NULL)
    return NULL;
  if (!g_ascii_string_to_unsigned (expiry, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      double value;
      char *end = NULL;

      value = g_ascii_strtod (expiry, &end);
      if (end == expiry || *end != '\0' || value < 0)
        return g_strdup (expiry);
      seconds = (guint64) value;
    }
  date_time = g_date_time_new_from_unix_utc ((gint64) seconds);
  if (date_time == NULL)
    return g_strdup (expiry);
  return g_date_time_format (date_time, "%Y-%m-%d %H:%M UTC");
}

static void
print_usage (ConvaiUsage *usage)
{
  g_autofree char *expiry = format_expiry (convai_usage_get_expiry (usage));
  const char *fields[] = {
    "Plan", convai_usage_get_plan_name (usage),
    "Expires", expiry,
  };
  const char *headers[] = { "METRIC", "USED", "LIMIT", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  guint n = convai_usage_get_n_metrics (usage);

  troupe_cli_print_fields (fields, G_N_ELEMENTS (fields) / 2);
  for (guint i = 0; i < n; i++)
    {
      double used = 0, limit = 0;
      const char *id = convai_usage_get_metric (usage, i, &used, &limit);
      g_autofree char *used_text = format_amount (used);
      g_autofree char *limit_text = format_amount (limit);
      const char *row[] = { id, used_text, limit_text, NULL };

      troupe_cli_table_add_row (table, row);
    }
  if (n > 0)
    {
      g_print ("\n");
      troupe_cli_table_print (table);
    }
}

static void
usage_finished_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(ConvaiUsage) usage =
    convai_client_get_usage_finish (CONVAI_CLIENT (source), result, &error);

  troupe_cli_finish_item (user_data, usage, error,
                          (TroupeCliToJson) convai_usage_to_json,
                          (TroupeCliPrintFunc) print_usage);
}

void
troupe_cli_usage_run (TroupeCli  *cli,
                      char      **argv)
{
  ConvaiClient *client;

  if (!troupe_cli_parse_command (cli, &argv, "", "Show the account's plan and API usage.",
                                 NULL, NULL, 0, 0))
    return;
  if ((client = troupe_cli_get_client (cli)) == NULL)
    return;
  convai_client_get_usage_async (client, cli->cancellable, usage_finished_cb, cli);
}
