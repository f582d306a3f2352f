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


def openblas_core():
    """The kernel set of the OpenBLAS that torch and numpy have loaded (OPENBLAS_CORETYPE or its own detection), or None."""
    import ctypes
    try:
        lib = ctypes.CDLL('libopenblas.so.0')
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return lib.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return None
