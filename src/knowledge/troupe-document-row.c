/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-document-row"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "troupe-display-name.h"
#include "troupe-document-row.h"

struct _TroupeDocumentRow
{
  GtkWidget             parent_instance;

  TroupeCharacterStore *characters;
  TroupeDocument       *document;
  gulong                changed_id;

  GtkWidget            *box;
  GtkLabel             *name;
  GtkLabel             *detail;
  GtkWidget            *spinner;       /* these four made when first needed */
  GtkWidget            *failed_icon;
  GtkWidget            *keep_waiting;
  GtkWidget            *retry;
  GtkWidget            *replace;
  GtkWidget            *delete;
};

G_DEFINE_FINAL_TYPE (TroupeDocumentRow, troupe_document_row, GTK_TYPE_WIDGET)

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

char *
troupe_document_describe_users (TroupeDocument       *document,
                                TroupeCharacterStore *characters)
{
  const char * const *ids = troupe_document_get_connected_ids (document);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (ids == NULL)
    return NULL;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      ConvaiCharacter *character = troupe_character_store_lookup (characters, ids[i]);

      /* A character deleted since is no user. */
      if (character != NULL)
        g_ptr_array_add (names, (gpointer) troupe_character_display_name (character));
    }
  /* In name order, as the sidebar lists them. */
  g_ptr_array_sort (names, compare_names);
  switch (names->len)
    {
    case 0:
      return g_strdup (_("Not used by any character"));
    case 1:
      /* Translators: the one character a document is connected to. */
      return g_strdup_printf (_("Used by %s"), (char *) names->pdata[0]);
    case 2:
      return g_strdup_printf (_("Used by %s and %s"), (char *) names->pdata[0], (char *) names->pdata[1]);
    default:
      /* Translators: "Used by Ada and 3 others". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Used by %s and %u other", "Used by %s and %u others",
                                           names->len - 1),
                              (char *) names->pdata[0], names->len - 1);
    }
}

static char *
describe_detail (TroupeDocument *document)
{
  g_autofree char *size = g_format_size (troupe_document_get_file_size (document));
  GDateTime *uploaded = troupe_document_get_uploaded (document);
  g_autofree char *when = NULL;

  if (uploaded != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (uploaded);

      /* Translators: an upload's date and time, in strftime format. */
      when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
    }
  if (when == NULL)
    /* Translators: a document's size, then its version. */
    return g_strdup_printf (_("%s · Version %u"), size, troupe_document_get_version (document));
  /* Translators: a document's size, its version, then when that version was uploaded. */
  return g_strdup_printf (_("%s · Version %u · Uploaded %s"), size, troupe_document_get_version (document), when);
}

static char *
describe_state (TroupeDocument *document)
{
  switch (troupe_document_get_state (document))
    {
    case TROUPE_DOCUMENT_AVAILABLE:
      return g_strdup (_("Ready"));
    case TROUPE_DOCUMENT_FAILED:
      /* Translators: the state of a document the server could not process, with its reason. */
      return g_strdup_printf (_("Could not be processed: %s"), troupe_document_get_error_message (document));
    case TROUPE_DOCUMENT_PROCESSING:
    default:
      if (troupe_document_get_stalled (document))
        return g_strdup (_("Still processing after 10 minutes, longer than Convai says it takes"));
      return g_strdup (_("Processing…"));
    }
}

/* Each button activates its kb.* action with the document's id when
 * clicked. Not a GtkActionable: watching an action's state costs each of
 * the ~200 rows a list keeps four observers, re-made on every rebind. */
static void
button_clicked_cb (GtkButton         *button,
                   TroupeDocumentRow *self)
{
  const char *action = g_object_get_data (G_OBJECT (button), "troupe-action");

  if (self->document != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "s", troupe_document_get_id (self->document));
}

static void
name_button (GtkWidget *button,
             char      *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_free (label);
}

/* What only some rows need is made when first needed: a list keeps about
 * 200 rows alive, and each widget is styled and measured. */
typedef GtkWidget *(*PartFunc) (TroupeDocumentRow *self);

static void
show_part (TroupeDocumentRow *self,
           GtkWidget        **part,
           gboolean           shown,
           PartFunc           make)
{
  if (*part == NULL && !shown)
    return;
  if (*part == NULL)
    {
      *part = make (self);
      gtk_widget_insert_before (*part, self->box, self->replace);
    }
  gtk_widget_set_visible (*part, shown);
}

static GtkWidget *
new_spinner (TroupeDocumentRow *self)
{
  return gtk_spinner_new ();
}

static GtkWidget *
new_failed_icon (TroupeDocumentRow *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  return icon;
}

static GtkWidget *text_button (TroupeDocumentRow *self, const char *label, const char *action);

static GtkWidget *
new_keep_waiting (TroupeDocumentRow *self)
{
  return text_button (self, _("_Keep Waiting"), "kb.keep-waiting");
}

static GtkWidget *
new_retry (TroupeDocumentRow *self)
{
  return text_button (self, _("_Retry"), "kb.retry");
}

/* A spinner spins only while processing and seen: idle means asleep. */
static void
show_spinner (TroupeDocumentRow *self,
              gboolean           processing)
{
  show_part (self, &self->spinner, processing, new_spinner);
  if (self->spinner != NULL)
    gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), processing && gtk_widget_get_mapped (GTK_WIDGET (self)));
}

/* Details and state in one label of two lines, the details dimmed by an
 * attribute: one layout fewer per row than two labels. */
static void
set_caption (TroupeDocumentRow *self,
             const char        *detail,
             const char        *state)
{
  g_autofree char *text = g_strconcat (detail, "\n", state, NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *dim = pango_attr_foreground_alpha_new (G_MAXUINT16 * 55 / 100);

  dim->start_index = 0;
  dim->end_index = strlen (detail);
  pango_attr_list_insert (attrs, dim);
  gtk_label_set_text (self->detail, text);
  gtk_label_set_attributes (self->detail, attrs);
  pango_attr_list_unref (attrs);
}

static void
update (TroupeDocumentRow *self)
{
  TroupeDocument *document = self->document;
  TroupeDocumentState state;
  gboolean stalled, processing;
  const char *name;
  g_autofree char *detail = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *users = NULL;
  g_autofree char *line = NULL;
  g_autofree char *label = NULL;

  if (document == NULL)
    return;
  state = troupe_document_get_state (document);
  stalled = troupe_document_get_stalled (document);
  processing = state == TROUPE_DOCUMENT_PROCESSING && !stalled;
  name = troupe_document_get_name (document);
  detail = describe_detail (document);
  state_text = describe_state (document);
  users = troupe_document_describe_users (document, self->characters);
  line = users != NULL ? g_strdup_printf ("%s · %s", state_text, users) : g_strdup (state_text);

  gtk_label_set_text (self->name, name);
  set_caption (self, detail, line);
  show_spinner (self, processing);
  if (state == TROUPE_DOCUMENT_FAILED || stalled)
    gtk_widget_add_css_class (GTK_WIDGET (self->detail), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->detail), "warning");
  show_part (self, &self->failed_icon, state == TROUPE_DOCUMENT_FAILED || stalled, new_failed_icon);
  show_part (self, &self->keep_waiting, stalled, new_keep_waiting);
  show_part (self, &self->retry, state == TROUPE_DOCUMENT_FAILED, new_retry);
  if (self->keep_waiting != NULL)
    name_button (self->keep_waiting, g_strdup_printf (_("Keep waiting for “%s”"), name));
  if (self->retry != NULL)
    name_button (self->retry, g_strdup_printf (_("Upload “%s” again"), name));
  name_button (self->replace, g_strdup_printf (_("Replace “%s” with a new version"), name));
  name_button (self->delete, g_strdup_printf (_("Delete “%s”"), name));
  /* Translators: how a screen reader names a document row: name, details, then state. */
  label = g_strdup_printf (_("%s, %s, %s"), name, detail, line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
troupe_document_row_set_document (TroupeDocumentRow *self,
                                  TroupeDocument    *document)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT_ROW (self));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->changed_id = g_signal_connect_swapped (document, "changed", G_CALLBACK (update), self);
  update (self);
}

TroupeDocument *
troupe_document_row_get_document (TroupeDocumentRow *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_ROW (self), NULL);
  return self->document;
}

/* A tooltip set on a widget queries the pointer from the X server at
 * once; asked for only when hovered, it costs nothing until then. */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  const char *text)
{
  gtk_tooltip_set_text (tooltip, _(text));
  return TRUE;
}

static GtkWidget *
new_button (TroupeDocumentRow *self,
            GtkWidget         *button,
            const char        *action)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "troupe-action", (gpointer) action);
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), self);
  return button;
}

static GtkWidget *
icon_button (TroupeDocumentRow *self,
             const char        *icon,
             const char        *tooltip,
             const char        *action)
{
  GtkWidget *button = new_button (self, gtk_button_new_from_icon_name (icon), action);

  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (query_tooltip_cb), (gpointer) tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
text_button (TroupeDocumentRow *self,
             const char        *label,
             const char        *action)
{
  return new_button (self, gtk_button_new_with_mnemonic (label), action);
}

/* Ellipsized, not wrapped: a wrapping label is measured again for each
 * width tried, and every row the list keeps alive is measured. The whole
 * text is in the row's accessible name. */
static GtkLabel *
caption (void)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (label), "caption");
  return label;
}

static void
mapped_cb (TroupeDocumentRow *self)
{
  if (self->document != NULL)
    show_spinner (self, troupe_document_get_state (self->document) == TROUPE_DOCUMENT_PROCESSING
                        && !troupe_document_get_stalled (self->document));
}

static void
unmapped_cb (TroupeDocumentRow *self)
{
  if (self->spinner != NULL)
    gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
}

static void
troupe_document_row_dispose (GObject *object)
{
  TroupeDocumentRow *self = TROUPE_DOCUMENT_ROW (object);

  troupe_document_row_set_document (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->characters);
  G_OBJECT_CLASS (troupe_document_row_parent_class)->dispose (object);
}

static void
troupe_document_row_class_init (TroupeDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_document_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
troupe_document_row_init (TroupeDocumentRow *self)
{
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);

  self->name = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name, 0);
  gtk_label_set_ellipsize (self->name, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name), "heading");
  self->detail = caption ();
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->name));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->detail));

  self->replace = icon_button (self, "document-revert-symbolic", N_("Replace with New Version…"), "kb.replace");
  self->delete = icon_button (self, "user-trash-symbolic", N_("Delete…"), "kb.delete");

  gtk_box_append (GTK_BOX (self->box), gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
  gtk_box_append (GTK_BOX (self->box), texts);
  gtk_box_append (GTK_BOX (self->box), self->replace);
  gtk_box_append (GTK_BOX (self->box), self->delete);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (unmapped_cb), NULL);
}

GtkWidget *
troupe_document_row_new (TroupeCharacterStore *characters)
{
  TroupeDocumentRow *self = g_object_new (TROUPE_TYPE_DOCUMENT_ROW, NULL);

  self->characters = g_object_ref (characters);
  return GTK_WIDGET (self);
}
