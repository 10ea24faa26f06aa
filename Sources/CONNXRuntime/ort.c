#include "CONNXRuntime.h"
#include <dlfcn.h>
#include <stdio.h>

/* Table indices in OrtApi (onnxruntime_c_api.h). */
enum {
    GET_ERROR_CODE = 1,
    GET_ERROR_MESSAGE = 2,
    CREATE_ENV = 3,
    CREATE_SESSION = 7,
    RUN = 9,
    CREATE_SESSION_OPTIONS = 10,
    SET_INTRA_OP_NUM_THREADS = 24,
    SET_INTER_OP_NUM_THREADS = 25,
    SESSION_GET_INPUT_COUNT = 30,
    SESSION_GET_OUTPUT_COUNT = 31,
    CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE = 49,
    GET_TENSOR_MUTABLE_DATA = 51,
    GET_DIMENSIONS_COUNT = 61,
    GET_DIMENSIONS = 62,
    GET_TENSOR_TYPE_AND_SHAPE = 65,
    CREATE_CPU_MEMORY_INFO = 69,
    RELEASE_ENV = 92,
    RELEASE_STATUS = 93,
    RELEASE_MEMORY_INFO = 94,
    RELEASE_SESSION = 95,
    RELEASE_VALUE = 96,
    RELEASE_TENSOR_TYPE_AND_SHAPE_INFO = 99,
    RELEASE_SESSION_OPTIONS = 100,
    ADD_SESSION_CONFIG_ENTRY = 130,
};

enum { ORT_ELEMENT_FLOAT = 1, ORT_ARENA_ALLOCATOR = 1, ORT_MEM_TYPE_DEFAULT = 0 };

typedef struct {
    const void *(*GetApi)(uint32_t version);
    const char *(*GetVersionString)(void);
} OrtApiBase;

#define ENTRY(l, index, type) ((type)((l)->api[index]))

int ort_load(const char *path, OrtLibrary *library, char *error, size_t error_size) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        snprintf(error, error_size, "%s", why ? why : "dlopen failed");
        return -1;
    }
    const OrtApiBase *(*get_base)(void) = (const OrtApiBase *(*)(void))dlsym(handle, "OrtGetApiBase");
    if (!get_base) {
        snprintf(error, error_size, "%s has no symbol OrtGetApiBase: not an ONNX Runtime library", path);
        dlclose(handle);
        return -1;
    }
    const OrtApiBase *base = get_base();
    const char *version = base->GetVersionString ? base->GetVersionString() : "unknown";
    /* GetApi returns NULL (and prints a line) for a version newer than the library. */
    void *const *api = (void *const *)base->GetApi(ORT_API_VERSION_REQUESTED);
    if (!api) {
        snprintf(error, error_size, "ONNX Runtime %s does not provide C API version %d (needs ONNX Runtime 1.%d or newer)",
                 version, ORT_API_VERSION_REQUESTED, ORT_API_VERSION_REQUESTED);
        dlclose(handle);
        return -1;
    }
    library->handle = handle;
    library->api = api;
    library->version = version;
    return 0;
}

const char *ort_error_message(const OrtLibrary *l, const OrtStatus *status) {
    return ENTRY(l, GET_ERROR_MESSAGE, const char *(*)(const OrtStatus *))(status);
}

int ort_error_code(const OrtLibrary *l, const OrtStatus *status) {
    return ENTRY(l, GET_ERROR_CODE, int (*)(const OrtStatus *))(status);
}

void ort_release_status(const OrtLibrary *l, OrtStatus *status) {
    ENTRY(l, RELEASE_STATUS, void (*)(OrtStatus *))(status);
}

OrtStatus *ort_create_env(const OrtLibrary *l, int logging_level, const char *log_id, OrtEnv **out) {
    return ENTRY(l, CREATE_ENV, OrtStatus *(*)(int, const char *, OrtEnv **))(logging_level, log_id, out);
}

OrtStatus *ort_create_session_options(const OrtLibrary *l, OrtSessionOptions **out) {
    return ENTRY(l, CREATE_SESSION_OPTIONS, OrtStatus *(*)(OrtSessionOptions **))(out);
}

OrtStatus *ort_set_intra_op_threads(const OrtLibrary *l, OrtSessionOptions *options, int threads) {
    return ENTRY(l, SET_INTRA_OP_NUM_THREADS, OrtStatus *(*)(OrtSessionOptions *, int))(options, threads);
}

OrtStatus *ort_set_inter_op_threads(const OrtLibrary *l, OrtSessionOptions *options, int threads) {
    return ENTRY(l, SET_INTER_OP_NUM_THREADS, OrtStatus *(*)(OrtSessionOptions *, int))(options, threads);
}

OrtStatus *ort_add_session_config_entry(const OrtLibrary *l, OrtSessionOptions *options, const char *key, const char *value) {
    return ENTRY(l, ADD_SESSION_CONFIG_ENTRY, OrtStatus *(*)(OrtSessionOptions *, const char *, const char *))(options, key, value);
}

OrtStatus *ort_create_session(const OrtLibrary *l, const OrtEnv *env, const char *model_path,
                              const OrtSessionOptions *options, OrtSession **out) {
    return ENTRY(l, CREATE_SESSION,
                 OrtStatus *(*)(const OrtEnv *, const char *, const OrtSessionOptions *, OrtSession **))(
        env, model_path, options, out);
}

OrtStatus *ort_session_input_count(const OrtLibrary *l, const OrtSession *session, size_t *out) {
    return ENTRY(l, SESSION_GET_INPUT_COUNT, OrtStatus *(*)(const OrtSession *, size_t *))(session, out);
}

OrtStatus *ort_session_output_count(const OrtLibrary *l, const OrtSession *session, size_t *out) {
    return ENTRY(l, SESSION_GET_OUTPUT_COUNT, OrtStatus *(*)(const OrtSession *, size_t *))(session, out);
}

OrtStatus *ort_create_cpu_memory_info(const OrtLibrary *l, OrtMemoryInfo **out) {
    return ENTRY(l, CREATE_CPU_MEMORY_INFO, OrtStatus *(*)(int, int, OrtMemoryInfo **))(
        ORT_ARENA_ALLOCATOR, ORT_MEM_TYPE_DEFAULT, out);
}

OrtStatus *ort_create_float_tensor(const OrtLibrary *l, const OrtMemoryInfo *info, float *data, size_t count,
                                   const int64_t *shape, size_t rank, OrtValue **out) {
    return ENTRY(l, CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE,
                 OrtStatus *(*)(const OrtMemoryInfo *, void *, size_t, const int64_t *, size_t, int, OrtValue **))(
        info, data, count * sizeof(float), shape, rank, ORT_ELEMENT_FLOAT, out);
}

OrtStatus *ort_run(const OrtLibrary *l, OrtSession *session, const char *const *input_names,
                   const OrtValue *const *inputs, size_t input_count, const char *const *output_names,
                   size_t output_count, OrtValue **outputs) {
    return ENTRY(l, RUN,
                 OrtStatus *(*)(OrtSession *, const void *, const char *const *, const OrtValue *const *, size_t,
                                const char *const *, size_t, OrtValue **))(
        session, NULL, input_names, inputs, input_count, output_names, output_count, outputs);
}

OrtStatus *ort_tensor_data(const OrtLibrary *l, OrtValue *value, void **out) {
    return ENTRY(l, GET_TENSOR_MUTABLE_DATA, OrtStatus *(*)(OrtValue *, void **))(value, out);
}

OrtStatus *ort_tensor_shape(const OrtLibrary *l, const OrtValue *value, int64_t *dims, size_t capacity, size_t *rank) {
    OrtTensorTypeAndShapeInfo *info = NULL;
    OrtStatus *status = ENTRY(l, GET_TENSOR_TYPE_AND_SHAPE,
                              OrtStatus *(*)(const OrtValue *, OrtTensorTypeAndShapeInfo **))(value, &info);
    if (status) return status;
    size_t n = 0;
    status = ENTRY(l, GET_DIMENSIONS_COUNT, OrtStatus *(*)(const OrtTensorTypeAndShapeInfo *, size_t *))(info, &n);
    if (!status) {
        *rank = n;
        status = ENTRY(l, GET_DIMENSIONS, OrtStatus *(*)(const OrtTensorTypeAndShapeInfo *, int64_t *, size_t))(
            info, dims, n < capacity ? n : capacity);
    }
    ENTRY(l, RELEASE_TENSOR_TYPE_AND_SHAPE_INFO, void (*)(OrtTensorTypeAndShapeInfo *))(info);
    return status;
}

void ort_release_env(const OrtLibrary *l, OrtEnv *env) { ENTRY(l, RELEASE_ENV, void (*)(OrtEnv *))(env); }

void ort_release_session_options(const OrtLibrary *l, OrtSessionOptions *options) {
    ENTRY(l, RELEASE_SESSION_OPTIONS, void (*)(OrtSessionOptions *))(options);
}

void ort_release_session(const OrtLibrary *l, OrtSession *session) {
    ENTRY(l, RELEASE_SESSION, void (*)(OrtSession *))(session);
}

void ort_release_memory_info(const OrtLibrary *l, OrtMemoryInfo *info) {
    ENTRY(l, RELEASE_MEMORY_INFO, void (*)(OrtMemoryInfo *))(info);
}

void ort_release_value(const OrtLibrary *l, OrtValue *value) { ENTRY(l, RELEASE_VALUE, void (*)(OrtValue *))(value); }
