/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-list-page"

#include "config.h"


#include "troupe-list-page.h"

struct _TroupeListPage
{
  AdwBin             parent_instance;

  gboolean           can_cancel;
  guint              offer_cancel_timeout;
  guint              search_delay;     /* ms: see announce_search() */
  guint              search_timeout;   /* the quiet time after an announcement */
  gboolean           search_pending;   /* the text changed during it */
  char              *announced_text;   /* what "search-changed" last said */
  char              *loading_accessible_label;

  /* Template widgets */
  GtkButton         *cancel_load_button;
  AdwBin            *content_bin;
  GtkButton         *empty_action_button;
  AdwStatusPage     *empty_page;
  AdwStatusPage     *error_page;
  GtkLabel          *loading_label;
  GtkSpinner        *loading_spinner;
  AdwStatusPage     *no_results_page;
  AdwStatusPage     *offline_page;
  GtkSearchEntry    *search_entry;
  GtkStack          *stack;
};

G_DEFINE_FINAL_TYPE (TroupeListPage, troupe_list_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  PROP_CONTENT,
  PROP_CAN_CANCEL,
  PROP_SEARCH_DELAY,
  /* Forwarded to a template child: see forwarded[]. */
  PROP_SEARCH_PLACEHOLDER,
  PROP_LOADING_TEXT,
  PROP_EMPTY_ICON_NAME,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_ACTION_LABEL,
  PROP_EMPTY_ACTION_NAME,
  PROP_NO_RESULTS_ICON_NAME,
  PROP_NO_RESULTS_TITLE,
  PROP_NO_RESULTS_DESCRIPTION,
  PROP_ERROR_ICON_NAME,
  PROP_ERROR_TITLE,
  PROP_ERROR_MESSAGE,
  PROP_OFFLINE_ICON_NAME,
  PROP_OFFLINE_TITLE,
  PROP_OFFLINE_DESCRIPTION,
  /* Not a property of a child: an accessible label. */
  PROP_LOADING_ACCESSIBLE_LABEL,
  N_PROPS
};

enum {
  SEARCH_CHANGED,
  SEARCH_ACTIVATED,
  RETRY,
  CANCEL_LOAD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Most words are a property of one template child, so one table says
 * which, instead of a getter and a setter each. */
typedef struct
{
  guint       prop_id;
  const char *name;
  gsize       child_offset;
  const char *child_property;
} Forwarded;

#define CHILD(field) G_STRUCT_OFFSET (TroupeListPage, field)

static const Forwarded forwarded[] = {
  { PROP_SEARCH_PLACEHOLDER, "search-placeholder", CHILD (search_entry), "placeholder-text" },
  { PROP_LOADING_TEXT, "loading-text", CHILD (loading_label), "label" },
  { PROP_EMPTY_ICON_NAME, "empty-icon-name", CHILD (empty_page), "icon-name" },
  { PROP_EMPTY_TITLE, "empty-title", CHILD (empty_page), "title" },
  { PROP_EMPTY_DESCRIPTION, "empty-description", CHILD (empty_page), "description" },
  { PROP_EMPTY_ACTION_LABEL, "empty-action-label", CHILD (empty_action_button), "label" },
  { PROP_EMPTY_ACTION_NAME, "empty-action-name", CHILD (empty_action_button), "action-name" },
  { PROP_NO_RESULTS_ICON_NAME, "no-results-icon-name", CHILD (no_results_page), "icon-name" },
  { PROP_NO_RESULTS_TITLE, "no-results-title", CHILD (no_results_page), "title" },
  { PROP_NO_RESULTS_DESCRIPTION, "no-results-description", CHILD (no_results_page), "description" },
  { PROP_ERROR_ICON_NAME, "error-icon-name", CHILD (error_page), "icon-name" },
  { PROP_ERROR_TITLE, "error-title", CHILD (error_page), "title" },
  { PROP_ERROR_MESSAGE, "error-message", CHILD (error_page), "description" },
  { PROP_OFFLINE_ICON_NAME, "offline-icon-name", CHILD (offline_page), "icon-name" },
  { PROP_OFFLINE_TITLE, "offline-title", CHILD (offline_page), "title" },
  { PROP_OFFLINE_DESCRIPTION, "offline-description", CHILD (offline_page), "description" },
};

static const Forwarded *
find_forwarded (guint prop_id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (forwarded); i++)
    if (forwarded[i].prop_id == prop_id)
      return &forwarded[i];
  return NULL;
}

static GObject *
forwarded_child (TroupeListPage  *self,
                 const Forwarded *entry)
{
  return G_OBJECT (G_STRUCT_MEMBER (gpointer, self, entry->child_offset));
}

static void
set_forwarded (TroupeListPage *self,
               guint           prop_id,
               const char     *text)
{
  const Forwarded *entry = find_forwarded (prop_id);
  GObject *child = forwarded_child (self, entry);
  g_autofree char *old = NULL;

  g_object_get (child, entry->child_property, &old, NULL);
  if (g_strcmp0 (old, text) == 0)
    return;
  g_object_set (child, entry->child_property, text, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static const char *const state_names[] = {
  "loading", "empty", "no-results", "error", "offline", "list",
};

static gboolean
is_state_name (const char *state)
{
  for (gsize i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (state, state_names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* As long as GtkSearchEntry's own delay, but only between announcements. */
#define DEFAULT_SEARCH_DELAY_MS 150

/* A load that takes a few seconds is one the person may want to stop. */
#define OFFER_CANCEL_AFTER_S 3

static gboolean
offer_cancel_cb (gpointer user_data)
{
  TroupeListPage *self = user_data;

  self->offer_cancel_timeout = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_load_button), TRUE);
  return G_SOURCE_REMOVE;
}

/* GTK 4.8 animates a spinning spinner even on a page that is not shown,
 * keeping the frame clock awake: it spins only while it can be seen. */
static void
follow_visibility (TroupeListPage *self)
{
  gtk_spinner_set_spinning (self->loading_spinner,
                            gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                            g_str_equal (troupe_list_page_get_state (self), "loading"));
}

static void
follow_loading (TroupeListPage *self)
{
  gboolean loading = g_str_equal (troupe_list_page_get_state (self), "loading");

  follow_visibility (self);
  if (!loading)
    {
      g_clear_handle_id (&self->offer_cancel_timeout, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_load_button), FALSE);
      return;
    }
  /* Only a real load can be stopped. */
  if (self->can_cancel && self->offer_cancel_timeout == 0 &&
      !gtk_widget_get_visible (GTK_WIDGET (self->cancel_load_button)))
    self->offer_cancel_timeout = g_timeout_add_seconds (OFFER_CANCEL_AFTER_S, offer_cancel_cb, self);
}

const char *
troupe_list_page_get_state (TroupeListPage *self)
{
  g_return_val_if_fail (TROUPE_IS_LIST_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
troupe_list_page_set_state (TroupeListPage *self,
                            const char     *state)
{
  gboolean changed;

  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));
  g_return_if_fail (is_state_name (state));

  changed = g_strcmp0 (troupe_list_page_get_state (self), state) != 0;
  gtk_stack_set_visible_child_name (self->stack, state);
  follow_loading (self);
  /* Nothing to search in while there is no list. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry),
                            g_str_equal (state, "list") || g_str_equal (state, "no-results"));
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

GtkWidget *
troupe_list_page_get_content (TroupeListPage *self)
{
  g_return_val_if_fail (TROUPE_IS_LIST_PAGE (self), NULL);

  return adw_bin_get_child (self->content_bin);
}

void
troupe_list_page_set_content (TroupeListPage *self,
                              GtkWidget      *content)
{
  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));
  g_return_if_fail (content == NULL || GTK_IS_WIDGET (content));

  if (adw_bin_get_child (self->content_bin) == content)
    return;
  adw_bin_set_child (self->content_bin, content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

static void search_changed_cb (TroupeListPage *self);

const char *
troupe_list_page_get_search_text (TroupeListPage *self)
{
  g_return_val_if_fail (TROUPE_IS_LIST_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
troupe_list_page_set_search_text (TroupeListPage *self,
                                  const char     *text)
{
  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));

  /* Setting the text empties the entry first: one change, not two. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ?: "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  search_changed_cb (self);
}

void
troupe_list_page_focus_search (TroupeListPage *self)
{
  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

guint
troupe_list_page_get_search_delay (TroupeListPage *self)
{
  g_return_val_if_fail (TROUPE_IS_LIST_PAGE (self), 0);

  return self->search_delay;
}

void
troupe_list_page_set_search_delay (TroupeListPage *self,
                                   guint           delay_ms)
{
  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));

  if (self->search_delay == delay_ms)
    return;
  self->search_delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_DELAY]);
}

gboolean
troupe_list_page_get_can_cancel (TroupeListPage *self)
{
  g_return_val_if_fail (TROUPE_IS_LIST_PAGE (self), FALSE);

  return self->can_cancel;
}

void
troupe_list_page_set_can_cancel (TroupeListPage *self,
                                 gboolean        can_cancel)
{
  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));

  can_cancel = !!can_cancel;
  if (self->can_cancel == can_cancel)
    return;
  self->can_cancel = can_cancel;
  follow_loading (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CANCEL]);
}

gboolean
troupe_list_page_offers_cancel (TroupeListPage *self)
{
  g_return_val_if_fail (TROUPE_IS_LIST_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->cancel_load_button));
}

const char *
troupe_list_page_get_loading_text (TroupeListPage *self)
{
  g_return_val_if_fail (TROUPE_IS_LIST_PAGE (self), NULL);

  return gtk_label_get_text (self->loading_label);
}

void
troupe_list_page_set_loading_text (TroupeListPage *self,
                                   const char     *text)
{
  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));

  set_forwarded (self, PROP_LOADING_TEXT, text);
}

void
troupe_list_page_set_no_results_description (TroupeListPage *self,
                                             const char     *description)
{
  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));

  set_forwarded (self, PROP_NO_RESULTS_DESCRIPTION, description);
}

void
troupe_list_page_set_error_message (TroupeListPage *self,
                                    const char     *message)
{
  g_return_if_fail (TROUPE_IS_LIST_PAGE (self));

  set_forwarded (self, PROP_ERROR_MESSAGE, message);
}

/* The spinner has no visible text to be named by. */
static void
set_loading_accessible_label (TroupeListPage *self,
                              const char     *label)
{
  if (g_strcmp0 (self->loading_accessible_label, label) == 0)
    return;
  g_free (self->loading_accessible_label);
  self->loading_accessible_label = g_strdup (label);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->loading_spinner),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->loading_spinner), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_ACCESSIBLE_LABEL]);
}

/* The search entry's placeholder vanishes as a person types; its name
 * must not. */
static void
placeholder_changed_cb (TroupeListPage *self)
{
  g_autofree char *placeholder = NULL;

  g_object_get (self->search_entry, "placeholder-text", &placeholder, NULL);

  if (placeholder != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* The empty page offers its button only when a list names one. */
static void
empty_action_changed_cb (TroupeListPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->empty_action_button),
                          gtk_button_get_label (self->empty_action_button) != NULL);
}

/* The first change after a quiet moment is announced at once, so the
 * first key shows its results without waiting; changes during the next
 * "search-delay" ms are coalesced into one announcement at its end, so a
 * list that is slow to filter is not asked on every key. GtkSearchEntry's
 * own "search-changed" waits 150 ms after every key instead. */
static gboolean search_quiet_cb (gpointer user_data);

static void
announce_search (TroupeListPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  self->search_pending = FALSE;
  if (g_strcmp0 (self->announced_text, text) == 0)
    return;
  g_free (self->announced_text);
  self->announced_text = g_strdup (text);
  if (self->search_delay > 0)
    self->search_timeout = g_timeout_add (self->search_delay, search_quiet_cb, self);
  g_signal_emit (self, signals[SEARCH_CHANGED], 0);
}

static gboolean
search_quiet_cb (gpointer user_data)
{
  TroupeListPage *self = user_data;

  self->search_timeout = 0;
  if (self->search_pending)
    announce_search (self);
  return G_SOURCE_REMOVE;
}

static void
search_changed_cb (TroupeListPage *self)
{
  if (self->search_timeout != 0)
    self->search_pending = TRUE;
  else
    announce_search (self);
}

static void
stop_search_cb (TroupeListPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activate_cb (TroupeListPage *self)
{
  g_signal_emit (self, signals[SEARCH_ACTIVATED], 0);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[RETRY], 0);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCEL_LOAD], 0);
}

TroupeListPage *
troupe_list_page_new (void)
{
  return g_object_new (TROUPE_TYPE_LIST_PAGE, NULL);
}

static void
troupe_list_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (troupe_list_page_parent_class)->map (widget);
  follow_visibility (TROUPE_LIST_PAGE (widget));
}

static void
troupe_list_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (troupe_list_page_parent_class)->unmap (widget);
  follow_visibility (TROUPE_LIST_PAGE (widget));
}

static void
troupe_list_page_dispose (GObject *object)
{
  TroupeListPage *self = TROUPE_LIST_PAGE (object);

  g_clear_handle_id (&self->offer_cancel_timeout, g_source_remove);
  g_clear_handle_id (&self->search_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_LIST_PAGE);

  G_OBJECT_CLASS (troupe_list_page_parent_class)->dispose (object);
}

static void
troupe_list_page_finalize (GObject *object)
{
  TroupeListPage *self = TROUPE_LIST_PAGE (object);

  g_clear_pointer (&self->loading_accessible_label, g_free);
  g_clear_pointer (&self->announced_text, g_free);

  G_OBJECT_CLASS (troupe_list_page_parent_class)->finalize (object);
}

static void
troupe_list_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TroupeListPage *self = TROUPE_LIST_PAGE (object);
  const Forwarded *entry = find_forwarded (prop_id);

  if (entry != NULL)
    {
      g_object_get_property (forwarded_child (self, entry), entry->child_property, value);
      return;
    }
  switch (prop_id)
    {
    case PROP_STATE: g_value_set_string (value, troupe_list_page_get_state (self)); break;
    case PROP_CONTENT: g_value_set_object (value, troupe_list_page_get_content (self)); break;
    case PROP_CAN_CANCEL: g_value_set_boolean (value, self->can_cancel); break;
    case PROP_SEARCH_DELAY: g_value_set_uint (value, self->search_delay); break;
    case PROP_LOADING_ACCESSIBLE_LABEL:
      g_value_set_string (value, self->loading_accessible_label);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_list_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TroupeListPage *self = TROUPE_LIST_PAGE (object);

  if (find_forwarded (prop_id) != NULL)
    {
      set_forwarded (self, prop_id, g_value_get_string (value));
      return;
    }
  switch (prop_id)
    {
    case PROP_STATE: troupe_list_page_set_state (self, g_value_get_string (value)); break;
    case PROP_CONTENT: troupe_list_page_set_content (self, g_value_get_object (value)); break;
    case PROP_CAN_CANCEL: troupe_list_page_set_can_cancel (self, g_value_get_boolean (value)); break;
    case PROP_SEARCH_DELAY: troupe_list_page_set_search_delay (self, g_value_get_uint (value)); break;
    case PROP_LOADING_ACCESSIBLE_LABEL: set_loading_accessible_label (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_list_page_class_init (TroupeListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = troupe_list_page_dispose;
  object_class->finalize = troupe_list_page_finalize;
  object_class->get_property = troupe_list_page_get_property;
  object_class->set_property = troupe_list_page_set_property;

  widget_class->map = troupe_list_page_map;
  widget_class->unmap = troupe_list_page_unmap;

  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, "loading", rw);
  properties[PROP_CONTENT] = g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET, rw);
  properties[PROP_CAN_CANCEL] = g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE, rw);
  properties[PROP_SEARCH_DELAY] = g_param_spec_uint ("search-delay", NULL, NULL, 0, G_MAXUINT,
                                                     DEFAULT_SEARCH_DELAY_MS, rw);
  for (gsize i = 0; i < G_N_ELEMENTS (forwarded); i++)
    properties[forwarded[i].prop_id] = g_param_spec_string (forwarded[i].name, NULL, NULL, NULL, rw);
  properties[PROP_LOADING_ACCESSIBLE_LABEL] = g_param_spec_string ("loading-accessible-label", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SEARCH_CHANGED] = g_signal_new ("search-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SEARCH_ACTIVATED] = g_signal_new ("search-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCEL_LOAD] = g_signal_new ("cancel-load", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, cancel_load_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, content_bin);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, empty_action_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, loading_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, offline_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TroupeListPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "list-page.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "list-page.cancel-load", NULL, cancel_load_action);
}

static void
troupe_list_page_init (TroupeListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->search_delay = DEFAULT_SEARCH_DELAY_MS;
  self->announced_text = g_strdup ("");
  g_signal_connect_object (self->search_entry, "notify::placeholder-text",
                           G_CALLBACK (placeholder_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->empty_action_button, "notify::label",
                           G_CALLBACK (empty_action_changed_cb), self, G_CONNECT_SWAPPED);
  troupe_list_page_set_state (self, "loading");
}
