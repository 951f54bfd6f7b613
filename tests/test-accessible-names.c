/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every control has one clean accessible name, as a screen reader hears it.
 *
 * The test plays two parts. As a child (--state NAME) it is Troupe with
 * accessibility on, showing one state: a window, a dialog, an open menu. As
 * the parent it reads that child's whole accessible tree over AT-SPI, the way
 * Orca does, and fails on a control with no name, a name that is only a
 * widget type ("GtkMenuButton"), a name that still has its mnemonic
 * underscore ("_Save"), or a name said twice ("Save Save"). */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <adwaita.h>
#include <gio/gunixinputstream.h>
/* libatspi 2.46's headers declare "f ()" without void. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <atspi/atspi.h>
#pragma GCC diagnostic pop

#include "troupe-application.h"
#include "troupe-character-sidebar.h"
#include "troupe-character-view.h"
#include "troupe-history-page.h"
#include "troupe-knowledge-page.h"
#include "troupe-store.h"
#include "troupe-renderer-choice.h"
#include "troupe-test-ui.h"
#include "troupe-window.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)

/* Each state, and one name a screen reader must hear in it: proof that
 * the state was reached, not only that nothing in it is unnamed. */
static const struct {
  const char *state;
  const char *must_hear;
} states[] = {
  { "list", "Ada, the lighthouse keeper" },
  { "character-open", "Play a Sample of the Voice" },
  { "primary-menu", "Keyboard Shortcuts" },
  { "character-menu", "Clone…" },
  { "voices", "Old Sailor" },
  { "clone-dialog", "Include knowledge bank" },
  { "delete-dialog", "Delete" },
  { "preferences", "Test Connection" },
  { "shortcuts", "Keyboard Shortcuts" },
  { "knowledge", "Disconnect “skerry-point-logbook.md”" },
  { "knowledge-picker", "Cancel" },
  { "knowledge-bank", "Delete “skerry-point-logbook.md”" },
  { "history", "Copy this exchange" },
  { "history-menu", "Export All as JSON…" },
  { "history-dates", "Last 30 Days" },
  { "chat", "Speak Replies" },
};

/* ---- the child: Troupe in one state ---- */

static gboolean
list_is_shown (gpointer data)
{
  return g_strcmp0 (troupe_character_sidebar_get_state (data), "list") == 0;
}

static GtkWidget *
nth_widget (GtkWidget *root,
            GType      type,
            guint      n)
{
  GtkWidget *found = troupe_test_ui_find_by_type (root, type, n);

  if (found == NULL)
    g_error ("no %s number %u in the window", g_type_name (type), n);
  return found;
}

static void
open_first_character (TroupeWindow *window)
{
  GListModel *model = troupe_character_sidebar_get_model (troupe_window_get_sidebar (window));
  g_autoptr(ConvaiCharacter) first = g_list_model_get_item (model, 0);

  troupe_window_open_character (window, first);
  troupe_test_iterate (1500);
}

static void
reply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ConvaiChatReply) reply = convai_client_get_response_finish (CONVAI_CLIENT (source), result, NULL);

  *(char **) user_data = g_strdup (reply != NULL ? convai_chat_reply_get_session_id (reply) : "");
}

static gboolean
string_set (gpointer data)
{
  return *(char **) data != NULL;
}

static gboolean
history_listed (gpointer data)
{
  return g_strcmp0 (troupe_history_page_get_state (data), "list") == 0;
}

static gboolean
knowledge_listed (gpointer data)
{
  return g_strcmp0 (troupe_knowledge_page_get_state (data), "list") == 0;
}

static gboolean
knowledge_bank_listed (gpointer data)
{
  TroupeKnowledgeWindow *kb = troupe_window_get_knowledge_window (data);

  return kb != NULL && g_strcmp0 (troupe_knowledge_window_get_state (kb), "list") == 0;
}

/* The Knowledge page with the demo's logbook, and its Add Documents dialog. */
static void
show_knowledge (TroupeWindow *window,
                gboolean      open_picker)
{
  TroupeCharacterView *view = troupe_window_get_view (window);
  TroupePage *page = troupe_character_view_get_page (view, "knowledge");

  gtk_widget_activate_action (GTK_WIDGET (view), "view.show-page", "s", "knowledge");
  troupe_test_wait_until (knowledge_listed, page, "the Knowledge list");
  if (open_picker)
    gtk_widget_activate_action (GTK_WIDGET (page), "knowledge.add", NULL);
  troupe_test_iterate (500);
}

/* The History page with one session open: a session is made first by
 * talking to the character. */
static void
show_history (TroupeWindow *window,
              const char   *state)
{
  TroupeCharacterView *view = troupe_window_get_view (window);
  TroupeHistoryPage *page = TROUPE_HISTORY_PAGE (troupe_character_view_get_page (view, "history"));
  ConvaiClient *client = troupe_store_get_client (TROUPE_STORE (troupe_window_get_store (window)));
  ConvaiCharacter *character = troupe_character_view_get_character (view);
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text (convai_character_get_id (character), "-1",
                                                                        "Is the lamp lit?");
  g_autofree char *session_id = NULL;

  convai_client_get_response_async (client, request, NULL, reply_cb, &session_id);
  troupe_test_wait_until (string_set, &session_id, "a session with the character");
  gtk_widget_activate_action (GTK_WIDGET (view), "view.show-page", "s", "history");
  troupe_test_wait_until (history_listed, page, "the History list");
  gtk_widget_activate_action (GTK_WIDGET (page), "history.open-session", "s", session_id);
  troupe_test_iterate (500);
  if (g_str_equal (state, "history-menu"))
    gtk_menu_button_popup (GTK_MENU_BUTTON (nth_widget (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, 0)));
  /* The date range's popover, with its calendar for a custom range. */
  if (g_str_equal (state, "history-dates"))
    {
      gtk_widget_activate_action (GTK_WIDGET (page), "history.date-range", "s", "custom");
      gtk_menu_button_popup (GTK_MENU_BUTTON (nth_widget (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, 1)));
    }
}

static void
show_state (TroupeApplication *app,
            TroupeWindow      *window,
            const char        *state)
{
  GtkWidget *editor = GTK_WIDGET (troupe_window_get_view (window));

  if (g_str_equal (state, "list"))
    return;
  if (g_str_equal (state, "preferences"))
    {
      troupe_application_show_preferences (app, NULL);
      return;
    }
  if (g_str_equal (state, "shortcuts"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
      return;
    }
  if (g_str_equal (state, "primary-menu"))
    {
      for (guint i = 0;; i++)
        {
          GtkWidget *button = nth_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, i);

          if (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)))
            {
              gtk_menu_button_popup (GTK_MENU_BUTTON (button));
              break;
            }
        }
      return;
    }
  if (g_str_equal (state, "knowledge-bank"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.knowledge-bank", NULL);
      troupe_test_wait_until (knowledge_bank_listed, window, "the Knowledge Bank manager's list");
      return;
    }
  open_first_character (window);
  if (g_str_equal (state, "character-menu"))
    gtk_menu_button_popup (GTK_MENU_BUTTON (nth_widget (editor, GTK_TYPE_MENU_BUTTON, 0)));
  else if (g_str_equal (state, "voices"))
    gtk_widget_activate (troupe_test_ui_find_row (editor, "Voice"));
  else if (g_str_equal (state, "clone-dialog"))
    gtk_widget_activate_action (editor, "view.clone", NULL);
  else if (g_str_equal (state, "delete-dialog"))
    gtk_widget_activate_action (editor, "view.delete", NULL);
  else if (g_str_has_prefix (state, "knowledge"))
    show_knowledge (window, g_str_equal (state, "knowledge-picker"));
  else if (g_str_has_prefix (state, "history"))
    show_history (window, state);
  else if (g_str_equal (state, "chat"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-chat", NULL);
}

static void
stdin_closed_cb (GObject      *stream,
                 GAsyncResult *result,
                 gpointer      loop)
{
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (stream), result, NULL);

  g_main_loop_quit (loop);
}

static int
run_state (const char *state)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GInputStream) stdin_stream = NULL;
  g_autoptr(TroupeApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  TroupeWindow *window;

  troupe_renderer_choose_for_machine ();
  gtk_init ();
  adw_init ();
  app = troupe_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  window = troupe_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  troupe_test_wait_until (list_is_shown, troupe_window_get_sidebar (window), "the character list");
  show_state (app, window, state);
  troupe_test_iterate (1000);
  g_print ("ready\n");
  fflush (stdout);

  /* Answers AT-SPI until the parent closes our standard input. */
  stdin_stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_input_stream_read_bytes_async (stdin_stream, 1, G_PRIORITY_DEFAULT, NULL, stdin_closed_cb, loop);
  g_main_loop_run (loop);
  return 0;
}

/* ---- the parent: what a screen reader hears ---- */

static const char *self_path;

static const AtspiRole control_roles[] = {
  ATSPI_ROLE_PUSH_BUTTON, ATSPI_ROLE_TOGGLE_BUTTON, ATSPI_ROLE_CHECK_BOX,
  ATSPI_ROLE_RADIO_BUTTON, ATSPI_ROLE_MENU_ITEM, ATSPI_ROLE_CHECK_MENU_ITEM,
  ATSPI_ROLE_RADIO_MENU_ITEM, ATSPI_ROLE_COMBO_BOX, ATSPI_ROLE_ENTRY,
  ATSPI_ROLE_TEXT, ATSPI_ROLE_PASSWORD_TEXT, ATSPI_ROLE_SPIN_BUTTON,
  ATSPI_ROLE_SLIDER, ATSPI_ROLE_LINK, ATSPI_ROLE_LIST_ITEM,
  ATSPI_ROLE_FRAME, ATSPI_ROLE_DIALOG, ATSPI_ROLE_WINDOW,
};

static gboolean
is_control (AtspiRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (control_roles); i++)
    if (control_roles[i] == role)
      return TRUE;
  return FALSE;
}

/* GTK names an unnamed accessible after its type: "GtkMenuButton". */
static gboolean
is_type_name (const char *name)
{
  static const char *prefixes[] = { "Gtk", "Adw", "Troupe" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (name, prefixes[i]) && g_ascii_isupper (name[strlen (prefixes[i])])
        && strchr (name, ' ') == NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_said_twice (const char *name)
{
  gsize len = strlen (name);

  return len >= 3 && len % 2 == 1 && name[len / 2] == ' '
         && strncmp (name, name + len / 2 + 1, len / 2) == 0;
}

static const char *
problem_with (const char *name)
{
  if (name == NULL || *name == '\0')
    return "has no name";
  if (is_type_name (name))
    return "is named only by its type";
  if (strchr (name, '_') != NULL)
    return "keeps its mnemonic underscore";
  if (is_said_twice (name))
    return "says its name twice";
  return NULL;
}

typedef struct {
  GString    *problems;
  guint       controls;
  const char *must_hear;
  gboolean    heard;
} Walk;

static void
walk (AtspiAccessible *node,
      const char      *path,
      guint            depth,
      Walk            *w)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = atspi_accessible_get_name (node, &error);
  g_autofree char *role_name = atspi_accessible_get_role_name (node, NULL);
  g_autofree char *here = g_strdup_printf ("%s › %s “%s”", path, role_name ? role_name : "?",
                                           name ? name : "");
  g_autoptr(AtspiStateSet) state_set = atspi_accessible_get_state_set (node);
  AtspiRole role = atspi_accessible_get_role (node, NULL);
  int n_children;

  if (error != NULL || depth > 60)
    return;
  /* What GTK does not show, a screen reader does not reach. */
  if (role != ATSPI_ROLE_APPLICATION && state_set != NULL
      && !atspi_state_set_contains (state_set, ATSPI_STATE_VISIBLE))
    return;
  if (g_getenv ("TROUPE_A11Y_DUMP") != NULL)
    g_printerr ("%*s%s “%s”\n", depth * 2, "", role_name, name ? name : "");
  if (is_control (role))
    {
      const char *problem = problem_with (name);

      w->controls++;
      w->heard |= g_strcmp0 (name, w->must_hear) == 0;
      if (problem != NULL)
        g_string_append_printf (w->problems, "\n  %s %s", here, problem);
    }
  n_children = atspi_accessible_get_child_count (node, NULL);
  for (int i = 0; i < n_children; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (node, i, NULL);

      if (child != NULL)
        walk (child, role == ATSPI_ROLE_APPLICATION ? "" : here, depth + 1, w);
    }
}

static AtspiAccessible *
find_application (GPid pid)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int n = atspi_accessible_get_child_count (desktop, NULL);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (app != NULL && atspi_accessible_get_process_id (app, NULL) == (guint) pid)
        return g_steal_pointer (&app);
    }
  return NULL;
}

static void
test_state (gconstpointer data)
{
  const char *state = states[GPOINTER_TO_UINT (data)].state;
  Walk w = { g_string_new (NULL), 0, states[GPOINTER_TO_UINT (data)].must_hear, FALSE };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(AtspiAccessible) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GPid pid;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* The test's own isolated folders, which GLib keeps apart from environ. */
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  /* What a person with a screen reader runs: accessibility on. */
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--state", state, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");

  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (child), NULL, 10);
  for (guint tries = 0; app == NULL && tries < 100; tries++)
    if ((app = find_application (pid)) == NULL)
      g_usleep (100 * 1000);
  g_assert_nonnull (app);
  walk (app, "", 0, &w);

  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, NULL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);

  g_test_message ("%s: %u controls", state, w.controls);
  if (!w.heard)
    g_error ("%s: no control is named “%s”; the state was not reached", state, w.must_hear);
  if (w.problems->len > 0)
    g_error ("%s: controls a screen reader cannot name:%s", state, w.problems->str);
  g_string_free (w.problems, TRUE);
}

/* libatspi warns when the desktop lists an application whose cache is gone
 * (the previous state's process exiting, or one still starting: a slow
 * sanitizer build shows it). That application is not the one walked, and
 * a state never reached still fails on what it must hear, so libatspi's
 * own warnings are not fatal; every other one is. */
static gboolean
atspi_warning_not_fatal (const char     *log_domain,
                         GLogLevelFlags  log_level,
                         const char     *message,
                         gpointer        user_data)
{
  return g_strcmp0 (log_domain, "dbind") != 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--state"))
    return run_state (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_log_set_fatal_handler (atspi_warning_not_fatal, NULL);
  /* The handler above did not always keep a dbind warning from aborting
   * under the sanitizers (signal 5 with "dbind-FATAL-WARNING"): this
   * process is only an AT-SPI client, its own failures are g_error()s and
   * criticals, so warnings are not fatal here at all. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  if (atspi_init () < 0)
    g_error ("AT-SPI is not reachable on this session bus");
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *path = g_strdup_printf ("/troupe/accessible-names/%s", states[i].state);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_state);
    }
  return g_test_run ();
}
