/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The History page's date range: the session list and the search both
 * keep to it. A preset ("Today", "Last 7 Days", "Last 30 Days") or a
 * custom range of whole local days picked on a calendar, chosen in the
 * popover of the calendar button, and said in the filter bar with a way
 * to clear it. Everything goes through history.date-range (a preset's or
 * "custom"'s name) and history.set-custom-range ("(ss)": the first and
 * last day, YYYY-MM-DD, "" for no bound), so tests drive it as a person
 * does. */
#define G_LOG_DOMAIN "troupe-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-history-page-private.h"

typedef struct
{
  const char *name;
  const char *label;
  int         days_back;   /* the first day is today minus this; -1: none */
} Preset;

static const Preset presets[] = {
  { "any", N_("Any Time"), -1 },
  { "today", N_("Today"), 0 },
  { "last-7-days", N_("Last 7 Days"), 6 },
  { "last-30-days", N_("Last 30 Days"), 29 },
  { "custom", N_("Custom Range"), -1 },
};

static const Preset *
find_preset (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i].name, name) == 0)
      return &presets[i];
  return NULL;
}

static void
set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* The local midnight that starts @date, in µs since the epoch. */
static gint64
day_start_us (const GDate *date)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                          g_date_get_day (date), 0, 0, 0);

  return midnight != NULL ? g_date_time_to_unix (midnight) * G_USEC_PER_SEC : 0;
}

void
troupe_history_page_get_date_bounds (TroupeHistoryPage *self,
                                     gint64            *since_us,
                                     gint64            *until_us)
{
  const Preset *preset = find_preset (self->date_range);
  GDate day;

  *since_us = *until_us = 0;
  if (g_str_equal (preset->name, "custom"))
    {
      if (g_date_valid (&self->date_from))
        *since_us = day_start_us (&self->date_from);
      if (g_date_valid (&self->date_to))
        {
          day = self->date_to;
          g_date_add_days (&day, 1);
          *until_us = day_start_us (&day) - 1;
        }
      return;
    }
  if (preset->days_back < 0)
    return;
  set_today (&day);
  g_date_subtract_days (&day, (guint) preset->days_back);
  *since_us = day_start_us (&day);
}

gboolean
troupe_history_page_get_date_filtered (TroupeHistoryPage *self)
{
  return !g_str_equal (self->date_range, "any");
}

static gboolean
session_in_range (gpointer item,
                  gpointer user_data)
{
  TroupeHistoryPage *self = user_data;
  GDateTime *when = troupe_history_session_get_date_time (item);
  gint64 us;

  if (when == NULL)
    return FALSE;
  us = g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
  return (self->since_us == 0 || us >= self->since_us) && (self->until_us == 0 || us <= self->until_us);
}

/* The bounds are taken once per change, not per session: 10,000 sessions
 * are filtered in a millisecond or two. With no range the filter matches
 * everything, which the list model passes through without asking. */
static void
refilter (TroupeHistoryPage *self)
{
  troupe_history_page_get_date_bounds (self, &self->since_us, &self->until_us);
  if (troupe_history_page_get_date_filtered (self))
    gtk_custom_filter_set_filter_func (self->date_filter, session_in_range, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->date_filter, NULL, NULL, NULL);
}

/* "Today" moves at midnight: the list takes the bounds again each time the
 * page is shown, and only filters again when they moved. */
void
troupe_history_page_refresh_dates (TroupeHistoryPage *self)
{
  gint64 since_us = 0, until_us = 0;

  troupe_history_page_get_date_bounds (self, &since_us, &until_us);
  if (since_us != self->since_us || until_us != self->until_us)
    refilter (self);
}

static char *
format_day (const GDate *date)
{
  char text[32];

  if (!g_date_valid (date) || g_date_strftime (text, sizeof text, "%Y-%m-%d", date) == 0)
    return NULL;
  return g_strdup (text);
}

char *
troupe_history_page_dup_date_from (TroupeHistoryPage *self)
{
  return format_day (&self->date_from) ?: g_strdup ("");
}

char *
troupe_history_page_dup_date_to (TroupeHistoryPage *self)
{
  return format_day (&self->date_to) ?: g_strdup ("");
}

/* What the filter bar says: "Last 7 Days", "2026-11-01 – 2026-11-30". */
static char *
describe_range (TroupeHistoryPage *self)
{
  g_autofree char *from = format_day (&self->date_from);
  g_autofree char *to = format_day (&self->date_to);

  if (!g_str_equal (self->date_range, "custom"))
    return g_strdup (_(find_preset (self->date_range)->label));
  if (from != NULL && to != NULL)
    /* Translators: a date range, first and last day. */
    return g_strdup_printf (_("%s – %s"), from, to);
  if (from != NULL)
    /* Translators: a date range with only a first day. */
    return g_strdup_printf (_("Since %s"), from);
  if (to != NULL)
    /* Translators: a date range with only a last day. */
    return g_strdup_printf (_("Until %s"), to);
  return g_strdup (_("Any Time"));
}

static void
show_on_calendar (TroupeHistoryPage *self)
{
  const GDate *day = self->editing_to ? &self->date_to : &self->date_from;
  g_autoptr(GDateTime) when = NULL;

  if (!g_date_valid (day))
    return;
  when = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day), g_date_get_day (day), 12, 0, 0);
  gtk_calendar_select_day (self->date_calendar, when);
}

static void
label_day_buttons (TroupeHistoryPage *self)
{
  g_autofree char *from = format_day (&self->date_from);
  g_autofree char *to = format_day (&self->date_to);
  /* Translators: the first day of a custom date range, as a button. */
  g_autofree char *from_label = g_strdup_printf (_("From %s"), from != NULL ? from : _("any day"));
  /* Translators: the last day of a custom date range, as a button. */
  g_autofree char *to_label = g_strdup_printf (_("To %s"), to != NULL ? to : _("any day"));

  gtk_button_set_label (GTK_BUTTON (self->date_from_button), from_label);
  gtk_button_set_label (GTK_BUTTON (self->date_to_button), to_label);
}

/* The popover, the filter bar and the calendar say what the range is. */
static void
show_range (TroupeHistoryPage *self)
{
  g_autofree char *description = describe_range (self);
  gboolean filtered = troupe_history_page_get_date_filtered (self);
  gboolean custom = g_str_equal (self->date_range, "custom");

  gtk_label_set_text (self->date_label, description);
  gtk_widget_set_visible (self->date_chip, filtered);
  gtk_widget_set_visible (self->date_custom_box, custom);
  label_day_buttons (self);
  if (filtered)
    gtk_widget_add_css_class (GTK_WIDGET (self->date_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_button), "accent");
  if (custom)
    show_on_calendar (self);
}

static void
range_changed (TroupeHistoryPage *self)
{
  refilter (self);
  show_range (self);
  troupe_history_page_notify_date_range (self);
  troupe_history_page_run_search (self);
}

gboolean
troupe_history_page_set_date_range (TroupeHistoryPage *self,
                                    const char        *range)
{
  const Preset *preset = find_preset (range);

  if (preset == NULL || g_strcmp0 (self->date_range, range) == 0)
    return FALSE;
  g_free (self->date_range);
  self->date_range = g_strdup (preset->name);
  /* A custom range starts as the last week, for the calendar to change. */
  if (g_str_equal (range, "custom") && !g_date_valid (&self->date_from) && !g_date_valid (&self->date_to))
    {
      set_today (&self->date_to);
      self->date_from = self->date_to;
      g_date_subtract_days (&self->date_from, 6);
    }
  range_changed (self);
  return TRUE;
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  g_date_clear (date, 1);
  if (text == NULL || text[0] == '\0')
    return TRUE;
  {
    guint64 y, m, d;
    g_auto(GStrv) parts = g_strsplit (text, "-", -1);

    if (g_strv_length (parts) != 3 ||
        !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &y, NULL) ||
        !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
        !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL) ||
        !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
      return FALSE;
    g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  }
  return TRUE;
}

/* The first day after the last one is read as the two swapped. */
static void
set_custom (TroupeHistoryPage *self,
            const GDate       *from,
            const GDate       *to)
{
  gboolean swap = g_date_valid (from) && g_date_valid (to) && g_date_compare (from, to) > 0;

  self->date_from = swap ? *to : *from;
  self->date_to = swap ? *from : *to;
  g_free (self->date_range);
  self->date_range = g_strdup ("custom");
  range_changed (self);
}

static void
set_custom_range_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TroupeHistoryPage *self = TROUPE_HISTORY_PAGE (widget);
  const char *from_text, *to_text;
  GDate from, to;

  g_variant_get (parameter, "(&s&s)", &from_text, &to_text);
  if (!parse_day (from_text, &from) || !parse_day (to_text, &to))
    {
      g_warning ("Not a date range: “%s” to “%s”", from_text, to_text);
      return;
    }
  set_custom (self, &from, &to);
}

/* The calendar edits whichever end is pressed in. */
static void
day_selected_cb (TroupeHistoryPage *self)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (self->date_calendar);
  GDate day, from = self->date_from, to = self->date_to;
  const GDate *editing = self->editing_to ? &self->date_to : &self->date_from;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (when), (GDateMonth) g_date_time_get_month (when),
                  (GDateYear) g_date_time_get_year (when));
  /* The calendar shown the day it already has. */
  if (g_date_valid (editing) && g_date_compare (&day, editing) == 0)
    return;
  if (self->editing_to)
    to = day;
  else
    from = day;
  set_custom (self, &from, &to);
}

static void
end_toggled_cb (TroupeHistoryPage *self)
{
  self->editing_to = gtk_toggle_button_get_active (self->date_to_button);
  show_on_calendar (self);
}

void
troupe_history_page_install_date_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, date_chip);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, date_custom_box);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, date_from_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, date_to_button);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_toggled_cb);
  gtk_widget_class_install_property_action (widget_class, "history.date-range", "date-range");
  gtk_widget_class_install_action (widget_class, "history.set-custom-range", "(ss)", set_custom_range_action);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* GTK 4.8's calendar leaves its arrows unnamed: a screen reader says
 * "GtkImage". They come in this order in its header. */
static void
name_calendar_arrows (GtkCalendar *calendar)
{
  const char *names[] = {
    N_("Previous month"), N_("Next month"), N_("Previous year"), N_("Next year"),
  };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (GTK_WIDGET (calendar), buttons);
  for (guint i = 0; i < buttons->len && i < G_N_ELEMENTS (names); i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (buttons, i)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _(names[i]), -1);
}

/* The sessions the list shows: the store's, in the range. */
void
troupe_history_page_init_dates (TroupeHistoryPage *self)
{
  self->date_range = g_strdup ("any");
  g_date_clear (&self->date_from, 1);
  g_date_clear (&self->date_to, 1);
  self->date_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (troupe_session_store_get_sessions (self->store)),
                                           GTK_FILTER (g_object_ref (self->date_filter)));
  name_calendar_arrows (self->date_calendar);
  show_range (self);
}

void
troupe_history_page_finalize_dates (TroupeHistoryPage *self)
{
  g_clear_object (&self->shown);
  g_clear_object (&self->date_filter);
  g_clear_pointer (&self->date_range, g_free);
}
