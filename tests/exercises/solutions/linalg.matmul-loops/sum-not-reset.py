import numpy as np


def matmul(A, B):
    m, k = A.shape
    k2, n = B.shape
    if k != k2:
        raise ValueError(f"cannot multiply {A.shape} by {B.shape}")
    C = np.zeros((m, n))
    total = 0.0
    for i in range(m):
        for j in range(n):
            for t in range(k):
                total += A[i, t] * B[t, j]
            C[i, j] = total
    return C
