#ifndef CGLAB_CZLIB_SHIM_H
#define CGLAB_CZLIB_SHIM_H
#include <zlib.h>
#endif
