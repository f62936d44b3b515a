/* The kernels compiled for AVX-512 (CMake adds -mavx512f and friends to this
 * file only); chosen at run time when the CPU has them. The whole-window
 * products use 512-bit tiles (kernels_window.h); element-wise loops stay at
 * 256 bits (-mprefer-vector-width=256), as in the AVX2 table. */
#define RNN_KERNELS_TABLE rnn_kernels_avx512
#define RNN_KERNELS_NAME "avx512"
#include "kernels_body.h"
