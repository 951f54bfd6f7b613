/* SPDX-License-Identifier: GPL-3.0-or-later */
/* TroupeListPage through its public API: the states, the words of each
 * state page, the Cancel offered after a few seconds, and the signals its
 * buttons and search send. Each state is rendered to PNG to be looked at. */
#include "config.h"

#include <adwaita.h>

#include "troupe-list-page.h"
#include "troupe-test-ui.h"

typedef struct
{
  GtkWindow      *window;
  TroupeListPage *page;
  GtkWidget      *content;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkStringList *strings = gtk_string_list_new ((const char *[]) { "Ada", "Brunel", NULL });
  GtkWidget *list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))), NULL);

  fixture->content = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fixture->content), list);
  fixture->page = troupe_list_page_new ();
  g_object_set (fixture->page,
                "search-placeholder", "Search documents",
                "loading-accessible-label", "Loading documents",
                "empty-icon-name", "folder-documents-symbolic",
                "empty-title", "No Documents",
                "empty-description", "Documents you upload appear here.",
                "error-title", "Could Not Load Documents",
                "offline-description", "Documents appear here once Troupe is connected.",
                "content", fixture->content,
                NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 400);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  troupe_test_ui_wait_for_paint (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  troupe_test_ui_iterate (50);
}

static void
render (Fixture    *fixture,
        const char *name)
{
  /* Past the stack's crossfade. */
  troupe_test_ui_iterate (400);
  g_free (troupe_test_ui_render_png (GTK_WIDGET (fixture->window), name));
}

static void
test_states (Fixture       *fixture,
             gconstpointer  data)
{
  const char *states[] = { "empty", "no-results", "error", "offline", "list", "loading" };

  g_assert_cmpstr (troupe_list_page_get_state (fixture->page), ==, "loading");
  g_assert_true (troupe_list_page_get_content (fixture->page) == fixture->content);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *name = g_strdup_printf ("list-page-%s", states[i]);
      g_autofree char *state = NULL;

      troupe_list_page_set_state (fixture->page, states[i]);
      g_assert_cmpstr (troupe_list_page_get_state (fixture->page), ==, states[i]);
      g_object_get (fixture->page, "state", &state, NULL);
      g_assert_cmpstr (state, ==, states[i]);
      render (fixture, name);
    }

  g_test_expect_message ("troupe-list-page", G_LOG_LEVEL_CRITICAL, "*is_state_name*");
  troupe_list_page_set_state (fixture->page, "ready");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (troupe_list_page_get_state (fixture->page), ==, "loading");
}

static void
count_cb (gpointer  page,
          guint    *count)
{
  (*count)++;
}

static void
count_notify_cb (gpointer    page,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_texts (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *placeholder = NULL;
  g_autofree char *no_results_title = NULL;
  guint notified = 0;

  g_object_get (fixture->page, "empty-title", &title, "search-placeholder", &placeholder,
                "no-results-title", &no_results_title, NULL);
  g_assert_cmpstr (title, ==, "No Documents");
  g_assert_cmpstr (placeholder, ==, "Search documents");
  /* A default a list may keep. */
  g_assert_cmpstr (no_results_title, ==, "No Results");

  g_signal_connect (fixture->page, "notify::error-message", G_CALLBACK (count_notify_cb), &notified);
  troupe_list_page_set_error_message (fixture->page, "The server did not answer.");
  troupe_list_page_set_error_message (fixture->page, "The server did not answer.");
  g_assert_cmpuint (notified, ==, 1);

  troupe_list_page_set_loading_text (fixture->page, "Loading documents from example.com…");
  g_assert_cmpstr (troupe_list_page_get_loading_text (fixture->page), ==, "Loading documents from example.com…");
  troupe_list_page_set_no_results_description (fixture->page, "No document’s name contains “zz”.");
  g_object_set (fixture->page, "empty-action-label", "_Upload Document",
                "empty-action-name", "win.upload", NULL);

  troupe_list_page_set_state (fixture->page, "error");
  render (fixture, "list-page-error-message");
  troupe_list_page_set_state (fixture->page, "no-results");
  render (fixture, "list-page-no-results-description");
  troupe_list_page_set_state (fixture->page, "empty");
  render (fixture, "list-page-empty-action");
}

static void
test_retry_and_cancel (Fixture       *fixture,
                       gconstpointer  data)
{
  guint retries = 0, cancels = 0;

  g_signal_connect (fixture->page, "retry", G_CALLBACK (count_cb), &retries);
  g_signal_connect (fixture->page, "cancel-load", G_CALLBACK (count_cb), &cancels);
  troupe_list_page_set_state (fixture->page, "error");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "list-page.retry", NULL);
  g_assert_cmpuint (retries, ==, 1);
  troupe_list_page_set_state (fixture->page, "loading");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "list-page.cancel-load", NULL);
  g_assert_cmpuint (cancels, ==, 1);
}

static void
test_cancel_offered_after_a_delay (Fixture       *fixture,
                                   gconstpointer  data)
{
  /* Nothing running: nothing to stop, however long the page waits. */
  troupe_list_page_set_state (fixture->page, "loading");
  troupe_test_ui_iterate (3300);
  g_assert_false (troupe_list_page_offers_cancel (fixture->page));

  troupe_list_page_set_can_cancel (fixture->page, TRUE);
  troupe_test_ui_iterate (2500);
  g_assert_false (troupe_list_page_offers_cancel (fixture->page));
  /* A timeout in seconds fires within the second after. */
  for (guint i = 0; i < 25 && !troupe_list_page_offers_cancel (fixture->page); i++)
    troupe_test_ui_iterate (100);
  g_assert_true (troupe_list_page_offers_cancel (fixture->page));
  render (fixture, "list-page-loading-cancel");

  /* Leaving the loading page takes the offer back; a new load waits again. */
  troupe_list_page_set_state (fixture->page, "list");
  g_assert_false (troupe_list_page_offers_cancel (fixture->page));
  troupe_list_page_set_state (fixture->page, "loading");
  g_assert_false (troupe_list_page_offers_cancel (fixture->page));
}

/* The first widget of @type under @root, in tree order. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A spinning spinner keeps GTK 4.8's frame clock awake even where it
 * cannot be seen: it spins only on the loading page, on screen. */
static void
test_spinner_spins_only_when_seen (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkSpinner *spinner = GTK_SPINNER (find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_SPINNER));

  troupe_list_page_set_state (fixture->page, "loading");
  g_assert_true (gtk_spinner_get_spinning (spinner));
  troupe_list_page_set_state (fixture->page, "list");
  g_assert_false (gtk_spinner_get_spinning (spinner));
  troupe_list_page_set_state (fixture->page, "loading");
  gtk_widget_set_visible (GTK_WIDGET (fixture->page), FALSE);
  g_assert_false (gtk_spinner_get_spinning (spinner));
  gtk_widget_set_visible (GTK_WIDGET (fixture->page), TRUE);
  g_assert_true (gtk_spinner_get_spinning (spinner));
}

static gboolean
counted (gpointer data)
{
  return *(guint *) data > 0;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  guint changes = 0, activations = 0;
  GtkWidget *focus;

  g_signal_connect (fixture->page, "search-changed", G_CALLBACK (count_cb), &changes);
  g_signal_connect (fixture->page, "search-activated", G_CALLBACK (count_cb), &activations);
  troupe_list_page_set_state (fixture->page, "list");
  troupe_list_page_set_search_text (fixture->page, "ad");
  g_assert_cmpstr (troupe_list_page_get_search_text (fixture->page), ==, "ad");
  troupe_test_poll_until (counted, &changes);
  g_assert_cmpuint (changes, ==, 1);

  troupe_list_page_focus_search (fixture->page);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->page)));
  g_signal_emit_by_name (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY), "activate");
  g_assert_cmpuint (activations, ==, 1);
}

typedef struct
{
  guint  count;
  char  *last;
} Announced;

static void
announced_cb (TroupeListPage *page,
              Announced      *announced)
{
  announced->count++;
  g_free (announced->last);
  announced->last = g_strdup (troupe_list_page_get_search_text (page));
}

static gboolean
announced_twice (gpointer data)
{
  return ((Announced *) data)->count >= 2;
}

/* The first key is announced at once, the keys right after it together
 * once the delay is over; with no delay, every key at once. */
static void
test_search_at_once (Fixture       *fixture,
                     gconstpointer  data)
{
  Announced announced = { 0 };
  gint64 typed;

  g_signal_connect (fixture->page, "search-changed", G_CALLBACK (announced_cb), &announced);
  troupe_list_page_set_state (fixture->page, "list");
  g_assert_cmpuint (troupe_list_page_get_search_delay (fixture->page), ==, 150);
  troupe_list_page_set_search_text (fixture->page, "a");
  g_assert_cmpuint (announced.count, ==, 1);
  g_assert_cmpstr (announced.last, ==, "a");
  typed = g_get_monotonic_time ();
  troupe_list_page_set_search_text (fixture->page, "ad");
  troupe_list_page_set_search_text (fixture->page, "ada");
  g_assert_cmpuint (announced.count, ==, 1);
  troupe_test_poll_until (announced_twice, &announced);
  g_assert_cmpuint (announced.count, ==, 2);
  g_assert_cmpstr (announced.last, ==, "ada");
  g_assert_cmpint (g_get_monotonic_time () - typed, >=, 100 * 1000);
  /* Nothing new after the quiet time: nothing more said. */
  troupe_test_iterate (400);
  g_assert_cmpuint (announced.count, ==, 2);

  g_object_set (fixture->page, "search-delay", 0, NULL);
  troupe_list_page_set_search_text (fixture->page, "b");
  troupe_list_page_set_search_text (fixture->page, "bo");
  g_assert_cmpuint (announced.count, ==, 4);
  g_assert_cmpstr (announced.last, ==, "bo");
  g_free (announced.last);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);

  g_test_add ("/troupe/list-page/states", Fixture, NULL, fixture_set_up, test_states, fixture_tear_down);
  g_test_add ("/troupe/list-page/texts", Fixture, NULL, fixture_set_up, test_texts, fixture_tear_down);
  g_test_add ("/troupe/list-page/retry-and-cancel", Fixture, NULL,
              fixture_set_up, test_retry_and_cancel, fixture_tear_down);
  g_test_add ("/troupe/list-page/cancel-offered-after-a-delay", Fixture, NULL,
              fixture_set_up, test_cancel_offered_after_a_delay, fixture_tear_down);
  g_test_add ("/troupe/list-page/spinner-spins-only-when-seen", Fixture, NULL,
              fixture_set_up, test_spinner_spins_only_when_seen, fixture_tear_down);
  g_test_add ("/troupe/list-page/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/troupe/list-page/search-at-once", Fixture, NULL, fixture_set_up, test_search_at_once, fixture_tear_down);

  return g_test_run ();
}
