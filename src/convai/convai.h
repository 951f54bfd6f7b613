/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* libconvai: the Convai REST API as GObjects (GIO + libsoup3 + json-glib). */

#include "convai-error.h"
#include "convai-character.h"
#include "convai-character-patch.h"
#include "convai-chat-reply.h"
#include "convai-chat-request.h"
#include "convai-chat-stream.h"
#include "convai-client.h"
#include "convai-document-watch.h"
#include "convai-host.h"
#include "convai-interaction.h"
#include "convai-knowledge-doc.h"
#include "convai-language.h"
#include "convai-multipart-stream.h"
#include "convai-session-summary.h"
#include "convai-sse-parser.h"
#include "convai-text-stream.h"
#include "convai-usage.h"
#include "convai-voice.h"
