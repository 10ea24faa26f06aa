/* Opens libvips at the first image operation rather than at process start (see
   libvips_api.h for why), resolves the functions the shim calls and starts it. */
#include "CVipsShim.h"
#include "libvips_api.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

LibvipsAPI api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
/* Why libvips is unusable, or empty when it loaded and started. */
static char failure[2048];

/* The runtime library (Debian: libvips42, which libvips-dev pulls in); the unversioned
   name is the development symlink, a last resort. GLIMPSE_LIBVIPS names another file. */
static const char *const library_names[] = {
#ifdef __APPLE__
    "libvips.42.dylib", "libvips.dylib",
#else
    "libvips.so.42", "libvips.so",
#endif
};

static void drop_message(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static void *open_library(void) {
    const char *chosen = getenv("GLIMPSE_LIBVIPS");
    if (chosen && *chosen) {
        /* RTLD_GLOBAL: libvips' loadable modules (HEIF, ...) expect its symbols visible. */
        void *handle = dlopen(chosen, RTLD_NOW | RTLD_GLOBAL);
        if (!handle) snprintf(failure, sizeof failure, "cannot load libvips (GLIMPSE_LIBVIPS=%s): %s", chosen, dlerror());
        return handle;
    }
    char first_error[1024] = "";
    for (size_t i = 0; i < sizeof library_names / sizeof library_names[0]; i++) {
        void *handle = dlopen(library_names[i], RTLD_NOW | RTLD_GLOBAL);
        if (handle) return handle;
        if (i == 0) snprintf(first_error, sizeof first_error, "%s", dlerror());
    }
    snprintf(failure, sizeof failure,
             "cannot load libvips (%s); install it with `apt-get install libvips-dev` "
             "(or name the library file in GLIMPSE_LIBVIPS)", first_error);
    return NULL;
}

/* dlsym on the libvips handle also finds the gobject and glib functions: it searches
   the library's dependencies too. */
static int resolve(void *handle) {
#define LIBVIPS_RESOLVE(name) \
    if (!(api.name = (__typeof__(api.name))dlsym(handle, #name))) { \
        snprintf(failure, sizeof failure, "libvips lacks %s: %s", #name, dlerror()); \
        return -1; \
    }
    LIBVIPS_FUNCTIONS(LIBVIPS_RESOLVE)
#undef LIBVIPS_RESOLVE
    return 0;
}

static void start(void) {
    void *handle = open_library();
    if (!handle || resolve(handle) != 0) return;
    /* What VIPS_INIT checks: the library's ABI is the one these headers describe. */
    if (api.vips_version(3) - api.vips_version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) {
        snprintf(failure, sizeof failure, "libvips %s has ABI version %d, Glimpse was built for %d",
                 api.vips_version_string(), api.vips_version(3) - api.vips_version(5),
                 VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
        return;
    }
    if (api.vips_init("glimpse")) {
        const char *text = api.vips_error_buffer();
        snprintf(failure, sizeof failure, "libvips failed to start%s%s", text && *text ? ": " : "", text ? text : "");
        api.vips_error_clear();
        return;
    }
    /* Failures reach Swift as errors with libvips' text; the extra warnings libvips
       prints for the same damaged file ("error in tile 0 x 168") are only noise on
       stderr. GLIMPSE_VIPS_WARNINGS=1 keeps them for debugging. */
    if (!getenv("GLIMPSE_VIPS_WARNINGS"))
        api.g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, drop_message, NULL);
    /* The operation cache keys on file names: a file changed in place would give
       the old pixels, and a batch over thousands of files never hits it anyway. */
    api.vips_cache_set_max(0);
    /* Glimpse decodes several images in parallel itself; libvips' own worker
       threads per image would only compete with those and with ONNX Runtime. */
    api.vips_concurrency_set(1);
}

int gv_init(void) {
    pthread_once(&once, start);
    return failure[0] ? -1 : 0;
}

const char *gv_init_failure(void) {
    pthread_once(&once, start);
    return failure;
}
