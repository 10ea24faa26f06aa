/* The system libvips headers; found through pkg-config (Debian: libvips-dev). */
#include <vips/vips.h>
