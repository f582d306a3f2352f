#include <cmath>

#include "kernels.h"

namespace optlab {

// Per row in double: lse = max + log Σ exp(x − max); loss = Σ_j labels_j·(lse − x_j); the
// gradient (softmax − labels)·gradScale.
double softmaxCrossEntropy(const float* logits, const float* labels, int64_t rows, int64_t cols, float* grad,
                           float gradScale) {
  double total = 0.0;
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = logits + r * cols;
    const float* l = labels + r * cols;
    double max = x[0];
    for (int64_t j = 1; j < cols; ++j) max = x[j] > max || x[j] != x[j] ? x[j] : max;
    double sum = 0.0;
    for (int64_t j = 0; j < cols; ++j) sum += std::exp(static_cast<double>(x[j]) - max);
    const double lse = max + std::log(sum);
    double loss = 0.0;
    for (int64_t j = 0; j < cols; ++j) loss += static_cast<double>(l[j]) * (lse - x[j]);
    total += loss;
    if (grad != nullptr) {
      float* g = grad + r * cols;
      for (int64_t j = 0; j < cols; ++j) {
        const float softmax = static_cast<float>(std::exp(static_cast<double>(x[j]) - lse));
        g[j] = (softmax - l[j]) * gradScale;
      }
    }
  }
  return total;
}

}  // namespace optlab
