/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-history-hit"

#include "config.h"

#include "troupe-history-hit.h"

struct _TroupeHistoryHit
{
  GObject  parent_instance;

  char    *char_id;
  char    *char_name;
  char    *session_id;
  char    *snippet;
  gint64   date_us;
  guint    position;
};

G_DEFINE_FINAL_TYPE (TroupeHistoryHit, troupe_history_hit, G_TYPE_OBJECT)

TroupeHistoryHit *
troupe_history_hit_new (const char *char_id,
                        const char *char_name,
                        const char *session_id,
                        guint       position,
                        gint64      date_us,
                        const char *snippet)
{
  TroupeHistoryHit *self = g_object_new (TROUPE_TYPE_HISTORY_HIT, NULL);

  self->char_id = g_strdup (char_id);
  self->char_name = g_strdup (char_name);
  self->session_id = g_strdup (session_id);
  self->position = position;
  self->date_us = date_us;
  self->snippet = g_strdup (snippet);
  return self;
}

const char *
troupe_history_hit_get_char_id (TroupeHistoryHit *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_HIT (self), NULL);

  return self->char_id;
}

const char *
troupe_history_hit_get_char_name (TroupeHistoryHit *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_HIT (self), NULL);

  return self->char_name;
}

const char *
troupe_history_hit_get_session_id (TroupeHistoryHit *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_HIT (self), NULL);

  return self->session_id;
}

guint
troupe_history_hit_get_position (TroupeHistoryHit *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_HIT (self), 0);

  return self->position;
}

gint64
troupe_history_hit_get_date_us (TroupeHistoryHit *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_HIT (self), 0);

  return self->date_us;
}

const char *
troupe_history_hit_get_snippet (TroupeHistoryHit *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_HIT (self), NULL);

  return self->snippet;
}

gboolean
troupe_history_hit_equal (TroupeHistoryHit *a,
                          TroupeHistoryHit *b)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_HIT (a) && TROUPE_IS_HISTORY_HIT (b), FALSE);

  return a->position == b->position && a->date_us == b->date_us && g_str_equal (a->session_id, b->session_id) &&
         g_str_equal (a->char_id, b->char_id) && g_strcmp0 (a->snippet, b->snippet) == 0 &&
         g_strcmp0 (a->char_name, b->char_name) == 0;
}

int
troupe_history_hit_compare (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  const TroupeHistoryHit *x = a, *y = b;
  int by_session;

  if (x->date_us != y->date_us)
    return x->date_us < y->date_us ? 1 : -1;
  if ((by_session = g_strcmp0 (x->session_id, y->session_id)) != 0)
    return by_session;
  return (x->position > y->position) - (x->position < y->position);
}

static void
troupe_history_hit_finalize (GObject *object)
{
  TroupeHistoryHit *self = TROUPE_HISTORY_HIT (object);

  g_free (self->char_id);
  g_free (self->char_name);
  g_free (self->session_id);
  g_free (self->snippet);
  G_OBJECT_CLASS (troupe_history_hit_parent_class)->finalize (object);
}

static void
troupe_history_hit_class_init (TroupeHistoryHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = troupe_history_hit_finalize;
}

static void
troupe_history_hit_init (TroupeHistoryHit *self)
{
}
