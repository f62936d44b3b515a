/* The kernels compiled for AVX2 + FMA (CMake adds -mavx2 -mfma to this file
 * only); chosen at run time when the CPU has both. */
#define RNN_KERNELS_TABLE rnn_kernels_avx2
#define RNN_KERNELS_NAME "avx2-fma"
#include "kernels_body.h"
