/* mml-library-session-meta-auto.c — the provider keys and the metadata
 * work the session starts by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys come from the keyring (never GSettings or SQLite); jobs wait while
 * they are read. Matching starts after a scan or the watcher added series
 * folders, and at startup for folders a run left unmatched; the refresh
 * every "refresh-interval-hours" (checked at startup and hourly). Both are
 * off when $MML_NO_AUTO_MATCH is set, as the tests drive them themselves.
 */

#define G_LOG_DOMAIN "mml-library-session"

#include "config.h"

#include <glib/gi18n.h>

#include "mml-secrets.h"

#include "mml-library-session-meta-private.h"

/* How often to check whether a scheduled refresh is due */
#define REFRESH_CHECK_SECONDS 3600

static gboolean
auto_work_allowed (void)
{
  return g_getenv ("MML_NO_AUTO_MATCH") == NULL;
}

static void
auto_match (MmlLibrarySession *self)
{
  if (auto_work_allowed () && _mml_session_meta_provider_usable (self))
    _mml_session_meta_queue_match (self, MML_META_TARGETS_UNMATCHED, 0);
}

static void
check_refresh (MmlLibrarySession *self)
{
  GSettings *settings = _mml_session_meta_get_settings (self);
  int hours = g_settings_get_int (settings, "refresh-interval-hours");
  gint64 last = g_settings_get_int64 (settings, "last-refresh");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!auto_work_allowed () || hours <= 0 || !_mml_session_meta_provider_usable (self))
    return;
  if (last > 0 && now - last < (gint64) hours * 3600 && now >= last)
    return;

  _mml_session_meta_queue_refresh (self, FALSE, 0, TRUE);
}

static gboolean
refresh_timer_cb (gpointer user_data)
{
  check_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
totals_changed_cb (MmlLibrarySession *self,
                   GParamSpec        *pspec,
                   gpointer           user_data)
{
  MmlLibraryTotals *totals = mml_library_session_get_totals (self);
  MmlSessionMeta *meta = self->meta;

  if (totals == NULL)
    return;

  /* The first totals after opening: pick up folders a run left unmatched.
   * Afterwards: a scan or the watcher added series. */
  if (!meta->have_totals || totals->n_series > meta->n_series)
    auto_match (self);
  meta->have_totals = TRUE;
  meta->n_series = totals->n_series;
}

static void
scan_finished_cb (MmlLibrarySession *self,
                  MmlScanSummary    *summary,
                  const GError      *error,
                  gpointer           user_data)
{
  if (summary != NULL && summary->added > 0)
    auto_match (self);
}

/* --- keys -------------------------------------------------------------------- */

static void primary_provider_changed_cb (MmlLibrarySession *self,
                                         const char        *key,
                                         GSettings         *settings);

typedef struct
{
  MmlLibrarySession *self;
  GCancellable      *cancellable;   /* the lookup round it belongs to */
  gboolean           pin;
} KeyLookup;

/* The run is ready for the keys read: go on with what waited for them */
static void
keys_loaded (MmlLibrarySession *self)
{
  _mml_session_meta_rebuild_run (self);
  if (self->meta->have_totals)
    auto_match (self);
  check_refresh (self);
  _mml_session_meta_start_next_job (self);
}

static void
key_looked_up_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KeyLookup *lookup = user_data;
  g_autoptr(MmlLibrarySession) self = lookup->self;
  g_autoptr(GCancellable) cancellable = lookup->cancellable;
  g_autoptr(GError) error = NULL;
  char *value;
  gboolean pin = lookup->pin;

  g_free (lookup);
  value = mml_secrets_lookup_finish (result, &error);

  if (self->meta == NULL || self->shut_down || cancellable != self->meta->keys_cancellable)
    {
      _mml_session_meta_wipe (value);
      return;   /* a newer round replaced this one, or the session closes */
    }

  if (error != NULL && !g_error_matches (error, MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE))
    _mml_library_session_report_error (self, _("Cannot read the provider keys"), error);
  else if (error != NULL)
    g_debug ("No keyring: %s", error->message);

  if (pin)
    {
      _mml_session_meta_wipe (self->meta->pin);
      self->meta->pin = value;
    }
  else
    {
      _mml_session_meta_wipe (self->meta->key);
      self->meta->key = value;
    }

  if (--self->meta->keys_pending == 0)
    keys_loaded (self);
}

static void
lookup_key (MmlLibrarySession *self,
            const char        *service,
            const char        *field)
{
  KeyLookup *lookup = g_new0 (KeyLookup, 1);

  lookup->self = g_object_ref (self);
  lookup->cancellable = g_object_ref (self->meta->keys_cancellable);
  lookup->pin = g_str_equal (field, "pin");
  self->meta->keys_pending++;
  mml_secrets_lookup_async (service, field, self->meta->keys_cancellable, key_looked_up_cb, lookup);
}

/* Reads the primary provider's keys from the keyring, then rebuilds the
 * run; jobs wait meanwhile. */
void
_mml_session_meta_load_keys (MmlLibrarySession *self)
{
  MmlSessionMeta *meta = self->meta;

  if (meta->keys_cancellable != NULL)
    g_cancellable_cancel (meta->keys_cancellable);
  g_clear_object (&meta->keys_cancellable);
  meta->keys_pending = 0;
  g_clear_pointer (&meta->key, _mml_session_meta_wipe);
  g_clear_pointer (&meta->pin, _mml_session_meta_wipe);
  meta->kind = _mml_session_meta_primary_kind (self);

  switch (meta->kind)
    {
    case MML_META_PROVIDER_TVDB:
      meta->keys_cancellable = g_cancellable_new ();
      lookup_key (self, "tvdb", "api-key");
      lookup_key (self, "tvdb", "pin");
      break;
    case MML_META_PROVIDER_TMDB:
      meta->keys_cancellable = g_cancellable_new ();
      lookup_key (self, "tmdb", "api-key");
      break;
    case MML_META_PROVIDER_TVMAZE:
    default:
      keys_loaded (self);
      break;
    }
}

static void
primary_provider_changed_cb (MmlLibrarySession *self,
                             const char        *key,
                             GSettings         *settings)
{
  if (_mml_session_meta_primary_kind (self) != self->meta->kind)
    _mml_session_meta_load_keys (self);
}

/**
 * mml_library_session_reload_credentials:
 *
 * Reads the primary provider's keys from the keyring again (after Settings
 * stored new ones) and rebuilds the run.
 */
void
mml_library_session_reload_credentials (MmlLibrarySession *self)
{
  g_return_if_fail (MML_IS_LIBRARY_SESSION (self));

  if (self->shut_down)
    return;
  _mml_session_meta_load_keys (self);
}

/* --- hooks from mml-library-session-meta.c -------------------------------------- */

void
_mml_session_meta_auto_init (MmlLibrarySession *self)
{
  g_signal_connect (self, "notify::totals", G_CALLBACK (totals_changed_cb), NULL);
  g_signal_connect (self, "scan-finished", G_CALLBACK (scan_finished_cb), NULL);
}

/* Once the store is open: read the keys (then build the run and check
 * whether a refresh is due), and check again every hour */
void
_mml_session_meta_auto_start (MmlLibrarySession *self)
{
  g_signal_connect_object (_mml_session_meta_get_settings (self), "changed::primary-provider",
                           G_CALLBACK (primary_provider_changed_cb), self, G_CONNECT_SWAPPED);
  _mml_session_meta_load_keys (self);
  if (self->meta->refresh_timer == 0)
    self->meta->refresh_timer = g_timeout_add_seconds (REFRESH_CHECK_SECONDS, refresh_timer_cb, self);
}
