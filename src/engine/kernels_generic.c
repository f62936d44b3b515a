/* The kernels for any CPU (fma() may be a library call here). */
#define RNN_KERNELS_TABLE rnn_kernels_generic
#define RNN_KERNELS_NAME "generic"
#include "kernels_body.h"
