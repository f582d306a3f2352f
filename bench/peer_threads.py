"""PyTorch held to a thread count, for the peer benchmarks.

torch.set_num_threads sets PyTorch's own intra-op pool, but Debian's python3-torch calls the OpenBLAS
of libopenblas0-pthread for its matmuls, and that library starts one thread per core when it is
loaded, whatever PyTorch is told. Its count (and OpenMP's) is read from the environment at load
time, so it has to be set before the library is first loaded: before numpy (which links the same
OpenBLAS) and torch are imported. Import torch through torch_with_threads, and numpy after it.
"""
import os


def torch_with_threads(threads):
    for name in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'):
        os.environ[name] = str(threads)
    import torch
    torch.set_num_threads(threads)
    return torch
