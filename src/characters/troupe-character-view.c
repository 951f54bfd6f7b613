/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-character-view"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-character-view.h"
#include "troupe-chat-pane.h"
#include "troupe-display-name.h"
#include "troupe-error-banner.h"
#include "troupe-report.h"

/* A save that takes this long may be stuck: the person can stop waiting. */
#define OFFER_STOP_AFTER_S 3

struct _TroupeCharacterView
{
  AdwBin             parent_instance;

  ConvaiCharacter   *character;
  GPtrArray         *pages;              /* TroupePage, in the order added */
  gboolean           dirty;
  gboolean           busy;
  gboolean           saving;
  guint              offer_stop_timeout;

  /* The live chat beside the pages, or folded to its own view. */
  GtkWidget         *chat_pane;
  GtkWidget         *chat_separator;
  gboolean           chat_shown;
  gboolean           show_back;          /* the window's: back to the list */
  guint              header_idle;

  /* Template widgets */
  GtkButton         *back_button;
  GtkButton         *chat_back_button;
  GtkToggleButton   *chat_button;
  AdwLeaflet        *chat_leaflet;
  TroupeErrorBanner *error_banner;
  GtkButton         *save_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack          *title_stack;
  AdwToastOverlay   *toast_overlay;
  AdwViewStack      *view_stack;
  AdwWindowTitle    *window_title;
};

static void troupe_character_view_reporter_init (TroupeReporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroupeCharacterView, troupe_character_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TROUPE_TYPE_REPORTER,
                                                      troupe_character_view_reporter_init))

enum {
  PROP_0,
  PROP_CHARACTER,
  PROP_DIRTY,
  PROP_BUSY,
  PROP_SHOW_BACK_BUTTON,
  PROP_CHAT_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TroupeCharacterView *
troupe_character_view_new (void)
{
  return g_object_new (TROUPE_TYPE_CHARACTER_VIEW, NULL);
}

ConvaiCharacter *
troupe_character_view_get_character (TroupeCharacterView *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), NULL);
  return self->character;
}

gboolean
troupe_character_view_get_dirty (TroupeCharacterView *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), FALSE);
  return self->dirty;
}

gboolean
troupe_character_view_get_busy (TroupeCharacterView *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), FALSE);
  return self->busy;
}

const char *
troupe_character_view_get_problem (TroupeCharacterView *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), NULL);
  return troupe_error_banner_get_text (self->error_banner);
}

const char *
troupe_character_view_get_subtitle (TroupeCharacterView *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), NULL);
  return adw_window_title_get_subtitle (self->window_title);
}

GtkButton *
troupe_character_view_get_save_button (TroupeCharacterView *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), NULL);
  return self->save_button;
}

TroupePage *
troupe_character_view_get_page (TroupeCharacterView *self,
                                const char          *name)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), NULL);

  for (guint i = 0; i < self->pages->len; i++)
    {
      TroupePage *page = g_ptr_array_index (self->pages, i);
      AdwViewStackPage *stack_page = adw_view_stack_get_page (self->view_stack, GTK_WIDGET (page));

      if (g_strcmp0 (adw_view_stack_page_get_name (stack_page), name) == 0)
        return page;
    }
  return NULL;
}

/* The page that names the character and holds its clone and delete. */
static TroupePage *
first_page (TroupeCharacterView *self)
{
  return self->pages->len > 0 ? g_ptr_array_index (self->pages, 0) : NULL;
}

/* ---- the header follows the pages ---- */

static void
update_title (TroupeCharacterView *self)
{
  g_autofree char *title = first_page (self) != NULL ? troupe_page_dup_title (first_page (self)) : NULL;
  const char *shown = title != NULL ? troupe_display_name (title)
                                    : troupe_character_display_name (self->character);
  const char *subtitle = self->dirty ? _("Unsaved changes") : NULL;

  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  adw_view_switcher_title_set_title (self->switcher_title, shown);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  /* A switcher with one page would only hide the title; over the chat on
   * its own it would switch pages no one sees. */
  gtk_stack_set_visible_child (self->title_stack, self->pages->len > 1 && !troupe_character_view_get_chat_alone (self)
                                                  ? GTK_WIDGET (self->switcher_title)
                                                  : GTK_WIDGET (self->window_title));
}

static gboolean
offer_stop_saving_cb (gpointer user_data)
{
  TroupeCharacterView *self = user_data;

  self->offer_stop_timeout = 0;
  gtk_button_set_label (self->save_button, _("Stop Saving"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "view.stop-saving");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               _("Stop waiting for the server; the changes stay here as a draft"));
  return G_SOURCE_REMOVE;
}

/* The Save button says what is happening while a save runs, and after a
 * while offers to stop waiting. */
static void
show_saving (TroupeCharacterView *self,
             gboolean             saving)
{
  if (saving == self->saving)
    return;
  self->saving = saving;
  g_clear_handle_id (&self->offer_stop_timeout, g_source_remove);
  gtk_button_set_label (self->save_button, saving ? _("Saving…") : _("_Save"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "view.save");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), _("Save Changes (Ctrl+S)"));
  if (saving)
    self->offer_stop_timeout = g_timeout_add_seconds (OFFER_STOP_AFTER_S, offer_stop_saving_cb, self);
}

static void
update_state (TroupeCharacterView *self)
{
  gboolean dirty = FALSE, busy = FALSE, saving = FALSE;
  gboolean open = self->character != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  for (guint i = 0; i < self->pages->len; i++)
    {
      TroupePage *page = g_ptr_array_index (self->pages, i);

      dirty |= troupe_page_get_dirty (page);
      busy |= troupe_page_get_busy (page);
      saving |= troupe_page_get_saving (page);
    }
  show_saving (self, saving);
  if (dirty != self->dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  gtk_widget_action_set_enabled (widget, "view.save", open && dirty && !busy);
  gtk_widget_action_set_enabled (widget, "view.stop-saving", saving);
  gtk_widget_action_set_enabled (widget, "view.revert", open && dirty && !busy);
  gtk_widget_action_set_enabled (widget, "view.clone", open && !busy);
  gtk_widget_action_set_enabled (widget, "view.delete", open && !busy);
  gtk_widget_action_set_enabled (widget, "view.toggle-chat", self->chat_pane != NULL);
  update_title (self);
}

void
troupe_character_view_add_page (TroupeCharacterView *self,
                                TroupePage          *page,
                                const char          *name,
                                const char          *title,
                                const char          *icon_name)
{
  AdwViewStackPage *stack_page;

  g_return_if_fail (TROUPE_IS_CHARACTER_VIEW (self));
  g_return_if_fail (TROUPE_IS_PAGE (page));
  g_return_if_fail (name != NULL && title != NULL);

  g_ptr_array_add (self->pages, g_object_ref (page));
  stack_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (page), name, title);
  adw_view_stack_page_set_icon_name (stack_page, icon_name);
  g_signal_connect_object (page, "notify::dirty", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::busy", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::saving", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::title", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  troupe_page_set_character (page, self->character);
  update_state (self);
}

void
troupe_character_view_set_character (TroupeCharacterView *self,
                                     ConvaiCharacter     *character)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_VIEW (self));
  g_return_if_fail (character == NULL || CONVAI_IS_CHARACTER (character));

  if (self->character == character)
    return;
  g_set_object (&self->character, character);
  /* A problem with the last character is not this one's. */
  troupe_error_banner_hide (self->error_banner);
  for (guint i = 0; i < self->pages->len; i++)
    troupe_page_set_character (g_ptr_array_index (self->pages, i), character);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

void
troupe_character_view_keep_drafts (TroupeCharacterView *self,
                                   gboolean             blocking)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_VIEW (self));

  for (guint i = 0; i < self->pages->len; i++)
    troupe_page_keep_draft (g_ptr_array_index (self->pages, i), blocking);
}

/* ---- the chat, beside the pages or on its own ---- */

gboolean
troupe_character_view_get_chat_shown (TroupeCharacterView *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), FALSE);
  return self->chat_shown;
}

gboolean
troupe_character_view_get_chat_alone (TroupeCharacterView *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_VIEW (self), FALSE);
  return self->chat_shown && adw_leaflet_get_folded (self->chat_leaflet);
}

/* The header follows: back to the pages while the chat is on its own,
 * else back to the list as the window says. */
static void
update_header (TroupeCharacterView *self)
{
  gboolean alone = troupe_character_view_get_chat_alone (self);

  gtk_widget_set_visible (GTK_WIDGET (self->chat_back_button), alone);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->show_back && !alone);
  update_title (self);
}

static gboolean
update_header_idle_cb (gpointer user_data)
{
  TroupeCharacterView *self = user_data;

  self->header_idle = 0;
  update_header (self);
  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated, after the header was:
 * changed then, the header would be painted with no allocation. It
 * follows right after the frame instead. */
static void
chat_leaflet_folded_cb (TroupeCharacterView *self)
{
  if (self->header_idle == 0)
    self->header_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_header_idle_cb, self, NULL);
}

/* Hidden only once the leaflet has slid back to the pages, so the slide
 * shows the chat going. */
static void
hide_chat_when_still (TroupeCharacterView *self)
{
  if (self->chat_shown || self->chat_pane == NULL ||
      adw_leaflet_get_child_transition_running (self->chat_leaflet))
    return;
  gtk_widget_set_visible (self->chat_pane, FALSE);
  gtk_widget_set_visible (self->chat_separator, FALSE);
}

static void
set_chat_shown (TroupeCharacterView *self,
                gboolean             shown)
{
  shown = shown && self->chat_pane != NULL;
  if (shown == self->chat_shown)
    return;
  self->chat_shown = shown;
  if (shown)
    {
      gtk_widget_set_visible (self->chat_separator, TRUE);
      gtk_widget_set_visible (self->chat_pane, TRUE);
      adw_leaflet_set_visible_child (self->chat_leaflet, self->chat_pane);
      /* Shown to type in: the message entry takes the keys. */
      gtk_widget_child_focus (self->chat_pane, GTK_DIR_TAB_FORWARD);
    }
  else
    {
      adw_leaflet_set_visible_child (self->chat_leaflet, GTK_WIDGET (self->view_stack));
      hide_chat_when_still (self);
    }
  update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT_SHOWN]);
}

/* Folded, the leaflet's own back (swipe, Alt+Left, the mouse's back
 * button) goes to the pages: the chat is then hidden as by its toggle. */
static void
chat_leaflet_visible_child_cb (TroupeCharacterView *self)
{
  if (self->chat_shown && adw_leaflet_get_folded (self->chat_leaflet) &&
      adw_leaflet_get_visible_child (self->chat_leaflet) != self->chat_pane)
    set_chat_shown (self, FALSE);
}

void
troupe_character_view_set_chat (TroupeCharacterView *self,
                                GtkWidget           *pane)
{
  AdwLeafletPage *page;

  g_return_if_fail (TROUPE_IS_CHARACTER_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (pane));
  g_return_if_fail (self->chat_pane == NULL);

  self->chat_separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_visible (self->chat_separator, FALSE);
  page = adw_leaflet_append (self->chat_leaflet, self->chat_separator);
  adw_leaflet_page_set_navigatable (page, FALSE);
  self->chat_pane = pane;
  gtk_widget_set_visible (pane, FALSE);
  adw_leaflet_append (self->chat_leaflet, pane);
  g_object_bind_property (self, "character", pane, "character", G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (GTK_WIDGET (self->chat_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.continue-chat", TRUE);
  update_state (self);
}

/* ---- actions ---- */

static void
toggle_chat_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (widget);

  set_chat_shown (self, !self->chat_shown);
}

/* History's Continue in Chat: that session in the chat, the chat shown. */
static void
continue_chat_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (widget);

  if (!TROUPE_IS_CHAT_PANE (self->chat_pane))
    return;
  troupe_chat_pane_continue_session (TROUPE_CHAT_PANE (self->chat_pane), g_variant_get_string (parameter, NULL));
  set_chat_shown (self, TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (widget);

  for (guint i = 0; i < self->pages->len; i++)
    {
      TroupePage *page = g_ptr_array_index (self->pages, i);

      if (troupe_page_get_dirty (page))
        troupe_page_save (page);
    }
}

static void
stop_saving_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (widget);

  for (guint i = 0; i < self->pages->len; i++)
    troupe_page_stop_saving (g_ptr_array_index (self->pages, i));
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (widget);

  for (guint i = 0; i < self->pages->len; i++)
    troupe_page_discard (g_ptr_array_index (self->pages, i));
}

/* Clone and Delete are the first page's: it knows which id its form was
 * filled from, and sends nothing about any other. */
static void
character_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (widget);
  g_autofree char *page_action = g_strconcat ("character.", action_name + strlen ("view."), NULL);

  if (first_page (self) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (first_page (self)), page_action, NULL);
}

/* ---- reporting ---- */

static void
show_problem (TroupeReporter *reporter,
              const char     *text)
{
  troupe_error_banner_show (TROUPE_CHARACTER_VIEW (reporter)->error_banner, text);
}

static void
clear_problem (TroupeReporter *reporter)
{
  troupe_error_banner_hide (TROUPE_CHARACTER_VIEW (reporter)->error_banner);
}

static void
show_toast (TroupeReporter *reporter,
            const char     *text)
{
  adw_toast_overlay_add_toast (TROUPE_CHARACTER_VIEW (reporter)->toast_overlay, adw_toast_new (text));
}

static void
troupe_character_view_reporter_init (TroupeReporterInterface *iface)
{
  iface->show_problem = show_problem;
  iface->clear_problem = clear_problem;
  iface->show_toast = show_toast;
}

/* ---- GObject ---- */

static void
troupe_character_view_dispose (GObject *object)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (object);

  g_clear_handle_id (&self->offer_stop_timeout, g_source_remove);
  g_clear_handle_id (&self->header_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_CHARACTER_VIEW);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->character);

  G_OBJECT_CLASS (troupe_character_view_parent_class)->dispose (object);
}

static void
troupe_character_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHARACTER: g_value_set_object (value, self->character); break;
    case PROP_DIRTY: g_value_set_boolean (value, self->dirty); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_SHOW_BACK_BUTTON: g_value_set_boolean (value, self->show_back); break;
    case PROP_CHAT_SHOWN: g_value_set_boolean (value, self->chat_shown); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_character_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHARACTER:
      troupe_character_view_set_character (self, g_value_get_object (value));
      break;
    case PROP_SHOW_BACK_BUTTON:
      if (self->show_back != g_value_get_boolean (value))
        {
          self->show_back = g_value_get_boolean (value);
          update_header (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CHAT_SHOWN:
      set_chat_shown (self, g_value_get_boolean (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Brings a page to the front by name ("character", "history"...). */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TroupeCharacterView *self = TROUPE_CHARACTER_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
troupe_character_view_class_init (TroupeCharacterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_character_view_dispose;
  object_class->get_property = troupe_character_view_get_property;
  object_class->set_property = troupe_character_view_set_property;

  properties[PROP_CHARACTER] = g_param_spec_object ("character", NULL, NULL, CONVAI_TYPE_CHARACTER,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_BACK_BUTTON] = g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                                                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The live chat shown, beside the pages or on its own (the header's
   * toggle follows it). */
  properties[PROP_CHAT_SHOWN] = g_param_spec_boolean ("chat-shown", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TROUPE_TYPE_ERROR_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-character-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, back_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, chat_back_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, chat_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, chat_leaflet);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, error_banner);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, save_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, title_stack);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterView, window_title);

  gtk_widget_class_install_action (widget_class, "view.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "view.stop-saving", NULL, stop_saving_action);
  gtk_widget_class_install_action (widget_class, "view.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "view.clone", NULL, character_action);
  gtk_widget_class_install_action (widget_class, "view.delete", NULL, character_action);
  gtk_widget_class_install_action (widget_class, "view.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "view.toggle-chat", NULL, toggle_chat_action);
  gtk_widget_class_install_action (widget_class, "view.continue-chat", "s", continue_chat_action);
}

static void
troupe_character_view_init (TroupeCharacterView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pages = g_ptr_array_new_with_free_func (g_object_unref);
  g_object_bind_property (self, "chat-shown", self->chat_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->chat_leaflet, "notify::folded", G_CALLBACK (chat_leaflet_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chat_leaflet, "notify::visible-child",
                           G_CALLBACK (chat_leaflet_visible_child_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chat_leaflet, "notify::child-transition-running",
                           G_CALLBACK (hide_chat_when_still), self, G_CONNECT_SWAPPED);
  /* Until there is a chat to continue in. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.continue-chat", FALSE);
  update_state (self);
}
