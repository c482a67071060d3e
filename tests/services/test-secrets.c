/* test-secrets.c — MmlSecrets against a real Secret Service: a private
 * session bus (GTestDBus) with gnome-keyring-daemon on it, unlocked with a
 * throwaway password, its HOME and XDG directories in a temporary folder.
 * Without gnome-keyring-daemon the keyring tests FAIL: they must not pass
 * by being skipped.
 *
 * The cases without a keyring (no bus, no service, a service that never
 * answers) run in subprocesses, since GIO and libsecret keep their bus
 * connection and service for the life of a process.
 *
 * Every log message of the process is captured: no secret value may appear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>

#include <libsecret/secret.h>

#include "mml-secrets.h"
#include "mml-test-util.h"

#define KEYRING_PASSWORD "throwaway-test-password"

/* Values that must never reach a log. */
#define VALUE_TVDB_1 "tvdb-SECRET-7f3a9c-one"
#define VALUE_TVDB_2 "tvdb-SECRET-51d0be-two"
#define VALUE_TMDB   "tmdb-SECRET-c0ffee"
#define VALUE_PIN    "pin-SECRET-8842"
#define VALUE_ENV    "env-SECRET-0badf00d"
#define VALUE_ASYNC  "async-SECRET-feedface"

static const char * const all_values[] = {
  VALUE_TVDB_1, VALUE_TVDB_2, VALUE_TMDB, VALUE_PIN, VALUE_ENV, VALUE_ASYNC,
  KEYRING_PASSWORD,
};

/* --- every log message, captured --------------------------------------- */

static GMutex   log_lock;
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (log_text, fields[i].value);
      else if (fields[i].value != NULL)
        g_string_append_len (log_text, fields[i].value, fields[i].length);
      g_string_append_c (log_text, ' ');
    }
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
assert_no_value_logged (void)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < G_N_ELEMENTS (all_values); i++)
    if (strstr (log_text->str, all_values[i]) != NULL)
      g_error ("a secret value was logged: %s", log_text->str);
  g_mutex_unlock (&log_lock);
}

static gboolean
logged (const char *text)
{
  gboolean found;

  g_mutex_lock (&log_lock);
  found = strstr (log_text->str, text) != NULL;
  g_mutex_unlock (&log_lock);
  return found;
}

/* --- the keyring: a private bus and gnome-keyring-daemon on it ------------ */

static struct
{
  GTestDBus   *bus;
  GSubprocess *daemon;
  char        *dir;
  gboolean     failed;
} keyring;

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Start it once, for the whole run; FALSE (and the test failed) if impossible. */
static gboolean
keyring_up (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  GOutputStream *in;
  gint64 deadline;
  const char *subdirs[] = { "home", "data", "config", "cache", "runtime" };

  if (keyring.daemon != NULL)
    return TRUE;
  if (keyring.failed)
    {
      g_test_fail_printf ("the keyring could not be started (see the first failure)");
      return FALSE;
    }
  keyring.failed = TRUE;

  program = g_find_program_in_path ("gnome-keyring-daemon");
  if (program == NULL)
    {
      g_test_fail_printf ("gnome-keyring-daemon was not found: install gnome-keyring "
                          "(build-aux/dev.sh deps does) to test the keyring");
      return FALSE;
    }

  keyring.dir = mml_test_make_tmpdir ("mml-secrets-XXXXXX");
  for (gsize i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (keyring.dir, subdirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
    }

  /* Our own bus: the keyring of whoever runs the tests is never touched, and
   * this works with or without dbus-run-session around the test. */
  keyring.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (keyring.bus);
  g_test_message ("private session bus: %s", g_test_dbus_get_bus_address (keyring.bus));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
#define SETENV(name, sub) \
  do { \
    g_autofree char *value = g_build_filename (keyring.dir, sub, NULL); \
    g_subprocess_launcher_setenv (launcher, name, value, TRUE); \
  } while (0)
  SETENV ("HOME", "home");
  SETENV ("XDG_DATA_HOME", "data");
  SETENV ("XDG_CONFIG_HOME", "config");
  SETENV ("XDG_CACHE_HOME", "cache");
  SETENV ("XDG_RUNTIME_DIR", "runtime");
#undef SETENV
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                g_test_dbus_get_bus_address (keyring.bus), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");

  /* --unlock: create the "login" keyring with the password read from stdin,
   * unlocked, and make it the default collection. */
  keyring.daemon = g_subprocess_launcher_spawn (launcher, &error, program, "--foreground",
                                                "--unlock", "--components=secrets", NULL);
  if (keyring.daemon == NULL)
    {
      g_test_fail_printf ("cannot start %s: %s", program, error->message);
      return FALSE;
    }
  in = g_subprocess_get_stdin_pipe (keyring.daemon);
  if (!g_output_stream_write_all (in, KEYRING_PASSWORD, strlen (KEYRING_PASSWORD), NULL, NULL, &error)
      || !g_output_stream_close (in, NULL, &error))
    {
      g_test_fail_printf ("cannot give the password to gnome-keyring-daemon: %s", error->message);
      return FALSE;
    }

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (keyring.bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                       | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!name_has_owner (connection, "org.freedesktop.secrets"))
    {
      if (g_subprocess_get_identifier (keyring.daemon) == NULL)
        {
          g_test_fail_printf ("gnome-keyring-daemon exited before joining the bus");
          return FALSE;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_test_fail_printf ("gnome-keyring-daemon did not join the bus within 20 s");
          return FALSE;
        }
      g_usleep (20 * 1000);
    }
  g_dbus_connection_close_sync (connection, NULL, NULL);
  keyring.failed = FALSE;
  return TRUE;
}

static void
keyring_down (void)
{
  if (keyring.daemon != NULL)
    {
      g_subprocess_send_signal (keyring.daemon, SIGTERM);
      g_subprocess_wait (keyring.daemon, NULL, NULL);
      g_clear_object (&keyring.daemon);
    }
  secret_service_disconnect ();
  if (keyring.bus != NULL)
    {
      /* Not g_test_dbus_down(), nor the last unref (which calls it):
       * libsecret's proxies keep references to the bus connection past
       * secret_service_disconnect(), and it would wait for them in vain.
       * Stopping the daemon is enough; the process ends here. */
      g_test_dbus_stop (keyring.bus);
    }
  if (keyring.dir != NULL)
    {
      mml_test_remove_tree (keyring.dir);
      g_clear_pointer (&keyring.dir, g_free);
    }
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* How many items of our schema match? (libsecret directly: the stored
 * items must be findable by the documented schema and attributes. Async on
 * the default context: libsecret's _sync calls strand GDBus work in a
 * context of their own, which leak checkers report.) */
static guint
count_items (const char *service,
             const char *field)
{
  static const SecretSchema schema = {
    "io.github.mml.MyMediaLibrary.Credential", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "field", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;
  guint n;

  secret_password_search (&schema, SECRET_SEARCH_ALL, NULL, search_cb, &result,
                          "service", service, "field", field, NULL);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = secret_password_search_finish (result, &error);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return n;
}

/* --- async helpers ------------------------------------------------------ */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *value;
  GError   *error;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->value, g_free);
  g_clear_error (&r->error);
  memset (r, 0, sizeof *r);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->value = mml_secrets_lookup_finish (result, &r->error);
  r->ok = r->error == NULL;
  r->done = TRUE;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->ok = mml_secrets_store_finish (result, &r->error);
  r->done = TRUE;
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->ok = mml_secrets_clear_finish (result, &r->error);
  r->done = TRUE;
}

static void
wait_for (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static char *
lookup (const char *service,
        const char *field)
{
  g_autoptr(GError) error = NULL;
  char *value = mml_secrets_lookup_sync (service, field, NULL, &error);

  g_assert_no_error (error);
  return value;
}

/* --- cases with a keyring ------------------------------------------------ */

static void
test_store_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (!keyring_up ())
    return;

  /* nothing yet: NULL, no error */
  value = mml_secrets_lookup_sync ("tvdb", "api-key", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (mml_secrets_store_sync ("tvdb", "api-key", VALUE_TVDB_1, "TheTVDB API key",
                                         NULL, &error));
  g_assert_no_error (error);
  value = lookup ("tvdb", "api-key");
  g_assert_cmpstr (value, ==, VALUE_TVDB_1);
  g_clear_pointer (&value, g_free);
  g_assert_cmpuint (count_items ("tvdb", "api-key"), ==, 1);

  /* overwritten, not added */
  g_assert_true (mml_secrets_store_sync ("tvdb", "api-key", VALUE_TVDB_2, NULL, NULL, &error));
  g_assert_no_error (error);
  value = lookup ("tvdb", "api-key");
  g_assert_cmpstr (value, ==, VALUE_TVDB_2);
  g_assert_cmpuint (count_items ("tvdb", "api-key"), ==, 1);

  g_assert_true (logged ("store tvdb/api-key: stored"));   /* the capture works */
  assert_no_value_logged ();
}

static void
test_services_apart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tvdb = NULL, *tmdb = NULL, *pin = NULL, *none = NULL;

  if (!keyring_up ())
    return;

  g_assert_true (mml_secrets_store_sync ("tvdb", "api-key", VALUE_TVDB_1, NULL, NULL, &error));
  g_assert_true (mml_secrets_store_sync ("tmdb", "api-key", VALUE_TMDB, NULL, NULL, &error));
  g_assert_true (mml_secrets_store_sync ("tvdb", "pin", VALUE_PIN, NULL, NULL, &error));
  g_assert_no_error (error);

  tvdb = lookup ("tvdb", "api-key");
  tmdb = lookup ("tmdb", "api-key");
  pin = lookup ("tvdb", "pin");
  none = lookup ("tmdb", "pin");
  g_assert_cmpstr (tvdb, ==, VALUE_TVDB_1);
  g_assert_cmpstr (tmdb, ==, VALUE_TMDB);
  g_assert_cmpstr (pin, ==, VALUE_PIN);
  g_assert_null (none);
  g_clear_pointer (&tmdb, g_free);
  g_clear_pointer (&pin, g_free);

  /* clearing one leaves the others */
  g_assert_true (mml_secrets_clear_sync ("tvdb", "api-key", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tvdb, g_free);
  tvdb = mml_secrets_lookup_sync ("tvdb", "api-key", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (tvdb);
  tmdb = lookup ("tmdb", "api-key");
  pin = lookup ("tvdb", "pin");
  g_assert_cmpstr (tmdb, ==, VALUE_TMDB);
  g_assert_cmpstr (pin, ==, VALUE_PIN);
  g_assert_cmpuint (count_items ("tvdb", "api-key"), ==, 0);

  /* clearing what is not there is fine */
  g_assert_true (mml_secrets_clear_sync ("tvdb", "api-key", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (mml_secrets_clear_sync ("tmdb", "api-key", NULL, &error));
  g_assert_true (mml_secrets_clear_sync ("tvdb", "pin", NULL, &error));
  g_assert_no_error (error);
  assert_no_value_logged ();
}

static void
test_async (void)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  Result r = { 0 };

  if (!keyring_up ())
    return;

  mml_secrets_store_async ("trakt", "token", VALUE_ASYNC, "Trakt token", NULL, store_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  result_clear (&r);

  mml_secrets_lookup_async ("trakt", "token", NULL, lookup_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.value, ==, VALUE_ASYNC);
  result_clear (&r);

  mml_secrets_clear_async ("trakt", "token", NULL, clear_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  result_clear (&r);

  mml_secrets_lookup_async ("trakt", "token", NULL, lookup_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_null (r.value);
  result_clear (&r);

  /* cancelled before it starts */
  g_cancellable_cancel (cancelled);
  mml_secrets_store_async ("trakt", "token", VALUE_ASYNC, NULL, cancelled, store_cb, &r);
  wait_for (&r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (&r);
  g_assert_cmpuint (count_items ("trakt", "token"), ==, 0);

  assert_no_value_logged ();
}

static void
test_env_override (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *name = NULL;
  Result r = { 0 };

  name = mml_secrets_get_env_name ("tvdb", "api-key");
  g_assert_cmpstr (name, ==, "MML_TVDB_API_KEY");
  g_clear_pointer (&name, g_free);
  name = mml_secrets_get_env_name ("tvdb", "pin");
  g_assert_cmpstr (name, ==, "MML_TVDB_PIN");
  g_clear_pointer (&name, g_free);
  name = mml_secrets_get_env_name ("tmdb", "api-key");
  g_assert_cmpstr (name, ==, "MML_TMDB_API_KEY");

  if (!keyring_up ())
    return;

  g_assert_true (mml_secrets_store_sync ("tmdb", "api-key", VALUE_TMDB, NULL, NULL, &error));
  g_assert_no_error (error);

  /* the environment wins, sync and async */
  g_setenv ("MML_TMDB_API_KEY", VALUE_ENV, TRUE);
  value = lookup ("tmdb", "api-key");
  g_assert_cmpstr (value, ==, VALUE_ENV);
  g_clear_pointer (&value, g_free);
  mml_secrets_lookup_async ("tmdb", "api-key", NULL, lookup_cb, &r);
  wait_for (&r);
  g_assert_cmpstr (r.value, ==, VALUE_ENV);
  result_clear (&r);
  /* only for its own credential */
  value = lookup ("tvdb", "api-key");
  g_assert_null (value);

  /* empty counts as unset */
  g_setenv ("MML_TMDB_API_KEY", "", TRUE);
  value = lookup ("tmdb", "api-key");
  g_assert_cmpstr (value, ==, VALUE_TMDB);
  g_clear_pointer (&value, g_free);

  g_unsetenv ("MML_TMDB_API_KEY");
  value = lookup ("tmdb", "api-key");
  g_assert_cmpstr (value, ==, VALUE_TMDB);
  g_clear_pointer (&value, g_free);

  g_assert_true (mml_secrets_clear_sync ("tmdb", "api-key", NULL, &error));
  g_assert_no_error (error);
  assert_no_value_logged ();
}

static void
test_no_value_logged (void)
{
  /* after everything above, with libsecret's own debug output on too */
  g_assert_true (logged ("mml-secrets"));
  assert_no_value_logged ();
}

/* --- cases without a keyring (in subprocesses) ---------------------------- */

static void
assert_unavailable (gint64      started,
                    double      max_seconds,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  double elapsed;

  value = mml_secrets_lookup_sync ("tvdb", "api-key", NULL, &error);
  g_assert_null (value);
  g_assert_error (error, MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE);
  g_assert_true (g_str_has_prefix (error->message, "No keyring is available: "));
  if (expected != NULL)
    g_assert_nonnull (strstr (error->message, expected));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_false (mml_secrets_store_sync ("tvdb", "api-key", VALUE_TVDB_1, NULL, NULL, &error));
  g_assert_error (error, MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_false (mml_secrets_clear_sync ("tvdb", "api-key", NULL, &error));
  g_assert_error (error, MML_SECRETS_ERROR, MML_SECRETS_ERROR_UNAVAILABLE);

  elapsed = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_test_message ("three calls failed in %.2f s", elapsed);
  g_assert_cmpfloat (elapsed, <, max_seconds);
  assert_no_value_logged ();
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *value = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/mml-test/bus", TRUE);
      g_unsetenv ("DISPLAY");
      g_setenv ("SECRET_BACKEND", "service", TRUE);
      assert_unavailable (g_get_monotonic_time (), 5.0, NULL);

      /* the environment still works without any keyring */
      g_setenv ("MML_TVDB_API_KEY", VALUE_ENV, TRUE);
      value = mml_secrets_lookup_sync ("tvdb", "api-key", NULL, NULL);
      g_assert_cmpstr (value, ==, VALUE_ENV);
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      g_setenv ("SECRET_BACKEND", "service", TRUE);
      g_test_dbus_up (bus);   /* nothing on it, nothing it can start */
      assert_unavailable (g_get_monotonic_time (), 5.0, NULL);
      g_test_dbus_stop (bus);
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Swallow every method call: a service that never answers. */
static GDBusMessage *
drop_calls_filter (GDBusConnection *connection,
                   GDBusMessage    *message,
                   gboolean         incoming,
                   gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static void
test_hung_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(GDBusConnection) hung = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("SECRET_BACKEND", "service", TRUE);
      g_test_dbus_up (bus);
      hung = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                     | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, &error);
      g_assert_no_error (error);
      reply = g_dbus_connection_call_sync (hung, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, &error);
      g_assert_no_error (error);
      g_dbus_connection_add_filter (hung, drop_calls_filter, NULL, NULL);

      mml_secrets_set_timeout (1);
      /* three calls, one second each */
      assert_unavailable (g_get_monotonic_time (), 3 * 1.0 + 3.0, "did not answer within 1 seconds");
      g_dbus_connection_close_sync (hung, NULL, NULL);
      g_test_dbus_stop (bus);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (MML_SECRETS_ERROR), ==, "mml-secrets-error-quark");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* libsecret's own debug messages too: they reach the writer below. */
  g_setenv ("SECRET_DEBUG", "all", TRUE);
  g_unsetenv ("MML_TVDB_API_KEY");
  g_unsetenv ("MML_TVDB_PIN");
  g_unsetenv ("MML_TMDB_API_KEY");
  g_unsetenv ("MML_TRAKT_TOKEN");
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/error-quark", test_error_quark);
  g_test_add_func ("/secrets/unavailable/no-bus", test_no_bus);
  g_test_add_func ("/secrets/unavailable/no-service", test_no_service);
  g_test_add_func ("/secrets/unavailable/hung-service", test_hung_service);
  g_test_add_func ("/secrets/store-lookup", test_store_lookup);
  g_test_add_func ("/secrets/services-apart", test_services_apart);
  g_test_add_func ("/secrets/async", test_async);
  g_test_add_func ("/secrets/env-override", test_env_override);
  g_test_add_func ("/secrets/no-value-logged", test_no_value_logged);

  status = g_test_run ();
  keyring_down ();
  g_string_free (log_text, TRUE);
  return status;
}
