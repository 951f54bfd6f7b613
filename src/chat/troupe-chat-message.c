/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "troupe-chat-message.h"

struct _TroupeChatMessage
{
  GObject                 parent_instance;

  TroupeChatRole          role;
  char                   *text;
  char                   *speaker;
  TroupeChatMessageState  state;
  gint64                  first_word_ms;
  gint64                  first_sound_ms;
  guint                   n_skipped;
};

G_DEFINE_FINAL_TYPE (TroupeChatMessage, troupe_chat_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_STATE,
  PROP_FIRST_WORD_MS,
  PROP_FIRST_SOUND_MS,
  PROP_N_SKIPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TroupeChatMessage *
troupe_chat_message_new (TroupeChatRole  role,
                         const char     *text)
{
  TroupeChatMessage *self = g_object_new (TROUPE_TYPE_CHAT_MESSAGE, NULL);

  self->role = role;
  self->text = g_strdup (text != NULL ? text : "");
  return self;
}

TroupeChatRole
troupe_chat_message_get_role (TroupeChatMessage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_MESSAGE (self), TROUPE_CHAT_ROLE_USER);
  return self->role;
}

const char *
troupe_chat_message_get_speaker (TroupeChatMessage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_MESSAGE (self), NULL);
  return self->speaker != NULL ? self->speaker : "";
}

void
troupe_chat_message_set_speaker (TroupeChatMessage *self,
                                 const char        *speaker)
{
  g_return_if_fail (TROUPE_IS_CHAT_MESSAGE (self));

  g_free (self->speaker);
  self->speaker = g_strdup (speaker);
}

const char *
troupe_chat_message_get_text (TroupeChatMessage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_MESSAGE (self), NULL);
  return self->text;
}

void
troupe_chat_message_set_text (TroupeChatMessage *self,
                              const char        *text)
{
  g_return_if_fail (TROUPE_IS_CHAT_MESSAGE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text != NULL ? text : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

TroupeChatMessageState
troupe_chat_message_get_state (TroupeChatMessage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_MESSAGE (self), TROUPE_CHAT_MESSAGE_DONE);
  return self->state;
}

void
troupe_chat_message_set_state (TroupeChatMessage      *self,
                               TroupeChatMessageState  state)
{
  g_return_if_fail (TROUPE_IS_CHAT_MESSAGE (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gint64
troupe_chat_message_get_first_word_ms (TroupeChatMessage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_MESSAGE (self), -1);
  return self->first_word_ms;
}

void
troupe_chat_message_set_first_word_ms (TroupeChatMessage *self,
                                       gint64             ms)
{
  g_return_if_fail (TROUPE_IS_CHAT_MESSAGE (self));

  if (self->first_word_ms == ms)
    return;
  self->first_word_ms = ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_WORD_MS]);
}

gint64
troupe_chat_message_get_first_sound_ms (TroupeChatMessage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_MESSAGE (self), -1);
  return self->first_sound_ms;
}

void
troupe_chat_message_set_first_sound_ms (TroupeChatMessage *self,
                                        gint64             ms)
{
  g_return_if_fail (TROUPE_IS_CHAT_MESSAGE (self));

  if (self->first_sound_ms == ms)
    return;
  self->first_sound_ms = ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_SOUND_MS]);
}

guint
troupe_chat_message_get_n_skipped (TroupeChatMessage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_MESSAGE (self), 0);
  return self->n_skipped;
}

void
troupe_chat_message_set_n_skipped (TroupeChatMessage *self,
                                   guint              n_skipped)
{
  g_return_if_fail (TROUPE_IS_CHAT_MESSAGE (self));

  if (self->n_skipped == n_skipped)
    return;
  self->n_skipped = n_skipped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SKIPPED]);
}

static void
troupe_chat_message_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TroupeChatMessage *self = TROUPE_CHAT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_FIRST_WORD_MS: g_value_set_int64 (value, self->first_word_ms); break;
    case PROP_FIRST_SOUND_MS: g_value_set_int64 (value, self->first_sound_ms); break;
    case PROP_N_SKIPPED: g_value_set_uint (value, self->n_skipped); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_chat_message_finalize (GObject *object)
{
  g_free (TROUPE_CHAT_MESSAGE (object)->text);
  g_free (TROUPE_CHAT_MESSAGE (object)->speaker);
  G_OBJECT_CLASS (troupe_chat_message_parent_class)->finalize (object);
}

static void
troupe_chat_message_class_init (TroupeChatMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = troupe_chat_message_get_property;
  object_class->finalize = troupe_chat_message_finalize;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "",
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, TROUPE_CHAT_MESSAGE_INTERRUPTED, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIRST_WORD_MS] = g_param_spec_int64 ("first-word-ms", NULL, NULL, -1, G_MAXINT64, -1,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIRST_SOUND_MS] = g_param_spec_int64 ("first-sound-ms", NULL, NULL, -1, G_MAXINT64, -1,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
troupe_chat_message_init (TroupeChatMessage *self)
{
  self->first_word_ms = -1;
  self->first_sound_ms = -1;
}
