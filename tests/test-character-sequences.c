/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Long random sequences of what a person does with characters (open, new,
 * clone, edit, save, revert, delete, switch, refresh) in a real window
 * against a real troupe-sandbox. After every step the server's characters,
 * the list, and the form are compared with a small model of what the person
 * did: an action that reaches the wrong character shows at once.
 *
 * TROUPE_SEQUENCE_SEED and TROUPE_SEQUENCE_STEPS pick one run to replay. */
#include "config.h"

#include <string.h>

#include "troupe-application.h"
#include "troupe-character-page.h"
#include "troupe-character-sidebar.h"
#include "troupe-character-store.h"
#include "troupe-draft-store.h"
#include "troupe-test-sandbox.h"
#include "troupe-test-ui.h"
#include "troupe-window.h"

#define NEW_NAME "Untitled character"
#define NEW_BACKSTORY "Who is this character? Write their story here, or use Generate…"

typedef struct
{
  char *name;
  char *backstory;
} Fields;

static Fields *
fields_new (const char *name,
            const char *backstory)
{
  Fields *fields = g_new0 (Fields, 1);

  fields->name = g_strdup (name);
  fields->backstory = g_strdup (backstory);
  return fields;
}

static Fields *
fields_copy (const Fields *fields)
{
  return fields_new (fields->name, fields->backstory);
}

static void
fields_free (Fields *fields)
{
  g_free (fields->name);
  g_free (fields->backstory);
  g_free (fields);
}

static gboolean
fields_equal (const Fields *a,
              const Fields *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->backstory, b->backstory) == 0;
}

/* What the person should see and the server should hold. */
typedef struct
{
  GHashTable *server;  /* id -> Fields: what was saved */
  GHashTable *drafts;  /* id -> Fields: unsaved edits left behind */
  char       *open;    /* the character in the form, or NULL */
  Fields     *form;    /* what the form holds */
} Model;

typedef struct
{
  TroupeTestSandbox     *sandbox;
  ConvaiClient          *client;
  TroupeWindow          *window;
  TroupeCharacterPage *editor;
  TroupeCharacterSidebar *sidebar;
  TroupeCharacterStore  *store;
  TroupeDraftStore      *drafts;
  Model                  model;
  GString               *log;   /* the steps so far, printed on a mismatch */
  GRand                 *rand;
  guint                  step;
} Run;

typedef gboolean (*Condition) (Run *run);

static void
fail (Run        *run,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
fail (Run        *run,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_error ("step %u: %s\nsteps:\n%s", run->step, what, run->log->str);
}

static const char *open_id (Run *run);

typedef struct
{
  Run       *run;
  Condition  condition;
} Waiting;

static gboolean
waiting_over (gpointer data)
{
  Waiting *waiting = data;

  return waiting->condition (waiting->run);
}

/* The shared wait, failing with the steps so far. */
static void
wait_until (Run        *run,
            Condition   condition,
            const char *what)
{
  Waiting waiting = { run, condition };

  if (!troupe_test_poll_until (waiting_over, &waiting))
    fail (run, "timed out waiting for %s; the form shows %s", what, open_id (run));
}

static const char *
open_id (Run *run)
{
  ConvaiCharacter *character = troupe_character_page_get_character (run->editor);

  return character != NULL ? convai_character_get_id (character) : NULL;
}

static gboolean
quiet (Run *run)
{
  return !troupe_character_page_get_busy (run->editor) &&
         !troupe_draft_store_is_busy (run->drafts) &&
         !troupe_character_store_get_loading (run->store);
}

static gboolean
opened_unknown (Run *run)
{
  const char *id = open_id (run);

  return quiet (run) && id != NULL && !g_hash_table_contains (run->model.server, id);
}

static gboolean
closed (Run *run)
{
  return quiet (run) && open_id (run) == NULL;
}

/* Lets the replies still on their way (a refresh, a draft) arrive. */
static void
settle (Run *run)
{
  wait_until (run, quiet, "the window to be idle");
  troupe_test_ui_iterate (60);
  wait_until (run, quiet, "the window to be idle");
}

/* ---- the model's side of each action ---- */

static gboolean
form_is_dirty (Model *model)
{
  return model->open != NULL &&
         !fields_equal (model->form, g_hash_table_lookup (model->server, model->open));
}

/* Leaving a character keeps its unsaved edits as a draft. */
static void
model_leave (Model *model)
{
  if (form_is_dirty (model))
    g_hash_table_insert (model->drafts, g_strdup (model->open), fields_copy (model->form));
  g_clear_pointer (&model->open, g_free);
  g_clear_pointer (&model->form, fields_free);
}

static void
model_open (Model      *model,
            const char *id)
{
  Fields *draft = g_hash_table_lookup (model->drafts, id);

  model_leave (model);
  model->open = g_strdup (id);
  model->form = fields_copy (draft != NULL ? draft : g_hash_table_lookup (model->server, id));
}

static void
model_add (Model      *model,
           const char *id,
           Fields     *fields)
{
  g_hash_table_insert (model->server, g_strdup (id), fields);
  model_open (model, id);
}

/* ---- what the person does ---- */

static char *
random_known_id (Run *run)
{
  g_autoptr(GList) ids = g_hash_table_get_keys (run->model.server);
  guint n = g_list_length (ids);

  return n > 0 ? g_strdup (g_list_nth_data (ids, g_rand_int_range (run->rand, 0, n))) : NULL;
}

/* A click on the character's row, as the sidebar's list view gets it. */
static void
do_open (Run  *run,
         char *owned_id)
{
  g_autofree char *id = owned_id;
  GtkListView *list_view = troupe_character_sidebar_get_list_view (run->sidebar);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view));
  GListModel *model = G_LIST_MODEL (selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (model, i);

      if (g_strcmp0 (convai_character_get_id (character), id) != 0)
        continue;
      g_string_append_printf (run->log, "%u open %s (row %u)\n", run->step, id, i);
      if (gtk_single_selection_get_selected (selection) == i)
        g_signal_emit_by_name (list_view, "activate", i);
      else
        gtk_single_selection_set_selected (selection, i);
      if (g_strcmp0 (run->model.open, id) != 0)
        model_open (&run->model, id);
      settle (run);
      return;
    }
  fail (run, "%s is not in the list", id);
}

static void
do_new (Run *run)
{
  g_string_append_printf (run->log, "%u new\n", run->step);
  gtk_widget_activate_action (GTK_WIDGET (run->window), "win.new-character", NULL);
  wait_until (run, opened_unknown, "the new character to open");
  g_string_append_printf (run->log, "   -> %s\n", open_id (run));
  model_add (&run->model, open_id (run), fields_new (NEW_NAME, NEW_BACKSTORY));
  settle (run);
}

static void
do_clone (Run *run)
{
  Fields *original = g_hash_table_lookup (run->model.server, run->model.open);
  Fields *copy = fields_copy (original);

  g_string_append_printf (run->log, "%u clone %s\n", run->step, run->model.open);
  gtk_widget_activate_action (GTK_WIDGET (run->editor), "character.clone-confirmed", "b", FALSE);
  wait_until (run, opened_unknown, "the clone to open");
  g_string_append_printf (run->log, "   -> %s\n", open_id (run));
  model_add (&run->model, open_id (run), copy);
  settle (run);
}

static void
do_edit (Run *run)
{
  g_autofree char *name = g_strdup_printf ("Name %u", run->step);
  g_autofree char *backstory = g_strdup_printf ("Story written at step %u.", run->step);
  gboolean both = g_rand_boolean (run->rand);
  GtkWidget *name_row;

  g_string_append_printf (run->log, "%u edit %s: name%s\n", run->step, run->model.open,
                          both ? " and backstory" : "");
  name_row = troupe_test_ui_find_row (GTK_WIDGET (run->editor), "Name");
  gtk_editable_set_text (GTK_EDITABLE (name_row), name);
  g_free (run->model.form->name);
  run->model.form->name = g_strdup (name);
  if (both)
    {
      GtkWidget *group = troupe_test_ui_find_group (GTK_WIDGET (run->editor), "Backstory");
      GtkWidget *view = troupe_test_ui_find_by_type (group, GTK_TYPE_TEXT_VIEW, 0);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), backstory, -1);
      g_free (run->model.form->backstory);
      run->model.form->backstory = g_strdup (backstory);
    }
  /* Sometimes the next action comes before the draft pause ends. */
  troupe_test_ui_iterate (g_rand_int_range (run->rand, 0, 700));
}

static void
do_save (Run *run)
{
  g_string_append_printf (run->log, "%u save %s\n", run->step, run->model.open);
  gtk_widget_activate_action (GTK_WIDGET (run->window), "win.save", NULL);
  if (form_is_dirty (&run->model))
    {
      g_hash_table_insert (run->model.server, g_strdup (run->model.open), fields_copy (run->model.form));
      g_hash_table_remove (run->model.drafts, run->model.open);
    }
  settle (run);
}

static void
do_revert (Run *run)
{
  g_string_append_printf (run->log, "%u revert %s\n", run->step, run->model.open);
  gtk_widget_activate_action (GTK_WIDGET (run->editor), "character.revert", NULL);
  fields_free (run->model.form);
  run->model.form = fields_copy (g_hash_table_lookup (run->model.server, run->model.open));
  g_hash_table_remove (run->model.drafts, run->model.open);
  settle (run);
}

static void
do_delete (Run *run)
{
  g_autofree char *id = g_strdup (run->model.open);

  g_string_append_printf (run->log, "%u delete %s\n", run->step, id);
  gtk_widget_activate_action (GTK_WIDGET (run->editor), "character.delete-confirmed", NULL);
  wait_until (run, closed, "the delete");
  g_clear_pointer (&run->model.open, g_free);
  g_clear_pointer (&run->model.form, fields_free);
  g_hash_table_remove (run->model.server, id);
  g_hash_table_remove (run->model.drafts, id);
  settle (run);
}

static void
do_refresh (Run *run)
{
  g_string_append_printf (run->log, "%u refresh\n", run->step);
  gtk_widget_activate_action (GTK_WIDGET (run->sidebar), "sidebar.reload", NULL);
  settle (run);
}

/* ---- comparing with the model ---- */

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static GListModel *
server_characters (Run *run)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GListModel *characters;

  convai_client_list_characters_async (run->client, NULL, troupe_test_result_cb, &slot);
  if (!troupe_test_poll_until (result_arrived, &slot))
    fail (run, "the server did not list its characters");
  result = g_steal_pointer (&slot);
  characters = convai_client_list_characters_finish (run->client, result, &error);
  if (error != NULL)
    fail (run, "listing the characters failed: %s", error->message);
  return characters;
}

/* @characters holds exactly the model's saved characters. */
static void
check_characters (Run        *run,
                  GListModel *characters,
                  const char *where,
                  gboolean    with_backstory)
{
  guint n = g_list_model_get_n_items (characters);

  if (n != g_hash_table_size (run->model.server))
    fail (run, "%s has %u characters, the model %u", where, n, g_hash_table_size (run->model.server));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (characters, i);
      const char *id = convai_character_get_id (character);
      Fields *expected = g_hash_table_lookup (run->model.server, id);

      if (expected == NULL)
        fail (run, "%s has %s, which the model does not", where, id);
      if (g_strcmp0 (convai_character_get_name (character), expected->name) != 0)
        fail (run, "%s names %s “%s”, the model “%s”", where, id,
              convai_character_get_name (character), expected->name);
      if (with_backstory && g_strcmp0 (convai_character_get_backstory (character), expected->backstory) != 0)
        fail (run, "%s has another backstory for %s (“%s”, the model “%s”)", where, id,
              convai_character_get_backstory (character), expected->backstory);
    }
}

static void
check_form (Run *run)
{
  g_autoptr(TroupeCharacterDraft) draft = troupe_character_page_dup_draft (run->editor);

  if (g_strcmp0 (open_id (run), run->model.open) != 0)
    fail (run, "the form shows %s, the model %s", open_id (run), run->model.open);
  if (run->model.open == NULL)
    return;
  if (g_strcmp0 (draft->name, run->model.form->name) != 0 ||
      g_strcmp0 (draft->backstory, run->model.form->backstory) != 0)
    fail (run, "the form of %s holds “%s” / “%s”, the model “%s” / “%s”", run->model.open,
          draft->name, draft->backstory, run->model.form->name, run->model.form->backstory);
  if (troupe_character_page_get_dirty (run->editor) != form_is_dirty (&run->model))
    fail (run, "the form of %s is %s, the model says otherwise", run->model.open,
          troupe_character_page_get_dirty (run->editor) ? "dirty" : "clean");
}

static void
check (Run *run)
{
  g_autoptr(GListModel) on_server = server_characters (run);

  check_characters (run, on_server, "the server", TRUE);
  check_characters (run, troupe_character_store_get_characters (run->store), "the list", FALSE);
  check_characters (run, troupe_character_sidebar_get_model (run->sidebar), "the sidebar", FALSE);
  check_form (run);
}

/* ---- the run ---- */

static void
take_step (Run *run)
{
  gboolean has_open = run->model.open != NULL;
  guint n = g_hash_table_size (run->model.server);
  guint roll = g_rand_int_range (run->rand, 0, 100);

  if (roll < 22 && n > 0)
    do_open (run, random_known_id (run));
  else if (roll < 32 && n < 12)
    do_new (run);
  else if (roll < 40 && has_open && n < 12)
    do_clone (run);
  else if (roll < 65 && has_open)
    do_edit (run);
  else if (roll < 78 && has_open)
    do_save (run);
  else if (roll < 84 && has_open)
    do_revert (run);
  else if (roll < 90 && has_open && n > 1)
    do_delete (run);
  else if (roll < 95)
    do_refresh (run);
  else if (n > 0)
    do_open (run, random_known_id (run));
  else
    do_new (run);
}

static gboolean
drafts_written (Run *run)
{
  return !troupe_draft_store_is_busy (run->drafts);
}

static gboolean
store_loaded (Run *run)
{
  return troupe_character_store_get_loaded (run->store) &&
         g_list_model_get_n_items (troupe_character_store_get_voices (run->store)) > 0;
}

static void
run_sequence (guint32 seed,
              guint   steps)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeApplication) app = troupe_test_ui_register_application ();
  g_autoptr(GListModel) initial = NULL;
  Run run = { 0 };

  g_test_message ("seed %u, %u steps", seed, steps);
  run.rand = g_rand_new_with_seed (seed);
  run.log = g_string_new (NULL);
  run.model.server = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) fields_free);
  run.model.drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) fields_free);
  run.sandbox = troupe_test_sandbox_start (args);
  run.client = convai_client_new (run.sandbox->base_url, run.sandbox->api_key);
  run.window = troupe_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (run.window), (gpointer *) &run.window);
  run.editor = troupe_window_get_character_page (run.window);
  run.sidebar = troupe_window_get_sidebar (run.window);
  run.store = troupe_window_get_store (run.window);
  run.drafts = g_object_ref (troupe_context_get_drafts (troupe_window_get_context (run.window)));
  troupe_window_set_client (run.window, run.client);
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1000, 700);
  gtk_window_present (GTK_WINDOW (run.window));
  wait_until (&run, store_loaded, "the list");

  initial = server_characters (&run);
  for (guint i = 0; i < g_list_model_get_n_items (initial); i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (initial, i);

      g_hash_table_insert (run.model.server, g_strdup (convai_character_get_id (character)),
                           fields_new (convai_character_get_name (character),
                                       convai_character_get_backstory (character)));
    }
  check (&run);
  for (run.step = 1; run.step <= steps; run.step++)
    {
      take_step (&run);
      check (&run);
    }

  /* Nothing is left unsaved for the close to ask about. */
  if (run.model.open != NULL)
    gtk_widget_activate_action (GTK_WIDGET (run.editor), "character.revert", NULL);
  settle (&run);
  gtk_window_destroy (GTK_WINDOW (run.window));
  wait_until (&run, drafts_written, "the drafts to be written");
  g_clear_object (&run.drafts);
  g_clear_object (&run.client);
  g_clear_pointer (&run.sandbox, troupe_test_sandbox_stop);
  g_hash_table_unref (run.model.server);
  g_hash_table_unref (run.model.drafts);
  g_clear_pointer (&run.model.open, g_free);
  g_clear_pointer (&run.model.form, fields_free);
  g_string_free (run.log, TRUE);
  g_rand_free (run.rand);
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
test_random_sequences (void)
{
  guint steps = env_uint ("TROUPE_SEQUENCE_STEPS", 120);
  const char *fixed = g_getenv ("TROUPE_SEQUENCE_SEED");

  if (fixed != NULL && *fixed != '\0')
    {
      run_sequence (env_uint ("TROUPE_SEQUENCE_SEED", 0), steps);
      return;
    }
  /* A few seeds every run, the same ones each time (g_test_rand follows
   * --seed), so a failure can be replayed. */
  for (guint i = 0; i < 3; i++)
    run_sequence (g_test_rand_int (), steps);
}

int
main (int   argc,
      char *argv[])
{
  troupe_test_ui_init (&argc, &argv);

  g_test_add_func ("/troupe/character-sequences/random", test_random_sequences);

  return g_test_run ();
}
