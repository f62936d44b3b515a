/* The kernels compiled for AVX-512 (CMake adds -mavx512f and friends to this
 * file only); chosen at run time when the CPU has them. The whole-window
 * products use 512-bit tiles (kernels_window.h) and the element-wise loops
 * 512-bit vectors: the same operations as the other tables, so the same bits. */
#define RNN_KERNELS_TABLE rnn_kernels_avx512
#define RNN_KERNELS_NAME "avx512"
#include "kernels_body.h"
