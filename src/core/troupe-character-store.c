/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-character-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "troupe-character-store.h"
#include "troupe-error-text.h"

struct _TroupeCharacterStore
{
  TroupeStore             parent_instance;

  TroupeRecentCharacters *recent;
  GListStore             *characters;   /* in name order */
  GListStore             *voices;
  GListStore             *languages;
  GtkSorter              *sorter;
  gboolean                ranked_from_file;  /* the recent list was read when ranks were set */
};

G_DEFINE_FINAL_TYPE (TroupeCharacterStore, troupe_character_store, TROUPE_TYPE_STORE)

enum {
  PROP_0,
  PROP_RECENT,
  N_PROPS
};

enum {
  CATALOG_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Each character's place in name order and its recent rank, kept on the
 * character so the sorter compares integers instead of collating names and
 * hashing ids: sorting 10,000 rows must fit in a frame.
 *
 * The order is recent-first as of the last load: opening a character does
 * not move its row while the person works in the list (rows moving under
 * the pointer), the next load puts it on top. A character made here (new,
 * a clone) goes on top at once, where the person looks for it. */
static GQuark name_order_quark;
static GQuark recent_rank_quark;

#define RANK_NEVER 0     /* qdata absent */
#define RANK_ADDED 1     /* made in this session */
#define RANK_FIRST 2     /* recent rank 0, and so on */

static guint
name_order (gconstpointer character)
{
  return GPOINTER_TO_UINT (g_object_get_qdata ((GObject *) character, name_order_quark));
}

static guint
sort_rank (gconstpointer character)
{
  guint stored = GPOINTER_TO_UINT (g_object_get_qdata ((GObject *) character, recent_rank_quark));

  return stored == RANK_NEVER ? G_MAXUINT : stored;
}

static void
set_sort_rank (ConvaiCharacter *character,
               guint            stored)
{
  g_object_set_qdata (G_OBJECT (character), recent_rank_quark, GUINT_TO_POINTER (stored));
}

static void
store_recent_rank (TroupeCharacterStore *self,
                   ConvaiCharacter      *character)
{
  guint rank = troupe_recent_characters_get_rank (self->recent, convai_character_get_id (character));

  set_sort_rank (character, rank == TROUPE_RECENT_NEVER ? RANK_NEVER : rank + RANK_FIRST);
}

static int
compare_recent_then_name (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  guint rank_a = sort_rank (a);
  guint rank_b = sort_rank (b);
  guint order_a, order_b;

  if (rank_a != rank_b)
    return rank_a < rank_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  order_a = name_order (a);
  order_b = name_order (b);
  if (order_a != order_b)
    return order_a < order_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return GTK_ORDERING_EQUAL;
}

typedef struct
{
  ConvaiCharacter *character;
  char            *key;
} KeyedCharacter;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const KeyedCharacter *x = a, *y = b;

  return strcmp (x->key, y->key);
}

static char *
name_key (ConvaiCharacter *character)
{
  g_autofree char *folded = g_utf8_casefold (convai_character_get_name (character) ?: "", -1);

  /* As Files sorts names: "Guard 2" before "Guard 10". */
  return g_utf8_collate_key_for_filename (folded, -1);
}

static void
renumber (TroupeCharacterStore *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->characters));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->characters), i);

      g_object_set_qdata (item, name_order_quark, GUINT_TO_POINTER (i));
    }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

void
troupe_character_store_set_characters (TroupeCharacterStore *self,
                                       GListModel           *characters)
{
  guint n;
  g_autofree KeyedCharacter *keyed = NULL;
  g_autofree gpointer *sorted = NULL;

  g_return_if_fail (TROUPE_IS_CHARACTER_STORE (self));
  g_return_if_fail (characters == NULL || G_IS_LIST_MODEL (characters));

  n = characters != NULL ? g_list_model_get_n_items (characters) : 0;
  keyed = g_new0 (KeyedCharacter, n);
  sorted = g_new0 (gpointer, n + 1);
  for (guint i = 0; i < n; i++)
    {
      keyed[i].character = g_list_model_get_item (characters, i);
      keyed[i].key = name_key (keyed[i].character);
    }
  /* g_new0 (…, 0) is NULL, and qsort must not be handed NULL even for 0. */
  if (n > 0)
    qsort (keyed, n, sizeof (KeyedCharacter), compare_keyed);
  for (guint i = 0; i < n; i++)
    {
      g_object_set_qdata (G_OBJECT (keyed[i].character), name_order_quark, GUINT_TO_POINTER (i));
      store_recent_rank (self, keyed[i].character);
      sorted[i] = keyed[i].character;
      g_free (keyed[i].key);
    }
  self->ranked_from_file = troupe_recent_characters_is_loaded (self->recent);
  g_list_store_splice (self->characters, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->characters)),
                       sorted, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (keyed[i].character);
}

ConvaiCharacter *
troupe_character_store_lookup (TroupeCharacterStore *self,
                               const char           *char_id)
{
  guint n;

  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), NULL);
  g_return_val_if_fail (char_id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->characters));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (G_LIST_MODEL (self->characters), i);

      if (g_strcmp0 (convai_character_get_id (character), char_id) == 0)
        return character;
    }
  return NULL;
}

static guint
find_position (TroupeCharacterStore *self,
               ConvaiCharacter      *character)
{
  guint position;

  if (!g_list_store_find (self->characters, character, &position))
    return GTK_INVALID_LIST_POSITION;
  return position;
}

/* Binary search in name order, the way set_characters() sorted. */
static guint
insertion_point (TroupeCharacterStore *self,
                 ConvaiCharacter      *character)
{
  g_autofree char *key = name_key (character);
  guint low = 0, high = g_list_model_get_n_items (G_LIST_MODEL (self->characters));

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(ConvaiCharacter) other = g_list_model_get_item (G_LIST_MODEL (self->characters), middle);
      g_autofree char *other_key = name_key (other);

      if (strcmp (other_key, key) <= 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

void
troupe_character_store_add (TroupeCharacterStore *self,
                            ConvaiCharacter      *character)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_STORE (self));
  g_return_if_fail (CONVAI_IS_CHARACTER (character));

  set_sort_rank (character, RANK_ADDED);
  g_list_store_insert (self->characters, insertion_point (self, character), character);
  renumber (self);
}

void
troupe_character_store_remove (TroupeCharacterStore *self,
                               const char           *char_id)
{
  ConvaiCharacter *character;
  guint position;

  g_return_if_fail (TROUPE_IS_CHARACTER_STORE (self));
  g_return_if_fail (char_id != NULL);

  character = troupe_character_store_lookup (self, char_id);
  if (character == NULL)
    return;
  position = find_position (self, character);
  g_list_store_remove (self->characters, position);
  troupe_recent_characters_forget (self->recent, char_id);
  renumber (self);
}

/* One splice over the rows between the old and the new place, so a list
 * view keeps the character selected: it sees one change, not a removal and
 * then an insertion. The splice also rebinds the row, showing new text. */
void
troupe_character_store_renamed (TroupeCharacterStore *self,
                                ConvaiCharacter      *character)
{
  GListModel *model;
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  guint from, to, low, high, n;

  g_return_if_fail (TROUPE_IS_CHARACTER_STORE (self));
  g_return_if_fail (CONVAI_IS_CHARACTER (character));

  from = find_position (self, character);
  if (from == GTK_INVALID_LIST_POSITION)
    return;
  model = G_LIST_MODEL (self->characters);
  n = g_list_model_get_n_items (model);
  key = name_key (character);
  /* Binary search among the other characters (indices skip @from). */
  low = 0;
  high = n - 1;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(ConvaiCharacter) other = g_list_model_get_item (model, middle < from ? middle : middle + 1);
      g_autofree char *other_key = name_key (other);

      if (strcmp (other_key, key) <= 0)
        low = middle + 1;
      else
        high = middle;
    }
  to = low;

  moved = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = MIN (from, to); i <= MAX (from, to); i++)
    {
      guint source;

      if (i == to)
        source = from;
      else if (from < to)
        source = i + 1;
      else
        source = i - 1;
      g_ptr_array_add (moved, g_list_model_get_item (model, source));
    }
  g_list_store_splice (self->characters, MIN (from, to), moved->len, moved->pdata, moved->len);
  renumber (self);
}

static void
fill_store (GListStore *store,
            GListModel *items)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (items, i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       array->pdata, array->len);
}

static void
catalog_failed (TroupeCharacterStore *self,
                const char           *failed,
                const GError         *error)
{
  g_autofree char *text = troupe_error_text (failed, error);

  g_signal_emit (self, signals[CATALOG_FAILED], 0, text);
}

static void
list_voices_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TroupeCharacterStore) self = user_data;
  g_autoptr(GListModel) voices = NULL;
  g_autoptr(GError) error = NULL;

  voices = convai_client_list_voices_finish (CONVAI_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    catalog_failed (self, _("Could not load the voices"), error);
  else
    fill_store (self->voices, voices);
}

static void
list_languages_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TroupeCharacterStore) self = user_data;
  g_autoptr(GListModel) languages = NULL;
  g_autoptr(GError) error = NULL;

  languages = convai_client_list_languages_finish (CONVAI_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    catalog_failed (self, _("Could not load the languages"), error);
  else
    fill_store (self->languages, languages);
}

/* The list is the load; voices and languages come along the first time,
 * each on its own, as they change far less often. */
static void
troupe_character_store_load (TroupeStore         *store,
                             ConvaiClient        *client,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TroupeCharacterStore *self = TROUPE_CHARACTER_STORE (store);

  convai_client_list_characters_async (client, cancellable, callback, user_data);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->voices)) == 0)
    convai_client_list_voices_async (client, cancellable, list_voices_cb, g_object_ref (self));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->languages)) == 0)
    convai_client_list_languages_async (client, cancellable, list_languages_cb, g_object_ref (self));
}

static gboolean
troupe_character_store_load_finish (TroupeStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  TroupeCharacterStore *self = TROUPE_CHARACTER_STORE (store);
  g_autoptr(GListModel) characters = NULL;

  /* TroupeStore drops a reply of a previous client before asking here. */
  characters = convai_client_list_characters_finish (troupe_store_get_client (store), result, error);
  if (characters == NULL)
    return FALSE;
  troupe_character_store_set_characters (self, characters);
  return TRUE;
}

static void
troupe_character_store_clear (TroupeStore *store)
{
  TroupeCharacterStore *self = TROUPE_CHARACTER_STORE (store);

  g_list_store_remove_all (self->characters);
  g_list_store_remove_all (self->voices);
  g_list_store_remove_all (self->languages);
}

/* The generic parts are TroupeStore's; these keep the callers' names. */
void
troupe_character_store_reload (TroupeCharacterStore *self)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_STORE (self));
  troupe_store_reload (TROUPE_STORE (self));
}

void
troupe_character_store_cancel_load (TroupeCharacterStore *self)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_STORE (self));
  troupe_store_cancel_load (TROUPE_STORE (self));
}

void
troupe_character_store_set_client (TroupeCharacterStore *self,
                                   ConvaiClient         *client)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_STORE (self));
  troupe_store_set_client (TROUPE_STORE (self), client);
}

ConvaiClient *
troupe_character_store_get_client (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), NULL);
  return troupe_store_get_client (TROUPE_STORE (self));
}

gboolean
troupe_character_store_get_loading (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), FALSE);
  return troupe_store_get_loading (TROUPE_STORE (self));
}

gboolean
troupe_character_store_get_loaded (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), FALSE);
  return troupe_store_get_loaded (TROUPE_STORE (self));
}

const char *
troupe_character_store_get_error_message (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), NULL);
  return troupe_store_get_error_message (TROUPE_STORE (self));
}

TroupeRecentCharacters *
troupe_character_store_get_recent (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), NULL);
  return self->recent;
}

GListModel *
troupe_character_store_get_characters (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), NULL);
  return G_LIST_MODEL (self->characters);
}

GtkSorter *
troupe_character_store_get_sorter (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), NULL);
  return self->sorter;
}

GListModel *
troupe_character_store_get_voices (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), NULL);
  return G_LIST_MODEL (self->voices);
}

GListModel *
troupe_character_store_get_languages (TroupeCharacterStore *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (self), NULL);
  return G_LIST_MODEL (self->languages);
}

static void
recent_changed_cb (TroupeCharacterStore *self)
{
  GListModel *model = G_LIST_MODEL (self->characters);
  guint n = g_list_model_get_n_items (model);

  /* Only the file's arrival orders the list; a touch waits for a load. */
  if (self->ranked_from_file || !troupe_recent_characters_is_loaded (self->recent))
    return;
  self->ranked_from_file = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (model, i);

      store_recent_rank (self, character);
    }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

TroupeCharacterStore *
troupe_character_store_new (TroupeRecentCharacters *recent)
{
  TroupeCharacterStore *self;

  g_return_val_if_fail (TROUPE_IS_RECENT_CHARACTERS (recent), NULL);

  self = g_object_new (TROUPE_TYPE_CHARACTER_STORE, NULL);
  self->recent = g_object_ref (recent);
  g_signal_connect_object (recent, "changed", G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

static void
troupe_character_store_finalize (GObject *object)
{
  TroupeCharacterStore *self = TROUPE_CHARACTER_STORE (object);

  g_clear_object (&self->recent);
  g_clear_object (&self->characters);
  g_clear_object (&self->voices);
  g_clear_object (&self->languages);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (troupe_character_store_parent_class)->finalize (object);
}

static void
troupe_character_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TroupeCharacterStore *self = TROUPE_CHARACTER_STORE (object);

  switch (prop_id)
    {
    case PROP_RECENT: g_value_set_object (value, self->recent); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_character_store_class_init (TroupeCharacterStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TroupeStoreClass *store_class = TROUPE_STORE_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = troupe_character_store_finalize;
  object_class->get_property = troupe_character_store_get_property;

  store_class->load = troupe_character_store_load;
  store_class->load_finish = troupe_character_store_load_finish;
  store_class->clear = troupe_character_store_clear;
  store_class->load_failed_text = N_("Could not load the characters");
  store_class->load_stopped_text = N_("Loading the characters was stopped. Try again when the server is back.");

  properties[PROP_RECENT] = g_param_spec_object ("recent", NULL, NULL, TROUPE_TYPE_RECENT_CHARACTERS, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CATALOG_FAILED] = g_signal_new ("catalog-failed",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  name_order_quark = g_quark_from_static_string ("troupe-character-name-order");
  recent_rank_quark = g_quark_from_static_string ("troupe-character-recent-rank");
}

static void
troupe_character_store_init (TroupeCharacterStore *self)
{
  self->characters = g_list_store_new (CONVAI_TYPE_CHARACTER);
  self->voices = g_list_store_new (CONVAI_TYPE_VOICE);
  self->languages = g_list_store_new (CONVAI_TYPE_LANGUAGE);
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_recent_then_name, self, NULL));
}
