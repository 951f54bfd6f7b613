/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-window"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-character-page.h"
#include "troupe-history-page.h"
#include "troupe-knowledge-page.h"
#include "troupe-character-sidebar.h"
#include "troupe-character-view.h"
#include "troupe-confirm-dialog.h"
#include "troupe-display-name.h"
#include "troupe-character-store.h"
#include "troupe-connection-bar.h"
#include "troupe-chat-pane.h"
#include "troupe-context.h"
#include "troupe-draft-store.h"
#include "troupe-error-banner.h"
#include "troupe-knowledge-window.h"
#include "troupe-report.h"
#include "troupe-window.h"
#include "troupe-paint-memory.h"

struct _TroupeWindow
{
  AdwApplicationWindow    parent_instance;

  TroupeContext          *context;
  TroupeConnection       *connection;  /* the bar's and the list's, unless a client was set */
  TroupeCharacterStore   *store;       /* the context's, for short */
  TroupeCharacterView    *view;
  TroupeCharacterPage    *character_page;
  GCancellable           *cancellable;
  gboolean                creating;
  gboolean                own_client;  /* troupe_window_set_client() was called */
  gboolean                close_after_save;
  gboolean                close_confirmed;
  GSignalGroup           *character_signals;  /* the open character's */
  TroupeKnowledgeWindow  *knowledge_window;   /* while open (a weak pointer) */

  /* Template widgets */
  TroupeConnectionBar    *connection_bar;
  TroupeErrorBanner      *error_banner;
  GtkStack               *content_stack;
  AdwLeaflet             *leaflet;
  TroupeCharacterSidebar *sidebar;
  AdwToastOverlay        *toast_overlay;
};

static void troupe_window_reporter_init (TroupeReporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroupeWindow, troupe_window, ADW_TYPE_APPLICATION_WINDOW,
                               G_IMPLEMENT_INTERFACE (TROUPE_TYPE_REPORTER, troupe_window_reporter_init))

TroupeWindow *
troupe_window_new (TroupeApplication *application)
{
  g_return_val_if_fail (TROUPE_IS_APPLICATION (application), NULL);

  return g_object_new (TROUPE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

TroupeCharacterStore *
troupe_window_get_store (TroupeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_WINDOW (self), NULL);
  return self->store;
}

TroupeContext *
troupe_window_get_context (TroupeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_WINDOW (self), NULL);
  return self->context;
}

TroupeCharacterView *
troupe_window_get_view (TroupeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_WINDOW (self), NULL);
  return self->view;
}

TroupeCharacterPage *
troupe_window_get_character_page (TroupeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_WINDOW (self), NULL);
  return self->character_page;
}

TroupeCharacterSidebar *
troupe_window_get_sidebar (TroupeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_WINDOW (self), NULL);
  return self->sidebar;
}

static void
connection_state_cb (TroupeWindow *self)
{
  troupe_character_sidebar_set_offline (self->sidebar,
                                        troupe_connection_get_state (self->connection) ==
                                        TROUPE_CONNECTION_STATE_FAILED);
}

static void close_character (TroupeWindow *self);

static gboolean
same_endpoint (ConvaiClient *a,
               ConvaiClient *b)
{
  return a != NULL && b != NULL &&
         g_strcmp0 (convai_client_get_base_url (a), convai_client_get_base_url (b)) == 0 &&
         g_strcmp0 (convai_client_get_api_key (a), convai_client_get_api_key (b)) == 0;
}

/* Another account or server, or none: the open character was the old one's.
 * Its unsaved changes stay as a draft and come back with it. A reconnect to
 * the same place keeps it open. The list still has the old client here. */
static void
context_client_cb (TroupeWindow *self)
{
  ConvaiClient *client = troupe_context_get_client (self->context);

  if (!same_endpoint (client, troupe_character_store_get_client (self->store)) &&
      troupe_character_view_get_character (self->view) != NULL)
    {
      troupe_character_view_set_character (self->view, NULL);
      close_character (self);
    }
}

void
troupe_window_set_client (TroupeWindow *self,
                          ConvaiClient *client)
{
  g_return_if_fail (TROUPE_IS_WINDOW (self));

  self->own_client = TRUE;
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_func (self->connection, connection_state_cb, self);
  g_clear_object (&self->connection);
  /* The bar describes the application's connection, no longer this window's. */
  troupe_connection_bar_set_connection (self->connection_bar, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_bar), FALSE);
  troupe_character_sidebar_set_offline (self->sidebar, client == NULL);
  troupe_context_set_client (self->context, client);
}

void
troupe_window_open_character (TroupeWindow    *self,
                              ConvaiCharacter *character)
{
  g_return_if_fail (TROUPE_IS_WINDOW (self));
  g_return_if_fail (CONVAI_IS_CHARACTER (character));

  troupe_character_view_set_character (self->view, character);
  troupe_character_sidebar_select (self->sidebar, convai_character_get_id (character));
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->view));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* A search hit in another character's history: that character, its
 * History page, the session at the exchange. */
static void
show_turn_cb (TroupeWindow *self,
              const char   *char_id,
              const char   *session_id,
              guint         position)
{
  ConvaiCharacter *character = troupe_character_store_lookup (self->store, char_id);
  TroupePage *page;

  if (character == NULL)
    {
      troupe_report_problem (GTK_WIDGET (self), _("That character is no longer in the account."));
      return;
    }
  troupe_window_open_character (self, character);
  gtk_widget_activate_action (GTK_WIDGET (self->view), "view.show-page", "s", "history");
  page = troupe_character_view_get_page (self->view, "history");
  troupe_history_page_open_at (TROUPE_HISTORY_PAGE (page), session_id, position);
}

static void
character_activated_cb (TroupeWindow    *self,
                        ConvaiCharacter *character)
{
  ConvaiCharacter *open = troupe_character_view_get_character (self->view);

  if (open != NULL && g_strcmp0 (convai_character_get_id (open), convai_character_get_id (character)) == 0)
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      return;
    }
  troupe_window_open_character (self, character);
}

static void
open_requested_cb (TroupeWindow    *self,
                   ConvaiCharacter *character)
{
  troupe_window_open_character (self, character);
}

static void
close_character (TroupeWindow *self)
{
  troupe_character_sidebar_select (self->sidebar, NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "welcome");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
character_deleted_cb (TroupeWindow *self,
                      const char   *char_id)
{
  close_character (self);
}

static void
catalog_failed_cb (TroupeWindow *self,
                   const char   *message)
{
  troupe_report_problem (GTK_WIDGET (self), message);
}

static void
folded_changed_cb (TroupeWindow *self)
{
  g_object_set (self->view, "show-back-button", adw_leaflet_get_folded (self->leaflet), NULL);
}

/* ---- New character ---- */

/* A voice every account has: the first production voice that speaks
 * English, or the plain "MALE" Convai documents as always valid. */
static const char *
default_voice (TroupeWindow *self)
{
  GListModel *voices = troupe_character_store_get_voices (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (voices); i++)
    {
      g_autoptr(ConvaiVoice) voice = g_list_model_get_item (voices, i);
      const char * const *codes = convai_voice_get_lang_codes (voice);

      if (convai_voice_is_production (voice) && codes != NULL &&
          g_strv_contains (codes, "en-US"))
        return g_intern_string (convai_voice_get_voice_value (voice));
    }
  return "MALE";
}

static void
set_creating (TroupeWindow *self,
              gboolean      creating)
{
  self->creating = creating;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-character", !creating);
}

static void
get_new_character_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TroupeWindow) self = user_data;
  g_autoptr(ConvaiCharacter) character = NULL;
  g_autoptr(GError) error = NULL;

  character = convai_client_get_character_finish (CONVAI_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_creating (self, FALSE);
  if (error != NULL)
    {
      troupe_report_error (GTK_WIDGET (self), _("The new character was made but could not be loaded"), error);
      troupe_character_store_reload (self->store);
      return;
    }
  troupe_report_clear (GTK_WIDGET (self));
  troupe_character_store_add (self->store, character);
  troupe_window_open_character (self, character);
  troupe_character_page_focus_name (self->character_page);
}

static void
create_character_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TroupeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *char_id = NULL;
  GCancellable *cancellable;

  char_id = convai_client_create_character_finish (CONVAI_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      set_creating (self, FALSE);
      troupe_report_error (GTK_WIDGET (self), _("Could not create a character"), error);
      return;
    }
  cancellable = self->cancellable;
  convai_client_get_character_async (CONVAI_CLIENT (object), char_id, cancellable,
                                     get_new_character_cb, g_steal_pointer (&self));
}

static void
new_character_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);
  ConvaiClient *client = troupe_character_store_get_client (self->store);

  if (self->creating)
    return;
  if (client == NULL)
    {
      troupe_report_problem (GTK_WIDGET (self), _("Not connected yet: the bar above says why. Try again once it is connected."));
      return;
    }
  set_creating (self, TRUE);
  /* Convai refuses an empty backstory: start from a line that says what goes there. */
  convai_client_create_character_async (client, _("Untitled character"), default_voice (self),
                                        _("Who is this character? Write their story here, or use Generate…"),
                                        NULL, self->cancellable, create_character_cb,
                                        g_object_ref (self));
}

/* ---- search, save, navigation ---- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  troupe_character_sidebar_focus_search (self->sidebar);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->view), "view.save", NULL);
}

/* F9: the live chat beside the open character; on a narrow window the
 * character view is brought forward first so the chat can be seen. */
static void
toggle_chat_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);

  if (troupe_character_view_get_character (self->view) == NULL)
    return;
  if (!troupe_character_view_get_chat_shown (self->view))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_activate_action (GTK_WIDGET (self->view), "view.toggle-chat", NULL);
}

/* Ctrl+Shift+K: the Knowledge Bank manager, one per window. */
static void
knowledge_bank_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);

  if (self->knowledge_window == NULL)
    {
      self->knowledge_window = troupe_knowledge_window_new (self->context);
      g_object_add_weak_pointer (G_OBJECT (self->knowledge_window), (gpointer *) &self->knowledge_window);
      gtk_window_set_transient_for (GTK_WINDOW (self->knowledge_window), GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->knowledge_window), TRUE);
    }
  gtk_window_present (GTK_WINDOW (self->knowledge_window));
}

TroupeKnowledgeWindow *
troupe_window_get_knowledge_window (TroupeWindow *self)
{
  g_return_val_if_fail (TROUPE_IS_WINDOW (self), NULL);
  return self->knowledge_window;
}

static void
show_content_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TroupeWindow *self = TROUPE_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- window state and closing ---- */

static void
restore_window_state (TroupeWindow *self)
{
  GSettings *settings = troupe_context_get_settings (self->context);
  int width = g_settings_get_int (settings, "window-width");
  int height = g_settings_get_int (settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* The unmaximized size is what a user chose; a maximized size is the
 * monitor's, so only the flag is kept then. */
static void
save_window_state (TroupeWindow *self)
{
  GSettings *settings = troupe_context_get_settings (self->context);
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (settings, "window-maximized", maximized);
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static void
close_now (TroupeWindow *self)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_idle_cb (gpointer user_data)
{
  close_now (user_data);
  return G_SOURCE_REMOVE;
}

static void
view_busy_cb (TroupeWindow *self)
{
  if (!self->close_after_save || troupe_character_view_get_busy (self->view))
    return;
  self->close_after_save = FALSE;
  /* A failed save leaves the changes unsaved: the window stays, with the
   * error in view. Closing waits for the save's callback to let go of
   * the editor, so the window takes the editor down with it. */
  if (!troupe_character_view_get_dirty (self->view))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TroupeWindow     *self)
{
  if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self->view), "view.save", NULL);
      view_busy_cb (self);
    }
  else if (g_str_equal (response, "discard"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->view), "view.revert", NULL);
      close_now (self);
    }
}

static void
ask_before_closing (TroupeWindow *self)
{
  ConvaiCharacter *character = troupe_character_view_get_character (self->view);
  g_autofree char *body = g_strdup_printf (_("“%s” has unsaved changes. Unsaved changes are kept as a "
                                             "draft, but the server does not have them."),
                                           troupe_character_display_name (character));
  AdwMessageDialog *dialog = troupe_confirm_dialog_new (GTK_WIDGET (self), _("Save Changes?"), body,
                                                        "save", _("_Save"), ADW_RESPONSE_SUGGESTED);

  adw_message_dialog_add_response (dialog, "discard", _("_Discard"));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
troupe_window_close_request (GtkWindow *window)
{
  TroupeWindow *self = TROUPE_WINDOW (window);

  if (!self->close_confirmed && troupe_character_view_get_dirty (self->view))
    {
      troupe_character_view_keep_drafts (self->view, FALSE);
      ask_before_closing (self);
      return TRUE;
    }
  save_window_state (self);

  return GTK_WINDOW_CLASS (troupe_window_parent_class)->close_request (window);
}

/* The window list and Alt+Tab say which character is open. */
static void
update_title (TroupeWindow *self)
{
  ConvaiCharacter *character = troupe_character_view_get_character (self->view);
  g_autofree char *title = NULL;

  if (character == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Troupe"));
      return;
    }
  /* Translators: the window title, as the window list shows it: "<character> — Troupe". */
  title = g_strdup_printf (_("%s — Troupe"), troupe_character_display_name (character));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
view_character_cb (TroupeWindow *self)
{
  if (self->character_signals == NULL)
    return;
  g_signal_group_set_target (self->character_signals,
                             troupe_character_view_get_character (self->view));
  update_title (self);
}

/* ---- problems and news that belong to no character ---- */

static void
show_problem (TroupeReporter *reporter,
              const char     *text)
{
  troupe_error_banner_show (TROUPE_WINDOW (reporter)->error_banner, text);
}

static void
clear_problem (TroupeReporter *reporter)
{
  troupe_error_banner_hide (TROUPE_WINDOW (reporter)->error_banner);
}

static void
show_toast (TroupeReporter *reporter,
            const char     *text)
{
  adw_toast_overlay_add_toast (TROUPE_WINDOW (reporter)->toast_overlay, adw_toast_new (text));
}

static void
troupe_window_reporter_init (TroupeReporterInterface *iface)
{
  iface->show_problem = show_problem;
  iface->clear_problem = clear_problem;
  iface->show_toast = show_toast;
}

static void
troupe_window_dispose (GObject *object)
{
  TroupeWindow *self = TROUPE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->knowledge_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->knowledge_window), (gpointer *) &self->knowledge_window);
      gtk_window_destroy (GTK_WINDOW (self->knowledge_window));
      self->knowledge_window = NULL;
    }
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_func (self->connection, connection_state_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_WINDOW);
  g_clear_object (&self->character_signals);
  g_clear_object (&self->connection);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (troupe_window_parent_class)->dispose (object);
}

/* An application told to end without closing its windows (the session
 * ending, say) would lose the last keystrokes still waiting for the draft
 * pause: they are written now. */
static void
application_shutdown_cb (TroupeWindow *self)
{
  troupe_character_view_keep_drafts (self->view, TRUE);
}

/* GtkWindow's "application" is not a construct property: g_object_new()
 * sets it after constructed(), so the window follows it from here. */
static void
application_changed_cb (TroupeWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->connection != NULL || self->own_client || !TROUPE_IS_APPLICATION (app))
    return;
  g_signal_connect_object (app, "shutdown", G_CALLBACK (application_shutdown_cb), self, G_CONNECT_SWAPPED);
  self->connection = g_object_ref (troupe_application_get_connection (TROUPE_APPLICATION (app)));
  troupe_connection_bar_set_connection (self->connection_bar, self->connection);
  g_signal_connect_object (self->connection, "notify::state",
                           G_CALLBACK (connection_state_cb), self, G_CONNECT_SWAPPED);
  troupe_context_follow_connection (self->context, self->connection);
  connection_state_cb (self);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_bar), TRUE);
}

static void
troupe_window_constructed (GObject *object)
{
  TroupeWindow *self = TROUPE_WINDOW (object);

  G_OBJECT_CLASS (troupe_window_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->connection_bar), FALSE);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  application_changed_cb (self);
}

static void
troupe_window_class_init (TroupeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = troupe_window_constructed;
  object_class->dispose = troupe_window_dispose;

  window_class->close_request = troupe_window_close_request;

  g_type_ensure (TROUPE_TYPE_CONNECTION_BAR);
  g_type_ensure (TROUPE_TYPE_CHARACTER_SIDEBAR);
  g_type_ensure (TROUPE_TYPE_ERROR_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeWindow, connection_bar);
  gtk_widget_class_bind_template_child (widget_class, TroupeWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TroupeWindow, error_banner);
  gtk_widget_class_bind_template_child (widget_class, TroupeWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TroupeWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TroupeWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, character_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-content", NULL, show_content_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.new-character", NULL, new_character_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-chat", NULL, toggle_chat_action);
  gtk_widget_class_install_action (widget_class, "win.knowledge-bank", NULL, knowledge_bank_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-character", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.knowledge-bank", NULL);
}

static void
troupe_window_init (TroupeWindow *self)
{
  TroupeHistoryPage *history_page;
  TroupeDraftStore *drafts;

  gtk_widget_init_template (GTK_WIDGET (self));
  troupe_paint_memory_keep_pool (GTK_WINDOW (self));

  self->cancellable = g_cancellable_new ();
  self->context = troupe_context_new ();
  self->store = g_object_ref (troupe_context_get_characters (self->context));
  drafts = troupe_context_get_drafts (self->context);
  g_signal_connect_object (self->context, "notify::client", G_CALLBACK (context_client_cb), self, G_CONNECT_SWAPPED);
  self->view = troupe_character_view_new ();
  self->character_page = troupe_character_page_new (self->context);
  troupe_character_view_add_page (self->view, TROUPE_PAGE (self->character_page),
                                  "character", _("Character"), "avatar-default-symbolic");
  troupe_character_view_add_page (self->view, TROUPE_PAGE (troupe_knowledge_page_new (self->context)),
                                  "knowledge", _("Knowledge"), "folder-documents-symbolic");
  history_page = troupe_history_page_new (self->context);
  troupe_character_view_add_page (self->view, TROUPE_PAGE (history_page),
                                  "history", _("History"), "document-open-recent-symbolic");
  g_signal_connect_object (history_page, "show-turn", G_CALLBACK (show_turn_cb), self, G_CONNECT_SWAPPED);
  troupe_character_view_set_chat (self->view, GTK_WIDGET (troupe_chat_pane_new (self->context)));
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->view), "character");
  troupe_character_sidebar_set_store (self->sidebar, self->store);
  troupe_character_sidebar_set_drafts (self->sidebar, drafts);
  g_signal_connect_object (self->character_page, "open-requested", G_CALLBACK (open_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->character_page, "deleted", G_CALLBACK (character_deleted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::busy", G_CALLBACK (view_busy_cb), self, G_CONNECT_SWAPPED);
  self->character_signals = g_signal_group_new (CONVAI_TYPE_CHARACTER);
  g_signal_group_connect_swapped (self->character_signals, "notify::name", G_CALLBACK (update_title), self);
  g_signal_connect_object (self->view, "notify::character", G_CALLBACK (view_character_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "catalog-failed", G_CALLBACK (catalog_failed_cb), self, G_CONNECT_SWAPPED);
  folded_changed_cb (self);
  restore_window_state (self);

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
