#ifndef CONNXRUNTIME_H
#define CONNXRUNTIME_H
/* The few ONNX Runtime C API entry points Glimpse uses, declared by hand: the PyPI
   wheel ships libonnxruntime.so without headers, and Glimpse loads it with dlopen at
   run time so that building and most tests never need it.

   ONNX Runtime exports one symbol, OrtGetApiBase. Its GetApi(version) returns the
   OrtApi struct: a table of function pointers whose order is frozen (new entries are
   only appended), so an entry is reached by its index. The indices below are those of
   onnxruntime_c_api.h; the table of API version ORT_API_VERSION_REQUESTED has them all. */
#include <stddef.h>
#include <stdint.h>

typedef struct OrtStatus OrtStatus;
typedef struct OrtEnv OrtEnv;
typedef struct OrtSession OrtSession;
typedef struct OrtSessionOptions OrtSessionOptions;
typedef struct OrtValue OrtValue;
typedef struct OrtMemoryInfo OrtMemoryInfo;
typedef struct OrtTensorTypeAndShapeInfo OrtTensorTypeAndShapeInfo;

/* The API version Glimpse asks for: ONNX Runtime 1.17 or newer provides it. */
#define ORT_API_VERSION_REQUESTED 17

/* An ONNX Runtime loaded with dlopen, with the function table of the requested version. */
typedef struct OrtLibrary {
    void *handle;
    void *const *api;
    const char *version; /* the runtime's own version string, e.g. "1.32.0" */
} OrtLibrary;

/* Loads the library at path. On failure returns -1 and writes a message into error
   (dlopen's text, a missing OrtGetApiBase, or an API version the library lacks). */
int ort_load(const char *path, OrtLibrary *library, char *error, size_t error_size);

/* Each wrapper calls one table entry; a non-NULL OrtStatus is an error (read it with
   ort_error_message, then free it with ort_release_status). */
const char *ort_error_message(const OrtLibrary *l, const OrtStatus *status);
int ort_error_code(const OrtLibrary *l, const OrtStatus *status);
void ort_release_status(const OrtLibrary *l, OrtStatus *status);

OrtStatus *ort_create_env(const OrtLibrary *l, int logging_level, const char *log_id, OrtEnv **out);
OrtStatus *ort_create_session_options(const OrtLibrary *l, OrtSessionOptions **out);
OrtStatus *ort_set_intra_op_threads(const OrtLibrary *l, OrtSessionOptions *options, int threads);
OrtStatus *ort_set_inter_op_threads(const OrtLibrary *l, OrtSessionOptions *options, int threads);
/* A session option by key (onnxruntime_session_options_config_keys.h), e.g.
   "session.intra_op.allow_spinning" = "0". */
OrtStatus *ort_add_session_config_entry(const OrtLibrary *l, OrtSessionOptions *options, const char *key, const char *value);
OrtStatus *ort_create_session(const OrtLibrary *l, const OrtEnv *env, const char *model_path,
                              const OrtSessionOptions *options, OrtSession **out);
OrtStatus *ort_session_input_count(const OrtLibrary *l, const OrtSession *session, size_t *out);
OrtStatus *ort_session_output_count(const OrtLibrary *l, const OrtSession *session, size_t *out);
OrtStatus *ort_create_cpu_memory_info(const OrtLibrary *l, OrtMemoryInfo **out);
/* A float32 tensor over caller-owned memory (not copied; keep it alive until released). */
OrtStatus *ort_create_float_tensor(const OrtLibrary *l, const OrtMemoryInfo *info, float *data, size_t count,
                                   const int64_t *shape, size_t rank, OrtValue **out);
OrtStatus *ort_run(const OrtLibrary *l, OrtSession *session, const char *const *input_names,
                   const OrtValue *const *inputs, size_t input_count, const char *const *output_names,
                   size_t output_count, OrtValue **outputs);
OrtStatus *ort_tensor_data(const OrtLibrary *l, OrtValue *value, void **out);
/* Writes up to capacity dimensions of a tensor's shape into dims; *rank gets the true rank. */
OrtStatus *ort_tensor_shape(const OrtLibrary *l, const OrtValue *value, int64_t *dims, size_t capacity, size_t *rank);

void ort_release_env(const OrtLibrary *l, OrtEnv *env);
void ort_release_session_options(const OrtLibrary *l, OrtSessionOptions *options);
void ort_release_session(const OrtLibrary *l, OrtSession *session);
void ort_release_memory_info(const OrtLibrary *l, OrtMemoryInfo *info);
void ort_release_value(const OrtLibrary *l, OrtValue *value);
#endif
