/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "troupe-display-name.h"

const char *
troupe_display_name (const char *name)
{
  return name != NULL && *name != '\0' ? name : _("Unnamed character");
}

const char *
troupe_character_display_name (ConvaiCharacter *character)
{
  g_return_val_if_fail (character == NULL || CONVAI_IS_CHARACTER (character), NULL);

  return troupe_display_name (character != NULL ? convai_character_get_name (character) : NULL);
}
